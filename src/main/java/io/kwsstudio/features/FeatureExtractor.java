package io.kwsstudio.features;

import java.util.Arrays;

/**
 * Computes one clip's features for a {@link FeatureConfig}, the same way for training, the inspector
 * and streaming. The clip is zero-padded or cut to the clip duration first, as the reference does.
 * Not thread-safe: use one per thread; every buffer is allocated once, so extracting allocates nothing.
 */
public final class FeatureExtractor {
    private static final double LOG_FLOOR = 1e-12;
    private final FeatureConfig cfg;
    private final Spectrogram spectrogram;
    private final MelFilterbank filterbank;
    private final Dct dct;
    private final float[] clip;
    private final double[] mel;
    private final double[] coefficients;
    private final int frames;
    private final int bins;
    private final int maxBin;

    public FeatureExtractor(FeatureConfig cfg) {
        this.cfg = cfg;
        this.spectrogram = new Spectrogram(cfg.windowSamples(), cfg.strideSamples());
        boolean needsMel = cfg.kind() == FeatureKind.MFCC || cfg.kind() == FeatureKind.LOG_MEL;
        this.filterbank = needsMel ? new MelFilterbank(spectrogram.bins(), cfg.sampleRate(), cfg.filterbankChannelCount(),
                cfg.lowerFrequencyLimit(), cfg.upperFrequencyLimit()) : null;
        this.dct = cfg.kind() == FeatureKind.MFCC ? new Dct(cfg.filterbankChannelCount(), cfg.featureBinCount()) : null;
        this.clip = new float[cfg.clipSamples()];
        this.mel = new double[cfg.filterbankChannelCount()];
        this.coefficients = new double[cfg.featureBinCount()];
        this.frames = cfg.frames();
        this.bins = cfg.bins();
        this.maxBin = filterbank != null ? filterbank.lastBin() : spectrogram.bins() - 1;
    }

    public FeatureConfig config() {
        return cfg;
    }

    /** frames x bins values, frame-major. */
    public float[] extract(float[] audio) {
        float[] out = new float[frames * bins];
        extract(audio, out, 0);
        return out;
    }

    /** Writes frames x bins values into {@code out} from {@code outOffset}; allocates nothing. */
    public void extract(float[] audio, float[] out, int outOffset) {
        int n = Math.min(audio.length, clip.length);
        System.arraycopy(audio, 0, clip, 0, n);
        if (n < clip.length) {
            Arrays.fill(clip, n, clip.length, 0f);
        }
        int o = outOffset;
        for (int f = 0; f < frames; f++) {
            double[] power = spectrogram.frame(clip, f, maxBin);
            switch (cfg.kind()) {
                case SPECTROGRAM -> {
                    for (int b = 0; b < bins; b++) {
                        out[o + b] = (float) power[b];
                    }
                }
                case AVERAGE -> averagePool(power, out, o);
                case LOG_MEL -> {
                    filterbank.apply(power, mel);
                    for (int b = 0; b < bins; b++) {
                        out[o + b] = (float) Math.log(Math.max(mel[b], LOG_FLOOR));
                    }
                }
                case MFCC -> {
                    filterbank.apply(power, mel);
                    for (int b = 0; b < mel.length; b++) {
                        mel[b] = Math.log(Math.max(mel[b], LOG_FLOOR));
                    }
                    dct.apply(mel, coefficients);
                    for (int b = 0; b < bins; b++) {
                        out[o + b] = (float) coefficients[b];
                    }
                }
                default -> throw new IllegalStateException(cfg.kind().toString());
            }
            o += bins;
        }
    }

    /** The reference's 'average': avg-pool over frequency, SAME padding (a short last window averages what it has). */
    private void averagePool(double[] power, float[] out, int o) {
        int width = cfg.averageWindowWidth();
        int total = power.length;
        for (int b = 0; b < bins; b++) {
            int from = b * width;
            int to = Math.min(total, from + width);
            double s = 0;
            for (int i = from; i < to; i++) {
                s += power[i];
            }
            out[o + b] = (float) (s / (to - from));
        }
    }
}
