package io.kwsstudio.align;

import java.util.SplittableRandom;

/** Test and benchmark noise: white and pink, reproducible from a seeded generator. */
final class NoiseSignals {

    private NoiseSignals() {
    }

    /** Gaussian white noise, unit variance. */
    static float[] white(int length, SplittableRandom rng) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) gaussian(rng);
        }
        return out;
    }

    /**
     * Pink (1/f) noise, unit variance: white noise through Paul Kellet's sum of one-pole filters,
     * accurate to about 0.05 dB above 10 Hz at 16-48 kHz, which is plenty for a benchmark.
     */
    static float[] pink(int length, SplittableRandom rng) {
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        double b4 = 0;
        double b5 = 0;
        double b6 = 0;
        double[] y = new double[length];
        double power = 0;
        for (int i = 0; i < length; i++) {
            double w = gaussian(rng);
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            y[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
            power += y[i] * y[i];
        }
        double scale = power > 0 ? Math.sqrt(length / power) : 0;
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) (y[i] * scale);
        }
        return out;
    }

    /** Standard normal deviate (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
