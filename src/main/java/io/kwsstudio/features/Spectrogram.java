package io.kwsstudio.features;

/**
 * Squared-magnitude spectrogram exactly as TensorFlow's {@code audio_spectrogram} with
 * {@code magnitude_squared=True}: periodic Hann window of {@code windowLength} samples, zero-padded to
 * the next power of two, one frame per full window every {@code stride} samples (a trailing partial
 * window is dropped), {@code fftLength/2 + 1} bins per frame.
 *
 * <p>This is the plain one-frame-at-a-time reference, in double precision, for tests, plots and one-off use;
 * {@link FeatureExtractor} computes the same numbers for all frames of a clip at once. Not thread-safe: one
 * instance per thread.
 */
public final class Spectrogram {
    /** Longest window accepted: far beyond any speech use, and keeps FFT tables small. */
    public static final int MAX_WINDOW_SAMPLES = 1 << 20;

    private final int windowLength;
    private final int stride;
    private final double[] window;
    private final RealFft fft;

    /**
     * @param windowLength samples per window, at least 2
     * @param stride       samples between window starts, at least 1
     */
    public Spectrogram(int windowLength, int stride) {
        if (windowLength < 2) {
            throw new IllegalArgumentException("The window needs at least 2 samples, got " + windowLength);
        }
        if (windowLength > MAX_WINDOW_SAMPLES) {
            throw new IllegalArgumentException("The window of " + windowLength + " samples is too long; at most "
                    + MAX_WINDOW_SAMPLES + " are supported");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("The stride must be at least 1 sample, got " + stride);
        }
        this.windowLength = windowLength;
        this.stride = stride;
        this.window = periodicHann(windowLength);
        this.fft = new RealFft(fftLengthFor(windowLength));
    }

    /** FFT length for a window: the next power of two, as TF (480 -> 512). */
    public static int fftLengthFor(int windowLength) {
        return windowLength <= 1 ? 1 : Integer.highestOneBit(windowLength - 1) << 1;
    }

    /** Periodic Hann window {@code 0.5 - 0.5 cos(2 pi i / n)}, the window TF's spectrogram uses. */
    public static double[] periodicHann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    public int windowLength() {
        return windowLength;
    }

    public int stride() {
        return stride;
    }

    /** FFT length: the next power of two of the window length. */
    public int fftLength() {
        return fft.length();
    }

    /** Bins per frame: fftLength/2 + 1. */
    public int bins() {
        return fft.length() / 2 + 1;
    }

    /** Frames for a signal of this many samples: 1 + (samples - window) / stride, or 0 if shorter than a window. */
    public int frameCount(int samples) {
        return samples < windowLength ? 0 : 1 + (samples - windowLength) / stride;
    }

    /** Squared magnitudes, {@code [frame][bin]}. */
    public double[][] compute(float[] audio) {
        int frames = frameCount(audio.length);
        double[][] out = new double[frames][bins()];
        for (int f = 0; f < frames; f++) {
            frame(audio, 0, audio.length, f * stride, out[f], 0, bins() - 1);
        }
        return out;
    }

    /** Squared magnitudes, {@code [frame][bin]}, for double input. */
    public double[][] compute(double[] audio) {
        int frames = frameCount(audio.length);
        double[][] out = new double[frames][bins()];
        double[] in = fft.input;
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < windowLength; i++) {
                in[i] = audio[f * stride + i] * window[i];
            }
            fft.powerSpectrum(out[f], 0, bins() - 1);
        }
        return out;
    }

    /**
     * One frame without allocating: the window starting at {@code audio[offset + start]}, where the signal is
     * {@code audio[offset .. offset+length)} followed by zeros. Writes |X[k]|^2 for k in [fromBin, toBin].
     */
    private void frame(float[] audio, int offset, int length, int start, double[] power, int fromBin, int toBin) {
        final double[] in = fft.input;
        final double[] w = window;
        // Samples past the end of the signal are zeros (clip padding); split the loop so the main part has no branch.
        int real = Math.max(0, Math.min(windowLength, length - start));
        int base = offset + start;
        for (int i = 0; i < real; i++) {
            in[i] = audio[base + i] * w[i];
        }
        for (int i = real; i < windowLength; i++) {
            in[i] = 0;
        }
        // in[windowLength..fftLength) is zero from construction and never written.
        fft.powerSpectrum(power, fromBin, toBin);
    }
}
