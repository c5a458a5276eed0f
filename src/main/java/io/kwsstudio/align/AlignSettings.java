package io.kwsstudio.align;

import java.util.Objects;

/**
 * How clips are aligned: the placement rule, the length every output clip gets, and (for
 * {@link AlignMode#ONSET}) where the word should start. Immutable, so it can be stored with a run.
 *
 * @param mode placement rule
 * @param clipDurationMs length of every aligned clip, ms
 * @param offsetMs preferred word start for ONSET, ms; ignored by the other modes
 */
public record AlignSettings(AlignMode mode, int clipDurationMs, int offsetMs) {

    /** @throws IllegalArgumentException if the duration is not positive or the offset not in it */
    public AlignSettings {
        Objects.requireNonNull(mode, "mode");
        if (clipDurationMs <= 0) {
            throw new IllegalArgumentException("clip duration must be positive, was "
                    + clipDurationMs + " ms");
        }
        if (offsetMs < 0 || offsetMs >= clipDurationMs) {
            throw new IllegalArgumentException("offset must be in [0, " + clipDurationMs
                    + ") ms, was " + offsetMs);
        }
    }

    /** Word starts 100 ms into a 1 s clip: the Speech Commands clip length with a short lead-in. */
    public static AlignSettings defaults() {
        return new AlignSettings(AlignMode.ONSET, 1000, 100);
    }

    /** Output length in samples at {@code sampleRate}. */
    public int clipSamples(int sampleRate) {
        return msToSamples(clipDurationMs, sampleRate);
    }

    /** Preferred onset in samples at {@code sampleRate}. */
    public int offsetSamples(int sampleRate) {
        return msToSamples(offsetMs, sampleRate);
    }

    static int msToSamples(int ms, int sampleRate) {
        return (int) Math.round(ms * (double) sampleRate / 1000.0);
    }
}
