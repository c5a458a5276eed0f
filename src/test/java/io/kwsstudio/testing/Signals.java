package io.kwsstudio.testing;

import io.kwsstudio.audio.AudioClip;

/** Generated "speech": tone bursts in low noise, at known places. */
public final class Signals {
    private Signals() {
    }

    /** {@code seconds} of low noise (-60 dBFS) with a 300 ms 300 Hz burst starting every {@code period} seconds at {@code offset}. */
    public static AudioClip bursts(double seconds, double period, double offset, int rate) {
        float[] s = new float[(int) (seconds * rate)];
        java.util.Random rnd = new java.util.Random(11);
        for (int i = 0; i < s.length; i++) {
            double t = (double) i / rate;
            double phase = (t - offset) % period;
            double v = rnd.nextGaussian() * 0.001;
            if (t >= offset && phase < 0.3) {
                v += 0.5 * Math.sin(2 * Math.PI * 300 * t) * Math.sin(Math.PI * phase / 0.3);
            }
            s[i] = (float) v;
        }
        return new AudioClip(s, rate);
    }
}
