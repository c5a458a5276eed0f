package io.kwsstudio.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureExtractorTest {

    static Stream<FeatureConfig> configs() {
        FeatureConfig d = FeatureConfig.defaults();
        return Stream.of(
                d,
                d.withWindowSizeMs(25),
                d.withWindowSizeMs(40).withWindowStrideMs(20).withFeatureBinCount(10),
                d.withWindowSizeMs(64),                                        // 1024-point FFT: odd log2(n/2)
                d.withFeatureBinCount(13).withFilterbankChannelCount(20).withSampleRate(8000).withUpperFrequencyLimit(3800),
                d.withFeatureBinCount(13).withFilterbankChannelCount(25),     // odd channel count: DCT middle row
                d.withKind(FeatureKind.LOG_MEL),
                d.withKind(FeatureKind.SPECTROGRAM),
                d.withKind(FeatureKind.AVERAGE),
                d.withKind(FeatureKind.AVERAGE).withFeatureBinCount(50),      // SAME padding on both sides
                d.withKind(FeatureKind.SPECTROGRAM).withSampleRate(1000).withWindowSizeMs(8).withWindowStrideMs(1)
                        .withClipDurationMs(40),                               // 8-point FFT, stride 1
                d.withKind(FeatureKind.SPECTROGRAM).withSampleRate(1000).withWindowSizeMs(2).withWindowStrideMs(3)
                        .withClipDurationMs(20),                               // 2-point FFT, gaps between windows
                d.withClipDurationMs(3000));                                   // 298 frames: several blocks
    }

    @ParameterizedTest
    @MethodSource("configs")
    void matchesTheDoublePrecisionReference(FeatureConfig cfg) {
        float[] audio = ReferenceFeatures.speechLike(cfg.clipSamples(), cfg.sampleRate(), 3);
        float[] fast = new FeatureExtractor(cfg).extract(audio);
        double[][] ref = ReferenceFeatures.compute(cfg, audio);
        assertThat(ref.length).isEqualTo(cfg.frames());
        assertThat(fast).hasSize(cfg.frames() * cfg.bins());
        for (int f = 0; f < ref.length; f++) {
            assertThat(ref[f]).hasSize(cfg.bins());
            for (int b = 0; b < cfg.bins(); b++) {
                double expected = ref[f][b];
                double actual = fast[f * cfg.bins() + b];
                // Log features: absolute; power features: relative to the frame's total (float FFT noise floor).
                double tol = switch (cfg.kind()) {
                    case MFCC, LOG_MEL -> 2e-4;
                    default -> 1e-5 * rowMax(ref[f]) + 1e-12;
                };
                assertThat(Math.abs(actual - expected)).as("%s frame %d bin %d: %s vs %s", cfg.kind(), f, b, actual, expected)
                        .isLessThanOrEqualTo(tol);
            }
        }
    }

    private static double rowMax(double[] row) {
        double m = 0;
        for (double v : row) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void shorterClipsAreZeroPaddedAndLongerOnesTruncated() {
        FeatureConfig cfg = FeatureConfig.defaults();
        FeatureExtractor fx = new FeatureExtractor(cfg);
        float[] full = ReferenceFeatures.speechLike(cfg.clipSamples(), 16000, 9);
        float[] half = java.util.Arrays.copyOf(full, 8000);
        float[] halfPadded = java.util.Arrays.copyOf(half, cfg.clipSamples());
        assertThat(fx.extract(half)).isEqualTo(fx.extract(halfPadded));
        float[] longer = java.util.Arrays.copyOf(full, 24000);
        java.util.Arrays.fill(longer, 16000, 24000, 0.9f);
        assertThat(fx.extract(longer)).isEqualTo(fx.extract(full));
        assertThat(fx.extract(new float[0])).isEqualTo(fx.extract(new float[cfg.clipSamples()]));
    }

    @Test
    void extractsAWindowOfALongerRecordingInPlace() {
        FeatureConfig cfg = FeatureConfig.defaults();
        FeatureExtractor fx = new FeatureExtractor(cfg);
        float[] recording = ReferenceFeatures.speechLike(40000, 16000, 5);
        float[] out = new float[7 + cfg.valuesPerClip()];
        fx.extract(recording, 12345, 16000, out, 7);
        float[] expected = fx.extract(java.util.Arrays.copyOfRange(recording, 12345, 12345 + 16000));
        assertThat(java.util.Arrays.copyOfRange(out, 7, out.length)).isEqualTo(expected);
        // A view shorter than a clip is zero-padded: the samples after it in the array must not leak in.
        fx.extract(recording, 12345, 8000, out, 7);
        float[] shortView = fx.extract(java.util.Arrays.copyOfRange(recording, 12345, 12345 + 8000));
        assertThat(java.util.Arrays.copyOfRange(out, 7, out.length)).isEqualTo(shortView);
        assertThatThrownBy(() -> fx.extract(recording, 30000, 16000, out, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> fx.extract(recording, out, 8)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void infiniteOrNanSamplesGiveTheSameNonFiniteFeaturesAsTheReference() {
        FeatureConfig cfg = FeatureConfig.defaults();
        FeatureExtractor fx = new FeatureExtractor(cfg);
        float[] audio = ReferenceFeatures.speechLike(cfg.clipSamples(), 16000, 4);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            float[] clip = audio.clone();
            clip[5000] = bad;
            float[] fast = fx.extract(clip);
            double[][] ref = ReferenceFeatures.compute(cfg, clip);
            for (int f = 0; f < ref.length; f++) {
                for (int b = 0; b < cfg.bins(); b++) {
                    double expected = ref[f][b];
                    float actual = fast[f * cfg.bins() + b];
                    if (Double.isFinite(expected)) {
                        assertThat(Math.abs(actual - expected)).as("%s: frame %d bin %d", bad, f, b).isLessThan(2e-4);
                    } else {
                        // A finite value here would hide the broken sample from the user.
                        assertThat(Float.isFinite(actual)).as("%s: frame %d bin %d is %s", bad, f, b, actual).isFalse();
                    }
                }
            }
            // The next, clean clip is unaffected.
            assertThat(fx.extract(audio)).isEqualTo(new FeatureExtractor(cfg).extract(audio));
        }
    }
}
