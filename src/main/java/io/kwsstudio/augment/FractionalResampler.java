package io.kwsstudio.augment;

/**
 * Reads audio at fractional positions through a short Kaiser-windowed sinc (16 taps at the input
 * rate, about 60 dB stopband), low-passed when reading faster than the input so nothing aliases.
 * The audio package's {@code Resampler} serves fixed rate pairs and caches a filter per pair; a
 * pitch shift draws a new ratio for every clip, which would rebuild and evict its cache each time.
 * Thread-safe (the kernel table is shared read-only).
 */
final class FractionalResampler {

    private static final int ZERO_CROSSINGS = 8;
    private static final int TABLE_STEPS = 256;
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
        double scale = 2 * cutoff;                                   // zero crossings per input sample
        int half = (int) Math.ceil(ZERO_CROSSINGS / scale);
        double tablePerSample = scale * TABLE_STEPS;
        int limit = ZERO_CROSSINGS * TABLE_STEPS;
        for (int j = 0; j < out.length; j++) {
            double pos = j * step;
            int centre = (int) Math.floor(pos);
            float acc = 0f;
            float weights = 0f;
            for (int k = centre - half + 1; k <= centre + half; k++) {
                double t = Math.abs(k - pos) * tablePerSample;
                int i = (int) t;
                if (i >= limit) {
                    continue;
                }
                float w = KERNEL[i] + (float) (t - i) * (KERNEL[i + 1] - KERNEL[i]);
                // Normalise by all taps, in range or not, so the edges fade to silence.
                weights += w;
                if (k >= 0 && k < in.length) {
                    acc += w * in[k];
                }
            }
            out[j] = weights > 1e-6f ? acc / weights : 0f;
        }
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
