package io.kwsstudio.runs;

import io.kwsstudio.augment.NoiseBank;
import io.kwsstudio.augment.TrainingBatches;
import io.kwsstudio.augment.TrainingSet;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import io.kwsstudio.train.EvalEvent;
import io.kwsstudio.train.ModelSummary;
import io.kwsstudio.train.ModelZoo;
import io.kwsstudio.train.StepEvent;
import io.kwsstudio.train.TrainResult;
import io.kwsstudio.train.Trainer;
import io.kwsstudio.train.TrainingException;
import io.kwsstudio.train.TrainingListener;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CancellationException;

/**
 * One run being trained: the dataset pipeline, the {@link Trainer} and the run folder, wired so
 * that every event is also recorded ({@code metrics.csv}, {@code run.json}) and the end writes
 * {@code eval.json} and the final status. Used the same way by the CLI and the studio:
 * {@link #start} or {@link #resume}, then {@link #train} on a background thread.
 */
public final class RunTraining implements AutoCloseable {
    /** Decoded audio kept in memory by the pipeline. */
    private static final long AUDIO_CACHE_BYTES = 512L << 20;

    private final TrainingBatches batches;
    private final DatasetTrainingData data;
    private final Trainer trainer;
    private volatile Run run;

    private RunTraining(TrainingBatches batches, DatasetTrainingData data, Trainer trainer, Run run) {
        this.batches = batches;
        this.data = data;
        this.trainer = trainer;
        this.run = run;
    }

    /**
     * Prepares the data (noise, class items, validation and test features) and only then creates
     * the run folder, so a failed or cancelled preparation leaves nothing behind.
     */
    public static RunTraining start(RunStore store, Dataset ds, RunConfig config, String name, ProgressListener progress,
                                    CancellationToken cancel) throws Exception {
        config = config.withDataset(ds.root().toString(), DatasetFingerprint.of(ds));
        Prepared p = prepare(ds, config, progress, cancel);
        ModelSummary summary;
        try {
            summary = ModelZoo.summarize(config.model(), p.data.frames(), p.data.bins(), p.data.labels().size());
        } catch (RuntimeException e) {
            p.batches.close();
            throw e;
        }
        Trainer trainer;
        Run run;
        // summarize() walks the same layers the graph is built from, so a model that cannot take this
        // input has failed above, before any folder exists.
        try {
            run = store.create(config, p.data.labels(), summary, name);
        } catch (IOException | RuntimeException e) {
            p.batches.close();
            throw new IOException("cannot create a run folder in " + store.dir() + ": " + e.getMessage(), e);
        }
        try {
            trainer = new Trainer(config.model(), config.training(), p.data, run.dir());
            Trainer t = trainer;
            run = RunStore.update(run, i -> i.progress(0, t.totalSteps(), 0, Double.NaN, 0));
        } catch (IOException | RuntimeException e) {
            p.batches.close();
            store.discard(run);  // nothing was trained: leave no half-made run behind
            throw e;
        }
        return new RunTraining(p.batches, p.data, trainer, run);
    }

    /** Re-opens an interrupted or cancelled run on its dataset and continues from its last checkpoint. */
    public static RunTraining resume(Run run, Dataset ds, ProgressListener progress, CancellationToken cancel) throws Exception {
        if (!run.status().resumable()) {
            throw new IOException("run " + run.info().name() + " is " + run.status().jsonName() + "; only interrupted or cancelled runs can be resumed");
        }
        RunConfig config = run.config();
        java.nio.file.Path trainedOn = java.nio.file.Path.of(config.datasetPath()).toAbsolutePath().normalize();
        if (!trainedOn.equals(ds.root().toAbsolutePath().normalize())) {
            throw new IOException("run " + run.info().name() + " was trained on " + trainedOn + "; open that dataset to resume it (this is "
                    + ds.root() + ")");
        }
        Prepared p = prepare(ds, config, progress, cancel);
        try {
            Trainer trainer = Trainer.resume(run.dir(), p.data);
            p.data.startAt(trainer.step());
            Run running = RunStore.update(run, i -> i.running(ProcessHandle.current()));
            return new RunTraining(p.batches, p.data, trainer, running);
        } catch (TrainingException | IOException | RuntimeException e) {
            p.batches.close();
            throw e;
        }
    }

    private record Prepared(TrainingBatches batches, DatasetTrainingData data) {
    }

