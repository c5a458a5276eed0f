package io.kwsstudio.augment;

import java.util.Random;

/** Test signals and measurements: tones, noise, frequency and level estimates. */
final class Signals {
    static final int RATE = 16000;

    private Signals() {
    }

    static float[] tone(int samples, double hz, double amplitude) {
        float[] s = new float[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return s;
    }

    /** Uniform white noise in [-amplitude, amplitude]. */
    static float[] noise(int samples, double amplitude, long seed) {
        Random r = new Random(seed);
        float[] s = new float[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (float) (amplitude * (2 * r.nextDouble() - 1));
        }
        return s;
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double rms(float[] x) {
        return rms(x, 0, x.length);
    }

    /**
     * The strongest frequency between lo and hi Hz in x[from, to): Goertzel power on a 1 Hz grid
     * over a Hann-windowed segment, refined to 0.05 Hz around the peak.
     */
    static double dominantHz(float[] x, int from, int to, double lo, double hi) {
        double[] seg = new double[to - from];
        for (int i = 0; i < seg.length; i++) {
            seg[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / seg.length));
        }
        double best = lo;
        double bestPower = -1;
        for (double f = lo; f <= hi; f += 1.0) {
            double p = power(seg, f);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        double centre = best;
        for (double f = centre - 1; f <= centre + 1; f += 0.05) {
            double p = power(seg, f);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }

    private static double power(double[] seg, double hz) {
        double c = 2 * Math.cos(2 * Math.PI * hz / RATE);
        double s1 = 0;
        double s2 = 0;
        for (double v : seg) {
            double s0 = v + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - c * s1 * s2;
    }

    /** Index of the largest |x|. */
    static int peakIndex(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i]) > Math.abs(x[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Centre of mass of x^2: where a burst of sound sits, in samples. */
    static double energyCentre(float[] x) {
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < x.length; i++) {
            double e = (double) x[i] * x[i];
            sum += e;
            weighted += e * i;
        }
        return weighted / sum;
    }
}
