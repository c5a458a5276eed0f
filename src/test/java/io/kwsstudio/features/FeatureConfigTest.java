package io.kwsstudio.features;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureConfigTest {
    private static final FeatureConfig D = FeatureConfig.defaults();

    @Test
    void defaultsAreTheReferenceTrainers() {
        assertThat(D.kind()).isEqualTo(FeatureKind.MFCC);
        assertThat(D.sampleRate()).isEqualTo(16000);
        assertThat(D.clipSamples()).isEqualTo(16000);
        assertThat(D.windowSamples()).isEqualTo(480);
        assertThat(D.strideSamples()).isEqualTo(160);
        assertThat(D.fftSize()).isEqualTo(512);
        assertThat(D.spectrogramBins()).isEqualTo(257);
        assertThat(D.frames()).isEqualTo(98);
        assertThat(D.bins()).isEqualTo(40);
        assertThat(D.valuesPerClip()).isEqualTo(98 * 40);
        assertThat(D.lowerFrequencyLimit()).isEqualTo(20.0);
        assertThat(D.upperFrequencyLimit()).isEqualTo(4000.0);
        assertThat(D.filterbankChannelCount()).isEqualTo(40);
    }

    @Test
    void shapesForOtherSettingsAndKinds() {
        FeatureConfig w25 = D.withWindowSizeMs(25);
        assertThat(w25.windowSamples()).isEqualTo(400);
        assertThat(w25.fftSize()).isEqualTo(512);
        assertThat(w25.frames()).isEqualTo(1 + (16000 - 400) / 160);   // 98
        FeatureConfig dsCnn = D.withWindowSizeMs(40).withWindowStrideMs(20).withFeatureBinCount(10);
        assertThat(dsCnn.frames()).isEqualTo(49);
        assertThat(dsCnn.bins()).isEqualTo(10);
        assertThat(dsCnn.fftSize()).isEqualTo(1024);
        assertThat(D.withKind(FeatureKind.SPECTROGRAM).bins()).isEqualTo(257);
        assertThat(D.withKind(FeatureKind.AVERAGE).averageWindowWidth()).isEqualTo(6);
        assertThat(D.withKind(FeatureKind.AVERAGE).bins()).isEqualTo(43);
        assertThat(D.withKind(FeatureKind.LOG_MEL).bins()).isEqualTo(40);
        assertThat(D.withKind(FeatureKind.LOG_MEL).withFilterbankChannelCount(64).bins()).isEqualTo(64);
        for (FeatureConfig c : new FeatureConfig[] {D, w25, dsCnn, D.withKind(FeatureKind.SPECTROGRAM),
                D.withKind(FeatureKind.AVERAGE), D.withKind(FeatureKind.LOG_MEL)}) {
            assertThat(new FeatureExtractor(c).extract(new float[c.clipSamples()]))
                    .as(c.toJson()).hasSize(c.frames() * c.bins());
        }
    }

    @Test
    void jsonUsesTheReferenceFlagNames() {
        assertThat(D.toJson()).isEqualTo("{\"kind\":\"mfcc\",\"sample_rate\":16000,\"clip_duration_ms\":1000,"
                + "\"window_size_ms\":30.0,\"window_stride_ms\":10.0,\"feature_bin_count\":40,"
                + "\"lower_frequency_limit\":20.0,\"upper_frequency_limit\":4000.0,\"filterbank_channel_count\":40}");
        assertThat(D.withKind(FeatureKind.LOG_MEL).toJson()).contains("\"kind\":\"log-mel\"");
        assertThat(D.withKind(FeatureKind.AVERAGE).toJson()).contains("\"kind\":\"average\"");
        assertThat(D.withKind(FeatureKind.SPECTROGRAM).toJson()).contains("\"kind\":\"spectrogram\"");
    }

    @Test
    void jsonRoundTripsAndFillsMissingFieldsWithDefaults() {
        for (FeatureConfig c : new FeatureConfig[] {D, D.withKind(FeatureKind.LOG_MEL).withWindowSizeMs(25.5),
                D.withKind(FeatureKind.AVERAGE).withSampleRate(8000).withUpperFrequencyLimit(3000)}) {
            assertThat(FeatureConfig.fromJson(c.toJson())).isEqualTo(c);
        }
        assertThat(FeatureConfig.fromJson("{}")).isEqualTo(D);
        assertThat(FeatureConfig.fromJson("{\"kind\":\"log-mel\", \"window_size_ms\": 25}"))
                .isEqualTo(D.withKind(FeatureKind.LOG_MEL).withWindowSizeMs(25));
        assertThat(FeatureConfig.fromJson("{\"kind\":\"LOG_MEL\"}").kind()).isEqualTo(FeatureKind.LOG_MEL);
    }

    @Test
    void badJsonIsRejectedInPlainWords() {
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"sample_rte\": 16000}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown feature setting 'sample_rte'");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"kind\": \"mel\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown feature kind 'mel'").hasMessageContaining("log-mel");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"sample_rate\": 16000.5}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeatureConfig.fromJson("{\"sample_rate\": -1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample rate must be positive");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> FeatureConfig.fromJson(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FeatureConfig.fromJson("{} {}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidSettingsAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> D.withWindowSizeMs(0.1))
                .hasMessageContaining("only 1 sample(s) at 16000 Hz; it needs at least 2");
        assertThatThrownBy(() -> D.withWindowSizeMs(Double.NaN)).hasMessageContaining("window size must be a positive");
        assertThatThrownBy(() -> D.withWindowStrideMs(0.01)).hasMessageContaining("shorter than one sample");
        assertThatThrownBy(() -> D.withClipDurationMs(20))
                .hasMessageContaining("clip (20 ms) is shorter than one window (30 ms)");
        assertThatThrownBy(() -> D.withUpperFrequencyLimit(9000))
                .hasMessageContaining("above half the sample rate (8000 Hz)");
        assertThatThrownBy(() -> D.withLowerFrequencyLimit(5000)).hasMessageContaining("must be above the lower one");
        assertThatThrownBy(() -> D.withLowerFrequencyLimit(-1)).hasMessageContaining("0 Hz or more");
        assertThatThrownBy(() -> D.withFeatureBinCount(41))
                .hasMessageContaining("can't have more coefficients (41) than filterbank channels (40)");
        assertThatThrownBy(() -> D.withFilterbankChannelCount(0)).hasMessageContaining("at least 1 channel");
        assertThatThrownBy(() -> D.withKind(FeatureKind.AVERAGE).withFeatureBinCount(300))
                .hasMessageContaining("can't make 300 bins out of a spectrogram with only 257");
        assertThatThrownBy(() -> D.withKind(null)).hasMessageContaining("kind is missing");
        assertThatThrownBy(() -> D.withClipDurationMs(Integer.MAX_VALUE)).hasMessageContaining("too long");
        // Settings that only MFCC / log-mel use are not checked for the other kinds.
        FeatureConfig spec = D.withKind(FeatureKind.SPECTROGRAM).withFeatureBinCount(80).withUpperFrequencyLimit(9000);
        assertThat(spec.bins()).isEqualTo(257);
    }

    @Test
    void fingerprintIsStableAndSensitive() {
        // Pinned: a change here invalidates every user's feature cache, so it must be deliberate
        // (bump ALGORITHM_VERSION when the math changes).
        assertThat(D.fingerprint()).isEqualTo(FeatureConfig.fromJson("{}").fingerprint()).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(D.fingerprint()).isEqualTo(PINNED_DEFAULT_FINGERPRINT);
        assertThat(D.withWindowSizeMs(25).fingerprint()).isNotEqualTo(D.fingerprint());
        assertThat(D.withKind(FeatureKind.LOG_MEL).fingerprint()).isNotEqualTo(D.fingerprint());
        assertThat(D.withLowerFrequencyLimit(-0.0).withLowerFrequencyLimit(0).fingerprint())
                .isEqualTo(D.withLowerFrequencyLimit(-0.0).fingerprint());
    }

    static final String PINNED_DEFAULT_FINGERPRINT = "afb3d4277f37f467";

    @Property(tries = 200)
    void anyValidConfigRoundTripsThroughJson(
            @ForAll("kinds") FeatureKind kind,
            @ForAll @IntRange(min = 1000, max = 48000) int sampleRate,
            @ForAll @IntRange(min = 50, max = 3000) int clipMs,
            @ForAll @DoubleRange(min = 1, max = 100) double windowMs,
            @ForAll @DoubleRange(min = 1, max = 50) double strideMs,
            @ForAll @IntRange(min = 1, max = 80) int featureBins,
            @ForAll @DoubleRange(min = 0, max = 1000) double lo,
            @ForAll @DoubleRange(min = 100, max = 24000) double hi,
            @ForAll @IntRange(min = 1, max = 80) int channels) {
        FeatureConfig c;
        try {
            c = new FeatureConfig(kind, sampleRate, clipMs, windowMs, strideMs, featureBins, lo, hi, channels);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().endsWith(".");
            Assume.that(false);
            return;
        }
        FeatureConfig back = FeatureConfig.fromJson(c.toJson());
        assertThat(back).isEqualTo(c);
        assertThat(back.fingerprint()).isEqualTo(c.fingerprint());
        assertThat(c.frames()).isEqualTo(1 + (c.clipSamples() - c.windowSamples()) / c.strideSamples());
        assertThat(c.bins()).isPositive();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<FeatureKind> kinds() {
        return net.jqwik.api.Arbitraries.of(FeatureKind.class);
    }
}
