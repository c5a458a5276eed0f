package io.kwsstudio.features;

/**
 * Power spectrum of real input: the N real samples are packed as N/2 complex values (even samples
 * real, odd imaginary), transformed by a decimation-in-frequency radix-2 FFT, and split into the
 * spectrum of the real signal. Decimation in frequency takes its input in natural order, so windowing
 * writes straight into the work arrays, and only the bins that are asked for are unscrambled.
 * Butterflies run in float (twice the SIMD lanes of double; ~1e-6 relative error, far below what
 * features need); the split and the output are double. Nothing is allocated per call.
 */
final class RealFft {
    private final int n;
    private final int half;
    private final int[] bitrev;
    private final float[] stageCos;
    private final float[] stageSin;
    private final double[] splitCos;
    private final double[] splitSin;
    private final float[] re;
    private final float[] im;

    RealFft(int n) {
        if (n < 4 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two of at least 4, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        bitrev = new int[half];
        int bits = Integer.numberOfTrailingZeros(half);
        for (int i = 0; i < half; i++) {
            bitrev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        // Twiddles stage after stage (block sizes half, half/2, ..., 8), read in order by the inner loop.
        stageCos = new float[Math.max(1, half)];
        stageSin = new float[Math.max(1, half)];
        int t = 0;
        for (int size = half; size >= 8; size >>= 1) {
            for (int k = 0; k < size / 2; k++) {
                stageCos[t] = (float) Math.cos(2 * Math.PI * k / size);
                stageSin[t] = (float) -Math.sin(2 * Math.PI * k / size);
                t++;
            }
        }
        splitCos = new double[half + 1];
        splitSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            splitCos[k] = Math.cos(2 * Math.PI * k / n);
            splitSin[k] = -Math.sin(2 * Math.PI * k / n);
        }
        re = new float[half];
        im = new float[half];
    }

    int size() {
        return n;
    }

    /** {@code out[k] = |X[k]|^2} for k = 0..n/2 of the real input {@code x[0..n)}. */
    void power(double[] x, double[] out) {
        for (int i = 0; i < half; i++) {
            re[i] = (float) x[2 * i];
            im[i] = (float) x[2 * i + 1];
        }
        transform();
        split(out, half);
    }

    /**
     * Power spectrum of {@code audio[off ..]} times {@code window}, zero-padded to the FFT size; only
     * bins 0..maxBin (and n/2) are computed, the others are left as they were.
     */
    void powerOfWindowed(float[] audio, int off, double[] window, double[] out, int maxBin) {
        int w = window.length;
        int pairs = w / 2;
        for (int i = 0; i < pairs; i++) {
            re[i] = (float) (audio[off + 2 * i] * window[2 * i]);
            im[i] = (float) (audio[off + 2 * i + 1] * window[2 * i + 1]);
        }
        for (int i = pairs; i < half; i++) {
            int e = 2 * i;
            re[i] = e < w ? (float) (audio[off + e] * window[e]) : 0f;
            im[i] = 0f;
        }
        transform();
        split(out, maxBin);
    }

    /** In-place decimation-in-frequency FFT of (re, im); the result is in bit-reversed order. */
    private void transform() {
        int t = 0;
        for (int size = half; size >= 8; size >>= 1) {
            int halfSize = size >> 1;
            for (int start = 0; start < half; start += size) {
                for (int k = 0; k < halfSize; k++) {
                    int a = start + k;
                    int b = a + halfSize;
                    float ra = re[a];
                    float ia = im[a];
                    float rb = re[b];
                    float ib = im[b];
                    re[a] = ra + rb;
                    im[a] = ia + ib;
                    float dr = ra - rb;
                    float di = ia - ib;
                    float wr = stageCos[t + k];
                    float wi = stageSin[t + k];
                    re[b] = dr * wr - di * wi;
                    im[b] = dr * wi + di * wr;
                }
            }
            t += halfSize;
        }
        // Blocks of 4: twiddles 1 and -i, no multiplications.
        for (int a = 0; a + 3 < half; a += 4) {
            float r0 = re[a];
            float i0 = im[a];
            float r1 = re[a + 1];
            float i1 = im[a + 1];
            float r2 = re[a + 2];
            float i2 = im[a + 2];
            float r3 = re[a + 3];
            float i3 = im[a + 3];
            re[a] = r0 + r2;
            im[a] = i0 + i2;
            re[a + 2] = r0 - r2;
            im[a + 2] = i0 - i2;
            re[a + 1] = r1 + r3;
            im[a + 1] = i1 + i3;
            // (r1 - r3, i1 - i3) * (-i)
            re[a + 3] = i1 - i3;
            im[a + 3] = r3 - r1;
        }
        // Blocks of 2.
        for (int a = 0; a + 1 < half; a += 2) {
            float r0 = re[a];
            float i0 = im[a];
            re[a] = r0 + re[a + 1];
            im[a] = i0 + im[a + 1];
            re[a + 1] = r0 - re[a + 1];
            im[a + 1] = i0 - im[a + 1];
        }
    }

    /** X[k] = (Z[k] + conj Z[N/2-k]) / 2 + W^k (Z[k] - conj Z[N/2-k]) / 2i, Z read through the bit reversal. */
    private void split(double[] out, int maxBin) {
        double r0 = re[0];
        double i0 = im[0];
        out[0] = (r0 + i0) * (r0 + i0);
        out[half] = (r0 - i0) * (r0 - i0);
        int last = Math.min(maxBin, half - 1);
        for (int k = 1; k <= last; k++) {
            int p = bitrev[k];
            int q = bitrev[half - k];
            double zr = re[p];
            double zi = im[p];
            double cr = re[q];
            double ci = -im[q];
            double er = 0.5 * (zr + cr);
            double ei = 0.5 * (zi + ci);
            double dr = 0.5 * (zr - cr);
            double di = 0.5 * (zi - ci);
            // (dr + i di) / i = di - i dr
            double wr = splitCos[k];
            double wi = splitSin[k];
            double xr = er + (di * wr + dr * wi);
            double xi = ei + (di * wi - dr * wr);
            out[k] = xr * xr + xi * xi;
        }
    }
}
