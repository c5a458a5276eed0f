package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The hand-written DS-CNN training step gives the loss, logits, batch statistics and gradients of the
 * graph's training branch, which SameDiff differentiates: with random weights, offsets, dropout masks,
 * smoothed targets and class weights, strided and unstrided blocks, odd sizes and more examples than workers.
 */
class DsCnnStepTest {
    private static final int LABELS = 4;

    /**
     * Gradients agree to 1e-4 where no ReLU input lies within float rounding of zero. Where one does, the two
     * computations (both float, different order) can put that value on different sides: ~1 value in 10^6.
     * That is expected in ds_cnn_s's 188,000 values a layer (once for this seed, 0.9% of one offset's
     * gradient and less below it) and improbable in the small cases, so ds_cnn_s gets a 5% tolerance: enough
     * for such a flip, far below what a wrong index, padding or missing term gives.
     */
    @ParameterizedTest(name = "{0}x{1}, {2} channels, {3} blocks, first block stride {4}, conv stride {5}, batch {6}, dropout {7}")
    @CsvSource({
            "23, 13, 8, 2, 1, 2, 5, 0.3, 1e-4",
            "23, 13, 8, 2, 2, 1, 3, 0, 1e-4",
            "17, 9, 5, 1, 2, 2, 7, 0.3, 1e-4",
            "23, 13, 64, 4, 1, 2, 3, 0, 1e-4",
            "98, 40, 8, 4, 1, 2, 3, 0.3, 1e-4",
            "98, 40, 64, 1, 1, 2, 3, 0, 1e-4",
            "98, 40, 64, 4, 1, 2, 3, 0, 5e-2",      // ds_cnn_s itself
    })
    void matchesTheGraph(int frames, int bins, int channels, int blocks, int blockStride, int convStride, int n,
                         double dropout, double gradientTolerance) {
        ModelSpec spec = ModelSpec.defaults(ModelKind.DS_CNN_S).withDsCnn(channels, blocks, blockStride)
                .withConv(List.of(new ConvSpec(channels, 10, 4, 2, convStride, Padding.SAME))).withDropout(dropout);
        ModelGraph graph = ModelZoo.graph(spec, frames, bins, LABELS, TrainConfig.defaults().withSeed(11)
                .withWeightInit(TrainConfig.WeightInit.HE, 0.01));
        DsCnnStep step = DsCnnStep.of(graph);
        assertThat(step).isNotNull();
        assertThat(graph.dropouts()).hasSize(dropout > 0 ? 1 : 0);
        SameDiff sd = graph.sameDiff();
        Nd4j.getRandom().setSeed(21);
        // Offsets away from zero so the ReLUs cut at different places in every channel.
        for (ModelGraph.NormStats norm : graph.norms()) {
            String beta = norm.movingMean().replace("_moving_mean", "_beta");
            sd.getArrForVarName(beta).assign(Nd4j.randn(DataType.FLOAT, 1, channels, 1, 1).muli(0.5));
        }
        Map<String, INDArray> feed = SyntheticData.graphFeed(graph, n, frames, bins, LABELS);
        INDArray targets = feed.get(ModelGraph.LABELS);
        targets.muli(0.9).addi(0.1 / LABELS);                                   // label smoothing
        feed.put(ModelGraph.EXAMPLE_WEIGHTS, Nd4j.rand(DataType.FLOAT, n).addi(0.5));
        for (ModelGraph.DropoutSite site : graph.dropouts()) {
            feed.put(site.placeholder(), Nd4j.rand(DataType.FLOAT, site.batchShape(n)).gt(0.3).castTo(DataType.FLOAT).muli(1 / 0.7));
        }
        List<String> outputs = new ArrayList<>(List.of(ModelGraph.LOSS, ModelGraph.TRAIN_LOGITS));
        for (ModelGraph.NormStats norm : graph.norms()) {
            outputs.add(norm.batchMean());
            outputs.add(norm.batchVariance());
        }
        InputConvStep.Result expected = InputConvStep.run(graph, feed, outputs);
        InputConvStep.Result actual = step.run(feed);
        // Twice: the second step reuses the first one's buffers.
        actual = step.run(feed);

        double loss = expected.outputs().get(ModelGraph.LOSS).getDouble(0);
        assertThat(actual.outputs().get(ModelGraph.LOSS).getDouble(0)).isCloseTo(loss, offset(1e-5 * Math.abs(loss)));
        for (String name : outputs) {
            assertClose(name, actual.outputs().get(name), expected.outputs().get(name), 2e-5);
        }
        assertThat(actual.gradients().keySet()).containsExactlyInAnyOrderElementsOf(graph.trainable());
        for (String name : graph.trainable()) {
            assertClose("gradient of " + name, actual.gradients().get(name), expected.gradients().get(name), gradientTolerance);
        }
    }

    @Test
    void onlyDsCnnGraphsGetTheHandWrittenStep() {
        TrainConfig cfg = TrainConfig.defaults();
        assertThat(DsCnnStep.of(ModelZoo.graph(ModelSpec.defaults(ModelKind.DS_CNN_S), 49, 10, 3, cfg))).isNotNull();
        assertThat(DsCnnStep.of(ModelZoo.graph(ModelSpec.defaults(ModelKind.TINY_CONV), 49, 10, 3, cfg))).isNull();
        assertThat(DsCnnStep.of(ModelZoo.graph(ModelSpec.defaults(ModelKind.CONV), 49, 10, 3, cfg))).isNull();
        // Blocks narrower than the first convolution (a custom config) train through the graph.
        assertThat(DsCnnStep.of(ModelZoo.graph(ModelSpec.defaults(ModelKind.DS_CNN_S).withDsCnn(8, 2, 1), 49, 10, 3, cfg)))
                .isNull();
        // The graph's own first convolution (no InputConv) is not what the step was written for.
        assertThat(DsCnnStep.of(ModelZoo.graph(ModelSpec.defaults(ModelKind.DS_CNN_S), 49, 10, 3, cfg, false))).isNull();
    }

    @Test
    void softmaxCrossEntropyOfAConfidentlyWrongExampleStaysFinite() {
        float[] logits = {1000f, -1000f};
        float[] d = new float[2];
        double loss = DsCnnStep.softmaxCrossEntropy(logits, new float[]{0f, 1f}, new float[]{1f}, 1, 2, d);
        assertThat(loss).isCloseTo(2000.0, offset(1e-9));
        assertThat(d[0]).isEqualTo(1f);
        assertThat(d[1]).isEqualTo(-1f);
    }

    private static void assertClose(String what, INDArray actual, INDArray expected, double relative) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        // A gradient that cancels to almost nothing (an offset's, summed over the batch) is compared absolutely.
        double scale = Math.max(1e-4, expected.norm2Number().doubleValue());
        assertThat(expected.norm2Number().doubleValue()).as(what + " is not all zeros").isGreaterThan(0);
        double difference = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertThat(difference / scale).as("relative difference of " + what).isLessThan(relative);
    }
}
