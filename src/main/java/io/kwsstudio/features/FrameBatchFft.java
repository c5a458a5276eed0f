package io.kwsstudio.features;

import java.util.Arrays;

/**
 * Power spectra of all frames of one clip at once, laid out with the frame index innermost
 * ({@code re[position][frame]}). Why: every butterfly then becomes a short loop over frames that reads and
 * writes a few whole rows at the same index, which HotSpot's C2 compiles to SIMD code; a textbook
 * one-frame-at-a-time FFT stays scalar in Java 17 (C2 does not vectorise loops whose accesses sit at
 * different variable offsets). Frames are gathered through a hop-transposed copy of the clip
 * ({@code hop[j][b] = sample(b * stride + j)}), so each FFT input row is a contiguous slice of one hop row
 * and is copied with {@code System.arraycopy}.
 *
 * <p>Algorithm: the real n-point FFT is a complex n/2-point FFT of (even, odd) sample pairs followed by the
 * usual even/odd split, as in {@link RealFft} (the one-frame reference). The complex FFT is radix-2
 * decimation in time on bit-reversed input, with the stages done in groups of three per sweep so the rows
 * they touch stay in L1. Double precision: TF computes in double, and a float FFT's rounding noise showed
 * up as large log-mel differences on synthetic tones whose far bins are nearly empty; double costs ~10%.
 *
 * <p>Not thread-safe; allocates only in the constructor.
 */
final class FrameBatchFft {
    private final int m;
    private final int stride;
    private final int blockFrames;
    /** re[position][frame], im[position][frame] for the frames of the current block. */
    final double[][] re;
    final double[][] im;
    /** Per complex position i (bit-reversed order): window weight and hop row/offset of its real and imaginary sample. */
    private final double[] loadWeight;
    private final int[] loadRow;
    private final int[] loadShift;
    private final double[][] hop;
    private final int hopColumns;
    /** Radix-2 stages done per sweep over the rows. */
    private static final int PASS_GROUP = 3;
    /** Twiddles of all stages, (cos, sin) pairs. */
    private final double[] tw;
    private final double[] splitCos;
    private final double[] splitSin;
    private int blockStart;
    private int blockCount;

    /**
     * @param fftSize     n, a power of two >= 2 and >= window
     * @param window      samples per frame (Hann-weighted)
     * @param stride      samples between frame starts
     * @param totalFrames frames per clip
     */
    FrameBatchFft(int fftSize, int window, int stride, int totalFrames) {
        if (fftSize < 2 || Integer.bitCount(fftSize) != 1 || window > fftSize || window < 1 || stride < 1
                || totalFrames < 1) {
            throw new IllegalArgumentException("Bad FFT geometry: n=" + fftSize + " window=" + window
                    + " stride=" + stride + " frames=" + totalFrames);
        }
        this.m = fftSize / 2;
        this.stride = stride;
        // Blocks of at most ~128 frames keep the rows in L2; split evenly so no block is tiny.
        int blocks = (totalFrames + 127) / 128;
        this.blockFrames = (totalFrames + blocks - 1) / blocks;
        this.re = new double[m][blockFrames];
        this.im = new double[m][blockFrames];

        double[] hann = Spectrogram.periodicHann(window);
        int bits = Integer.numberOfTrailingZeros(m);
        loadWeight = new double[fftSize];
        loadRow = new int[fftSize];
        loadShift = new int[fftSize];
        for (int i = 0; i < m; i++) {
            int k = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            for (int part = 0; part < 2; part++) {
                int sample = 2 * k + part;
                int slot = 2 * i + part;
                loadWeight[slot] = sample < window ? hann[sample] : 0.0;
                loadRow[slot] = sample % stride;
                loadShift[slot] = sample / stride;
            }
        }
        hopColumns = totalFrames + (fftSize + stride - 1) / stride + 1;
        hop = new double[stride][hopColumns];

        // Stage of half-size h uses exp(-i pi k / h), k < h, stored at pair index h - 1 + k.
        tw = new double[2 * Math.max(1, m - 1)];
        for (int h = 1; h < m; h <<= 1) {
            for (int k = 0; k < h; k++) {
                double a = -Math.PI * k / h;
                tw[2 * (h - 1 + k)] = Math.cos(a);
                tw[2 * (h - 1 + k) + 1] = Math.sin(a);
            }
        }
        splitCos = new double[m + 1];
        splitSin = new double[m + 1];
        for (int k = 0; k <= m; k++) {
            double a = 2 * Math.PI * k / fftSize;
            splitCos[k] = Math.cos(a);
            splitSin[k] = Math.sin(a);
        }
    }

    /** Frames per block: callers size their per-frame rows with this. */
    int blockFrames() {
        return blockFrames;
    }

    /** Frames in the block last transformed. */
    int blockCount() {
        return blockCount;
    }

