package io.kwsstudio.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Features of signals whose answer is known without TensorFlow. */
class FeatureSignalTest {
    private static final FeatureConfig D = FeatureConfig.defaults();

    private static float[] sine(double hz, double amplitude, int samples, int sampleRate) {
        float[] a = new float[samples];
        for (int i = 0; i < samples; i++) {
            a[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return a;
    }

    @Test
    void sineSpectrogramPeaksAtItsBin() {
        FeatureConfig cfg = D.withKind(FeatureKind.SPECTROGRAM);
        double hzPerBin = 16000.0 / 512;   // 31.25
        for (double hz : List.of(1000.0, 440.0, 3000.0)) {
            float[] spec = new FeatureExtractor(cfg).extract(sine(hz, 0.5, 16000, 16000));
            int expectedBin = (int) Math.round(hz / hzPerBin);
            for (int f = 0; f < cfg.frames(); f++) {
                int peak = 0;
                for (int k = 1; k < cfg.bins(); k++) {
                    if (spec[f * cfg.bins() + k] > spec[f * cfg.bins() + peak]) {
                        peak = k;
                    }
                }
                assertThat(peak).as("%s Hz, frame %d", hz, f).isEqualTo(expectedBin);
            }
        }
        // 1000 Hz is exactly bin 32: Parseval says the windowed energy is (0.5^2/2) * sum(w^2) * 512 over the
        // peak and its two Hann neighbours (exact for a tone on a bin centre with a 512-sample window).
        FeatureConfig exact = cfg.withWindowSizeMs(32);
        float[] spec = new FeatureExtractor(exact).extract(sine(1000, 0.5, 16000, 16000));
        double[] w = Spectrogram.periodicHann(512);
        double sumW2 = 0;
        for (double v : w) {
            sumW2 += v * v;
        }
        double total = 0;
        for (int k = 0; k < exact.bins(); k++) {
            total += spec[k] * (k == 0 || k == exact.bins() - 1 ? 1 : 2);
        }
        assertThat(total / 512).isCloseTo(0.125 * sumW2, within(1e-3 * 0.125 * sumW2));
    }

    @Test
    void silenceGivesTheLogFloorNotInfinity() {
        float[] mfcc = new FeatureExtractor(D).extract(new float[16000]);
        double floorC0 = Math.sqrt(2.0 / 40) * 40 * Math.log(1e-12);   // -247.15: the bottom of the reference's range
        for (int f = 0; f < D.frames(); f++) {
            assertThat((double) mfcc[f * 40]).isCloseTo(floorC0, within(1e-3));
            for (int i = 1; i < 40; i++) {
                assertThat(mfcc[f * 40 + i]).isCloseTo(0f, within(1e-4f));
            }
        }
        float[] logMel = new FeatureExtractor(D.withKind(FeatureKind.LOG_MEL)).extract(new float[16000]);
        for (float v : logMel) {
            assertThat((double) v).isCloseTo(Math.log(1e-12), within(1e-5));
        }
    }

    @Test
    void speechLikeAudioFallsInThePlausibleRange() {
        float[] mfcc = new FeatureExtractor(D).extract(ReferenceFeatures.speechLike(16000, 16000, 11));
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : mfcc) {
            assertThat(Float.isFinite(v)).isTrue();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // The reference documents about -247 .. 30 for speech; c0 carries the loudness.
        assertThat(min).isGreaterThan(-248f);
        assertThat(max).isLessThan(60f);
        assertThat(mfcc[0]).isGreaterThan(-150f).isLessThan(60f);   // a loud frame is far above the floor
    }

    @Test
    void louderAudioRaisesOnlyC0ByTheLogOfTheGain() {
        // ln(g * x) = ln g + ln x: a gain adds sqrt(2/N) * N * ln(g) to c0 and leaves the rest alone.
        float[] audio = ReferenceFeatures.speechLike(16000, 16000, 4);
        float[] louder = audio.clone();
        for (int i = 0; i < louder.length; i++) {
            louder[i] *= 2;
        }
        FeatureExtractor fx = new FeatureExtractor(D);
        float[] a = fx.extract(audio);
        float[] b = fx.extract(louder);
        double shift = Math.sqrt(2.0 / 40) * 40 * Math.log(2);
        for (int f = 0; f < D.frames(); f++) {
            assertThat((double) b[f * 40] - a[f * 40]).isCloseTo(shift, within(1e-3));
            for (int i = 1; i < 40; i++) {
                assertThat(b[f * 40 + i]).isCloseTo(a[f * 40 + i], within(1e-3f));
            }
        }
    }

    @Test
    void averagePoolingKeepsTotalEnergyPerBinWidth() {
        FeatureConfig avg = D.withKind(FeatureKind.AVERAGE);
        float[] audio = ReferenceFeatures.speechLike(16000, 16000, 8);
        float[] pooled = new FeatureExtractor(avg).extract(audio);
        float[] spec = new FeatureExtractor(D.withKind(FeatureKind.SPECTROGRAM)).extract(audio);
        // 257 bins, width 6, 43 outputs: total pad 1, all of it after, so the last cell averages 5 bins.
        for (int f = 0; f < avg.frames(); f++) {
            double first = 0, last = 0;
            for (int k = 0; k < 6; k++) {
                first += spec[f * 257 + k];
            }
            for (int k = 252; k < 257; k++) {
                last += spec[f * 257 + k];
            }
            assertThat((double) pooled[f * 43]).isCloseTo(first / 6, within(1e-5 * first + 1e-9));
            assertThat((double) pooled[f * 43 + 42]).isCloseTo(last / 5, within(1e-5 * last + 1e-9));
        }
    }
}
