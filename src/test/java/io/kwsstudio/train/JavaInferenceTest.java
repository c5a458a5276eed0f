package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class JavaInferenceTest {
    private static final int LABELS = 6;

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void givesTheSameProbabilitiesAsTheSameDiffGraph(ModelKind kind) {
        // The large DS-CNNs on a smaller input keep the test quick; they share every layer type with S.
        boolean large = kind == ModelKind.DS_CNN_M || kind == ModelKind.DS_CNN_L;
        int frames = large ? 49 : 98;
        int bins = large ? 10 : 40;
        TrainedModel model = randomModel(kind, frames, bins, 7);
        float[] features = randomFeatures(3, frames * bins, 8);
        float[][] reference = model.predictWithSameDiff(features, 3);
        JavaInference java = javaInference(model);
        boolean confident = false;
        for (int clip = 0; clip < 3; clip++) {
            float[] p = java.probabilities(features, clip * frames * bins);
            assertThat(p).hasSize(LABELS);
            for (int l = 0; l < LABELS; l++) {
                assertThat(Math.abs(p[l] - reference[clip][l])).as("%s clip %d label %d: %s vs %s", kind, clip, l, p[l],
                        reference[clip][l]).isLessThan(1e-4f);   // float sums in another order
            }
            confident |= max(reference[clip]) > 1.0 / LABELS + 0.15;
        }
        // Near-uniform probabilities would make the comparison above meaningless.
        assertThat(confident).as("%s gives non-trivial probabilities", kind).isTrue();
    }

    @Test
    void singleClipsOfSmallModelsUseJavaAndFollowWeightChanges() {
        TrainedModel model = randomModel(ModelKind.TINY_CONV, 98, 40, 3);
        assertThat(model.usesJavaInference()).isTrue();
        assertThat(randomModel(ModelKind.CONV, 98, 40, 3).usesJavaInference()).isFalse();
        float[] one = randomFeatures(1, 98 * 40, 4);
        float[] before = model.predict(one, 1)[0];
        assertThat(before).containsExactly(javaInference(model).probabilities(one, 0));

        // A training step changes the weights in place and tells the model.
        INDArray w = model.sameDiff().getArrForVarName(model.graph().plan().stream()
                .filter(l -> l instanceof InferenceLayer.Dense).map(l -> ((InferenceLayer.Dense) l).weights()).findFirst().orElseThrow());
        w.muli(3);
        model.weightsChanged();
        float[] after = model.predict(one, 1)[0];
        float[] reference = model.predictWithSameDiff(one, 1)[0];
        for (int l = 0; l < LABELS; l++) {
            assertThat(Math.abs(after[l] - reference[l])).isLessThan(2e-5f);
        }
        assertThat(after).isNotEqualTo(before);
    }

    static JavaInference javaInference(TrainedModel model) {
        SameDiff sd = model.sameDiff();
        return new JavaInference(model.graph().plan(), model.frames(), model.bins(),
                name -> sd.hasVariable(name) ? sd.getArrForVarName(name).dup('c').data().asFloat() : null);
    }

    /** A model whose weights (and moving statistics) are random at a scale that gives confident outputs. */
    static TrainedModel randomModel(ModelKind kind, int frames, int bins, long seed) {
        ModelSpec spec = ModelSpec.defaults(kind);
        ModelGraph graph = ModelZoo.graph(spec, frames, bins, LABELS, TrainConfig.defaults());
        SameDiff sd = graph.sameDiff();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (String name : graph.trainable()) {
            INDArray a = sd.getArrForVarName(name);
            long last = a.size(a.rank() - 1);
            double fanIn = a.rank() == 1 ? 1 : (double) a.length() / Math.max(1, last);
            double limit = a.rank() == 1 ? 0.3 : 2.5 * Math.sqrt(3 / fanIn);
            a.assign(uniform(a.shape(), -limit, limit, rnd));
        }
        // Pooled DS-CNN features are small: a larger last layer keeps the outputs away from uniform.
        String last = ((InferenceLayer.Dense) graph.plan().get(graph.plan().size() - 1)).weights();
        sd.getArrForVarName(last).muli(4);
        for (ModelGraph.NormStats n : graph.norms()) {
            INDArray mean = sd.getArrForVarName(n.movingMean());
            mean.assign(uniform(mean.shape(), -0.2, 0.2, rnd));
            INDArray variance = sd.getArrForVarName(n.movingVariance());
            variance.assign(uniform(variance.shape(), 0.05, 2, rnd));
        }
        return new TrainedModel(graph, spec, labels(), frames, bins);
    }

    private static INDArray uniform(long[] shape, double lo, double hi, SplittableRandom rnd) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(lo, hi);
        }
        return Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT);
    }

    private static float[] randomFeatures(int clips, int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] f = new float[clips * size];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (rnd.nextGaussian() * 1.5);
        }
        return f;
    }

    private static List<String> labels() {
        return List.of("a", "b", "c", "d", "e", "f");
    }

    private static double max(float[] p) {
        double m = 0;
        for (float v : p) {
            m = Math.max(m, v);
        }
        return m;
    }
}
