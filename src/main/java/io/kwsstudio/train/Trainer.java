package io.kwsstudio.train;

import io.kwsstudio.files.AtomicFiles;
import io.kwsstudio.tasks.CancellationToken;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a zoo model on the caller's thread (the GUI and CLI run it in the background).
 *
 * <p>Each step draws a batch, computes the loss and gradients of the training branch, stops with
 * a {@link TrainingException} if the loss is not finite (before any weight changes), and applies
 * the optimizer. Every {@code eval_every} steps and at the end it scores the validation set,
 * keeps the most accurate weights as {@code best.sd} and saves {@code last.sd} with the optimizer
 * state, all atomically, so a crash never corrupts a checkpoint. Cancelling finishes the current
 * step, saves the last checkpoint and returns; {@link #resume} continues that run at the next
 * step with the same schedule. When the run ends the best weights are restored and scored on the
 * test set.
 *
 * <p>Not thread-safe: call {@link #predict} and {@link #evaluate} from the training thread (a
 * listener) or when no training is running. A listener that throws stops training without saving.
 */
public final class Trainer {
    private static final double NORM_MOMENTUM = 0.99;
    private static final long UPDATER_MAGIC = 0x4B57535550443031L; // "KWSUPD01"

    private final ModelSpec spec;
    private final TrainConfig config;
    private final TrainingData data;
    private final Path checkpointDir;
    private final List<String> labels;
    private final int frames;
    private final int bins;
    private final TrainedModel model;
    private final ModelGraph graph;
    private final Map<String, UpdateRule> rules = new LinkedHashMap<>();
    private final int totalSteps;
    private final LearningRateSchedule schedule;
    private final float[] classWeights;
    private final double keep;
    private final Map<String, INDArray> masks = new HashMap<>();
    /** Reuses each step's SameDiff arrays in the next one ({@link StepArena}); {@code -Dkws.reuseArrays=false} turns it off. */
    private static final boolean REUSE_ARRAYS = !"false".equals(System.getProperty("kws.reuseArrays"));
    /**
     * {@code -Dkws.lowMemory=true}: every array of a step is given back to the arena right after its last use
     * ({@link StepArena.Liveness}), from the first step on. A conv step at batch 100 then holds 1.5 GB instead
     * of 2.4 GB, a few percent slower (a DS-CNN through the graph: 2.9 instead of 11.4 GB, ~25% slower; by
     * default DS-CNN trains through {@link DsCnnStep}, which this mode does not change).
     */
    private static final boolean LOW_MEMORY = Boolean.getBoolean("kws.lowMemory");
    private boolean reuseArrays = REUSE_ARRAYS;
    private StepArena arena;
    private StepArena.Liveness liveness;
    private boolean lowMemory = LOW_MEMORY;
    /** DS-CNN's hand-written step ({@link DsCnnStep}); null for other models, or after it ran out of heap. */
    private DsCnnStep dsCnnStep;

    private static final long COLLECT_ABOVE = 16L << 20;

    private int step;
    private int bestStep;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int evaluationsSinceBest;
    private long trainingMillis;
    private Evaluation bestValidation;
    private Duration eventInterval = Duration.ofMillis(200);

    /**
     * A fresh run. Nothing is written until {@link #train} runs; an existing checkpoint in
     * {@code checkpointDir} is then replaced.
     */
    public Trainer(ModelSpec spec, TrainConfig config, TrainingData data, Path checkpointDir) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.config = Objects.requireNonNull(config, "config");
        this.data = Objects.requireNonNull(data, "data");
        this.checkpointDir = Objects.requireNonNull(checkpointDir, "checkpointDir");
        this.labels = List.copyOf(data.labels());
        this.frames = data.frames();
        this.bins = data.bins();
        int[] counts = data.trainingLabelCounts();
        if (counts == null || counts.length != labels.size()) {
            throw new IllegalArgumentException("training label counts must have one entry per label (" + labels.size() + ")");
        }
        long examples = 0;
        for (int c : counts) {
            examples += c;
        }
        this.graph = ModelZoo.graph(spec, frames, bins, labels.size(), config);
        this.model = new TrainedModel(graph, spec, labels, frames, bins);
        this.totalSteps = config.totalSteps(examples);
        this.schedule = config.schedule(totalSteps);
        this.classWeights = config.classWeights().weights(counts);
        this.keep = 1 - config.dropoutFor(spec);
        this.dsCnnStep = DsCnnStep.ENABLED ? DsCnnStep.of(graph) : null;
        SameDiff sd = graph.sameDiff();
        for (String name : graph.trainable()) {
            rules.put(name, UpdateRule.create(config.optimizer(), config.momentum(), sd.getArrForVarName(name).length()));
        }
    }

    /**
     * Continues the run saved in {@code checkpointDir} from its last checkpoint. {@code data} must
     * have the same labels and input size as the run had.
     */
    public static Trainer resume(Path checkpointDir, TrainingData data) throws TrainingException {
        CheckpointInfo info;
        try {
            info = CheckpointInfo.read(checkpointDir);
        } catch (IOException | IllegalArgumentException e) {
            throw new TrainingException("cannot resume: " + e.getMessage(), e);
        }
        if (!info.labels().equals(data.labels()) || info.frames() != data.frames() || info.bins() != data.bins()) {
            throw new TrainingException("cannot resume: the checkpoint was trained on " + info.labels() + " with "
                    + info.frames() + "x" + info.bins() + " features, the data has " + data.labels() + " with "
                    + data.frames() + "x" + data.bins());
        }
        Trainer t = new Trainer(info.model(), info.config(), data, checkpointDir);
        if (t.totalSteps != info.totalSteps()) {
            throw new TrainingException("cannot resume: the run had " + info.totalSteps() + " steps but the data now gives "
                    + t.totalSteps + " (the training set changed size)");
        }
        try {
            t.model.reloadWeights(checkpointDir.resolve(CheckpointInfo.LAST));
            int saved = t.readUpdater(checkpointDir.resolve(CheckpointInfo.UPDATER));
            if (saved != info.step()) {
                throw new IOException("the optimizer state is from step " + saved + " but the checkpoint says step "
                        + info.step() + " (saving was interrupted)");
            }
        } catch (IOException | RuntimeException e) {
            throw new TrainingException("cannot resume from " + checkpointDir + ": " + e.getMessage(), e);
        }
        t.step = info.step();
        t.bestStep = info.bestStep();
        t.bestAccuracy = info.bestStep() > 0 ? info.bestAccuracy() : Double.NEGATIVE_INFINITY;
        t.bestLoss = info.bestStep() > 0 ? info.bestLoss() : Double.POSITIVE_INFINITY;
        t.evaluationsSinceBest = info.evaluationsSinceBest();
        t.trainingMillis = info.trainingMillis();
        return t;
    }

    /** Whether steps reuse the previous step's arrays (default on); tests compare the two. */
    Trainer reuseArrays(boolean on) {
        reuseArrays = on;
        return this;
    }

    /**
     * Low-memory mode ({@link #LOW_MEMORY}): each array of a step is reused right after its last reader,
     * slower but a fraction of the memory; results are identical. Set it before training starts.
     */
    public Trainer lowMemory(boolean on) {
        lowMemory = on;
        return this;
    }

    /**
     * Whether this run's steps give arrays back early (low-memory mode): false for a DS-CNN trained through
     * its own step, which needs little memory anyway and which the mode does not change.
     */
    public boolean isLowMemory() {
        return lowMemory && dsCnnStep == null;
    }

    /** Whether a DS-CNN trains through its hand-written step (default) or SameDiff's graph; tests compare the two. */
    Trainer handWrittenDsCnn(boolean on) {
        dsCnnStep = on ? DsCnnStep.of(graph) : null;
        return this;
    }

    /** Arrays given back within a step so far (low-memory mode); for tests. */
    long arraysGivenBackEarly() {
        return arena == null ? 0 : arena.givenBackEarly();
    }

    /**
     * Step events come at most once per {@code interval} (plus the last step and each evaluation
     * step); {@link Duration#ZERO} reports every step. Default 200 ms.
     */
    public Trainer eventInterval(Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("the event interval must be zero or positive");
        }
        this.eventInterval = interval;
        return this;
    }

    public int step() {
        return step;
    }

    public int totalSteps() {
        return totalSteps;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    public ModelSpec spec() {
        return spec;
    }

    public TrainConfig config() {
        return config;
    }

    public ModelSummary summary() {
        return graph.summary();
    }

    /** The model being trained (its weights change as training runs). */
    public TrainedModel model() {
        return model;
    }

    public Evaluation evaluate(TrainingData.Batch batch) {
        return model.evaluate(batch);
    }

    public float[][] predict(float[] features, int n) {
        return model.predict(features, n);
    }

    /** Trains until the last step, early stopping or cancellation; see the class comment. */
    public TrainResult train(TrainingListener listener, CancellationToken cancel) throws TrainingException {
        try {
            return trainSteps(listener, cancel);
        } finally {
            if (liveness != null) {
                graph.sameDiff().getListeners().remove(liveness);
                liveness = null;
            }
            if (arena != null) {
                arena.close();      // pooled arrays only pay off between steps; do not hold gigabytes after the run
            }
        }
    }

    private TrainResult trainSteps(TrainingListener listener, CancellationToken cancel) throws TrainingException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        TrainingData.Batch validation = data.validation();
        if (validation == null || validation.size() == 0) {
            throw new TrainingException("the validation set is empty: add clips or change the split so validation has some");
        }
        try {
            Files.createDirectories(checkpointDir);
        } catch (IOException e) {
            throw new TrainingException("cannot create the checkpoint folder " + checkpointDir + ": " + e.getMessage(), e);
        }
        // Dropout masks depend on the seed and the step, so a resumed run draws fresh ones.
        Nd4j.getRandom().setSeed(config.seed() * 31 + step);
        OpProfile profile = null;
        if (OpProfile.ENABLED) {
            profile = new OpProfile();
            graph.sameDiff().addListeners(profile);
        }
        long started = System.nanoTime();
        long millisBefore = trainingMillis;
        int startStep = step;
        long lastEvent = started;
        double lossSum = 0;
        double accuracySum = 0;
        int sinceEvent = 0;
        long examplesSinceEvent = 0;
        TrainResult.Status status = TrainResult.Status.COMPLETED;
        while (step < totalSteps) {
            if (cancel.isCancelled()) {
                status = TrainResult.Status.CANCELLED;
                break;
            }
            int s = step + 1;
            double lr = schedule.at(s);
            TrainingData.Batch batch = nextBatch(s, lr);
            double[] lossAndAccuracy = trainStep(batch, s, lr);
            releaseNativeGarbage(batch.size());
            step = s;
            lossSum += lossAndAccuracy[0];
            accuracySum += lossAndAccuracy[1];
            sinceEvent++;
            examplesSinceEvent += batch.size();

            boolean evaluate = s % config.evalEvery() == 0 || s == totalSteps;
            long now = System.nanoTime();
            if (evaluate || now - lastEvent >= eventInterval.toNanos()) {
                double seconds = Math.max(1e-9, (now - lastEvent) / 1e9);
                double perStep = (now - started) / 1e9 / (s - startStep);
                listener.step(new StepEvent(s, totalSteps, lossSum / sinceEvent, accuracySum / sinceEvent, lr,
                        examplesSinceEvent / seconds, Duration.ofMillis(Math.round(perStep * (totalSteps - s) * 1000))));
                lastEvent = now;
                lossSum = 0;
                accuracySum = 0;
                sinceEvent = 0;
                examplesSinceEvent = 0;
            }
            if (evaluate) {
                Evaluation v = evaluateChecked(validation, s, lr);
                boolean best = v.accuracy() > bestAccuracy || (v.accuracy() == bestAccuracy && v.loss() < bestLoss);
                if (best) {
                    bestStep = s;
                    bestAccuracy = v.accuracy();
                    bestLoss = v.loss();
                    bestValidation = v;
                    evaluationsSinceBest = 0;
                    save(CheckpointInfo.BEST);
                } else {
                    evaluationsSinceBest++;
                }
                trainingMillis = millisBefore + (System.nanoTime() - started) / 1_000_000;
                saveLast();
                listener.evaluated(new EvalEvent(s, v, best));
                // Throughput in the next event should measure training, not this evaluation.
                lastEvent = System.nanoTime();
                if (!best && config.earlyStoppingPatience() > 0 && evaluationsSinceBest >= config.earlyStoppingPatience()
                        && s < totalSteps) {
                    status = TrainResult.Status.EARLY_STOPPED;
                    break;
                }
            }
        }
        if (status == TrainResult.Status.CANCELLED) {
            trainingMillis = millisBefore + (System.nanoTime() - started) / 1_000_000;
            saveLast();
        }
        Evaluation test = null;
        if (status != TrainResult.Status.CANCELLED && bestStep > 0) {
            try {
                model.reloadWeights(checkpointDir.resolve(CheckpointInfo.BEST));
            } catch (IOException e) {
                throw new TrainingException("cannot restore the best weights: " + e.getMessage(), e);
            }
            bestValidation = model.evaluate(validation);
            TrainingData.Batch testSet = data.test();
            if (testSet != null && testSet.size() > 0) {
                test = model.evaluate(testSet);
            }
        }
        TrainResult result = new TrainResult(status, step, totalSteps, bestStep, bestValidation, test,
                Duration.ofNanos(System.nanoTime() - started), checkpointDir);
        if (profile != null) {
            graph.sameDiff().getListeners().remove(profile);
            System.err.print(profile.table());
        }
        listener.finished(result);
        return result;
    }

    /**
     * ND4J frees an array's native memory only when the garbage collector finds its Java object
     * unreachable, and the small Java heap of a training step rarely needs collecting, so each
     * step's activations (100 MB apiece for conv at batch 100) piled up as fresh native memory:
     * 6.5 GB resident for conv, and page faults on every allocation. Collecting after each step
     * kept conv at ~2.5 GB and made its steps faster (docs/benchmarks.md, "Training speed"). Only
     * where a batch's activations are large ({@link #COLLECT_ABOVE}): a collection costs a few
     * milliseconds, which a tiny_conv step would notice.
     */
    private void releaseNativeGarbage(int batchSize) {
        // DS-CNN's hand-written step reuses its buffers and allocates little native memory; a collection would
        // only copy its ~0.6 GB of Java arrays around.
        if (dsCnnStep == null && (long) batchSize * graph.summary().activationBytes() > COLLECT_ABOVE) {
            System.gc();
        }
    }

    private void save(String file) throws TrainingException {
        try {
            TrainedModel.saveWeights(graph, checkpointDir.resolve(file));
        } catch (IOException | RuntimeException e) {
            throw new TrainingException("cannot save " + file + " in " + checkpointDir + ": " + e.getMessage(), e);
        }
    }

    /** Optimizer state first, weights next, description last: the description names a step only once both exist. */
    private void saveLast() throws TrainingException {
        try {
            AtomicFiles.write(checkpointDir.resolve(CheckpointInfo.UPDATER), out -> {
                DataOutputStream dos = new DataOutputStream(out);
                dos.writeLong(UPDATER_MAGIC);
                dos.writeInt(step);
                dos.writeInt(rules.size());
                for (Map.Entry<String, UpdateRule> e : rules.entrySet()) {
                    dos.writeUTF(e.getKey());
                    Nd4j.write(e.getValue().state(), dos);
                }
                dos.flush();
            });
        } catch (IOException | RuntimeException e) {
            throw new TrainingException("cannot save the optimizer state in " + checkpointDir + ": " + e.getMessage(), e);
        }
        save(CheckpointInfo.LAST);
        CheckpointInfo info = new CheckpointInfo(CheckpointInfo.FORMAT, spec, config, frames, bins, labels, step, totalSteps,
                bestStep, bestStep > 0 ? bestAccuracy : 0, bestStep > 0 ? bestLoss : 0, evaluationsSinceBest, trainingMillis);
        try {
            AtomicFiles.writeString(checkpointDir.resolve(CheckpointInfo.FILE), info.toJson());
        } catch (IOException e) {
            throw new TrainingException("cannot save " + CheckpointInfo.FILE + " in " + checkpointDir + ": " + e.getMessage(), e);
        }
    }

    /** Restores the optimizer state; returns the step it was saved at. */
    private int readUpdater(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream dis = new DataInputStream(in);
            if (dis.readLong() != UPDATER_MAGIC) {
                throw new IOException(file + " is not an optimizer state file");
            }
            int savedStep = dis.readInt();
            int count = dis.readInt();
            Map<String, INDArray> states = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String name = dis.readUTF();
                states.put(name, Nd4j.read(dis));
            }
            for (Map.Entry<String, UpdateRule> e : rules.entrySet()) {
                INDArray state = states.get(e.getKey());
                if (state == null) {
                    throw new IOException(file + " has no optimizer state for " + e.getKey());
                }
                long length = graph.sameDiff().getArrForVarName(e.getKey()).length();
                e.setValue(UpdateRule.restore(config.optimizer(), config.momentum(), length, state));
            }
            return savedStep;
        }
    }

    private TrainingData.Batch nextBatch(int s, double lr) throws TrainingException {
        TrainingData.Batch batch;
        try {
            batch = data.nextTrainingBatch(config.batchSize());
        } catch (Exception e) {
            throw new TrainingException("could not get the training batch for step " + s + ": " + e.getMessage(), e, s, lr);
        }
        if (batch == null || batch.size() == 0) {
            throw new TrainingException("the training data gave no examples for step " + s, null, s, lr);
        }
        if (batch.features().length != (long) batch.size() * frames * bins) {
            throw new TrainingException("the training batch for step " + s + " has " + batch.features().length
                    + " feature values, expected " + (long) batch.size() * frames * bins, null, s, lr);
        }
        return batch;
    }

    /** One optimisation step; returns the batch loss and training accuracy. */
    private double[] trainStep(TrainingData.Batch batch, int s, double lr) throws TrainingException {
        int n = batch.size();
        int k = labels.size();
        float[] targets = new float[n * k];
        float[] weights = new float[n];
        float off = (float) (config.labelSmoothing() / k);
        float on = (float) (1 - config.labelSmoothing()) + off;
        int[] truth = batch.labels();
        for (int i = 0; i < n; i++) {
            if (truth[i] < 0 || truth[i] >= k) {
                throw new TrainingException("the training batch for step " + s + " has label " + truth[i] + " but there are "
                        + k + " labels", null, s, lr);
            }
            for (int j = 0; j < k; j++) {
                targets[i * k + j] = j == truth[i] ? on : off;
            }
            weights[i] = classWeights[truth[i]];
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(ModelGraph.INPUT, Nd4j.create(batch.features(), new long[]{n, (long) frames * bins}, 'c'));
        feed.put(ModelGraph.LABELS, Nd4j.create(targets, new long[]{n, k}, 'c'));
        feed.put(ModelGraph.EXAMPLE_WEIGHTS, Nd4j.create(weights, new long[]{n}, 'c'));
        for (ModelGraph.DropoutSite site : graph.dropouts()) {
            feed.put(site.placeholder(), mask(site, n));
        }
        List<String> outputs = new ArrayList<>(List.of(ModelGraph.LOSS, ModelGraph.TRAIN_LOGITS));
        for (ModelGraph.NormStats norm : graph.norms()) {
            outputs.add(norm.batchMean());
            outputs.add(norm.batchVariance());
        }
        SameDiff sd = graph.sameDiff();
        InputConvStep.Result result = dsCnnStep == null ? null : handWrittenStep(feed, s, lr);
        if (result == null) {
            result = graphStep(sd, feed, outputs, s, lr);
        }
        double loss = result.outputs().get(ModelGraph.LOSS).getDouble(0);
        if (!Double.isFinite(loss)) {
            throw new TrainingException(String.format(java.util.Locale.ROOT,
                    "training diverged at step %d: the loss became %s with learning rate %s. Lower the learning rate "
                            + "or check the features for NaN or infinite values.", s, loss, lr), null, s, lr);
        }
        for (String name : graph.trainable()) {
            INDArray param = sd.getArrForVarName(name);
            INDArray gradient = result.gradients().get(name);
            if (config.l2() > 0 && graph.decayed().contains(name)) {
                // d/dw (l2 / 2 * w^2) = l2 * w, as TensorFlow's l2_loss scaled by l2.
                gradient = gradient.add(param.mul(config.l2()));
            }
            INDArray update = rules.get(name).apply(gradient, s, lr);
            param.subi(update.reshape('c', param.shape()));
        }
        double momentum = normMomentum(s);
        for (ModelGraph.NormStats norm : graph.norms()) {
            INDArray mean = result.outputs().get(norm.batchMean());
            INDArray variance = result.outputs().get(norm.batchVariance());
            sd.getArrForVarName(norm.movingMean()).muli(momentum).addi(mean.mul(1 - momentum));
            sd.getArrForVarName(norm.movingVariance()).muli(momentum).addi(variance.mul(1 - momentum));
        }
        model.weightsChanged();
        int[] predicted = argmaxRows(result.outputs().get(ModelGraph.TRAIN_LOGITS));
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return new double[]{loss, (double) correct / n};
    }

    /** Loss, outputs and gradients from SameDiff's training branch. */
    private InputConvStep.Result graphStep(SameDiff sd, Map<String, INDArray> feed, List<String> outputs, int s, double lr)
            throws TrainingException {
        // Normally the arena takes over from the second step: the first runs on SameDiff's own memory manager
        // (managing it too made every later step ~25% slower, for reasons inside SameDiff not found yet).
        if (arena == null && reuseArrays && (lowMemory || sd.getFunction("grad") != null)) {
            arena = StepArena.attachTo(sd);
            if (lowMemory) {
                liveness = arena.new Liveness(sd.getFunction("grad"), requested(sd, outputs));
                sd.addListeners(liveness);
            }
        }
        if (arena != null) {
            arena.recycle();       // the last step's outputs and gradients were used up by its update
        }
        if (liveness != null) {
            liveness.startStep();
        }
        try {
            return InputConvStep.run(graph, feed, outputs);
        } catch (RuntimeException e) {
            throw new TrainingException("training step " + s + " failed: " + e.getMessage(), e, s, lr);
        }
    }

    /**
     * The DS-CNN step in Java ({@link DsCnnStep}); null when its activations (~0.6 GB at batch 100 for
     * ds_cnn_s, on the Java heap) do not fit, and from then on this run uses SameDiff's graph.
     */
    private InputConvStep.Result handWrittenStep(Map<String, INDArray> feed, int s, double lr) throws TrainingException {
        try {
            return dsCnnStep.run(feed);
        } catch (OutOfMemoryError e) {
            dsCnnStep = null;
            System.err.println("The Java heap is too small for DS-CNN's fast training step (" + e.getMessage()
                    + "); training through SameDiff's graph instead, which is slower. Give Java more heap with -Xmx.");
            return null;
        } catch (RuntimeException e) {
            throw new TrainingException("training step " + s + " failed: " + e.getMessage(), e, s, lr);
        }
    }

    /**
     * The moving statistics' momentum at step s: TensorFlow's ExponentialMovingAverage with num_updates,
     * min(0.99, (1 + s) / (10 + s)). With 0.99 from the start, the moving variances, which start at 1, kept
     * most of that 1 for hundreds of steps while a DS-CNN's batch variances were ~1e-4, so its inference
     * branch saw activations many times too small and a short run (the sample data's 400 steps) stayed at
     * chance on validation however well it trained.
     */
    static double normMomentum(int s) {
        return Math.min(NORM_MOMENTUM, (1.0 + s) / (10.0 + s));
    }

    /**
     * Names of what every step returns from the gradient function: its outputs and the gradient variables
     * the update reads, looked up the way SameDiff's calculateGradientsAndOutputs does.
     */
    private List<String> requested(SameDiff sd, List<String> outputs) {
        List<String> names = new ArrayList<>(outputs);
        List<String> gradientsOf = new ArrayList<>(graph.trainable());
        if (graph.inputConv() != null) {
            gradientsOf.add(graph.inputConv().output());
        }
        for (String v : gradientsOf) {
            SDVariable gradient = sd.getVariable(v).getGradient();
            if (gradient != null) {      // none for the first conv's weights when the trainer computes that layer
                names.add(gradient.name());
            }
        }
        return names;
    }

    private INDArray mask(ModelGraph.DropoutSite site, int n) {
        INDArray m = masks.get(site.placeholder());
        if (m == null || m.size(0) != n) {
            m = Nd4j.create(DataType.FLOAT, site.batchShape(n));
            masks.put(site.placeholder(), m);
        }
        // Inverted dropout: kept activations are scaled by 1/keep so inference needs no rescaling.
        Nd4j.getExecutioner().exec(new BernoulliDistribution(m, keep));
        m.muli(1 / keep);
        return m;
    }

    private static int[] argmaxRows(INDArray logits) {
        return logits.argMax(1).toIntVector();
    }

    private Evaluation evaluateChecked(TrainingData.Batch validation, int s, double lr) throws TrainingException {
        try {
            return model.evaluate(validation);
        } catch (RuntimeException e) {
            throw new TrainingException("validation at step " + s + " failed: " + e.getMessage(), e, s, lr);
        }
    }
}
