package io.kwsstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.runs.EvalReport;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.runs.RunTraining;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.train.EvalEvent;
import io.kwsstudio.train.ModelKind;
import io.kwsstudio.train.StepEvent;
import io.kwsstudio.train.TrainConfig;
import io.kwsstudio.train.TrainResult;
import io.kwsstudio.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code train}: trains a zoo model on a dataset into a new run folder, or resumes one. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a keyword-spotting model on a dataset. Each run is a folder in the runs folder (by default "
                + "`runs` next to the dataset) with its config, metrics.csv, eval.json, labels.txt and model files.",
                "Ctrl+C stops after the current step and saves; `train --resume RUN` continues.",
                "Options override --config, which overrides the reference defaults of --model."})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(paramLabel = "DATASET", arity = "0..1", description = "Dataset folder (Speech Commands layout).")
    Path dataset;
    @Option(names = "--model", defaultValue = "conv", description = "Zoo model: single_fc, conv, low_latency_conv, "
            + "low_latency_svdf, tiny_conv, ds_cnn_s, ds_cnn_m, ds_cnn_l (default: ${DEFAULT-VALUE}); see `models`.")
    String model;
    @Option(names = "--config", paramLabel = "FILE", description = "JSON with any of the sections features, augment, model, "
            + "training (a run's config.json works, to train it again), or a training config alone.")
    Path config;
    @Option(names = "--words", split = ",", description = "Wanted words (default: the reference's ten).")
    List<String> words;
    @Option(names = "--steps", paramLabel = "N[,N...]", description = "Steps per learning-rate phase, e.g. 15000,3000.")
    String steps;
    @Option(names = "--lr", paramLabel = "R[,R...]", description = "Learning rate per phase, e.g. 0.001,0.0001.")
    String learningRates;
    @Option(names = "--epochs", description = "Train for this many passes over the training set instead of --steps.")
    Double epochs;
    @Option(names = "--batch", description = "Batch size.")
    Integer batch;
    @Option(names = "--optimizer", description = "sgd, momentum or adam.")
    String optimizer;
    @Option(names = "--eval-every", paramLabel = "STEPS", description = "Validation every so many steps.")
    Integer evalEvery;
    @Option(names = "--seed", description = "Random seed of the weights, batches and augmentation.")
    Long seed;
    @Option(names = "--name", description = "A name for the run (default: model and a short id).")
    String name;
    @Option(names = "--runs", paramLabel = "DIR", description = "Runs folder (default: `runs` next to the dataset).")
    Path runs;
    @Option(names = "--resume", paramLabel = "RUN", description = "Continue an interrupted or cancelled run (folder or name).")
    String resume;
    @Option(names = "--json", description = "Print the result as JSON instead of text.")
    boolean json;
    @Option(names = "--low-memory", description = "Reuse each array as soon as a step no longer needs it: a conv step at "
            + "batch 100 needs ~1.5 GB instead of ~2.5 GB, a few %% slower, same results (DS-CNN trains through its own "
            + "step, ~1 GB, either way). Also -Dkws.lowMemory=true.")
    boolean lowMemory;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CancellationToken cancel = new CancellationToken();
        RunTraining training;
        ConsoleProgress bar = new ConsoleProgress(System.err);
        if (resume != null) {
            Run run = RunsOption.find(resume, runs);
            Path ds = dataset != null ? dataset : Path.of(run.config().datasetPath());
            training = RunTraining.resume(run, Dataset.open(ds), bar, cancel);
            bar.finish();
            if (!json) {
                out.printf(Locale.ROOT, "resuming %s at step %d of %d%n", run.dir(), training.trainer().step(),
                        training.trainer().totalSteps());
            }
        } else {
            if (dataset == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give the dataset folder to train on, or --resume RUN");
            }
            Dataset ds = Dataset.open(dataset);
            RunConfig cfg = configure();
            RunStore store = runs != null ? new RunStore(runs) : RunStore.besideDataset(ds.root());
            training = RunTraining.start(store, ds, cfg, name, bar, cancel);
            bar.finish();
            if (!json) {
                var t = training.trainer();
                var s = t.summary();
                out.printf(Locale.ROOT, "run %s%n  %s: %,d parameters, %,d multiplies per inference, input %dx%d, labels %s%n"
                                + "  %d steps of batch %d; training %d, validation %d, test %d examples%n",
                        training.dir(), cfg.model().kind().jsonName(), s.parameters(), s.multiplies(), s.inputFrames(),
                        s.inputBins(), training.data().labels(), t.totalSteps(), cfg.training().batchSize(),
                        sum(training.data().trainingLabelCounts()), training.data().validation().size(),
                        training.data().test().size());
            }
        }
        if (lowMemory) {
            training.trainer().lowMemory(true);
        }
        out.flush();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl+C: finish the step, save the checkpoint, then let the JVM exit.
            cancel.cancel();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainResult result;
        try (training) {
            result = training.train(new Printer(out, bar, json), cancel);
        } finally {
            bar.finish();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting: the hook is running
            }
        }
        Run run = RunStore.read(training.dir());
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("run", run.id());
            o.put("dir", run.dir().toString());
            o.put("status", run.status().jsonName());
            o.put("steps", result.steps());
            o.put("total_steps", result.totalSteps());
            o.put("best_step", result.bestStep());
            o.put("low_memory", training.trainer().isLowMemory());
            o.set("validation", result.bestValidation() == null ? null : EvalReport.toNode(result.bestValidation()));
            o.set("test", result.test() == null ? null : EvalReport.toNode(result.test()));
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%s after %d of %d steps in %s%n", run.status().jsonName(), result.steps(), result.totalSteps(),
                    format(result.elapsed()));
            if (result.bestValidation() != null) {
                out.printf(Locale.ROOT, "best validation accuracy %.1f%% at step %d%n", 100 * result.bestValidation().accuracy(),
                        result.bestStep());
            }
            if (result.test() != null) {
                out.printf(Locale.ROOT, "test accuracy %.1f%% on %d clips%n", 100 * result.test().accuracy(), result.test().count());
            }
            if (run.status().resumable()) {
                out.printf("resume with: kws-studio train --resume %s%n", run.dir());
            }
            out.printf("run folder: %s%n", run.dir());
        }
        out.flush();
        return 0;
    }

    private RunConfig configure() throws Exception {
        RunConfig cfg = RunConfig.defaults(ModelKind.fromJson(model));
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new java.io.IOException(config + ": no such file");
            }
            try {
                cfg = RunConfig.overlay(cfg, Files.readString(config));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
            }
            if (spec.commandLine().getParseResult().hasMatchedOption("--model")) {
                cfg = cfg.withModel(io.kwsstudio.train.ModelSpec.defaults(ModelKind.fromJson(model)));
            }
        }
        if (words != null) {
            cfg = cfg.withAugment(cfg.augment().withWantedWords(words));
        }
        TrainConfig t = cfg.training();
        if (steps != null || learningRates != null) {
            t = t.withSchedule(steps != null ? steps : join(t.trainingSteps()), learningRates != null ? learningRates
                    : join(t.learningRates()));
        }
        if (epochs != null) {
            t = t.withEpochs(epochs);
        }
        if (batch != null) {
            t = t.withBatchSize(batch);
        }
        if (optimizer != null) {
            t = t.withOptimizer(TrainConfig.Optimizer.fromJson(optimizer));
        }
        if (evalEvery != null) {
            t = t.withEvalEvery(evalEvery);
        }
        if (seed != null) {
            t = t.withSeed(seed);
            cfg = cfg.withAugment(cfg.augment().withSeed(seed));
        }
        return cfg.withTraining(t).withAppVersion(new KwsCommand.Version().getVersion()[0]);
    }

    private static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static long sum(int[] counts) {
        long s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Console output: a progress line while training, a line per evaluation. */
    private static final class Printer implements TrainingListener {
        private final PrintWriter out;
        private final ConsoleProgress bar;
        private final boolean quiet;

        Printer(PrintWriter out, ConsoleProgress bar, boolean quiet) {
            this.out = out;
            this.bar = bar;
            this.quiet = quiet;
        }

        @Override
        public void step(StepEvent e) {
            bar.progress(e.step(), e.totalSteps(), String.format(Locale.ROOT, "step %d loss %.3f acc %.0f%% %.0f ex/s ETA %s",
                    e.step(), e.loss(), 100 * e.accuracy(), e.examplesPerSecond(), format(e.eta())));
        }

        @Override
        public void evaluated(EvalEvent e) {
            if (quiet) {
                return;
            }
            bar.finish();
            out.printf(Locale.ROOT, "step %d: validation accuracy %.1f%%, loss %.3f%s%n", e.step(), 100 * e.validation().accuracy(),
                    e.validation().loss(), e.best() ? " (best so far, saved)" : "");
            out.flush();
        }
    }
}
