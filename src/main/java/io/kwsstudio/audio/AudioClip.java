package io.kwsstudio.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mono audio, samples in [-1,1] (float), at {@code sampleRate} Hz. This is the in-memory form of
 * every clip the studio shows, plays, augments or feeds to a model.
 *
 * <p>For speed the array is not copied: treat {@link #samples()} as read-only. Equality compares
 * sample values, not array identity.
 */
public record AudioClip(float[] samples, int sampleRate) {

    /**
     * @throws NullPointerException if {@code samples} is null
     * @throws IllegalArgumentException if {@code sampleRate} is not positive
     */
    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
    }

    /** Number of samples (this is mono, so frames and samples are the same). */
    public int frames() {
        return samples.length;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** Largest absolute sample value; 0 for an empty clip. */
    public float peak() {
        float peak = 0f;
        for (float s : samples) {
            float a = Math.abs(s);
            if (a > peak) {
                peak = a;
            }
        }
        return peak;
    }

    /**
     * A copy of frames {@code [fromFrame, toFrame)}.
     *
     * @throws IndexOutOfBoundsException if the range is not within the clip
     */
    public AudioClip slice(int fromFrame, int toFrame) {
        Objects.checkFromToIndex(fromFrame, toFrame, samples.length);
        return new AudioClip(Arrays.copyOfRange(samples, fromFrame, toFrame), sampleRate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip other
                && sampleRate == other.sampleRate
                && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(samples) + sampleRate;
    }

    /** Short description; never dumps the samples. */
    @Override
    public String toString() {
        return "AudioClip[" + samples.length + " frames, " + sampleRate + " Hz, "
                + String.format(java.util.Locale.ROOT, "%.3f", durationSeconds()) + " s]";
    }
}
