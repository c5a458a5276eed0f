package io.kwsstudio.augment;

import java.util.Objects;

/**
 * Changes the length of audio without changing its pitch, by WSOLA (waveform-similarity
 * overlap-add, Verhelst and Roelands 1993): Hann-windowed frames of 32 ms are read from the input
 * at the stretched rate and overlap-added at a fixed hop, each frame moved by up to ±8 ms so that
 * it continues the previous frame's waveform (highest normalised cross-correlation). That keeps
 * voiced sounds periodic across frame joins, which is what keeps the pitch.
 *
 * <p>Written here rather than taken from TarsosDSP because TarsosDSP's WSOLA prints to stdout for
 * every clip, drops the last 2-3 % of the output, and needs its streaming dispatcher.
 *
 * <p>Output sample {@code t} corresponds to input time {@code t / factor}, so a stretched clip
 * stays aligned with its start. Thread-safe (no shared state).
 */
public final class TimeStretch {

    /** Smallest and largest factors accepted; far outside [0.5, 2] WSOLA sounds poor anyway. */
    public static final double MIN_FACTOR = 0.25;
    public static final double MAX_FACTOR = 4.0;

    private static final double FRAME_SECONDS = 0.032;
    private static final double TOLERANCE_SECONDS = 0.008;
    /** The similarity search looks at every second sample: speech alignment lives below 4 kHz. */
    private static final int DECIMATION = 2;

    private TimeStretch() {
    }

    /**
     * {@code in} made {@code factor} times as long: 1.2 gives 20 % more samples (slower speech at
     * the same pitch), 0.8 gives 20 % fewer. The output has {@code round(in.length * factor)}
     * samples. A factor of exactly 1 returns a copy.
     *
     * @throws IllegalArgumentException if the factor is not within [{@value #MIN_FACTOR},
     *     {@value #MAX_FACTOR}] or the sample rate is not positive
     */
    public static float[] stretch(float[] in, int sampleRate, double factor) {
        Objects.requireNonNull(in, "in");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        if (!(factor >= MIN_FACTOR && factor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("stretch factor must be between " + MIN_FACTOR + " and "
                    + MAX_FACTOR + ", was " + factor);
        }
        long outLong = Math.round(in.length * factor);
        if (outLong > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stretched audio would be too long for an array");
        }
        int outLen = (int) outLong;
        if (factor == 1.0) {
            return in.clone();
        }
        float[] out = new float[outLen];
        if (in.length == 0 || outLen == 0) {
            return out;
        }

        int frame = Math.max(8, 2 * (int) Math.round(FRAME_SECONDS * sampleRate / 2));
        int hop = frame / 2;
        int tolerance = Math.max(1, (int) Math.round(TOLERANCE_SECONDS * sampleRate));
        float[] window = hann(frame);
        double analysisHop = hop / factor;
        int frames = outLen / hop + 2;  // frame k is centred on output sample k * hop

        // Zero padding on both sides lets every frame and search read without bounds checks.
        int front = frame / 2 + tolerance + 1;
        long lastStart = Math.round((frames - 1) * analysisHop) - frame / 2 + tolerance;
        int back = (int) Math.max(0, lastStart + frame + hop + 1 - in.length);
        float[] x = new float[front + in.length + back];
        System.arraycopy(in, 0, x, front, in.length);

        int prevStart = 0;
        for (int k = 0; k < frames; k++) {
            int outStart = k * hop - frame / 2;
            if (outStart >= outLen) {
                break;
            }
            int nominal = front + (int) Math.round(k * analysisHop) - frame / 2;
            int start = k == 0 ? nominal : bestMatch(x, prevStart + hop, nominal, tolerance, hop);
            int n0 = Math.max(0, -outStart);
            int n1 = Math.min(frame, outLen - outStart);
            for (int n = n0; n < n1; n++) {
                out[outStart + n] += window[n] * x[start + n];
            }
            prevStart = start;
        }
        return out;
    }

    /**
     * The start within {@code nominal ± tolerance} whose first {@code length} samples best continue
     * the waveform at {@code natural}: a coarse search on every second offset outward from the
     * nominal start, then the two neighbours of the winner. Ties keep the offset nearest the
     * nominal start, and a silent continuation keeps the nominal start itself: otherwise frames in
     * silence would all drift to one end of the search range and move sound onsets.
     */
    private static int bestMatch(float[] x, int natural, int nominal, int tolerance, int length) {
        if (energy(x, natural, length) < 1e-12) {
            return nominal;
        }
        int best = nominal;
        double bestScore = similarity(x, natural, nominal, length);
        for (int d = 2; d <= tolerance; d += 2) {
            for (int cand = nominal - d; cand <= nominal + d; cand += 2 * d) {
                double s = similarity(x, natural, cand, length);
                if (s > bestScore) {
                    bestScore = s;
                    best = cand;
                }
            }
        }
        int coarse = best;
        for (int cand = coarse - 1; cand <= coarse + 1; cand += 2) {
            if (Math.abs(cand - nominal) > tolerance) {
                continue;
            }
            double s = similarity(x, natural, cand, length);
            if (s > bestScore) {
                bestScore = s;
                best = cand;
            }
        }
        return best;
    }

    private static double energy(float[] x, int from, int length) {
        double sum = 0;
        for (int n = 0; n < length; n += DECIMATION) {
            sum += x[from + n] * x[from + n];
        }
        return sum;
    }

    /** Cross-correlation of x[ref..] and x[cand..] divided by the candidate's norm (decimated). */
    private static double similarity(float[] x, int ref, int cand, int length) {
        float dot0 = 0f;
        float dot1 = 0f;
        float energy0 = 0f;
        float energy1 = 0f;
        int n = 0;
        // Two accumulators each so the multiply-adds can overlap.
        for (; n + DECIMATION < length; n += 2 * DECIMATION) {
            float c0 = x[cand + n];
            float c1 = x[cand + n + DECIMATION];
            dot0 += x[ref + n] * c0;
            dot1 += x[ref + n + DECIMATION] * c1;
            energy0 += c0 * c0;
            energy1 += c1 * c1;
        }
        for (; n < length; n += DECIMATION) {
            float c = x[cand + n];
            dot0 += x[ref + n] * c;
            energy0 += c * c;
        }
        double energy = energy0 + energy1;
        return energy > 1e-20 ? (dot0 + dot1) / Math.sqrt(energy) : 0.0;
    }

    /** Periodic Hann: at a hop of half its length, neighbouring windows sum to exactly 1. */
    private static float[] hann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        return w;
    }
}
