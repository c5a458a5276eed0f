package io.kwsstudio.augment;

import java.util.Objects;

/**
 * Changes the pitch of audio without changing its length: {@link TimeStretch} makes it
 * {@code 2^(semitones/12)} times as long at the same pitch, then reading that back at the same
 * factor (band-limited sinc interpolation) restores the length and multiplies every frequency by
 * the factor. Formants move with the pitch, as when a recording is played faster, which is the
 * usual speech augmentation. Thread-safe (no shared state).
 */
public final class PitchShift {

    /** Shifts beyond an octave either way are refused; useful augmentation stays within a few semitones. */
    public static final double MAX_SEMITONES = 12;

    private PitchShift() {
    }

    /**
     * {@code in} with every frequency multiplied by {@code 2^(semitones/12)} and the same number
     * of samples; 0 semitones returns a copy.
     *
     * @throws IllegalArgumentException if {@code |semitones|} exceeds {@value #MAX_SEMITONES} or
     *     the sample rate is not positive
     */
    public static float[] shift(float[] in, int sampleRate, double semitones) {
        Objects.requireNonNull(in, "in");
        if (!(Math.abs(semitones) <= MAX_SEMITONES)) {
            throw new IllegalArgumentException("pitch shift must be within ±" + (int) MAX_SEMITONES
                    + " semitones, was " + semitones);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        if (semitones == 0 || in.length == 0) {
            return in.clone();
        }
        double ratio = Math.pow(2, semitones / 12);
        float[] longer = TimeStretch.stretch(in, sampleRate, ratio);
        float[] out = new float[in.length];
        // Reading the stretched audio at 'ratio' samples per output sample maps output j to input
        // time j, so the shifted clip stays aligned with the original.
        FractionalResampler.read(longer, ratio, out);
        return out;
    }
}
