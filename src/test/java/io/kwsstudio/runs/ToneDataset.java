package io.kwsstudio.runs;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.augment.AugmentConfig;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.train.ModelKind;
import io.kwsstudio.train.TrainConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A dataset a small model learns in a few dozen steps: each "word" is a tone burst at its own
 * pitch (with jitter, random level and position) in quiet noise, half-second clips, random speaker
 * ids so the hash split puts some of each word in validation and test.
 */
public final class ToneDataset {
    public static final Map<String, Double> WORDS = Map.of("yes", 400.0, "no", 1200.0, "up", 2800.0, "cat", 2000.0);
    public static final FeatureConfig FEATURES = FeatureConfig.defaults().withClipDurationMs(500).withFeatureBinCount(20);

    private ToneDataset() {
    }

    public static Path write(Path root, int perWord, long seed, String... words) throws IOException {
        Random rnd = new Random(seed);
        for (String w : words) {
            for (int i = 0; i < perWord; i++) {
                String id = String.format(Locale.ROOT, "%08x", rnd.nextInt());
                java.nio.file.Files.createDirectories(root.resolve(w));
                WavWriter.writePcm16(root.resolve(w).resolve(id + "_nohash_0.wav"), burst(WORDS.get(w), rnd));
            }
        }
        return root;
    }

    public static AudioClip burst(double hz, Random rnd) {
        int rate = 16000;
        float[] x = new float[rate / 2];
        double f = hz * (1 + 0.05 * rnd.nextGaussian());
        float level = 0.2f + 0.5f * rnd.nextFloat();
        int start = rnd.nextInt(rate / 8);
        int length = rate / 4;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.005 * rnd.nextGaussian());
            if (i >= start && i < start + length) {
                double env = Math.sin(Math.PI * (i - start) / length);
                x[i] += (float) (level * env * Math.sin(2 * Math.PI * f * i / rate));
            }
        }
        return new AudioClip(x, rate);
    }

    /** tiny_conv on yes/no/up with "cat" as unknown, Adam, batch 16. */
    public static RunConfig config(int steps) {
        AugmentConfig augment = AugmentConfig.none().withWantedWords(List.of("yes", "no", "up"));
        TrainConfig training = TrainConfig.defaults().withOptimizer(TrainConfig.Optimizer.ADAM)
                .withSchedule(List.of(steps), List.of(0.005)).withBatchSize(16).withEvalEvery(5);
        return RunConfig.defaults(ModelKind.TINY_CONV).withFeatures(FEATURES).withAugment(augment).withTraining(training);
    }
}
