package io.kwsstudio.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Clips per second of feature extraction for 1 s clips, single thread and several threads. Run by
 * {@code kws-studio bench features}; compared with bench/numpy_features.py in docs/benchmarks.md.
 */
public final class FeatureBenchmark {
    private FeatureBenchmark() {
    }

    /** Result of one measurement. */
    public record Result(FeatureConfig config, int threads, int clips, double seconds) {
        public double clipsPerSecond() {
            return clips / seconds;
        }
    }

    /** Warms up, then times extracting {@code clips} random-noise clips into one buffer. */
    public static Result run(FeatureConfig cfg, int clips, int threads) {
        Random rnd = new Random(1);
        List<float[]> audio = new ArrayList<>();
        int distinct = Math.min(clips, 256);
        for (int i = 0; i < distinct; i++) {
            float[] a = new float[cfg.clipSamples()];
            for (int j = 0; j < a.length; j++) {
                a[j] = (float) (rnd.nextGaussian() * 0.1);
            }
            audio.add(a);
        }
        List<float[]> batch = new ArrayList<>(clips);
        for (int i = 0; i < clips; i++) {
            batch.add(audio.get(i % distinct));
        }
        float[] out = new float[clips * cfg.size()];
        for (int i = 0; i < 3; i++) {
            BatchFeatures.extract(cfg, batch.subList(0, Math.min(clips, 500)), out, threads);
        }
        long t0 = System.nanoTime();
        BatchFeatures.extract(cfg, batch, out, threads);
        return new Result(cfg, threads, clips, (System.nanoTime() - t0) / 1e9);
    }

    public static void main(String[] args) {
        FeatureConfig cfg = FeatureConfig.defaults();
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Result one = run(cfg, clips, 1);
        int n = Runtime.getRuntime().availableProcessors();
        Result all = run(cfg, clips, n);
        System.out.printf("java 1 thread: %.0f clips/s%njava %d threads: %.0f clips/s%n", one.clipsPerSecond(), n, all.clipsPerSecond());
    }
}
