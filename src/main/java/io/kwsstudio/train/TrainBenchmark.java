package io.kwsstudio.train;

import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.tasks.CancellationToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training and inference speed of a zoo model at the reference's scale, through the same
 * {@link Trainer} the studio and the CLI use: full steps (forward, backward, optimizer update) on a
 * fixed random batch after warm-up, and the latency of one clip (features + forward pass).
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    /**
     * @param examplesPerSecond training examples per second over the timed steps
     * @param secondsPerStep    mean time of one timed step
     * @param peakRssMb         the process's peak resident memory so far (VmHWM), -1 where unknown
     * @param inferenceMillis   median time to featurize and classify one 1 s clip
     */
    public record Result(String model, int batch, int steps, double examplesPerSecond, double secondsPerStep, double peakRssMb,
                         double inferenceMillis) {
    }

    public static Result run(ModelKind kind, int batch, int steps, int warmUp, int labels, TrainConfig.Optimizer optimizer)
            throws IOException, TrainingException {
        return run(ModelSpec.defaults(kind), batch, steps, warmUp, labels, optimizer);
    }

    public static Result run(ModelSpec spec, int batch, int steps, int warmUp, int labels, TrainConfig.Optimizer optimizer)
            throws IOException, TrainingException {
        ModelKind kind = spec.kind();
        FeatureConfig features = FeatureConfig.defaults();
        int frames = features.frames();
        int bins = features.bins();
        Random random = new Random(1);
        TrainingData.Batch fixed = randomBatch(batch, frames * bins, labels, random);
        TrainingData.Batch validation = randomBatch(labels, frames * bins, labels, random);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < labels; i++) {
            names.add("w" + i);
        }
        TrainingData data = new TrainingData() {
            @Override
            public int frames() {
                return frames;
            }

            @Override
            public int bins() {
                return bins;
            }

            @Override
            public List<String> labels() {
                return names;
            }

            @Override
            public int[] trainingLabelCounts() {
                int[] c = new int[labels];
                Arrays.fill(c, 100);
                return c;
            }

            @Override
            public Batch nextTrainingBatch(int n) {
                return fixed;
            }

            @Override
            public Batch validation() {
                return validation;
            }

            @Override
            public Batch test() {
                return Batch.empty();
            }
        };
        TrainConfig cfg = TrainConfig.defaults().withOptimizer(optimizer).withSchedule(String.valueOf(warmUp + steps), "0.001")
                .withBatchSize(batch).withEvalEvery(Integer.MAX_VALUE / 2);
        Path dir = Files.createTempDirectory("kws-bench");
        try {
            Trainer trainer = new Trainer(spec, cfg, data, dir).eventInterval(Duration.ZERO);
            long[] at = new long[warmUp + steps + 1];
            trainer.train(new TrainingListener() {
                @Override
                public void step(StepEvent e) {
                    at[e.step()] = System.nanoTime();
                }
            }, CancellationToken.NONE);
            double seconds = (at[warmUp + steps] - at[warmUp]) / 1e9 / steps;

            // One clip at a time, as streaming recognition does: features then the forward pass.
            FeatureExtractor extractor = new FeatureExtractor(features);
            float[] audio = new float[features.clipSamples()];
            for (int i = 0; i < audio.length; i++) {
                audio[i] = (float) (0.1 * random.nextGaussian());
            }
            float[] f = new float[frames * bins];
            TrainedModel model = trainer.model();
            // Warm up for a while first: streaming runs this for minutes, so the JIT-compiled speed is the one
            // that matters, and the Java forward pass is interpreted for its first few hundred calls.
            long warmUntil = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warmUntil) {
                extractor.extract(audio, f, 0);
                model.predict(f, 1);
            }
            double[] times = new double[200];
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                extractor.extract(audio, f, 0);
                model.predict(f, 1);
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(times);
            return new Result(kind.jsonName(), batch, steps, batch / seconds, seconds, peakRssMb(), times[times.length / 2]);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Peak resident set size of this process in MB from /proc (Linux); -1 elsewhere. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static TrainingData.Batch randomBatch(int n, int size, int labels, Random random) {
        float[] f = new float[n * size];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) random.nextGaussian();
        }
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % labels;
        }
        return new TrainingData.Batch(f, l, n);
    }

    private static void deleteRecursively(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
