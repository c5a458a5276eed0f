package io.kwsstudio.features;

/**
 * Power spectrum of a real signal of power-of-two length n, computed as a complex FFT of n/2 points
 * (even samples as real parts, odd samples as imaginary parts) followed by the standard split into the
 * spectrum of the real input. Half the work of a plain complex FFT of n points.
 *
 * <p>One frame at a time, in double precision, like TF's own kernel: the reference behind {@link Spectrogram}
 * and the golden tests. {@link FrameBatchFft} is the fast path for whole clips. All tables are built once;
 * {@link #powerSpectrum} allocates nothing. Not thread-safe: it owns its work arrays.
 */
final class RealFft {
    private final int n;
    private final int m;
    private final int[] bitReversed;
    /** Twiddles of each radix-2 stage with half-size h >= 4, stored contiguously from offset h. */
    private final double[] twRe;
    private final double[] twIm;
    /** cos/sin(2 pi k / n) for the real-spectrum split, k = 0..m. */
    private final double[] splitCos;
    private final double[] splitSin;
    private final double[] re;
    private final double[] im;
    /** The caller writes the n real input samples here before calling {@link #powerSpectrum}. */
    final double[] input;

    RealFft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two >= 2, got " + n);
        }
        this.n = n;
        this.m = n / 2;
        this.input = new double[n];
        this.re = new double[m];
        this.im = new double[m];
        int bits = Integer.numberOfTrailingZeros(m);
        bitReversed = new int[m];
        for (int i = 0; i < m; i++) {
            bitReversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        // Stage with half-size h uses w^j = exp(-2 pi i j / (2h)), j < h; stored at [h, 2h).
        twRe = new double[Math.max(m, 1)];
        twIm = new double[Math.max(m, 1)];
        for (int h = 4; h < m; h <<= 1) {
            for (int j = 0; j < h; j++) {
                double a = -Math.PI * j / h;
                twRe[h + j] = Math.cos(a);
                twIm[h + j] = Math.sin(a);
            }
        }
        splitCos = new double[m + 1];
        splitSin = new double[m + 1];
        for (int k = 0; k <= m; k++) {
            double a = 2 * Math.PI * k / n;
            splitCos[k] = Math.cos(a);
            splitSin[k] = Math.sin(a);
        }
    }

    int length() {
        return n;
    }

    /**
     * Transforms {@link #input} and writes |X[k]|^2 into {@code power[k]} for k in [fromBin, toBin]
     * (inclusive, 0 <= fromBin <= toBin <= n/2). Bins outside the range are left untouched, so callers
     * that need only part of the spectrum (the mel filterbank) skip the rest.
     */
    void powerSpectrum(double[] power, int fromBin, int toBin) {
        complexTransform();
        final double[] re = this.re;
        final double[] im = this.im;
        final int mask = m - 1;
        for (int k = fromBin; k <= toBin; k++) {
            int a = k & mask;           // Z[m] is Z[0]
            int b = (m - k) & mask;
            double zr = re[a], zi = im[a], yr = re[b], yi = im[b];
            // Even part E = (Z[k] + conj Z[m-k]) / 2, odd part O = (Z[k] - conj Z[m-k]) / 2i.
            double er = 0.5 * (zr + yr);
            double ei = 0.5 * (zi - yi);
            double or = 0.5 * (zi + yi);
            double oi = -0.5 * (zr - yr);
            // X[k] = E + exp(-2 pi i k / n) O
            double c = splitCos[k], s = splitSin[k];
            double xr = er + c * or + s * oi;
            double xi = ei + c * oi - s * or;
            power[k] = xr * xr + xi * xi;
        }
    }

    /** In-place radix-2 decimation-in-time FFT of m points; the first two stages have trivial twiddles. */
    private void complexTransform() {
        final double[] re = this.re;
        final double[] im = this.im;
        final double[] in = this.input;
        final int[] rev = this.bitReversed;
        final int m = this.m;
        for (int i = 0; i < m; i++) {
            int j = rev[i] << 1;
            re[i] = in[j];
            im[i] = in[j + 1];
        }
        if (m >= 4) {
            // Stages of size 2 and 4 fused as one radix-4 butterfly: twiddles are 1 and -i only.
            for (int i = 0; i < m; i += 4) {
                double r0 = re[i], i0 = im[i], r1 = re[i + 1], i1 = im[i + 1];
                double r2 = re[i + 2], i2 = im[i + 2], r3 = re[i + 3], i3 = im[i + 3];
                double ar = r0 + r1, ai = i0 + i1, br = r0 - r1, bi = i0 - i1;
                double cr = r2 + r3, ci = i2 + i3, dr = r2 - r3, di = i2 - i3;
                re[i] = ar + cr;
                im[i] = ai + ci;
                re[i + 2] = ar - cr;
                im[i + 2] = ai - ci;
                // (d) * (-i) = (di, -dr)
                re[i + 1] = br + di;
                im[i + 1] = bi - dr;
                re[i + 3] = br - di;
                im[i + 3] = bi + dr;
            }
        } else if (m == 2) {
            double r0 = re[0], i0 = im[0];
            re[0] = r0 + re[1];
            im[0] = i0 + im[1];
            re[1] = r0 - re[1];
            im[1] = i0 - im[1];
        }
        final double[] twRe = this.twRe;
        final double[] twIm = this.twIm;
        for (int h = 4; h < m; h <<= 1) {
            int size = h << 1;
            for (int start = 0; start < m; start += size) {
                for (int j = 0; j < h; j++) {
                    int p = start + j;
                    int q = p + h;
                    double wr = twRe[h + j], wi = twIm[h + j];
                    double qr = re[q], qi = im[q];
                    double tr = wr * qr - wi * qi;
                    double ti = wr * qi + wi * qr;
                    double pr = re[p], pi = im[p];
                    re[q] = pr - tr;
                    im[q] = pi - ti;
                    re[p] = pr + tr;
                    im[p] = pi + ti;
                }
            }
        }
    }
}
