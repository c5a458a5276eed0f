package io.kwsstudio.ui.train;

import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.runs.MetricRow;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.runs.RunTraining;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.train.EvalEvent;
import io.kwsstudio.train.Evaluation;
import io.kwsstudio.train.StepEvent;
import io.kwsstudio.train.TrainResult;
import io.kwsstudio.train.TrainingData;
import io.kwsstudio.train.TrainingListener;
import io.kwsstudio.ui.DatasetViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the studio's training, one run at a time on its own thread (the machine's cores go to the
 * model), with a queue for sweeps and re-runs. Training events are collected on the training
 * thread and handed to observers on the FX thread every {@value #PUMP_MILLIS} ms, so charts
 * update in batches and the UI never waits for training.
 */
public final class TrainingController {
    static final int PUMP_MILLIS = 150;

    /** A run waiting for its turn. */
    public record QueuedRun(RunConfig config, String name, List<String> tags) {
        public QueuedRun {
            tags = List.copyOf(tags == null ? List.of() : tags);
        }
    }

    private final DatasetViewModel vm;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training");
        t.setDaemon(true);
        return t;
    });
    private final List<TrainingObserver> observers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<StepEvent> stepEvents = new ConcurrentLinkedQueue<>();
    private final ObservableList<QueuedRun> queue = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<Run> currentRun = new ReadOnlyObjectWrapper<>(this, "currentRun");
    private final ReadOnlyObjectWrapper<RunStore> store = new ReadOnlyObjectWrapper<>(this, "store");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /** Train the next runs in low-memory mode (Trainer#lowMemory): for machines where a run would not fit. */
    private final BooleanProperty lowMemory = new SimpleBooleanProperty(this, "lowMemory", false);
    /** Whether the run now training uses low-memory mode (read on the FX thread). */
    private volatile boolean runIsLowMemory;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyIntegerWrapper runsChanged = new ReadOnlyIntegerWrapper(this, "runsChanged", 0);
    private final Timeline pump;
    private volatile CancellationToken cancel = CancellationToken.NONE;
    private long longestDrainNanos;
    private java.util.function.Consumer<RunConfig> editHandler = c -> { };

    public TrainingController(DatasetViewModel vm) {
        this.vm = vm;
        vm.datasetProperty().addListener((o, a, ds) -> store.set(ds == null ? null : RunStore.besideDataset(ds.root())));
        if (vm.dataset() != null) {
            store.set(RunStore.besideDataset(vm.dataset().root()));
        }
        pump = new Timeline(new KeyFrame(Duration.millis(PUMP_MILLIS), e -> drain()));
        pump.setCycleCount(Timeline.INDEFINITE);
        pump.play();
    }

    public BooleanProperty lowMemoryProperty() {
        return lowMemory;
    }

    public void addObserver(TrainingObserver o) {
        observers.add(o);
    }

    /** Queues a run of {@code config} on the open dataset; it starts at once when nothing is training. */
    public void enqueue(RunConfig config, String name, List<String> tags) {
        queue.add(new QueuedRun(config, name, tags));
        startNext();
    }

    /** Continues an interrupted or cancelled run (after the current one, if any). */
    public void resume(Run run) {
        if (running.get()) {
            status.set("Wait for the current run to finish before resuming another.");
            return;
        }
        Dataset ds = vm.dataset();
        if (ds == null) {
            status.set("Open the run's dataset to resume it.");
            return;
        }
        begin(token -> RunTraining.resume(run, ds, (d, t, m) -> setStatusLater(m), token), List.of());
    }

    /** Stops the current run after its step and saves it (it can be resumed); queued runs stay queued. */
    public void cancel() {
        cancel.cancel();
    }

    /** Drops the queued runs that have not started. */
    public void clearQueue() {
        queue.clear();
    }

    private void startNext() {
        if (running.get() || queue.isEmpty()) {
            return;
        }
        Dataset ds = vm.dataset();
        RunStore s = store.get();
        if (ds == null || s == null) {
            status.set("Open a dataset to train on.");
            return;
        }
        QueuedRun next = queue.remove(0);
        begin(token -> RunTraining.start(s, ds, next.config(), next.name(), (d, t, m) -> setStatusLater(m), token), next.tags());
    }

    @FunctionalInterface
    private interface Opener {
        RunTraining open(CancellationToken token) throws Exception;
    }

    private void begin(Opener opener, List<String> tags) {
        CancellationToken token = new CancellationToken();
        cancel = token;
        running.set(true);
        progress.set(-1);
        status.set("Preparing the data…");
        runIsLowMemory = lowMemory.get();     // read here, on the FX thread, for the run about to start
        thread.submit(() -> train(opener, tags, token));
    }

    /** On the training thread. */
    private void train(Opener opener, List<String> tags, CancellationToken token) {
        Run run = null;
        try (RunTraining training = opener.open(token)) {
            if (runIsLowMemory) {
                training.trainer().lowMemory(true);
            }
            runIsLowMemory = training.trainer().isLowMemory();     // also on with -Dkws.lowMemory=true
            run = training.run();
            if (!tags.isEmpty()) {
                run = RunStore.update(run, i -> i.withTags(tags));
            }
            List<MetricRow> history = run.metrics();
            Run started = run;
            List<String> labels = training.data().labels();
            var summary = training.trainer().summary();
            List<Clip> clips = training.data().clips(Split.VALIDATION);
            TrainingData.Batch validation = training.data().validation();
            pending.add(() -> {
                currentRun.set(started);
                runsChanged.set(runsChanged.get() + 1);
                observers.forEach(o -> o.started(started, labels, summary, history));
            });
            TrainResult result = training.train(new TrainingListener() {
                @Override
                public void step(StepEvent e) {
                    stepEvents.add(e);
                }

                @Override
                public void evaluated(EvalEvent e) {
                    // Per-example scores for the confusion-matrix drill-down; the trainer allows predict here.
                    float[][] p = training.trainer().predict(validation.features(), validation.size());
                    int[] truth = java.util.Arrays.copyOf(validation.labels(), validation.size());
                    EvalSnapshot snap = new EvalSnapshot(e.step(), e.validation(), e.best(), clips, p, truth);
                    pending.add(() -> observers.forEach(o -> o.evaluated(snap)));
                }
            }, token);
            Run finished = RunStore.read(run.dir());
            pending.add(() -> end(finished, result, null));
        } catch (Throwable e) {
            Run failed = run;
            if (failed != null) {
                try {
                    failed = RunStore.read(failed.dir());
                } catch (Exception ignored) {
                    // keep what we had
                }
            }
            Run f = failed;
            pending.add(() -> end(f, null, e));
        }
    }

    private void end(Run run, TrainResult result, Throwable error) {
        drainSteps();
        currentRun.set(run);  // before running turns false, so whoever sees "not running" sees the ended run
        running.set(false);
        progress.set(0);
        runsChanged.set(runsChanged.get() + 1);
        if (error != null) {
            boolean cancelled = error instanceof java.util.concurrent.CancellationException;
            status.set(cancelled ? "Cancelled before training started." : "Training failed: " + error.getMessage());
        } else {
            status.set(switch (result.status()) {
                case COMPLETED -> "Finished: " + summary(result);
                case EARLY_STOPPED -> "Stopped early at step " + result.steps() + ": " + summary(result);
                case CANCELLED -> "Paused at step " + result.steps() + " of " + result.totalSteps() + ". Resume continues from there.";
            });
        }
        observers.forEach(o -> o.finished(run, result, error));
        if (result == null || result.status() != TrainResult.Status.CANCELLED) {
            startNext();
        }
    }

    private static String summary(TrainResult r) {
        Evaluation v = r.bestValidation();
        Evaluation t = r.test();
        return String.format(Locale.ROOT, "best validation accuracy %.1f%% (step %d)%s", v == null ? 0 : 100 * v.accuracy(),
                r.bestStep(), t == null ? "" : String.format(Locale.ROOT, ", test accuracy %.1f%%", 100 * t.accuracy()));
    }

    private void drain() {
        long t0 = System.nanoTime();
        drainSteps();
        Runnable r;
        while ((r = pending.poll()) != null) {
            r.run();
        }
        longestDrainNanos = Math.max(longestDrainNanos, System.nanoTime() - t0);

    }

    /** The longest time one batch of training events took on the FX thread, in ms (for tests and diagnostics). */
    public double longestUiUpdateMillis() {
        return longestDrainNanos / 1e6;
    }

    private void drainSteps() {
        if (stepEvents.isEmpty()) {
            return;
        }
        List<StepEvent> batch = new ArrayList<>();
        StepEvent e;
        while ((e = stepEvents.poll()) != null) {
            batch.add(e);
        }
        StepEvent last = batch.get(batch.size() - 1);
        progress.set((double) last.step() / last.totalSteps());
        status.set(String.format(Locale.ROOT, "Step %,d of %,d · %.0f examples/s · %s left%s", last.step(), last.totalSteps(),
                last.examplesPerSecond(), eta(last.eta()), runIsLowMemory ? " · low memory" : ""));
        observers.forEach(o -> o.steps(batch));
    }

    static String eta(java.time.Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    private void setStatusLater(String message) {
        pending.add(() -> status.set(message));
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** The run training now, or the last one that ran. */
    public ReadOnlyObjectProperty<Run> currentRunProperty() {
        return currentRun.getReadOnlyProperty();
    }

    /** The runs folder beside the open dataset. */
    public ReadOnlyObjectProperty<RunStore> storeProperty() {
        return store.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Fraction of steps done, -1 while preparing. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Counts run starts and ends, so run lists know when to refresh. */
    public ReadOnlyIntegerProperty runsChangedProperty() {
        return runsChanged.getReadOnlyProperty();
    }

    /** Tells run lists to refresh after an edit elsewhere (rename, delete). */
    public void notifyRunsChanged() {
        runsChanged.set(runsChanged.get() + 1);
    }

    /** Opens {@code config} in the Train view's form for editing (the studio switches to that tab). */
    public void editConfig(RunConfig config) {
        editHandler.accept(config);
    }

    public void setOnEditConfig(java.util.function.Consumer<RunConfig> handler) {
        this.editHandler = handler == null ? c -> { } : handler;
    }

    public ObservableList<QueuedRun> queue() {
        return queue;
    }

    public DatasetViewModel datasetViewModel() {
        return vm;
    }

    public void shutdown() {
        cancel.cancel();
        pump.stop();
        thread.shutdown();
    }

    static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
