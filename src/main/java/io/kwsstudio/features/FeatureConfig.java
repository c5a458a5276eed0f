package io.kwsstudio.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The complete, immutable description of how a clip becomes a feature matrix: which features,
 * the clip length, framing, and filterbank limits. Field names and defaults follow the flags of the
 * reference trainer (TensorFlow speech_commands), so a config can be compared with theirs; the JSON
 * form uses the same snake_case names. Invalid combinations are rejected when constructed, with a
 * message that can be shown to the user as it is.
 *
 * @param kind                   which features to produce
 * @param sampleRate             samples per second of the clips, Hz
 * @param clipDurationMs         clips are zero-padded or truncated to this length
 * @param windowSizeMs           analysis window length
 * @param windowStrideMs         hop between consecutive windows
 * @param featureBinCount        MFCC: number of DCT coefficients kept; AVERAGE: the target bin count
 *                               that sets the pooling width; unused by SPECTROGRAM and LOG_MEL
 * @param lowerFrequencyLimit    lowest frequency of the mel filterbank, Hz
 * @param upperFrequencyLimit    highest frequency of the mel filterbank, Hz
 * @param filterbankChannelCount number of mel channels
 */
@JsonPropertyOrder({"kind", "sample_rate", "clip_duration_ms", "window_size_ms", "window_stride_ms",
        "feature_bin_count", "lower_frequency_limit", "upper_frequency_limit", "filterbank_channel_count"})
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

    /**
     * Bumped whenever the feature math changes, so {@link #fingerprint()} (and everything keyed on it,
     * such as cached features) changes with it even when the settings do not.
     */
    public static final int ALGORITHM_VERSION = 1;

    private static final FeatureConfig DEFAULTS =
            new FeatureConfig(FeatureKind.MFCC, 16000, 1000, 30, 10, 40, 20, 4000, 40);

    /** Validates; see the class comment. */
    public FeatureConfig {
        if (kind == null) {
            throw new IllegalArgumentException("The feature kind is missing.");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("The sample rate must be positive (got " + sampleRate + " Hz).");
        }
        if (clipDurationMs <= 0) {
            throw new IllegalArgumentException(
                    "The clip duration must be positive (got " + clipDurationMs + " ms).");
        }
        if (!(windowSizeMs > 0) || Double.isInfinite(windowSizeMs)) {
            throw new IllegalArgumentException(
                    "The window size must be a positive number of milliseconds (got " + fmt(windowSizeMs) + ").");
        }
        if (!(windowStrideMs > 0) || Double.isInfinite(windowStrideMs)) {
            throw new IllegalArgumentException(
                    "The window stride must be a positive number of milliseconds (got " + fmt(windowStrideMs) + ").");
        }
        // Normalise -0.0 so that equal settings always give equal JSON and fingerprints.
        windowSizeMs += 0.0;
        windowStrideMs += 0.0;
        lowerFrequencyLimit += 0.0;
        upperFrequencyLimit += 0.0;

        long clip = samplesOf(sampleRate, clipDurationMs);
        long window = samplesOf(sampleRate, windowSizeMs);
        long stride = samplesOf(sampleRate, windowStrideMs);
        if (clip > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("The clip is too long: " + clipDurationMs + " ms at "
                    + sampleRate + " Hz is " + clip + " samples.");
        }
        if (window < 2) {
            throw new IllegalArgumentException("The window of " + fmt(windowSizeMs) + " ms is only " + window
                    + " sample(s) at " + sampleRate + " Hz; it needs at least 2 samples.");
        }
        if (window > Spectrogram.MAX_WINDOW_SAMPLES) {
            throw new IllegalArgumentException("The window of " + fmt(windowSizeMs) + " ms is " + window
                    + " samples at " + sampleRate + " Hz; at most " + Spectrogram.MAX_WINDOW_SAMPLES + " are supported.");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("The window stride of " + fmt(windowStrideMs)
                    + " ms is shorter than one sample at " + sampleRate + " Hz.");
        }
        if (clip < window) {
            throw new IllegalArgumentException("The clip (" + clipDurationMs + " ms) is shorter than one window ("
                    + fmt(windowSizeMs) + " ms), so there would be no frames.");
        }
        if (featureBinCount < 1) {
            throw new IllegalArgumentException(
                    "The feature bin count must be at least 1 (got " + featureBinCount + ").");
        }
        if (!(lowerFrequencyLimit >= 0) || Double.isInfinite(lowerFrequencyLimit)) {
            throw new IllegalArgumentException("The lower frequency limit must be 0 Hz or more (got "
                    + fmt(lowerFrequencyLimit) + ").");
        }
        if (!(upperFrequencyLimit > lowerFrequencyLimit) || Double.isInfinite(upperFrequencyLimit)) {
            throw new IllegalArgumentException("The upper frequency limit (" + fmt(upperFrequencyLimit)
                    + " Hz) must be above the lower one (" + fmt(lowerFrequencyLimit) + " Hz).");
        }
        if (kind == FeatureKind.MFCC || kind == FeatureKind.LOG_MEL) {
            if (filterbankChannelCount < 1) {
                throw new IllegalArgumentException("The filterbank needs at least 1 channel (got "
                        + filterbankChannelCount + ").");
            }
            if (upperFrequencyLimit > sampleRate / 2.0) {
                throw new IllegalArgumentException("The upper frequency limit (" + fmt(upperFrequencyLimit)
                        + " Hz) is above half the sample rate (" + fmt(sampleRate / 2.0)
                        + " Hz), the highest frequency a " + sampleRate + " Hz recording holds.");
            }
        }
        if (kind == FeatureKind.MFCC && featureBinCount > filterbankChannelCount) {
            throw new IllegalArgumentException("MFCC can't have more coefficients (" + featureBinCount
                    + ") than filterbank channels (" + filterbankChannelCount + ").");
        }
        int spectrogramBins = Spectrogram.fftLengthFor((int) window) / 2 + 1;
        if (kind == FeatureKind.AVERAGE && featureBinCount > spectrogramBins) {
            throw new IllegalArgumentException("Average pooling can't make " + featureBinCount
                    + " bins out of a spectrogram with only " + spectrogramBins + " bins.");
        }
        long frames = 1 + (clip - window) / stride;
        long perFrame = switch (kind) {
            case SPECTROGRAM -> spectrogramBins;
            case LOG_MEL -> filterbankChannelCount;
            case MFCC -> featureBinCount;
            case AVERAGE -> ceilDiv(spectrogramBins, spectrogramBins / featureBinCount);
        };
        if (frames * perFrame > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("These settings give " + frames + " x " + perFrame
                    + " values per clip, too many to hold in memory.");
        }
    }

    /** The reference trainer's defaults: MFCC, 16 kHz, 1 s, 30 ms / 10 ms, 40 coefficients, 20-4000 Hz, 40 channels. */
    public static FeatureConfig defaults() {
        return DEFAULTS;
    }

    /**
     * JSON creator: every field is optional and falls back to {@link #defaults()}, so old or hand-written
     * settings files keep working.
     */
    @JsonCreator
    static FeatureConfig fromJsonFields(
            @JsonProperty("kind") FeatureKind kind,
            @JsonProperty("sample_rate") Integer sampleRate,
            @JsonProperty("clip_duration_ms") Integer clipDurationMs,
            @JsonProperty("window_size_ms") Double windowSizeMs,
            @JsonProperty("window_stride_ms") Double windowStrideMs,
            @JsonProperty("feature_bin_count") Integer featureBinCount,
            @JsonProperty("lower_frequency_limit") Double lowerFrequencyLimit,
            @JsonProperty("upper_frequency_limit") Double upperFrequencyLimit,
            @JsonProperty("filterbank_channel_count") Integer filterbankChannelCount) {
        FeatureConfig d = DEFAULTS;
        return new FeatureConfig(
                kind != null ? kind : d.kind,
                sampleRate != null ? sampleRate : d.sampleRate,
                clipDurationMs != null ? clipDurationMs : d.clipDurationMs,
                windowSizeMs != null ? windowSizeMs : d.windowSizeMs,
                windowStrideMs != null ? windowStrideMs : d.windowStrideMs,
                featureBinCount != null ? featureBinCount : d.featureBinCount,
                lowerFrequencyLimit != null ? lowerFrequencyLimit : d.lowerFrequencyLimit,
                upperFrequencyLimit != null ? upperFrequencyLimit : d.upperFrequencyLimit,
                filterbankChannelCount != null ? filterbankChannelCount : d.filterbankChannelCount);
    }

    /** Samples per clip: shorter clips are zero-padded, longer ones truncated to this. */
    public int clipSamples() {
        return (int) samplesOf(sampleRate, clipDurationMs);
    }

    /** Samples per analysis window (truncated like the reference's {@code int(sr * ms / 1000)}). */
    public int windowSamples() {
        return (int) samplesOf(sampleRate, windowSizeMs);
    }

    /** Samples between the starts of consecutive windows. */
    public int strideSamples() {
        return (int) samplesOf(sampleRate, windowStrideMs);
    }

    /** FFT length: the next power of two of the window (480 -> 512). */
    public int fftSize() {
        return Spectrogram.fftLengthFor(windowSamples());
    }

    /** Bins of one spectrogram frame: fftSize/2 + 1 (257 for the defaults). */
    public int spectrogramBins() {
        return fftSize() / 2 + 1;
    }

    /** Frames per clip; only full windows count: 1 + (clip - window) / stride (98 for the defaults). */
    public int frames() {
        return 1 + (clipSamples() - windowSamples()) / strideSamples();
    }

    /** Width of one output frame for this kind (40 for MFCC defaults, 257 spectrogram, 43 average). */
    public int bins() {
        return switch (kind) {
            case SPECTROGRAM -> spectrogramBins();
            case LOG_MEL -> filterbankChannelCount;
            case MFCC -> featureBinCount;
            case AVERAGE -> ceilDiv(spectrogramBins(), averageWindowWidth());
        };
    }

    /** Values per clip: frames() * bins(). */
    public int valuesPerClip() {
        return frames() * bins();
    }

    /** AVERAGE pooling width over frequency: floor(spectrogramBins / featureBinCount), as the reference. */
    public int averageWindowWidth() {
        return spectrogramBins() / featureBinCount;
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

    public FeatureConfig withLowerFrequencyLimit(double v) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, windowSizeMs, windowStrideMs, featureBinCount,
                v, upperFrequencyLimit, filterbankChannelCount);
    }

    public FeatureConfig withUpperFrequencyLimit(double v) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, windowSizeMs, windowStrideMs, featureBinCount,
                lowerFrequencyLimit, v, filterbankChannelCount);
    }

    public FeatureConfig withFilterbankChannelCount(int v) {
        return new FeatureConfig(kind, sampleRate, clipDurationMs, windowSizeMs, windowStrideMs, featureBinCount,
                lowerFrequencyLimit, upperFrequencyLimit, v);
    }

    /** Compact JSON with snake_case names in a fixed order; this is also the canonical form. */
    public String toJson() {
        try {
            return FeatureJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write feature settings as JSON", e);
        }
    }

    /**
     * Reads settings written by {@link #toJson()} or by hand. Missing fields take their default value;
     * unknown fields, wrong types and invalid combinations are rejected with an
     * {@link IllegalArgumentException} whose message says what is wrong.
     */
    public static FeatureConfig fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("The feature settings are empty; expected a JSON object.");
        }
        try {
            FeatureConfig cfg = FeatureJson.MAPPER.readValue(json, FeatureConfig.class);
            if (cfg == null) {
                throw new IllegalArgumentException("The feature settings are null; expected a JSON object.");
            }
            return cfg;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(iae.getMessage(), iae);
            }
            throw new IllegalArgumentException("The feature settings are not valid: " + e.getOriginalMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("Unknown feature setting '" + e.getPropertyName()
                    + "'; known settings are kind, sample_rate, clip_duration_ms, window_size_ms, window_stride_ms,"
                    + " feature_bin_count, lower_frequency_limit, upper_frequency_limit, filterbank_channel_count.", e);
        } catch (JsonProcessingException e) {
            // An enum creator failure arrives wrapped; surface its own plain message.
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw new IllegalArgumentException(iae.getMessage(), iae);
                }
            }
            throw new IllegalArgumentException("The feature settings are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A 16-hex-digit hash of {@link #ALGORITHM_VERSION} and the canonical JSON: equal for equal settings
     * on every machine and run, different when any setting or the feature math changes. Used as a cache key.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("kws-features/" + ALGORITHM_VERSION + "\n" + toJson())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static long samplesOf(int sampleRate, double ms) {
        // Same expression order as the reference's int(sample_rate * ms / 1000), so rounding agrees.
        double samples = sampleRate * ms / 1000;
        return samples >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) samples;
    }

    private static long samplesOf(int sampleRate, int ms) {
        return (long) sampleRate * ms / 1000;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.format(Locale.ROOT, "%.0f", v)
                : Double.toString(v);
    }
}
