package io.kwsstudio.train;

import io.kwsstudio.files.AtomicFiles;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A model with weights, ready to classify clips: the inference branch of a {@link ModelZoo}
 * graph. {@link #load} opens the best checkpoint of a run for testing or export; a
 * {@link Trainer} exposes the one it is training.
 */
public final class TrainedModel {
    // Bounds memory when scoring a large validation set; results do not depend on it.
    private static final int CHUNK = 256;

    private final ModelGraph graph;
    private final ModelSpec spec;
    private final List<String> labels;
    private final int frames;
    private final int bins;
    /** Bumped whenever the weights change (training steps, loading); the Java forward pass snapshots them. */
    private final java.util.concurrent.atomic.AtomicLong weightsVersion = new java.util.concurrent.atomic.AtomicLong();
    private JavaInference javaInference;
    private long javaInferenceVersion = -1;

    TrainedModel(ModelGraph graph, ModelSpec spec, List<String> labels, int frames, int bins) {
        this.graph = graph;
        this.spec = spec;
        this.labels = List.copyOf(labels);
        this.frames = frames;
        this.bins = bins;
    }

    /** Opens the best weights ({@code best.sd}) of the checkpoint folder {@code dir}. */
    public static TrainedModel load(Path dir) throws IOException {
        CheckpointInfo info = CheckpointInfo.read(dir);
        ModelGraph graph = ModelZoo.graph(info.model(), info.frames(), info.bins(), info.labels().size(), info.config());
        loadWeights(graph, dir.resolve(CheckpointInfo.BEST));
        return new TrainedModel(graph, info.model(), info.labels(), info.frames(), info.bins());
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<String> labels() {
        return labels;
    }

    public int frames() {
        return frames;
    }

    public int bins() {
        return bins;
    }

    public ModelSummary summary() {
        return graph.summary();
    }

    /** The whole graph (see {@link ModelZoo} for its inputs and outputs), e.g. for export. */
    public SameDiff sameDiff() {
        return graph.sameDiff();
    }

    ModelGraph graph() {
        return graph;
    }

    /**
     * Label probabilities for {@code n} clips of features laid out as in {@link TrainingData}. A few clips of
     * a small model go through {@link JavaInference} (no per-call SameDiff overhead: streaming calls this
     * every 20-30 ms), the rest through the SameDiff graph; both give the same probabilities to float
     * rounding.
     */
    public float[][] predict(float[] features, int n) {
        int size = frames * bins;
        if (n < 0 || features.length < (long) n * size) {
            throw new IllegalArgumentException(n + " clips need " + (long) n * size + " feature values, got " + features.length);
        }
        if (n <= JAVA_MAX_CLIPS && usesJavaInference()) {
            return predictInJava(features, n);
        }
        return predictWithSameDiff(features, n);
    }

    /**
     * Models up to this many multiplies per clip run single clips in Java: there the SameDiff call overhead
     * (~0.6 ms, and far more for ds_cnn) outweighs oneDNN's faster arithmetic. Measured with {@code bench
     * train} (one-clip latency): ds_cnn_s (21 M) takes 1.5 ms in Java against 16 ms through SameDiff, conv
     * (200 M) stays on SameDiff. See docs/benchmarks.md.
     */
    static final long JAVA_MAX_MULTIPLIES = 50_000_000L;
    /** Clips per call up to which the Java path is used; batches amortise SameDiff's overhead. */
    static final int JAVA_MAX_CLIPS = 4;
    /** {@code -Dkws.javaInference=off} sends everything through SameDiff (for comparisons). */
    private static final boolean JAVA_INFERENCE = !"off".equals(System.getProperty("kws.javaInference"));

    /** Whether single clips of this model are classified by {@link JavaInference}. */
    public boolean usesJavaInference() {
        return JAVA_INFERENCE && graph.summary().multiplies() <= JAVA_MAX_MULTIPLIES;
    }

    /** The weights changed in place (a training step, a restored checkpoint): drop the Java snapshot. */
    void weightsChanged() {
        weightsVersion.incrementAndGet();
    }

    private synchronized float[][] predictInJava(float[] features, int n) {
        long version = weightsVersion.get();
        if (javaInference == null || javaInferenceVersion != version) {
            SameDiff sd = graph.sameDiff();
            javaInference = new JavaInference(graph.plan(), frames, bins, name -> sd.hasVariable(name)
                    ? sd.getArrForVarName(name).castTo(DataType.FLOAT).dup('c').data().asFloat() : null);
            javaInferenceVersion = version;
        }
        int size = frames * bins;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = javaInference.probabilities(features, i * size);
        }
        return out;
    }

    float[][] predictWithSameDiff(float[] features, int n) {
        int size = frames * bins;
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            INDArray in = Nd4j.create(Arrays.copyOfRange(features, from * size, (from + count) * size), new long[]{count, size}, 'c');
            INDArray p = graph.sameDiff().output(Map.of(ModelGraph.INPUT, in), ModelGraph.PROBABILITIES)
                    .get(ModelGraph.PROBABILITIES).castTo(DataType.FLOAT);
            float[][] rows = p.toFloatMatrix();
            System.arraycopy(rows, 0, out, from, count);
        }
        return out;
    }

    /** Scores the model on a labelled batch (loss is plain cross-entropy, without smoothing or weights). */
    public Evaluation evaluate(TrainingData.Batch batch) {
        float[][] p = predict(batch.features(), batch.size());
        return Evaluation.of(Arrays.copyOf(batch.labels(), batch.size()), Evaluation.argmax(p), p, labels);
    }

    /** Saves the graph with its weights (SameDiff format) without ever leaving a half-written file. */
    static void saveWeights(ModelGraph graph, Path file) throws IOException {
        AtomicFiles.write(file, out -> graph.sameDiff().save(out, false));
    }

    /** Copies the weights and moving statistics saved in {@code file} into {@code graph}. */
    static void loadWeights(ModelGraph graph, Path file) throws IOException {
        SameDiff saved;
        try {
            saved = SameDiff.load(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the weights in " + file + ": " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>(graph.trainable());
        for (ModelGraph.NormStats n : graph.norms()) {
            names.add(n.movingMean());
            names.add(n.movingVariance());
        }
        for (String name : names) {
            INDArray target = graph.sameDiff().getArrForVarName(name);
            INDArray source = saved.hasVariable(name) ? saved.getArrForVarName(name) : null;
            if (source == null || !Arrays.equals(source.shape(), target.shape())) {
                throw new IOException(file + " does not match this model (variable " + name + " is "
                        + (source == null ? "missing" : Arrays.toString(source.shape())) + ", expected "
                        + Arrays.toString(target.shape()) + ")");
            }
            target.assign(source);
        }
    }

    /** {@link #loadWeights} into this model's graph. */
    void reloadWeights(Path file) throws IOException {
        loadWeights(graph, file);
        weightsChanged();
    }
}
