package io.kwsstudio.features;

/**
 * The plain, one-frame-at-a-time double-precision composition of the building blocks, written the way
 * the reference describes it. Tests hold the fast {@link FeatureExtractor} against it.
 */
final class ReferenceFeatures {
    private ReferenceFeatures() {
    }

    static double[][] compute(FeatureConfig cfg, float[] audio) {
        double[] clip = new double[cfg.clipSamples()];
        for (int i = 0; i < Math.min(audio.length, clip.length); i++) {
            clip[i] = audio[i];
        }
        double[][] spec = new Spectrogram(cfg.windowSamples(), cfg.strideSamples()).compute(clip);
        double[][] out = new double[spec.length][];
        for (int f = 0; f < spec.length; f++) {
            out[f] = switch (cfg.kind()) {
                case SPECTROGRAM -> spec[f];
                case MFCC -> new Mfcc(spec[f].length, cfg.sampleRate(), cfg.filterbankChannelCount(),
                        cfg.lowerFrequencyLimit(), cfg.upperFrequencyLimit(), cfg.featureBinCount()).compute(spec[f]);
                case LOG_MEL -> new Mfcc(spec[f].length, cfg.sampleRate(), cfg.filterbankChannelCount(),
                        cfg.lowerFrequencyLimit(), cfg.upperFrequencyLimit(), cfg.featureBinCount()).logMel(spec[f]);
                case AVERAGE -> averagePoolSame(spec[f], cfg.averageWindowWidth());
            };
        }
        return out;
    }

    /** tf.nn.pool(AVG, SAME) with window == stride: pad total = out*w - in, floor half before; mean of the real cells. */
    static double[] averagePoolSame(double[] row, int width) {
        int outLen = (row.length + width - 1) / width;
        int padBefore = (outLen * width - row.length) / 2;
        double[] out = new double[outLen];
        for (int o = 0; o < outLen; o++) {
            double sum = 0;
            int n = 0;
            for (int k = o * width - padBefore; k < o * width - padBefore + width; k++) {
                if (k >= 0 && k < row.length) {
                    sum += row[k];
                    n++;
                }
            }
            out[o] = sum / n;
        }
        return out;
    }

    /** Speech-level test signal: noise under a slow envelope plus a few harmonics, peak about 0.5. */
    static float[] speechLike(int samples, int sampleRate, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] a = new float[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / sampleRate;
            double env = 0.05 + 0.95 * Math.pow(Math.sin(Math.PI * Math.min(1, t / Math.max(1e-9, samples / (double) sampleRate))), 2);
            double voiced = 0.2 * Math.sin(2 * Math.PI * 140 * t) + 0.1 * Math.sin(2 * Math.PI * 280 * t)
                    + 0.05 * Math.sin(2 * Math.PI * 1200 * t);
            a[i] = (float) (env * (voiced + 0.1 * (rnd.nextDouble() * 2 - 1)));
        }
        return a;
    }
}
