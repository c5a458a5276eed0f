package io.kwsstudio.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The triangular mel filterbank of TensorFlow's MFCC op ({@code mfcc_mel_filterbank.cc}), reproduced
 * weight for weight. It takes a <em>squared</em> magnitude spectrum, uses its square root (the magnitude),
 * and maps each FFT bin between the frequency limits onto two neighbouring channels: the channel whose
 * centre lies below the bin gets {@code w} of it and the next channel {@code 1 - w}, where {@code w} falls
 * linearly in mel from 1 at the lower centre to 0 at the upper one. Mel is {@code 1127 ln(1 + f/700)};
 * the C channel centres sit at {@code mel_lo + (i+1)(mel_hi - mel_lo)/(C+1)}.
 *
 * <p>Immutable and thread-safe; {@link #apply(double[], double[])} allocates nothing.
 */
public final class MelFilterbank {
    private final int inputBins;
    private final int channels;
    private final int firstBin;
    private final int lastBin;
    /** For each bin in [firstBin, lastBin]: channel on its left (-1 .. channels-1). */
    private final int[] band;
    /** For each bin in [firstBin, lastBin]: the share of the bin that goes to {@code band}. */
    private final double[] weight;

    /**
     * @param inputBins  bins of the input spectrum (fft/2 + 1), at least 2
     * @param sampleRate sample rate of the analysed audio, Hz
     * @param channels   number of mel channels, at least 1
     * @param lowerHz    lower limit, >= 0
     * @param upperHz    upper limit, above the lower one and at most half the sample rate
     */
    public MelFilterbank(int inputBins, double sampleRate, int channels, double lowerHz, double upperHz) {
        if (channels < 1) {
            throw new IllegalArgumentException("The filterbank needs at least 1 channel, got " + channels);
        }
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("The sample rate must be positive, got " + sampleRate);
        }
        if (inputBins < 2) {
            throw new IllegalArgumentException("The spectrum needs at least 2 bins, got " + inputBins);
        }
        if (!(lowerHz >= 0)) {
            throw new IllegalArgumentException("The lower frequency limit must be >= 0 Hz, got " + lowerHz);
        }
        if (!(upperHz > lowerHz)) {
            throw new IllegalArgumentException("The upper frequency limit (" + upperHz
                    + " Hz) must be above the lower one (" + lowerHz + " Hz)");
        }
        this.inputBins = inputBins;
        this.channels = channels;

        double melLow = hzToMel(lowerHz);
        double melHigh = hzToMel(upperHz);
        double spacing = (melHigh - melLow) / (channels + 1);
        // channels + 1 centres: the last one is the right edge of the last channel's triangle.
        double[] centre = new double[channels + 1];
        for (int i = 0; i <= channels; i++) {
            centre[i] = melLow + spacing * (i + 1);
        }
        double hzPerBin = 0.5 * sampleRate / (inputBins - 1);
        firstBin = (int) (1.5 + lowerHz / hzPerBin);   // the DC bin is always left out, as in HTK
        lastBin = (int) (upperHz / hzPerBin);
        if (lastBin >= inputBins) {
            throw new IllegalArgumentException("The upper frequency limit (" + upperHz
                    + " Hz) is above half the sample rate (" + sampleRate / 2 + " Hz)");
        }
        int count = Math.max(0, lastBin - firstBin + 1);
        band = new int[count];
        weight = new double[count];
        int channel = 0;
        for (int i = firstBin; i <= lastBin; i++) {
            double mel = hzToMel(i * hzPerBin);
            while (channel < channels && centre[channel] < mel) {
                channel++;
            }
            int left = channel - 1;
            band[i - firstBin] = left;
            weight[i - firstBin] = left >= 0
                    ? (centre[left + 1] - mel) / (centre[left + 1] - centre[left])
                    : (centre[0] - mel) / (centre[0] - melLow);
        }
    }

    /** The mel scale used by TF: {@code 1127 ln(1 + hz/700)}. */
    public static double hzToMel(double hz) {
        return 1127.0 * Math.log1p(hz / 700.0);
    }

    public int inputBins() {
        return inputBins;
    }

    public int channels() {
        return channels;
    }

    /** First spectrum bin that contributes (never the DC bin). */
    public int firstBin() {
        return firstBin;
    }

    /** Last spectrum bin that contributes; bins above are ignored, so callers may skip computing them. */
    public int lastBin() {
        return lastBin;
    }

    /** Per contributing bin (index bin - firstBin): the channel on its left, -1 .. channels-1. Not a copy. */
    int[] bandTable() {
        return band;
    }

    /** Per contributing bin (index bin - firstBin): the share that goes to its left channel. Not a copy. */
    double[] weightTable() {
        return weight;
    }

    /** Channel energies (sums of weighted magnitudes) of one squared-magnitude spectrum. */
    public double[] apply(double[] squaredSpectrum) {
        double[] out = new double[channels];
        apply(squaredSpectrum, out);
        return out;
    }

    /** Writes the channel energies into {@code out[0..channels)}; allocates nothing. */
    public void apply(double[] squaredSpectrum, double[] out) {
        if (squaredSpectrum.length < inputBins) {
            throw new IllegalArgumentException("Expected " + inputBins + " spectrum bins, got " + squaredSpectrum.length);
        }
        java.util.Arrays.fill(out, 0, channels, 0.0);
        for (int i = firstBin; i <= lastBin; i++) {
            double magnitude = Math.sqrt(squaredSpectrum[i]);
            double w = weight[i - firstBin];
            int left = band[i - firstBin];
            double share = magnitude * w;
            if (left >= 0) {
                out[left] += share;
            }
            if (left + 1 < channels) {
                out[left + 1] += magnitude - share;
            }
        }
    }

    /** Dense weights {@code [channel][bin]} (applied to the magnitude), for plots and tests. */
    public double[][] weights() {
        double[][] w = new double[channels][inputBins];
        for (int i = firstBin; i <= lastBin; i++) {
            int left = band[i - firstBin];
            if (left >= 0) {
                w[left][i] += weight[i - firstBin];
            }
            if (left + 1 < channels) {
                w[left + 1][i] += 1 - weight[i - firstBin];
            }
        }
        return w;
    }

    /**
     * Channels whose weights sum to less than 0.5: too narrow for the FFT resolution, so they mostly
     * output the log floor. TF logs a warning for these; the studio can show one.
     */
    public List<Integer> weakChannels() {
        double[][] w = weights();
        List<Integer> weak = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (double v : w[c]) {
                sum += v;
            }
            if (sum < 0.5) {
                weak.add(c);
            }
        }
        return weak;
    }
}
