package io.kwsstudio.features;

import java.util.Arrays;

/**
 * Turns one clip into its feature matrix ({@code frames x bins}, frame-major) for a {@link FeatureConfig}.
 * The clip is first zero-padded or truncated to {@link FeatureConfig#clipSamples()}, as the reference
 * trainer does.
 *
 * <p>Works on all frames of a clip at once, frame index innermost (see {@link FrameBatchFft}), so the JIT
 * vectorises every stage except the log. Computes in double like TF and rounds to float only at the end:
 * the output matches the one-frame double reference ({@link Spectrogram}, {@link Mfcc}) to float rounding
 * (about 1e-6 on MFCC values).
 *
 * <p>Not thread-safe: use one per thread. All work buffers are allocated in the constructor, so the
 * {@code extract(..., out, offset)} methods allocate nothing.
 */
public final class FeatureExtractor {
    private final FeatureConfig cfg;
    private final FeatureKind kind;
    private final int clipSamples;
    private final int frames;
    private final int bins;
    private final int spectrumBins;
    private final FrameBatchFft fft;
    private final int block;
    private final double[] power;
    // Mel path
    private final int channels;
    private final int firstBin;
    private final int[] band;
    private final double[] weight;
    private final double[][] melAcc;      // channel c in row c + 1; rows 0 and channels + 1 catch dropped edge shares
    private final double[][] logMel;
    private final double[] logScratch;
    // DCT
    private final double[] dctMatrix;
    private final double[] dctRow;
    private final double[][] pairSum;
    private final double[][] pairDiff;
    // Average pooling
    private final int poolWidth;
    private final int poolPadBefore;
    private final double[][] pool;

    public FeatureExtractor(FeatureConfig cfg) {
        this.cfg = cfg;
        this.kind = cfg.kind();
        this.clipSamples = cfg.clipSamples();
        this.frames = cfg.frames();
        this.bins = cfg.bins();
        this.spectrumBins = cfg.spectrogramBins();
        this.fft = new FrameBatchFft(cfg.fftSize(), cfg.windowSamples(), cfg.strideSamples(), frames);
        this.block = fft.blockFrames();
        this.power = new double[block];
        if (kind == FeatureKind.MFCC || kind == FeatureKind.LOG_MEL) {
            MelFilterbank fb = new MelFilterbank(spectrumBins, cfg.sampleRate(), cfg.filterbankChannelCount(),
                    cfg.lowerFrequencyLimit(), cfg.upperFrequencyLimit());
            channels = fb.channels();
            firstBin = fb.firstBin();
            band = fb.bandTable();
            weight = fb.weightTable();
            melAcc = new double[channels + 2][block];
            logMel = new double[channels][block];
            logScratch = new double[block];
        } else {
            channels = 0;
            firstBin = 0;
            band = null;
            weight = null;
            melAcc = null;
            logMel = null;
            logScratch = null;
        }
        if (kind == FeatureKind.MFCC) {
            dctMatrix = new Dct(channels, cfg.featureBinCount()).matrix();
            dctRow = new double[block];
            pairSum = new double[channels / 2][block];
            pairDiff = new double[channels / 2][block];
        } else {
            dctMatrix = null;
            dctRow = null;
            pairSum = null;
            pairDiff = null;
        }
        if (kind == FeatureKind.AVERAGE) {
            poolWidth = cfg.averageWindowWidth();
            // TF SAME padding: total = out * width - in (stride == width); the smaller half goes first.
            poolPadBefore = (bins * poolWidth - spectrumBins) / 2;
            pool = new double[bins][block];
        } else {
            poolWidth = 0;
            poolPadBefore = 0;
            pool = null;
        }
    }

    public FeatureConfig config() {
        return cfg;
    }

    public int frames() {
        return frames;
    }

    public int bins() {
        return bins;
    }

    /** frames() * bins(): the length of one clip's features. */
    public int valuesPerClip() {
        return frames * bins;
    }

    /** Features of one clip in a new array of {@link #valuesPerClip()} floats, frame-major. */
    public float[] extract(float[] audio) {
        float[] out = new float[frames * bins];
        extract(audio, 0, audio.length, out, 0);
        return out;
    }

    /** Writes one clip's features into {@code out[outOffset .. outOffset + valuesPerClip())}. */
    public void extract(float[] audio, float[] out, int outOffset) {
        extract(audio, 0, audio.length, out, outOffset);
    }

