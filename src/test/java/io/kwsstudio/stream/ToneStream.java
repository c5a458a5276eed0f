package io.kwsstudio.stream;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.runs.RunTraining;
import io.kwsstudio.runs.ToneDataset;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import io.kwsstudio.train.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A tone dataset with background noise, a small model trained on it, and a 12 s stream of known words. */
public final class ToneStream {
    /** Words every 1.5 s from 1 s on, in quiet noise; "cat" is not a wanted word, so it is _unknown_. */
    public static final String[] WORDS = {"yes", "no", "up", "yes", "cat", "no", "up"};
    /** Settings for quarter-second words: averaging over 250 ms (the reference's 1 s suits 1 s speech clips). */
    public static final RecognizeCommands.Settings SHORT_WORDS = new RecognizeCommands.Settings(250, 0.5, 500, 3);

    private ToneStream() {
    }

    /** Writes the dataset under {@code root} and trains a run in {@code store}; returns the run. */
    public static Run train(Path root, RunStore store) throws Exception {
        ToneDataset.write(root, 40, 7, "yes", "no", "up", "cat");
        // Background noise like the stream's, mixed into training so "silence" means quiet noise, not zeros.
        Random noise = new Random(11);
        float[] n = new float[10 * 16000];
        for (int i = 0; i < n.length; i++) {
            n[i] = (float) (0.05 * noise.nextGaussian());
        }
        Files.createDirectories(root.resolve("_background_noise_"));
        WavWriter.writePcm16(root.resolve("_background_noise_/quiet.wav"), new AudioClip(n, 16000));
        Dataset ds = Dataset.open(root);
        var cfg = ToneDataset.config(120);
        cfg = cfg.withAugment(cfg.augment().withBackgroundNoise(true).withBackgroundFrequency(0.8).withBackgroundVolume(0, 0.2));
        Run run;
        try (RunTraining t = RunTraining.start(store, ds, cfg, "stream", ProgressListener.NONE, new CancellationToken())) {
            run = t.run();
            t.train(TrainingListener.NONE, new CancellationToken());
        }
        return RunStore.read(run.dir());
    }

    /** The stream and its ground truth (each word's clip start). */
    public static AudioClip stream(List<GroundTruth.Word> truthOut) {
        Random rnd = new Random(3);
        float[] x = new float[12 * 16000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.005 * rnd.nextGaussian());
        }
        for (int w = 0; w < WORDS.length; w++) {
            int at = 16000 + w * 24000;
            float[] burst = ToneDataset.burst(ToneDataset.WORDS.get(WORDS[w]), rnd).samples();
            for (int i = 0; i < burst.length; i++) {
                x[at + i] += burst[i];
            }
            truthOut.add(new GroundTruth.Word(WORDS[w].equals("cat") ? "_unknown_" : WORDS[w], at / 16));
        }
        return new AudioClip(x, 16000);
    }

    /** Writes the stream and its ground-truth CSV next to each other; returns {wav, csv}. */
    public static Path[] write(Path dir) throws Exception {
        List<GroundTruth.Word> truth = new ArrayList<>();
        AudioClip s = stream(truth);
        Files.createDirectories(dir);
        Path wav = dir.resolve("stream.wav");
        WavWriter.writePcm16(wav, s);
        StringBuilder csv = new StringBuilder();
        for (GroundTruth.Word w : truth) {
            csv.append(w.label()).append(',').append(w.timeMs()).append('\n');
        }
        return new Path[]{wav, Files.writeString(dir.resolve("truth.csv"), csv)};
    }
}
