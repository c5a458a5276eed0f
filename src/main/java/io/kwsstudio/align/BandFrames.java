package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.tasks.CancellationToken;
import java.util.ArrayList;
import java.util.List;

/**
 * Short-time energy of a clip in a few frequency bands, one value per band per hop.
 *
 * <p>Bands rather than one broadband energy because speech and noise overlap differently in each:
 * a fricative ("s", "f") has almost all its energy above 3 kHz where pink or brown noise is weak,
 * while hum and rumble sit below 300 Hz where they would hide a quiet onset in a broadband
 * measure. Each band gets its own noise floor, so speech is found where it stands out most.
 *
 * <p>Frame {@code t} covers samples {@code [t*hop, t*hop + window)} with a Hann window; frames
 * that would reach past the clip end use the last full window instead. Energies are mean-square
 * values, comparable between bands of one clip.
 */
final class BandFrames {

    /**
     * Band edges in Hz: voicing, first and second formants, fricatives, and all fricative bands
     * together (weak "s" energy spread over 3-8 kHz stands out more in their sum). Nothing below
     * 100 Hz: rumble and DC there swing by many dB within a clip and would read as speech.
     */
    static final double[][] BANDS_HZ = {
            {100, 300}, {300, 700}, {700, 1500}, {1500, 3000}, {3000, 5000}, {5000, 8000},
            {3000, 8000}};

    /** 16 ms analysis window: short enough to place an onset, long enough for 100 Hz bands. */
    static final double WINDOW_SECONDS = 0.016;
    /** 5 ms hop: the resolution of every time the detector reports (before refinement). */
    static final double HOP_SECONDS = 0.005;

    final int sampleRate;
    final int window;
    final int hop;
    final int frames;
    /** energy[band][frame], mean square. */
    final float[][] energy;
    /** Broadband mean square per frame (unweighted over the window), for levels in dBFS. */
    final float[] broadband;

    private BandFrames(int sampleRate, int window, int hop, float[][] energy, float[] broadband) {
        this.sampleRate = sampleRate;
        this.window = window;
        this.hop = hop;
        this.frames = broadband.length;
        this.energy = energy;
        this.broadband = broadband;
    }

    int bands() {
        return energy.length;
    }

    /** Analyses {@code clip}; checks {@code cancel} every few thousand frames. */
    static BandFrames of(AudioClip clip, CancellationToken cancel) {
        int rate = clip.sampleRate();
        float[] x = clip.samples();
        int window = Math.max(8, (int) Math.round(WINDOW_SECONDS * rate));
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * rate));
        int fftSize = Integer.highestOneBit(window - 1) << 1;
        Fft fft = new Fft(fftSize);
        int[][] bins = bandBins(rate, fftSize);
        int frames = Math.max(1, (x.length + hop - 1) / hop);

        double[] hann = hann(window);
        double scale = scale(hann, fftSize);

        float[][] energy = new float[bins.length][frames];
        float[] broadband = new float[frames];
        double[] re = new double[fftSize];
        double[] im = new double[fftSize];
        for (int t = 0; t < frames; t++) {
            if ((t & 4095) == 0) {
                cancel.throwIfCancelled();
            }
            int from = t * hop;
            if (from + window > x.length && x.length >= window) {
                // The last frames would run past the end, and a window cut short there leaks
                // rumble into every band; they repeat the frame that ends with the clip instead.
                int last = x.length - window;
                if (t > 0 && (t - 1) * hop + window > x.length) {
                    copyFrame(energy, broadband, t - 1, t);
                    continue;
                }
                from = last;
            }
            int n = Math.min(window, x.length - from);
            if (n <= 0) {
                continue;  // only for an empty clip
            }
            // A clip shorter than the window gets a window of its own length.
            double[] w = n == window ? hann : hann(n);
            double frameScale = n == window ? scale : scale(w, fftSize);
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double v = x[from + i];
                sumSq += v * v;
                re[i] = v * w[i];
            }
            java.util.Arrays.fill(re, Math.max(n, 0), fftSize, 0.0);
            java.util.Arrays.fill(im, 0.0);
            broadband[t] = (float) (sumSq / n);
            fft.transform(re, im);
            for (int b = 0; b < bins.length; b++) {
                double e = 0;
                for (int k = bins[b][0]; k < bins[b][1]; k++) {
                    e += re[k] * re[k] + im[k] * im[k];
                }
                energy[b][t] = (float) (e * frameScale);
            }
        }
        return new BandFrames(rate, window, hop, energy, broadband);
    }

    private static void copyFrame(float[][] energy, float[] broadband, int from, int to) {
        for (float[] band : energy) {
            band[to] = band[from];
        }
        broadband[to] = broadband[from];
    }

    private static double[] hann(int length) {
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / length);
        }
        return w;
    }

    /**
     * Parseval: the sum of |X|^2 over all bins is {@code fftSize * sum (w x)^2}; this scale
     * makes a band energy the mean square of the signal's content in that band.
     */
    private static double scale(double[] window, int fftSize) {
        double power = 0;
        for (double v : window) {
            power += v * v;
        }
        return 2.0 / (fftSize * power);
    }

    /** FFT bin ranges {@code [from, to)} of the bands below Nyquist (at least one bin each). */
    static int[][] bandBins(int rate, int fftSize) {
        double binHz = rate / (double) fftSize;
        double nyquist = rate / 2.0;
        List<int[]> out = new ArrayList<>();
        for (double[] band : BANDS_HZ) {
            double hi = Math.min(band[1], nyquist * 0.95);
            if (band[0] >= hi) {
                continue;
            }
            int from = Math.max(1, (int) Math.round(band[0] / binHz));
            int to = Math.max(from + 1, (int) Math.round(hi / binHz));
            out.add(new int[] {from, Math.min(to, fftSize / 2)});
        }
        return out.toArray(new int[0][]);
    }
}
