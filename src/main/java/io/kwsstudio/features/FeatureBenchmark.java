package io.kwsstudio.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures feature extraction throughput in clips per second on random audio (features cost the same
 * whatever the content). Warms the JIT up first, then times whole batches through {@link BatchFeatures}.
 * {@code main} prints single-thread and all-thread figures; with {@code --features-of CLIP.npy OUT.npy} it
 * instead writes the features of one clip, for the NumPy parity check in {@code bench/}.
 */
public final class FeatureBenchmark {
    /** One measurement. */
    public record Result(FeatureConfig config, int threads, int clips, double seconds) {
        public double clipsPerSecond() {
            return clips / seconds;
        }

        /** Average wall time per clip (per thread group), microseconds. */
        public double microsPerClip() {
            return seconds * 1e6 / clips;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %dx%d, %d thread(s): %,.0f clips/s (%.1f us/clip, %d clips in %.2f s)",
                    config.kind(), config.frames(), config.bins(), threads, clipsPerSecond(), microsPerClip(),
                    clips, seconds);
        }
    }

    private FeatureBenchmark() {
    }

    /**
     * Extracts features of {@code clips} random clips on {@code threads} threads after a warm-up, and
     * returns the best of five timed rounds (the least disturbed by other work on the machine).
     */
    public static Result run(FeatureConfig cfg, int clips, int threads) {
        return run(cfg, clips, threads, 1_500_000_000L, 5);
    }

    static Result run(FeatureConfig cfg, int clips, int threads, long warmUpNanos, int rounds) {
        if (clips < 1 || threads < 1) {
            throw new IllegalArgumentException("Need at least 1 clip and 1 thread");
        }
        List<float[]> audio = randomClips(cfg, Math.min(clips, 256), 42);
        List<float[]> batch = new ArrayList<>(clips);
        for (int i = 0; i < clips; i++) {
            batch.add(audio.get(i % audio.size()));
        }
        float[] out = new float[Math.multiplyExact(clips, cfg.valuesPerClip())];
        // Warm-up: enough work for C2 to compile the hot loops.
        long warmEnd = System.nanoTime() + warmUpNanos;
        int warmRounds = 0;
        while (System.nanoTime() < warmEnd || warmRounds < 2) {
            BatchFeatures.extract(cfg, batch.subList(0, Math.min(batch.size(), 500)), out, threads);
            warmRounds++;
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            BatchFeatures.extract(cfg, batch, out, threads);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return new Result(cfg, threads, clips, best);
    }

    /** Uniform noise in [-0.5, 0.5): the content does not change the cost. */
    static List<float[]> randomClips(FeatureConfig cfg, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<float[]> clips = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            float[] a = new float[cfg.clipSamples()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (rnd.nextDouble() - 0.5);
            }
            clips.add(a);
        }
        return clips;
    }

    /**
     * Usage: {@code FeatureBenchmark [clips] [config.json]} prints throughput;
     * {@code FeatureBenchmark --features-of CLIP.npy OUT.npy [config.json]} writes one clip's features.
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("--features-of")) {
            FeatureConfig cfg = args.length >= 4 ? FeatureConfig.fromJson(args[3]) : FeatureConfig.defaults();
            NpyReader.Array clip = NpyReader.read(Path.of(args[1]));
            float[] features = new FeatureExtractor(cfg).extract(clip.data());
            NpyWriter.write(Path.of(args[2]), features, cfg.frames(), cfg.bins());
            System.out.println("Wrote " + cfg.frames() + "x" + cfg.bins() + " " + cfg.kind() + " to " + args[2]);
            return;
        }
        int clips = args.length >= 1 ? Integer.parseInt(args[0]) : 5000;
        FeatureConfig cfg = args.length >= 2 ? FeatureConfig.fromJson(args[1]) : FeatureConfig.defaults();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("Config: " + cfg.toJson());
        System.out.println(run(cfg, clips, 1));
        if (cores > 1) {
            System.out.println(run(cfg, clips, cores));
        }
    }
}
