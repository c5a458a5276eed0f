package io.kwsstudio.features;

/**
 * TensorFlow's {@code Mfcc} op for one spectrum: mel filterbank of the magnitude, natural log floored at
 * {@link #LOG_FLOOR}, then the DCT-II. Takes the <em>squared</em> magnitude spectrum, like the op.
 * Immutable and thread-safe.
 */
public final class Mfcc {
    /** Filterbank outputs below this are clamped before the log, as in TF (so silence stays finite). */
    public static final double LOG_FLOOR = 1e-12;

    private final MelFilterbank filterbank;
    private final Dct dct;

    public Mfcc(int inputBins, double sampleRate, int channels, double lowerHz, double upperHz, int coefficients) {
        this.filterbank = new MelFilterbank(inputBins, sampleRate, channels, lowerHz, upperHz);
        this.dct = new Dct(channels, coefficients);
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    public Dct dct() {
        return dct;
    }

    /** Log mel energies of one squared-magnitude spectrum (the LOG_MEL feature of one frame). */
    public double[] logMel(double[] squaredSpectrum) {
        double[] mel = filterbank.apply(squaredSpectrum);
        for (int i = 0; i < mel.length; i++) {
            mel[i] = Math.log(Math.max(mel[i], LOG_FLOOR));
        }
        return mel;
    }

    /** MFCC coefficients of one squared-magnitude spectrum. */
    public double[] compute(double[] squaredSpectrum) {
        return dct.apply(logMel(squaredSpectrum));
    }
}
