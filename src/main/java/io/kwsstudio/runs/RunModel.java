package io.kwsstudio.runs;

import io.kwsstudio.align.LoudestWindow;
import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.augment.NoiseBank;
import io.kwsstudio.augment.TrainingBatches;
import io.kwsstudio.augment.TrainingSet;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import io.kwsstudio.train.Evaluation;
import io.kwsstudio.train.TrainedModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A trained run ready to use: the best checkpoint with the exact feature settings it was trained
 * on, read only from the run folder, so copying the folder to another machine gives the same
 * predictions. Not thread-safe.
 */
public final class RunModel {
    private final Path dir;
    private final RunConfig config;
    private final TrainedModel model;
    private final FeatureExtractor extractor;

    private RunModel(Path dir, RunConfig config, TrainedModel model) {
        this.dir = dir;
        this.config = config;
        this.model = model;
        this.extractor = new FeatureExtractor(config.features());
    }

    /** Opens the best weights of the run in {@code runDir}. */
    public static RunModel load(Path runDir) throws IOException {
        Run run = RunStore.read(runDir);
        if (!run.hasModel()) {
            throw new IOException("run " + run.info().name() + " (" + runDir + ") has no trained weights yet: it has not reached its first evaluation");
        }
        RunConfig config = run.config();
        TrainedModel model = TrainedModel.load(runDir);
        if (model.frames() != config.features().frames() || model.bins() != config.features().bins()) {
            throw new IOException(runDir + ": the model expects " + model.frames() + "x" + model.bins()
                    + " features but config.json gives " + config.features().frames() + "x" + config.features().bins());
        }
        return new RunModel(runDir, config, model);
    }

    public Path dir() {
        return dir;
    }

    public RunConfig config() {
        return config;
    }

    public FeatureConfig features() {
        return config.features();
    }

    public List<String> labels() {
        return model.labels();
    }

    public TrainedModel model() {
        return model;
    }

    /** One label's score. */
    public record Score(String label, float probability) {
    }

    /**
     * Scores of every label for a clip, best first. A recording longer than the model's clip
     * duration is scored on its loudest window (where a word most likely is), a shorter one is
     * padded with silence, and other sample rates are resampled, as training clips were.
     */
    public List<Score> predict(AudioClip audio) {
        float[] scores = probabilities(audio);
        List<Score> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            out.add(new Score(model.labels().get(i), scores[i]));
        }
        out.sort(Comparator.comparingDouble((Score s) -> s.probability()).reversed());
        return out;
    }

    public List<Score> predict(Path wav) throws AudioFileException {
        return predict(WavReader.read(wav, config.features().sampleRate()));
    }

    /** Label probabilities in label order. {@code audio} must be at the model's sample rate. */
    public float[] probabilities(AudioClip audio) {
        FeatureConfig f = config.features();
        if (audio.sampleRate() != f.sampleRate()) {
            throw new IllegalArgumentException("audio at " + audio.sampleRate() + " Hz; the model needs " + f.sampleRate() + " Hz");
        }
        float[] samples = audio.samples();
        if (samples.length > f.clipSamples()) {
            samples = LoudestWindow.extract(audio, f.clipSamples()).aligned().samples();
        }
        float[] clip = Arrays.copyOf(samples, f.clipSamples());
        return model.predict(extractor.extract(clip), 1)[0];
    }

    /** What {@link #evaluate} measured, with the clip behind each example (null for silence). */
    public record DatasetEvaluation(Evaluation evaluation, List<Clip> clips, float[][] probabilities, boolean sameDataset) {
    }

    /**
     * Scores the run on a dataset. On its own training dataset (same fingerprint) it uses
     * {@code split} with the run's silence and unknown items, as training did; on any other
     * folder every clip counts: wanted words by name, other folders as {@code _unknown_}.
     */
    public DatasetEvaluation evaluate(Dataset ds, Split split, ProgressListener progress, CancellationToken cancel)
            throws Exception {
        boolean same = DatasetFingerprint.of(ds).equals(config.datasetFingerprint());
        TrainingSet set = same ? TrainingSet.build(ds, config.augment()) : TrainingSet.forEvaluation(ds.clips(), config.augment());
        Split used = same ? split : Split.TESTING;
        if (set.items(used).isEmpty()) {
            throw new IOException(same
                    ? "the " + split.name().toLowerCase(java.util.Locale.ROOT) + " split of " + ds.root() + " is empty"
                    : ds.root() + " has no clips to evaluate");
        }
        NoiseBank noise = NoiseBank.load(ds.noiseFiles(), config.features().sampleRate(), progress, cancel);
        progress.progress(-1, -1, "Computing features of " + set.items(used).size() + " clips");
        try (TrainingBatches batches = new TrainingBatches(ds, set, config.features(), config.augment(), noise, 1,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 256L << 20)) {
            TrainingBatches.Batch b = batches.fixedSet(used);
            if (cancel.isCancelled()) {
                throw new java.util.concurrent.CancellationException("evaluation cancelled");
            }
            progress.progress(-1, -1, "Scoring " + b.size() + " clips");
            float[][] p = model.predict(b.features(), b.size());
            int[] truth = Arrays.copyOf(b.labels(), b.size());
            Evaluation e = Evaluation.of(truth, Evaluation.argmax(p), p, model.labels());
            List<Clip> clips = set.items(used).stream().map(TrainingSet.Item::clip).toList();
            return new DatasetEvaluation(e, clips, p, same);
        }
    }
}
