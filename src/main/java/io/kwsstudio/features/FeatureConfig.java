package io.kwsstudio.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How audio becomes model input, with the reference trainer's flag names in JSON. Immutable; saved
 * with every run and exported with every model, so the device computes the same features as the
 * studio did in training.
 */
@JsonPropertyOrder({"kind", "sample_rate", "clip_duration_ms", "window_size_ms", "window_stride_ms", "feature_bin_count",
        "lower_frequency_limit", "upper_frequency_limit", "filterbank_channel_count"})
public record FeatureConfig(
        @JsonProperty("kind") FeatureKind kind,
        @JsonProperty("sample_rate") int sampleRate,
        @JsonProperty("clip_duration_ms") int clipDurationMs,
        @JsonProperty("window_size_ms") double windowSizeMs,
        @JsonProperty("window_stride_ms") double windowStrideMs,
        @JsonProperty("feature_bin_count") int featureBinCount,
        @JsonProperty("lower_frequency_limit") double lowerFrequencyLimit,
        @JsonProperty("upper_frequency_limit") double upperFrequencyLimit,
        @JsonProperty("filterbank_channel_count") int filterbankChannelCount) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Checks the settings make sense together; messages say what to change in plain words. */
    public FeatureConfig {
        if (kind == null) {
            throw new IllegalArgumentException("choose a feature kind (spectrogram, log-mel, mfcc or average)");
        }
        if (sampleRate < 1000 || sampleRate > 192000) {
            throw new IllegalArgumentException("sample rate must be between 1000 and 192000 Hz, got " + sampleRate);
        }
        if (clipDurationMs <= 0) {
            throw new IllegalArgumentException("clip duration must be positive, got " + clipDurationMs + " ms");
        }
        if (!(windowSizeMs > 0) || !(windowStrideMs > 0)) {
            throw new IllegalArgumentException("window size and stride must be positive");
        }
        int window = (int) (sampleRate * windowSizeMs / 1000);
        int clip = (int) ((long) sampleRate * clipDurationMs / 1000);
        if (window < 2) {
            throw new IllegalArgumentException("the window must span at least 2 samples; make it longer than " + windowSizeMs + " ms");
        }
        if ((int) (sampleRate * windowStrideMs / 1000) < 1) {
            throw new IllegalArgumentException("the stride must be at least one sample");
        }
        if (window > clip) {
            throw new IllegalArgumentException("the window (" + windowSizeMs + " ms) is longer than the clip (" + clipDurationMs
                    + " ms): no frame fits");
        }
        if (featureBinCount < 1) {
            throw new IllegalArgumentException("feature bin count must be at least 1");
        }
        if (lowerFrequencyLimit < 0 || upperFrequencyLimit <= lowerFrequencyLimit) {
            throw new IllegalArgumentException("the upper frequency limit must be above the lower one (got " + lowerFrequencyLimit
                    + " and " + upperFrequencyLimit + " Hz)");
        }
        if (upperFrequencyLimit > sampleRate / 2.0) {
            throw new IllegalArgumentException("the upper frequency limit (" + upperFrequencyLimit
                    + " Hz) must not exceed half the sample rate (" + sampleRate / 2 + " Hz)");
        }
        if (filterbankChannelCount < 1) {
            throw new IllegalArgumentException("the mel filterbank needs at least one channel");
        }
        if (kind == FeatureKind.MFCC && featureBinCount > filterbankChannelCount) {
            throw new IllegalArgumentException("an MFCC cannot have more coefficients (" + featureBinCount
                    + ") than mel channels (" + filterbankChannelCount + ")");
        }
        if (kind == FeatureKind.AVERAGE && featureBinCount > fftSizeFor(window) / 2 + 1) {
            throw new IllegalArgumentException("average pooling cannot make more bins than the spectrogram has ("
                    + (fftSizeFor(window) / 2 + 1) + ")");
        }
    }

    /** The reference trainer's defaults: MFCC, 16 kHz, 1 s clips, 30 ms windows every 10 ms, 40 coefficients. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(FeatureKind.MFCC, 16000, 1000, 30, 10, 40, 20, 4000, 40);
    }

    @JsonIgnore
    public int clipSamples() {
        return (int) ((long) sampleRate * clipDurationMs / 1000);
    }

    @JsonIgnore
    public int windowSamples() {
        return (int) (sampleRate * windowSizeMs / 1000);
    }

    @JsonIgnore
    public int strideSamples() {
        return (int) (sampleRate * windowStrideMs / 1000);
    }

    /** FFT length: the next power of two of the window (480 samples -> 512). */
    @JsonIgnore
    public int fftSize() {
        return fftSizeFor(windowSamples());
    }

    private static int fftSizeFor(int window) {
        int n = 1;
        while (n < window) {
            n <<= 1;
        }
        return n;
    }

    @JsonIgnore
    public int spectrogramBins() {
        return fftSize() / 2 + 1;
    }

    /** Only whole windows count: 1 + (clip - window) / stride, 98 for the defaults. */
    @JsonIgnore
    public int frames() {
        return 1 + (clipSamples() - windowSamples()) / strideSamples();
    }

    /** The reference's average_window_width: floor(spectrogram bins / feature bins). */
    @JsonIgnore
    public int averageWindowWidth() {
        return Math.max(1, spectrogramBins() / featureBinCount);
    }

    /** Values per frame for this kind: 40 for MFCC defaults, 257 for a spectrogram, 43 for average. */
    @JsonIgnore
    public int bins() {
        return switch (kind) {
            case SPECTROGRAM -> spectrogramBins();
            case LOG_MEL -> filterbankChannelCount;
            case MFCC -> featureBinCount;
            case AVERAGE -> (spectrogramBins() + averageWindowWidth() - 1) / averageWindowWidth();
        };
    }

    /** frames x bins: the length of one clip's feature array. */
    @JsonIgnore
    public int size() {
        return frames() * bins();
    }

    public FeatureConfig withKind(FeatureKind k) {
        return new FeatureConfig(k, sampleRate, clipDurationMs, windowSizeMs, windowStrideMs, featureBinCount,
                lowerFrequencyLimit, upperFrequencyLimit, filterbankChannelCount);
    }

    public FeatureConfig withSampleRate(int v) {
        return new FeatureConfig(kind, v, clipDurationMs, windowSizeMs, windowStrideMs, featureBinCount,
                lowerFrequencyLimit, upperFrequencyLimit, filterbankChannelCount);
    }

    public FeatureConfig withClipDurationMs(int v) {
        return new FeatureConfig(kind, sampleRate, v, windowSizeMs, windowStrideMs, featureBinCount,
                lowerFrequencyLimit, upperFrequencyLimit, filterbankChannelCount);
    }

    public FeatureConfig withWindowSizeMs(double v) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, v, windowStrideMs, featureBinCount,
                lowerFrequencyLimit, upperFrequencyLimit, filterbankChannelCount);
    }

    public FeatureConfig withWindowStrideMs(double v) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, windowSizeMs, v, featureBinCount,
                lowerFrequencyLimit, upperFrequencyLimit, filterbankChannelCount);
    }

    public FeatureConfig withFeatureBinCount(int v) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, windowSizeMs, windowStrideMs, v,
                lowerFrequencyLimit, upperFrequencyLimit, filterbankChannelCount);
    }

    public FeatureConfig withFrequencyLimits(double lower, double upper) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, windowSizeMs, windowStrideMs, featureBinCount,
                lower, upper, filterbankChannelCount);
    }

    public FeatureConfig withFilterbankChannelCount(int v) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, windowSizeMs, windowStrideMs, featureBinCount,
                lowerFrequencyLimit, upperFrequencyLimit, v);
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON; fields left out take the defaults. Bad JSON or values: IllegalArgumentException. */
    public static FeatureConfig fromJson(String json) {
        try {
            JsonNode given = JSON.readTree(json);
            if (given == null || !given.isObject()) {
                throw new IllegalArgumentException("feature config must be a JSON object");
            }
            ObjectNode merged = (ObjectNode) JSON.valueToTree(defaults());
            merged.setAll((ObjectNode) given);
            return JSON.treeToValue(merged, FeatureConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not a valid feature config: " + e.getOriginalMessage(), e);
        }
    }

    /** A short stable hash of the settings, for cache keys and file names. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
