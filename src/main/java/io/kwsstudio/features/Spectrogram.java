package io.kwsstudio.features;

/**
 * Short-time power spectrum exactly as TensorFlow's AudioSpectrogram op: periodic Hann window,
 * FFT size the next power of two of the window, only whole windows, magnitude squared.
 */
public final class Spectrogram {
    private final int window;
    private final int stride;
    private final double[] hann;
    private final RealFft fft;
    private final double[] power;

    public Spectrogram(int windowSamples, int strideSamples) {
        this.window = windowSamples;
        this.stride = strideSamples;
        int n = 1;
        while (n < windowSamples) {
            n <<= 1;
        }
        fft = new RealFft(n);
        hann = new double[windowSamples];
        for (int i = 0; i < windowSamples; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / windowSamples);
        }
        power = new double[n / 2 + 1];
    }

    public int bins() {
        return power.length;
    }

    public int fftSize() {
        return fft.size();
    }

    /** Frames that fit in {@code length} samples (0 when even one window does not fit). */
    public int frames(int length) {
        return length < window ? 0 : 1 + (length - window) / stride;
    }

    /**
     * The power spectrum of frame {@code f} of {@code audio}; the returned array is reused by the next
     * call (no allocation per frame).
     */
    double[] frame(float[] audio, int f) {
        return frame(audio, f, power.length - 1);
    }

    /** Only bins 0..maxBin are valid in the result: enough for a filterbank that stops below Nyquist. */
    double[] frame(float[] audio, int f, int maxBin) {
        fft.powerOfWindowed(audio, f * stride, hann, power, maxBin);
        return power;
    }

    /** Whole power spectrogram, frames x bins, frame-major (convenient for tests and tools). */
    public double[][] compute(double[] audio) {
        float[] f = new float[audio.length];
        for (int i = 0; i < audio.length; i++) {
            f[i] = (float) audio[i];
        }
        int frames = frames(audio.length);
        double[][] out = new double[frames][];
        for (int i = 0; i < frames; i++) {
            out[i] = frame(f, i).clone();
        }
        return out;
    }
}
