package io.kwsstudio.features;

/**
 * The mel filterbank of TensorFlow's Mfcc op (mfcc_mel_filterbank.cc): channel centres evenly spaced
 * on the mel scale {@code 1127 ln(1 + f/700)}; each FFT bin between the limits is split between the
 * two channels around it by linear interpolation in mel; the filterbank works on the magnitude
 * (square root of the power spectrum it is given).
 */
public final class MelFilterbank {
    private final int channels;
    private final int start;
    private final int end;
    private final int[] bandMapper;
    private final double[] weights;

    /**
     * @param inputBins   bins of the power spectrum (fft/2 + 1)
     * @param sampleRate  of the audio
     */
    public MelFilterbank(int inputBins, double sampleRate, int channels, double lowerHz, double upperHz) {
        this.channels = channels;
        double melLow = mel(lowerHz);
        double melHigh = mel(upperHz);
        double spacing = (melHigh - melLow) / (channels + 1);
        double[] centres = new double[channels + 1];
        for (int i = 0; i <= channels; i++) {
            centres[i] = melLow + spacing * (i + 1);
        }
        double hzPerBin = 0.5 * sampleRate / (inputBins - 1);
        start = (int) (1.5 + lowerHz / hzPerBin);
        end = Math.min(inputBins - 1, (int) (upperHz / hzPerBin));
        bandMapper = new int[inputBins];
        weights = new double[inputBins];
        int channel = 0;
        for (int i = 0; i < inputBins; i++) {
            double m = mel(i * hzPerBin);
            if (i < start || i > end) {
                bandMapper[i] = -2;
                continue;
            }
            while (channel < channels && centres[channel] < m) {
                channel++;
            }
            bandMapper[i] = channel - 1;
            weights[i] = channel - 1 >= 0
                    ? (centres[channel] - m) / (centres[channel] - centres[channel - 1])
                    : (centres[0] - m) / (centres[0] - melLow);
        }
    }

    static double mel(double hz) {
        return 1127.0 * Math.log1p(hz / 700.0);
    }

    /** The highest power-spectrum bin the filterbank reads. */
    public int lastBin() {
        return end;
    }

    public int channels() {
        return channels;
    }

    /** Filterbank energies of one power spectrum into {@code out[0..channels)}. */
    public void apply(double[] power, double[] out) {
        java.util.Arrays.fill(out, 0, channels, 0);
        for (int i = start; i <= end; i++) {
            double magnitude = Math.sqrt(power[i]);
            double weighted = magnitude * weights[i];
            int ch = bandMapper[i];
            if (ch >= 0) {
                out[ch] += weighted;
            }
            if (ch + 1 < channels) {
                out[ch + 1] += magnitude - weighted;
            }
        }
    }

    public double[] apply(double[] power) {
        double[] out = new double[channels];
        apply(power, out);
        return out;
    }
}
