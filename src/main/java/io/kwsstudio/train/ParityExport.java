package io.kwsstudio.train;

import io.kwsstudio.features.NpyWriter;
import io.kwsstudio.tasks.CancellationToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Exports what a PyTorch re-implementation needs to check that KWS Studio's training does the same
 * mathematics (bench/parity_check.py): a model's initial weights (one .npy per trainable variable,
 * in graph order, shapes in manifest.json), a fixed batch, and the losses of {@code steps} plain-SGD
 * steps on it, without dropout.
 */
public final class ParityExport {
    private ParityExport() {
    }

    public static List<Double> run(ModelKind kind, int batchSize, int steps, double learningRate, Path out)
            throws IOException, TrainingException {
        int frames = 98;
        int bins = 40;
        int labels = 12;
        Random random = new Random(7);
        float[] features = new float[batchSize * frames * bins];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        int[] truth = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            truth[i] = random.nextInt(labels);
        }
        TrainingData.Batch batch = new TrainingData.Batch(features, truth, batchSize);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < labels; i++) {
            names.add("w" + i);
        }
        TrainingData data = new TrainingData() {
            public int frames() {
                return frames;
            }

            public int bins() {
                return bins;
            }

            public List<String> labels() {
                return names;
            }

            public int[] trainingLabelCounts() {
                int[] c = new int[labels];
                Arrays.fill(c, 10);
                return c;
            }

            public Batch nextTrainingBatch(int n) {
                return batch;
            }

            public Batch validation() {
                return batch;
            }

            public Batch test() {
                return Batch.empty();
            }
        };
        TrainConfig cfg = TrainConfig.defaults().withOptimizer(TrainConfig.Optimizer.SGD)
                .withSchedule(String.valueOf(steps), String.valueOf(learningRate)).withBatchSize(batchSize)
                .withEvalEvery(Integer.MAX_VALUE / 2).withDropout(0.0);
        Files.createDirectories(out);
        Trainer trainer = new Trainer(ModelSpec.defaults(kind), cfg, data, Files.createTempDirectory("kws-parity"))
                .eventInterval(Duration.ZERO);
        StringBuilder manifest = new StringBuilder("{\"model\": \"" + kind.jsonName() + "\", \"learning_rate\": " + learningRate
                + ", \"variables\": [");
        List<String> trainable = trainer.model().graph().trainable();
        for (int i = 0; i < trainable.size(); i++) {
            var arr = trainer.model().sameDiff().getArrForVarName(trainable.get(i));
            float[] values = arr.dup('c').data().asFloat();
            NpyWriter.write(out.resolve(i + ".npy"), values, 1, values.length);
            manifest.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(trainable.get(i)).append("\", \"shape\": ")
                    .append(Arrays.toString(arr.shape())).append('}');
        }
        NpyWriter.write(out.resolve("x.npy"), features, batchSize, frames * bins);
        float[] y = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            y[i] = truth[i];
        }
        NpyWriter.write(out.resolve("y.npy"), y, 1, batchSize);
        List<Double> losses = new ArrayList<>();
        trainer.train(new TrainingListener() {
            @Override
            public void step(StepEvent e) {
                losses.add(e.loss());
            }
        }, CancellationToken.NONE);
        manifest.append("], \"losses\": ").append(losses.stream().map(l -> String.format(Locale.ROOT, "%.9g", l)).toList())
                .append("}\n");
        Files.writeString(out.resolve("manifest.json"), manifest.toString());
        return losses;
    }
}
