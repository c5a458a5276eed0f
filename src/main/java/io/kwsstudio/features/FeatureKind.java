package io.kwsstudio.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the model sees of the audio; names as in the reference's {@code --preprocess} flag. */
public enum FeatureKind {
    /** Power spectrum per frame (magnitude squared), all FFT bins. */
    SPECTROGRAM("spectrogram"),
    /** Natural log of the mel filterbank energies (the MFCC before its DCT). */
    LOG_MEL("log-mel"),
    /** The reference default: MFCC exactly as TensorFlow's Mfcc op. */
    MFCC("mfcc"),
    /** The reference's 'average': the power spectrum average-pooled over frequency. */
    AVERAGE("average");

    private final String jsonName;

    FeatureKind(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static FeatureKind fromJson(String name) {
        for (FeatureKind k : values()) {
            if (k.jsonName.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown feature kind \"" + name + "\"; use spectrogram, log-mel, mfcc or average");
    }

    @Override
    public String toString() {
        return switch (this) {
            case SPECTROGRAM -> "Spectrogram";
            case LOG_MEL -> "Log-mel";
            case MFCC -> "MFCC";
            case AVERAGE -> "Average (pooled spectrogram)";
        };
    }

    String lower() {
        return jsonName.toLowerCase(Locale.ROOT);
    }
}
