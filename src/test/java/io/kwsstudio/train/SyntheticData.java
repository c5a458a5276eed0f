package io.kwsstudio.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Three labels of small "spectrograms" that a model can tell apart: a band low in frequency, a
 * band high in frequency, and a burst in the middle frames, each at a random strength and shifted
 * by a frame or a bin, under Gaussian noise. Fixed validation and test sets; training batches are
 * fresh draws. {@code swapValidation} labels validation with the next label, so training makes
 * validation worse (for early stopping).
 */
class SyntheticData implements TrainingData {
    static final int FRAMES = 20;
    static final int BINS = 10;

    private final Random random;
    private final Batch validation;
    private final Batch test;
    private final boolean swapValidation;
    int batchesServed;

    SyntheticData(long seed) {
        this(seed, false);
    }

    SyntheticData(long seed, boolean swapValidation) {
        this.random = new Random(seed);
        this.swapValidation = swapValidation;
        this.validation = draw(60, new Random(seed + 1), swapValidation);
        this.test = draw(60, new Random(seed + 2), false);
    }

    @Override
    public int frames() {
        return FRAMES;
    }

    @Override
    public int bins() {
        return BINS;
    }

    @Override
    public List<String> labels() {
        return List.of("low", "high", "burst");
    }

    @Override
    public int[] trainingLabelCounts() {
        return new int[]{100, 100, 100};
    }

    @Override
    public Batch nextTrainingBatch(int batchSize) {
        batchesServed++;
        return draw(batchSize, random, false);
    }

    @Override
    public Batch validation() {
        return validation;
    }

    @Override
    public Batch test() {
        return test;
    }

    static Batch draw(int n, Random random, boolean swap) {
        float[] features = new float[n * FRAMES * BINS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(3);
            float[] clip = clip(label, random);
            System.arraycopy(clip, 0, features, i * clip.length, clip.length);
            labels[i] = swap ? (label + 1) % 3 : label;
        }
        return new Batch(features, labels, n);
    }

    static float[] clip(int label, Random random) {
        float[] f = new float[FRAMES * BINS];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (random.nextGaussian() * 0.3);
        }
        float strength = 0.8f + random.nextFloat() * 0.6f;
        int shift = random.nextInt(3) - 1;
        for (int t = 0; t < FRAMES; t++) {
            for (int b = 0; b < BINS; b++) {
                boolean on = switch (label) {
                    case 0 -> b == 2 + shift || b == 3 + shift;
                    case 1 -> b == 6 + shift || b == 7 + shift;
                    default -> t >= 8 + shift && t <= 11 + shift;
                };
                if (on) {
                    f[t * BINS + b] += strength;
                }
            }
        }
        return f;
    }

    /**
     * A feed for the training branch of {@code graph}: n clips of standard normal features (from ND4J's
     * generator, so seed it first), labels i % labels one-hot, unit example weights and dropout masks
     * that keep everything.
     */
    static Map<String, INDArray> graphFeed(ModelGraph graph, int n, int frames, int bins, int labels) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(ModelGraph.INPUT, Nd4j.randn(DataType.FLOAT, n, (long) frames * bins));
        INDArray targets = Nd4j.zeros(DataType.FLOAT, n, labels);
        for (int i = 0; i < n; i++) {
            targets.putScalar(i, i % labels, 1f);
        }
        feed.put(ModelGraph.LABELS, targets);
        feed.put(ModelGraph.EXAMPLE_WEIGHTS, Nd4j.ones(DataType.FLOAT, n));
        for (ModelGraph.DropoutSite site : graph.dropouts()) {
            feed.put(site.placeholder(), Nd4j.ones(DataType.FLOAT, site.batchShape(n)));
        }
        return feed;
    }

    /** Training data that is correct except for one batch whose features are NaN. */
    static TrainingData poisonedAt(int poisonedBatch, long seed) {
        SyntheticData base = new SyntheticData(seed);
        return new TrainingData() {
            @Override
            public int frames() {
                return FRAMES;
            }

            @Override
            public int bins() {
                return BINS;
            }

            @Override
            public List<String> labels() {
                return base.labels();
            }

            @Override
            public int[] trainingLabelCounts() {
                return base.trainingLabelCounts();
            }

            @Override
            public Batch nextTrainingBatch(int batchSize) {
                Batch b = base.nextTrainingBatch(batchSize);
                if (base.batchesServed == poisonedBatch) {
                    b.features()[5] = Float.NaN;
                }
                return b;
            }

            @Override
            public Batch validation() {
                return base.validation();
            }

            @Override
            public Batch test() {
                return base.test();
            }
        };
    }

    /** Records every event, for assertions. */
    static final class Recorder implements TrainingListener {
        final List<StepEvent> steps = new ArrayList<>();
        final List<EvalEvent> evaluations = new ArrayList<>();
        final List<TrainResult> results = new ArrayList<>();

        @Override
        public void step(StepEvent e) {
            steps.add(e);
        }

        @Override
        public void evaluated(EvalEvent e) {
            evaluations.add(e);
        }

        @Override
        public void finished(TrainResult r) {
            results.add(r);
        }
    }
}
