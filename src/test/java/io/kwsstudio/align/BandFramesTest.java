package io.kwsstudio.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.tasks.CancellationToken;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The FFT and the band energies the detector is built on. */
class BandFramesTest {

    @Test
    void fftMatchesTheDefinition() {
        int n = 64;
        SplittableRandom rng = new SplittableRandom(4);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = rng.nextDouble(-1, 1);
            im[i] = rng.nextDouble(-1, 1);
        }
        double[] wantRe = new double[n];
        double[] wantIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * k * t / n;
                wantRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                wantIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
            }
        }

        new Fft(n).transform(re, im);

        for (int k = 0; k < n; k++) {
            assertThat(re[k]).isCloseTo(wantRe[k], within(1e-9));
            assertThat(im[k]).isCloseTo(wantIm[k], within(1e-9));
        }
        assertThatThrownBy(() -> new Fft(48)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aToneLandsInItsBandWithItsMeanSquare() {
        int rate = 16000;
        float[] x = new float[rate];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }

        BandFrames bf = BandFrames.of(new AudioClip(x, rate), CancellationToken.NONE);

        int band = 2;  // 700-1500 Hz
        int t = bf.frames / 2;
        assertThat(bf.energy[band][t]).isCloseTo(0.125f, within(0.01f));
        assertThat(bf.broadband[t]).isCloseTo(0.125f, within(0.01f));
        for (int b = 0; b < bf.bands(); b++) {
            if (b != band) {
                assertThat(10 * Math.log10(bf.energy[b][t] / 0.125)).as("band %d", b)
                        .isLessThan(-40);
            }
        }
    }

    @Test
    void theLastFramesDoNotLeakLowHumIntoHighBands() {
        // A partial window at the end would spread a strong 100 Hz hum over every band.
        int rate = 16000;
        float[] x = new float[rate + 37];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.8 * Math.sin(2 * Math.PI * 100 * i / rate));
        }

        BandFrames bf = BandFrames.of(new AudioClip(x, rate), CancellationToken.NONE);

        int top = 5;  // 5-8 kHz
        float middle = bf.energy[top][bf.frames / 2];
        for (int t = bf.frames - 5; t < bf.frames; t++) {
            assertThat(bf.energy[top][t]).isLessThan(middle * 10 + 1e-12f);
        }
    }

    @Test
    void bandsAboveNyquistAreLeftOut() {
        assertThat(BandFrames.bandBins(16000, 256).length).isEqualTo(BandFrames.BANDS_HZ.length);
        // At 8 kHz there is no 5-8 kHz band; the others stop below 4 kHz.
        int[][] bins = BandFrames.bandBins(8000, 128);
        assertThat(bins.length).isEqualTo(BandFrames.BANDS_HZ.length - 1);
        for (int[] b : bins) {
            assertThat(b[1]).isLessThanOrEqualTo(64);
        }
    }
}
