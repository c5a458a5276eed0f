package io.kwsstudio.train;

import io.kwsstudio.tasks.CancellationToken;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seconds per training step of a zoo model at the reference's scale (not a test; run by hand):
 * {@code java -cp target/test-classes:target/classes:<deps> io.kwsstudio.train.TrainStepBenchmark [kind] [steps] [batch] [frames] [bins]}.
 * Defaults: conv, 5 steps, batch 100, 98x40 input; 12 labels, Adam; two warm-up steps are not timed.
 */
public final class TrainStepBenchmark {
    private static final int LABELS = 12;
    private static final int WARM_UP = 2;

    private TrainStepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ModelKind kind = args.length > 0 ? ModelKind.fromJson(args[0]) : ModelKind.CONV;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int frames = args.length > 3 ? Integer.parseInt(args[3]) : 98;
        int bins = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        Random random = new Random(1);
        TrainingData.Batch batch = randomBatch(batchSize, frames * bins, random);
        TrainingData.Batch validation = randomBatch(LABELS, frames * bins, random);
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
                List<String> l = new ArrayList<>();
                for (int i = 0; i < LABELS; i++) {
                    l.add("w" + i);
                }
                return l;
            }

            @Override
            public int[] trainingLabelCounts() {
                int[] c = new int[LABELS];
                java.util.Arrays.fill(c, 100);
                return c;
            }

            @Override
            public Batch nextTrainingBatch(int n) {
                return batch;
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
        TrainConfig cfg = TrainConfig.defaults().withOptimizer(TrainConfig.Optimizer.ADAM)
                .withSchedule(String.valueOf(WARM_UP + steps), "0.001").withBatchSize(batchSize).withEvalEvery(100_000);
        Path dir = Files.createTempDirectory("kws-bench");
        Trainer trainer = new Trainer(ModelSpec.defaults(kind), cfg, data, dir).eventInterval(Duration.ZERO);
        long[] at = new long[WARM_UP + steps + 1];
        trainer.train(new TrainingListener() {
            @Override
            public void step(StepEvent e) {
                at[e.step()] = System.nanoTime();
                System.out.printf("step %d: loss %.4f%n", e.step(), e.loss());
            }
        }, CancellationToken.NONE);
        double seconds = (at[WARM_UP + steps] - at[WARM_UP]) / 1e9 / steps;
        System.out.printf("%s batch %d on %dx%d, %d labels, Adam: %.2f s per step, %.1f examples/s (%d timed steps after %d warm-up)%n",
                kind.jsonName(), batchSize, frames, bins, LABELS, seconds, batchSize / seconds, steps, WARM_UP);
    }

    private static TrainingData.Batch randomBatch(int n, int size, Random random) {
        float[] f = new float[n * size];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % LABELS;
        }
        return new TrainingData.Batch(f, labels, n);
    }
}
