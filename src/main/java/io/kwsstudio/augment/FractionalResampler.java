package io.kwsstudio.augment;

/**
 * Reads audio at fractional positions through a short Kaiser-windowed sinc (16 taps at the input
 * rate, about 60 dB stopband), low-passed when reading faster than the input so nothing aliases.
 * The weights are tabulated per call for 256 fractional phases, since one call uses one ratio.
 * The audio package's {@code Resampler} serves fixed rate pairs and caches a filter per pair; a
 * pitch shift draws a new ratio for every clip, which would rebuild and evict its cache each time.
 * Thread-safe (the kernel table is shared read-only).
 */
final class FractionalResampler {

    private static final int ZERO_CROSSINGS = 8;
    private static final int TABLE_STEPS = 256;
    /** Fractional positions are rounded to 1/256 sample: timing error below -60 dB for speech. */
    private static final int PHASES = 256;
    private static final double KAISER_BETA = 6.0;
    /** Cutoff as a fraction of the output Nyquist frequency, leaving room for the transition. */
    private static final double ROLLOFF = 0.92;
    private static final float[] KERNEL = kernel();

    private FractionalResampler() {
    }

    /**
     * out[j] = in at position {@code j * step} for j in [0, out.length); positions outside the input
     * read as silence. {@code step > 1} reads faster (higher pitch, band-limited to the output).
     */
    static void read(float[] in, double step, float[] out) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        double cutoff = 0.5 * ROLLOFF * Math.min(1.0, 1.0 / step);  // cycles per input sample
        int half = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        int taps = 2 * half;
        float[] phases = phases(half, 2 * cutoff);
        for (int j = 0; j < out.length; j++) {
            double pos = j * step;
            int centre = (int) Math.floor(pos);
            int phase = (int) ((pos - centre) * PHASES + 0.5);
            int base = centre - half + 1;
            int k0 = Math.max(0, -base);
            int k1 = Math.min(taps, in.length - base);
            int w = phase * taps;
            float acc0 = 0f;
            float acc1 = 0f;
            int k = k0;
            for (; k + 1 < k1; k += 2) {
                acc0 += phases[w + k] * in[base + k];
                acc1 += phases[w + k + 1] * in[base + k + 1];
            }
            if (k < k1) {
                acc0 += phases[w + k] * in[base + k];
            }
            out[j] = acc0 + acc1;
        }
    }

    /**
     * Filter weights for fractional offsets p / PHASES (p = 0..PHASES), {@code taps} each, for
     * inputs centre-half+1 .. centre+half. Each phase sums to 1 over all its taps, so DC passes
     * unchanged and the edges, where some taps fall outside the input, fade to silence.
     */
    private static float[] phases(int half, double scale) {
        int taps = 2 * half;
        float[] w = new float[(PHASES + 1) * taps];
        double tablePerSample = scale * TABLE_STEPS;
        int limit = ZERO_CROSSINGS * TABLE_STEPS;
        for (int p = 0; p <= PHASES; p++) {
            double frac = p / (double) PHASES;
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                double t = Math.abs(k - half + 1 - frac) * tablePerSample;
                int i = (int) t;
                double v = i >= limit ? 0 : KERNEL[i] + (t - i) * (KERNEL[i + 1] - KERNEL[i]);
                w[p * taps + k] = (float) v;
                sum += v;
            }
            for (int k = 0; k < taps; k++) {
                w[p * taps + k] /= (float) sum;
            }
        }
        return w;
    }

    private static float[] kernel() {
        int n = ZERO_CROSSINGS * TABLE_STEPS;
        float[] table = new float[n + 2];  // the last entries stay 0: the window's end
        double i0Beta = besselI0(KAISER_BETA);
        for (int i = 0; i < n; i++) {
            double x = i / (double) TABLE_STEPS;
            double sinc = i == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = x / ZERO_CROSSINGS;
            table[i] = (float) (sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta);
        }
        return table;
    }

    private static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        double halfX = x / 2;
        for (int k = 1; k < 50 && term > sum * 1e-17; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
        }
        return sum;
    }
}