    private static Prepared prepare(Dataset ds, RunConfig config, ProgressListener progress, CancellationToken cancel)
            throws Exception {
        NoiseBank noise = NoiseBank.load(ds.noiseFiles(), config.features().sampleRate(), progress, cancel);
        TrainingSet set = TrainingSet.build(ds, config.augment());
        if (set.items(Split.TRAINING).isEmpty()) {
            throw new IOException("the training split of " + ds.root() + " has no clips of the wanted words "
                    + config.augment().wantedWords());
        }
        if (set.items(Split.VALIDATION).isEmpty()) {
            throw new IOException("the validation split of " + ds.root() + " is empty: add clips or change the split");
        }
        if (cancel.isCancelled()) {
            throw new CancellationException("cancelled while preparing the run");
        }
        progress.progress(-1, -1, "Computing validation and test features");
        TrainingBatches batches = new TrainingBatches(ds, set, config.features(), config.augment(), noise,
                config.training().batchSize(), 1, AUDIO_CACHE_BYTES);
        try {
            return new Prepared(batches, new DatasetTrainingData(batches, set));
        } catch (Exception e) {
            batches.close();
            throw e;
        }
    }

    public Run run() {
        return run;
    }

    public Trainer trainer() {
        return trainer;
    }

    public DatasetTrainingData data() {
        return data;
    }

    /**
     * Trains to the end, early stop or cancel, recording as it goes. A failure (such as a diverged
     * loss) is recorded as the run's status and message, then rethrown.
     */
    public TrainResult train(TrainingListener listener, CancellationToken cancel) throws TrainingException, IOException {
        try (MetricsLog log = MetricsLog.open(run.dir(), trainer.step())) {
            Recorder recorder = new Recorder(log, listener);
            TrainResult result = trainer.train(recorder, cancel);
            if (recorder.failure != null) {
                throw recorder.failure;
            }
            return result;
        } catch (TrainingException | IOException | RuntimeException e) {
            if (run.info().status() == RunStatus.RUNNING) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                run = RunStore.update(run, i -> i.ended(RunStatus.FAILED, msg, Double.NaN, Instant.now()));
            }
            throw e;
        }
    }

    /** Writes each event to the run folder, then passes it on. */
    private final class Recorder implements TrainingListener {
        private final MetricsLog log;
        private final TrainingListener next;
        IOException failure;

        Recorder(MetricsLog log, TrainingListener next) {
            this.log = log;
            this.next = next;
        }

        @Override
        public void step(StepEvent e) {
            record(() -> log.append(new MetricRow(e.step(), e.loss(), e.accuracy(), e.learningRate(), e.examplesPerSecond(),
                    Double.NaN, Double.NaN)));
            next.step(e);
        }

        @Override
        public void evaluated(EvalEvent e) {
            record(() -> {
                log.append(new MetricRow(e.step(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, e.validation().loss(),
                        e.validation().accuracy()));
                run = RunStore.update(run, i -> i.progress(e.step(), trainer.totalSteps(), e.best() ? e.step() : i.bestStep(),
                        e.best() ? e.validation().accuracy() : i.bestValidation(), i.trainingMillis()));
            });
            next.evaluated(e);
        }

        @Override
        public void finished(TrainResult r) {
            record(() -> {
                RunStatus status = switch (r.status()) {
                    case COMPLETED -> RunStatus.COMPLETED;
                    case EARLY_STOPPED -> RunStatus.EARLY_STOPPED;
                    case CANCELLED -> RunStatus.CANCELLED;
                };
                if (status != RunStatus.CANCELLED) {
                    io.kwsstudio.files.AtomicFiles.writeString(run.dir().resolve(EvalReport.FILE),
                            new EvalReport(r.bestStep(), r.bestValidation(), r.test()).toJson());
                }
                long millis = io.kwsstudio.train.CheckpointInfo.read(run.dir()).trainingMillis();
                double best = r.bestValidation() == null ? Double.NaN : r.bestValidation().accuracy();
                double test = r.test() == null ? Double.NaN : r.test().accuracy();
                String message = switch (status) {
                    case CANCELLED -> "cancelled at step " + r.steps() + " of " + r.totalSteps() + "; resume to continue";
                    case EARLY_STOPPED -> "stopped early at step " + r.steps() + ": validation stopped improving";
                    default -> "";
                };
                run = RunStore.update(run, i -> i.progress(r.steps(), r.totalSteps(), r.bestStep(), best, millis)
                        .ended(status, message, test, Instant.now()));
            });
            next.finished(r);
        }

        private void record(IoAction action) {
            if (failure != null) {
                return;
            }
            try {
                action.run();
            } catch (IOException e) {
                // Remembered and thrown after training stops; the checkpoint itself is intact.
                failure = new IOException("cannot record the run in " + run.dir() + ": " + e.getMessage(), e);
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    @Override
    public void close() {
        batches.close();
    }

    /** Where a run's files are. */
    public Path dir() {
        return run.dir();
    }
}
