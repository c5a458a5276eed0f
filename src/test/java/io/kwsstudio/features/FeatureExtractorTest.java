package io.kwsstudio.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureExtractorTest {

    @ParameterizedTest
    @CsvSource({
            "mfcc, 30, 10, 40, 98, 40",
            "mfcc, 25, 10, 13, 98, 13",
            "mfcc, 40, 20, 10, 49, 10",
            "spectrogram, 30, 10, 40, 98, 257",
            "average, 30, 10, 40, 98, 43",
            "log-mel, 30, 10, 40, 98, 40",
            "spectrogram, 25, 10, 40, 98, 257",
            "spectrogram, 20, 20, 40, 50, 257",
    })
    void shapes(String kind, double window, double stride, int coefficients, int frames, int bins) {
        FeatureConfig cfg = FeatureConfig.defaults().withKind(FeatureKind.fromJson(kind)).withWindowSizeMs(window)
                .withWindowStrideMs(stride).withFeatureBinCount(coefficients);
        assertThat(cfg.frames()).isEqualTo(frames);
        assertThat(cfg.bins()).isEqualTo(bins);
        assertThat(new FeatureExtractor(cfg).extract(new float[16000])).hasSize(frames * bins);
    }

    @Test
    void aToneShowsUpInItsBin() {
        FeatureConfig cfg = FeatureConfig.defaults().withKind(FeatureKind.SPECTROGRAM);
        float[] audio = new float[16000];
        double hz = 1000; // 1000 / (16000 / 512) = bin 32
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        float[] f = new FeatureExtractor(cfg).extract(audio);
        int bins = cfg.bins();
        for (int frame = 0; frame < cfg.frames(); frame += 17) {
            int best = 0;
            for (int b = 1; b < bins; b++) {
                if (f[frame * bins + b] > f[frame * bins + best]) {
                    best = b;
                }
            }
            assertThat(best).isEqualTo(32);
        }
    }

    @Test
    void silenceIsFiniteAndNoiseIsInThePlausibleRange() {
        FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults());
        float[] silent = fx.extract(new float[16000]);
        for (float v : silent) {
            assertThat(v).isFinite();
        }
        // ln(1e-12) * sqrt(2/40) * 40 = the c0 of silence
        assertThat((double) silent[0]).isCloseTo(Math.log(1e-12) * Math.sqrt(2.0 / 40) * 40, within(1e-3));
        Random rnd = new Random(5);
        float[] noise = new float[16000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (rnd.nextGaussian() * 0.1);
        }
        for (float v : fx.extract(noise)) {
            assertThat(v).isBetween(-250f, 60f);
        }
    }

    @Test
    void shortClipsArePaddedAndLongOnesCut() {
        FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults());
        Random rnd = new Random(2);
        float[] audio = new float[16000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        float[] longer = java.util.Arrays.copyOf(audio, 24000);
        java.util.Arrays.fill(longer, 16000, 24000, 0.9f);
        assertThat(fx.extract(longer)).containsExactly(fx.extract(audio));
        float[] shorter = java.util.Arrays.copyOf(audio, 8000);
        float[] padded = java.util.Arrays.copyOf(shorter, 16000);
        assertThat(fx.extract(shorter)).containsExactly(fx.extract(padded));
    }

    @Test
    void averagePoolingMatchesTheReferenceSamePadding() {
        FeatureConfig spec = FeatureConfig.defaults().withKind(FeatureKind.SPECTROGRAM);
        FeatureConfig avg = FeatureConfig.defaults().withKind(FeatureKind.AVERAGE);
        Random rnd = new Random(3);
        float[] audio = new float[16000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        float[] s = new FeatureExtractor(spec).extract(audio);
        float[] a = new FeatureExtractor(avg).extract(audio);
        // frame 5: window of 6 bins; the last window holds only bins 252..256 and averages those 5
        double first = 0;
        for (int b = 0; b < 6; b++) {
            first += s[5 * 257 + b];
        }
        assertThat((double) a[5 * 43]).isCloseTo(first / 6, within(1e-3 * Math.abs(first)));
        double last = 0;
        for (int b = 252; b < 257; b++) {
            last += s[5 * 257 + b];
        }
        assertThat((double) a[5 * 43 + 42]).isCloseTo(last / 5, within(1e-3 * Math.abs(last)));
    }

    @Test
    void logMelIsTheMfccBeforeItsDct() {
        FeatureConfig mfccCfg = FeatureConfig.defaults();
        FeatureConfig logMel = mfccCfg.withKind(FeatureKind.LOG_MEL);
        Random rnd = new Random(4);
        float[] audio = new float[16000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) rnd.nextGaussian() * 0.2f;
        }
        float[] mel = new FeatureExtractor(logMel).extract(audio);
        float[] mfcc = new FeatureExtractor(mfccCfg).extract(audio);
        double[] frame = new double[40];
        for (int i = 0; i < 40; i++) {
            frame[i] = mel[i];
        }
        double[] c = new Dct(40, 40).apply(frame);
        for (int i = 0; i < 40; i++) {
            assertThat((double) mfcc[i]).isCloseTo(c[i], within(1e-3));
        }
    }

    @Test
    void batchOnTwoThreadsEqualsOneThread() {
        FeatureConfig cfg = FeatureConfig.defaults();
        Random rnd = new Random(9);
        List<float[]> clips = new ArrayList<>();
        for (int c = 0; c < 7; c++) {
            float[] a = new float[16000 - c * 100];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rnd.nextGaussian() * 0.1f;
            }
            clips.add(a);
        }
        float[] one = new float[clips.size() * cfg.size()];
        float[] two = new float[clips.size() * cfg.size()];
        BatchFeatures.extract(cfg, clips, one, 1);
        BatchFeatures.extract(cfg, clips, two, 2);
        assertThat(two).containsExactly(one);
        assertThat(java.util.Arrays.copyOfRange(one, 3 * cfg.size(), 4 * cfg.size()))
                .containsExactly(new FeatureExtractor(cfg).extract(clips.get(3)));
    }

    @Test
    void configJsonRoundTripAndValidation() {
        FeatureConfig cfg = FeatureConfig.defaults().withKind(FeatureKind.LOG_MEL).withWindowStrideMs(20);
        String json = cfg.toJson();
        assertThat(json).contains("\"window_stride_ms\" : 20.0").contains("\"kind\" : \"log-mel\"");
        assertThat(FeatureConfig.fromJson(json)).isEqualTo(cfg);
        assertThat(FeatureConfig.fromJson("{}")).isEqualTo(FeatureConfig.defaults());
        assertThat(FeatureConfig.fromJson("{\"feature_bin_count\": 13}").featureBinCount()).isEqualTo(13);
        assertThat(cfg.fingerprint()).isNotEqualTo(FeatureConfig.defaults().fingerprint()).hasSize(12);
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"feature_bin_count\": 50}")).hasMessageContaining("more coefficients");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"upper_frequency_limit\": 9000}")).hasMessageContaining("half the sample rate");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"window_size_ms\": 2000}")).hasMessageContaining("longer than the clip");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"kind\": \"wavelet\"}")).hasMessageContaining("unknown feature kind");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"colour\": 1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeatureConfig.fromJson("[1]")).hasMessageContaining("JSON object");
    }
}
