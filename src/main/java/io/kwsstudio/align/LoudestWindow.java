package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import java.util.Objects;

/**
 * The reference trainer's loudest-section extraction, kept exactly so results can be compared
 * with it: slide a window of the clip length over the clip with a running sum of |x| and keep the
 * window with the largest sum (the earliest on ties). Clips not longer than the window are
 * returned as they are. A result whose mean |x| is below {@value #SILENCE_MEAN_ABS} is silent.
 *
 * <p>It knows nothing about words: {@link Alignment#bounds()} is the chosen window (in input
 * samples) with its RMS level as speech level and the level of the rest of the clip as floor, and
 * {@code wordCut} is always false. {@link Aligner} in {@link AlignMode#LOUDEST} mode adds a word
 * detection on top.
 */
public final class LoudestWindow {

    /** Mean |x| below which the reference treats a window as silence. */
    public static final double SILENCE_MEAN_ABS = 0.004;

    private LoudestWindow() {
    }

    /**
     * @throws IllegalArgumentException if {@code windowSamples} is not positive
     */
    public static Alignment extract(AudioClip clip, int windowSamples) {
        Objects.requireNonNull(clip, "clip");
        if (windowSamples <= 0) {
            throw new IllegalArgumentException("window must be positive, was " + windowSamples);
        }
        float[] x = clip.samples();
        int n = x.length;
        int start = 0;
        int length = Math.min(n, windowSamples);
        double bestSum = 0;
        for (int i = 0; i < length; i++) {
            bestSum += Math.abs(x[i]);
        }
        if (n > windowSamples) {
            // Double accumulator: over minutes of audio a float running sum would drift.
            double sum = bestSum;
            for (int s = 1; s + windowSamples <= n; s++) {
                sum += Math.abs(x[s + windowSamples - 1]) - Math.abs(x[s - 1]);
                if (sum > bestSum) {
                    bestSum = sum;
                    start = s;
                }
            }
        }
        boolean silent = length == 0 || bestSum / length < SILENCE_MEAN_ABS;
        AudioClip aligned = n > windowSamples ? clip.slice(start, start + windowSamples) : clip;
        double inside = OnsetDetector.meanSquareDb(x, start, start + length);
        double outside = outsideDb(x, start, start + length, inside);
        WordBounds bounds = new WordBounds(start, start + length, outside, inside, !silent);
        return new Alignment(aligned, bounds, -start, false, silent);
    }

    /** RMS level of everything outside {@code [from, to)}; {@code fallback} if nothing is. */
    private static double outsideDb(float[] x, int from, int to, double fallback) {
        int count = x.length - (to - from);
        if (count <= 0) {
            return fallback;
        }
        double sum = 0;
        for (int i = 0; i < from; i++) {
            sum += (double) x[i] * x[i];
        }
        for (int i = to; i < x.length; i++) {
            sum += (double) x[i] * x[i];
        }
        return OnsetDetector.toDb(sum / count);
    }
}
