package io.kwsstudio.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a feature extractor produces from a clip. The JSON names match the reference trainer's
 * {@code --preprocess} flag values ("mfcc", "average") plus our own "spectrogram" and "log-mel".
 */
public enum FeatureKind {
    /** TF {@code audio_spectrogram} output: squared magnitude, fft/2+1 bins per frame. */
    SPECTROGRAM("spectrogram"),
    /** Natural log of the TF MFCC mel filterbank output, before the DCT; one value per channel. */
    LOG_MEL("log-mel"),
    /** TF {@code Mfcc} op: log mel filterbank followed by a DCT-II, feature_bin_count coefficients. */
    MFCC("mfcc"),
    /** Reference 'average' preprocessing: squared spectrogram average-pooled over frequency (SAME padding). */
    AVERAGE("average");

    private final String jsonName;

    FeatureKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in JSON settings and on the command line. */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /**
     * Parses a JSON / command-line name; case-insensitive and tolerant of '_' for '-' so that
     * "LOG_MEL" (the constant's name) also works.
     */
    @JsonCreator
    public static FeatureKind fromName(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (FeatureKind k : values()) {
                if (k.jsonName.equals(wanted)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("Unknown feature kind '" + name + "'; expected one of "
                + Arrays.stream(values()).map(FeatureKind::jsonName).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
