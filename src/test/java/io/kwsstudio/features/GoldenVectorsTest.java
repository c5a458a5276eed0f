package io.kwsstudio.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The test vectors published with TensorFlow's own Spectrogram, MfccMelFilterbank and Mfcc kernels. */
class GoldenVectorsTest {
    private static double[] ramp513() {
        double[] in = new double[513];
        for (int i = 0; i < in.length; i++) {
            in[i] = i + 1;
        }
        return in;
    }

    @Test
    void spectrogramOfAlternatingSignal() {
        Spectrogram s = new Spectrogram(8, 1);
        double[][] power = s.compute(new double[] {-1, 0, 1, 0, -1, 0, 1, 0});
        assertThat(power).hasNumberOfRows(1);
        double[] expectedMagnitude = {0, 1, 2, 1, 0};
        for (int i = 0; i < 5; i++) {
            assertThat(Math.sqrt(power[0][i])).isCloseTo(expectedMagnitude[i], within(1e-4));
            assertThat(power[0][i]).isCloseTo(expectedMagnitude[i] * expectedMagnitude[i], within(1e-4));
        }
    }

    @Test
    void melFilterbank() {
        double[] expected = {7.38894574, 10.30330648, 13.72703292, 17.24158686, 21.35253118, 25.77781089, 31.30624108,
                37.05877236, 43.9436536, 51.80306637, 60.79867148, 71.14363376, 82.90910141, 96.50069158, 112.08428368,
                129.96721968, 150.4277597, 173.74997634, 200.86037462, 231.59802942};
        double[] out = new MelFilterbank(513, 22050, 20, 20, 4000).apply(ramp513());
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("channel %d", i).isCloseTo(expected[i], within(1e-4));
        }
    }

    @Test
    void mfcc() {
        double[] expected = {29.13970072, -6.41568601, -0.61903012, -0.96778652, -0.26819878, -0.40907028, -0.15614748,
                -0.23203119, -0.10481487, -0.1543029, -0.0769791, -0.10806114, -0.06047613};
        double[] mel = new MelFilterbank(513, 22050, 40, 20, 4000).apply(ramp513());
        for (int i = 0; i < mel.length; i++) {
            mel[i] = Math.log(Math.max(mel[i], 1e-12));
        }
        double[] out = new Dct(40, 13).apply(mel);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("coefficient %d", i).isCloseTo(expected[i], within(1e-4));
        }
    }
}