    /**
     * Features of the clip {@code audio[audioOffset .. audioOffset + audioLength)} (for example one window of
     * a longer recording), written into {@code out[outOffset ..]}. Allocates nothing.
     */
    public void extract(float[] audio, int audioOffset, int audioLength, float[] out, int outOffset) {
        if (audioOffset < 0 || audioLength < 0 || audioOffset > audio.length - audioLength) {
            throw new IndexOutOfBoundsException("Clip range " + audioOffset + "+" + audioLength
                    + " is outside an array of " + audio.length);
        }
        if (outOffset < 0 || outOffset > out.length - frames * bins) {
            throw new IndexOutOfBoundsException("Output needs " + frames * bins + " floats from offset "
                    + outOffset + " but has " + out.length);
        }
        // Longer clips are truncated; shorter ones read as zeros past their end.
        fft.loadClip(audio, audioOffset, Math.min(audioLength, clipSamples));
        for (int first = 0; first < frames; first += block) {
            int count = Math.min(block, frames - first);
            fft.transform(first, count);
            int o = outOffset + first * bins;
            switch (kind) {
                case MFCC -> {
                    logMel(count);
                    dct(count, out, o);
                }
                case LOG_MEL -> {
                    logMel(count);
                    for (int c = 0; c < channels; c++) {
                        double[] row = logMel[c];
                        for (int f = 0; f < count; f++) {
                            out[o + f * bins + c] = (float) row[f];
                        }
                    }
                }
                case SPECTROGRAM -> {
                    for (int k = 0; k < spectrumBins; k++) {
                        fft.power(k, power);
                        for (int f = 0; f < count; f++) {
                            out[o + f * bins + k] = (float) power[f];
                        }
                    }
                }
                case AVERAGE -> averagePool(count, out, o);
            }
        }
    }

    /** Mel filterbank of the magnitudes, then ln(max(x, 1e-12)), into {@link #logMel}. */
    private void logMel(int count) {
        for (double[] row : melAcc) {
            Arrays.fill(row, 0, count, 0);
        }
        final double[] p = power;
        // Two small loops rather than one fused one: the fused body is too big for C2 to vectorise (2.5x slower).
        for (int k = 0; k < band.length; k++) {
            fft.power(firstBin + k, p);
            double w = weight[k];
            double[] left = melAcc[band[k] + 1];
            double[] right = melAcc[band[k] + 2];
            for (int f = 0; f < count; f++) {
                double magnitude = Math.sqrt(p[f]);
                double share = magnitude * w;
                left[f] += share;
                right[f] += magnitude - share;
            }
        }
        for (int c = 0; c < channels; c++) {
            FastLog.lnRow(melAcc[c + 1], logMel[c], logScratch, count, Mfcc.LOG_FLOOR);
        }
    }

    /**
     * DCT-II of the log-mel rows, one coefficient (all frames) at a time. The cosine matrix is symmetric in
     * j and N-1-j for even i and antisymmetric for odd i, so pairing the rows first halves the multiplications;
     * four rows per loop halve the loads and stores of the accumulator.
     */
    private void dct(int count, float[] out, int o) {
        final int half = channels / 2;
        for (int j = 0; j < half; j++) {
            double[] a = logMel[j], b = logMel[channels - 1 - j], s = pairSum[j], d = pairDiff[j];
            for (int f = 0; f < count; f++) {
                double x = a[f], y = b[f];
                s[f] = x + y;
                d[f] = x - y;
            }
        }
        final double[] mat = dctMatrix;
        final double[] acc = dctRow;
        for (int i = 0; i < bins; i++) {
            double[][] rows = (i & 1) == 0 ? pairSum : pairDiff;
            int r = i * channels;
            if ((channels & 1) == 1 && (i & 1) == 0) {
                // Odd N: the middle row pairs with itself; odd coefficients weigh it by cos(pi i / 2) = 0.
                double m = mat[r + half];
                double[] mid = logMel[half];
                for (int f = 0; f < count; f++) {
                    acc[f] = m * mid[f];
                }
            } else {
                Arrays.fill(acc, 0, count, 0.0);
            }
            int j = 0;
            for (; j + 3 < half; j += 4) {
                double m0 = mat[r + j], m1 = mat[r + j + 1], m2 = mat[r + j + 2], m3 = mat[r + j + 3];
                double[] x0 = rows[j], x1 = rows[j + 1], x2 = rows[j + 2], x3 = rows[j + 3];
                for (int f = 0; f < count; f++) {
                    acc[f] += m0 * x0[f] + m1 * x1[f] + m2 * x2[f] + m3 * x3[f];
                }
            }
            for (; j < half; j++) {
                double m0 = mat[r + j];
                double[] x0 = rows[j];
                for (int f = 0; f < count; f++) {
                    acc[f] += m0 * x0[f];
                }
            }
            for (int f = 0; f < count; f++) {
                out[o + f * bins + i] = (float) acc[f];
            }
        }
    }

    /** Average pooling over frequency with SAME padding; padded cells are not counted, as in TF. */
    private void averagePool(int count, float[] out, int o) {
        for (double[] row : pool) {
            Arrays.fill(row, 0, count, 0);
        }
        for (int k = 0; k < spectrumBins; k++) {
            fft.power(k, power);
            double[] row = pool[(k + poolPadBefore) / poolWidth];
            for (int f = 0; f < count; f++) {
                row[f] += power[f];
            }
        }
        for (int b = 0; b < bins; b++) {
            int start = b * poolWidth - poolPadBefore;
            int valid = Math.min(spectrumBins, start + poolWidth) - Math.max(0, start);
            double[] row = pool[b];
            for (int f = 0; f < count; f++) {
                out[o + f * bins + b] = (float) (row[f] / valid);
            }
        }
    }

    @Override
    public String toString() {
        return "FeatureExtractor[" + kind + " " + frames + "x" + bins + "]";
    }
}
