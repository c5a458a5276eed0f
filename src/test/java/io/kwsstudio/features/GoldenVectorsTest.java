package io.kwsstudio.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The published test vectors of TensorFlow's own spectrogram, mel filterbank and MFCC kernel tests. */
class GoldenVectorsTest {
    private static final double TOLERANCE = 1e-4;

    /** Bins 1..513 as the squared magnitude, as TF's kernel tests feed them. */
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
        double[][] squared = s.compute(new float[] {-1, 0, 1, 0, -1, 0, 1, 0});
        assertThat(squared.length).isEqualTo(1);
        assertThat(squared[0]).hasSize(5);
        double[] expectedMagnitude = {0, 1, 2, 1, 0};
        double[] expectedSquared = {0, 1, 4, 1, 0};
        for (int k = 0; k < 5; k++) {
            assertThat(Math.sqrt(squared[0][k])).as("magnitude bin %d", k).isCloseTo(expectedMagnitude[k], within(TOLERANCE));
            assertThat(squared[0][k]).as("squared bin %d", k).isCloseTo(expectedSquared[k], within(TOLERANCE));
        }
    }

    @Test
    void melFilterbankTwentyChannels() {
        double[] expected = {7.38894574, 10.30330648, 13.72703292, 17.24158686, 21.35253118, 25.77781089,
                31.30624108, 37.05877236, 43.9436536, 51.80306637, 60.79867148, 71.14363376, 82.90910141,
                96.50069158, 112.08428368, 129.96721968, 150.4277597, 173.74997634, 200.86037462, 231.59802942};
        MelFilterbank fb = new MelFilterbank(513, 22050, 20, 20, 4000);
        double[] out = fb.apply(ramp513());
        assertThat(out).hasSize(20);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("channel %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }

    @Test
    void mfccThirteenCoefficients() {
        double[] expected = {29.13970072, -6.41568601, -0.61903012, -0.96778652, -0.26819878, -0.40907028,
                -0.15614748, -0.23203119, -0.10481487, -0.1543029, -0.0769791, -0.10806114, -0.06047613};
        Mfcc mfcc = new Mfcc(513, 22050, 40, 20, 4000, 13);
        double[] out = mfcc.compute(ramp513());
        assertThat(out).hasSize(13);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("coefficient %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }

    @Test
    void mfccBuildingBlocksComposeLikeTheOp() {
        // The op = log(max(filterbank, 1e-12)) then DCT; check the pieces agree with the whole.
        MelFilterbank fb = new MelFilterbank(513, 22050, 40, 20, 4000);
        double[] mel = fb.apply(ramp513());
        for (int i = 0; i < mel.length; i++) {
            mel[i] = Math.log(Math.max(mel[i], 1e-12));
        }
        double[] viaBlocks = new Dct(40, 13).apply(mel);
        double[] viaOp = new Mfcc(513, 22050, 40, 20, 4000, 13).compute(ramp513());
        assertThat(viaBlocks).containsExactly(viaOp, within(1e-12));
    }
}