    /**
     * Takes the clip {@code audio[offset .. offset+length)}, zero beyond, into the hop-transposed buffer.
     * The only scalar pass over the samples.
     */
    void loadClip(float[] audio, int offset, int length) {
        final double[][] hop = this.hop;
        final int stride = this.stride;
        int full = Math.min(hopColumns, length / stride);
        // Row by row: each hop row is written sequentially, and the strided reads stay in cache.
        for (int j = 0; j < stride; j++) {
            double[] row = hop[j];
            int t = offset + j;
            for (int b = 0; b < full; b++, t += stride) {
                row[b] = audio[t];
            }
            for (int b = full; b < hopColumns; b++) {
                int sample = b * stride + j;
                row[b] = sample < length ? audio[offset + sample] : 0.0;
            }
        }
    }

    /** FFTs of frames [first, first + count) of the loaded clip into {@link #re}/{@link #im}. */
    void transform(int first, int count) {
        if (count > blockFrames || count < 1) {
            throw new IllegalArgumentException("Block of " + count + " frames, capacity " + blockFrames);
        }
        blockStart = first;
        blockCount = count;
        int levels = Integer.numberOfTrailingZeros(m);
        if (levels == 0) {
            load(0, first, count);
            return;
        }
        // Radix-2 stages in groups of up to PASS_GROUP: each group finishes 2^g rows before moving on, so
        // they stay in L1 across its stages and the whole block streams from L2 only once per group.
        for (int level = 0; level < levels; level += PASS_GROUP) {
            int g = Math.min(PASS_GROUP, levels - level);
            int h = 1 << level;
            int span = h << g;
            for (int s = 0; s < m; s += span) {
                for (int j = 0; j < h; j++) {
                    if (level == 0) {
                        for (int t = 0; t < span; t++) {
                            load(s + t, first, count);
                        }
                    }
                    for (int u = 0; u < g; u++) {
                        int half = h << u;
                        int lowMask = (1 << u) - 1;
                        for (int t = 0; t < (1 << g); t++) {
                            if ((t & (1 << u)) == 0) {
                                int p = s + j + t * h;
                                butterflies(p, p + half, half, j + (t & lowMask) * h, count);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Fills position i's rows from the hop rows (frame f's sample s is hop[s % stride][f + s / stride]) and windows them. */
    private void load(int i, int first, int count) {
        loadRow(2 * i, first, count, re[i]);
        loadRow(2 * i + 1, first, count, im[i]);
    }

    private void loadRow(int slot, int first, int count, double[] dst) {
        double w = loadWeight[slot];
        if (w == 0.0) {
            Arrays.fill(dst, 0, count, 0.0);   // zero padding of the FFT (and the Hann window's first zero)
            return;
        }
        System.arraycopy(hop[loadRow[slot]], first + loadShift[slot], dst, 0, count);
        for (int f = 0; f < count; f++) {
            dst[f] *= w;
        }
    }

    // Loop bodies stay small on purpose: C2 only unrolls (and so vectorises) loops below a size limit;
    // a fused radix-4 butterfly over 8 rows came out scalar and 2.5x slower than radix-2 loops.

    /** Radix-2 DIT butterflies of rows p and q (= p + half) for every frame, twiddle exp(-i pi k / half). */
    private void butterflies(int p, int q, int half, int k, int count) {
        double[] pr = re[p], pi = im[p], qr = re[q], qi = im[q];
        if (k == 0) {
            for (int f = 0; f < count; f++) {
                double ar = pr[f], ai = pi[f], br = qr[f], bi = qi[f];
                pr[f] = ar + br;
                pi[f] = ai + bi;
                qr[f] = ar - br;
                qi[f] = ai - bi;
            }
        } else if (2 * k == half) {
            for (int f = 0; f < count; f++) {
                // q * (-i) = (qi, -qr)
                double ar = pr[f], ai = pi[f], br = qi[f], bi = qr[f];
                pr[f] = ar + br;
                pi[f] = ai - bi;
                qr[f] = ar - br;
                qi[f] = ai + bi;
            }
        } else {
            int t = 2 * (half - 1 + k);
            double wr = tw[t], wi = tw[t + 1];
            for (int f = 0; f < count; f++) {
                double xr = qr[f], xi = qi[f];
                double tr = wr * xr - wi * xi, ti = wr * xi + wi * xr;
                double ur = pr[f], ui = pi[f];
                qr[f] = ur - tr;
                qi[f] = ui - ti;
                pr[f] = ur + tr;
                pi[f] = ui + ti;
            }
        }
    }

    /** |X[k]|^2 of every frame of the block into {@code out[0..blockCount)}, k in [0, n/2]. */
    void power(int k, double[] out) {
        final int mask = m - 1;
        double[] zr = re[k & mask], zi = im[k & mask];          // Z[m] is Z[0]
        double[] yr = re[(m - k) & mask], yi = im[(m - k) & mask];
        double c = splitCos[k], s = splitSin[k];
        for (int f = 0, count = blockCount; f < count; f++) {
            double ar = zr[f], ai = zi[f], br = yr[f], bi = yi[f];
            // X = E + exp(-2 pi i k / n) O, E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i
            double er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);
            double or = 0.5 * (ai + bi), oi = 0.5 * (br - ar);
            double xr = er + c * or + s * oi;
            double xi = ei + c * oi - s * or;
            out[f] = xr * xr + xi * xi;
        }
    }

    int blockStart() {
        return blockStart;
    }
}
