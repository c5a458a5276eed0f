package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The training branch's cheaper ReLU (x times a mask from x > 0) and the CONV model's ReLU moved after
 * its max pool give the same loss and gradients as the textbook formulations.
 */
class ReluGradientTest {
    private static final int FRAMES = 23;
    private static final int BINS = 13;
    private static final int LABELS = 3;
    private static final int N = 4;

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"CONV", "LOW_LATENCY_CONV", "TINY_CONV", "DS_CNN_S"})
    void maskedReluMatchesTheReluOp(ModelKind kind) {
        ModelSpec spec = smallSpec(kind);
        TrainConfig cfg = TrainConfig.defaults().withSeed(5);
        ModelGraph masked = ModelZoo.graph(spec, FRAMES, BINS, LABELS, cfg);
        ModelGraph op = ModelZoo.graphWithReluOp(spec, FRAMES, BINS, LABELS, cfg);
        // (Both keep the relu op in their inference branch.)
        assertThat(opNames(masked.sameDiff())).contains("greaterthan_scalar");
        assertThat(opNames(op.sameDiff())).doesNotContain("greaterthan_scalar");
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> feed = withRandomDropout(masked, SyntheticData.graphFeed(masked, N, FRAMES, BINS, LABELS));
        assertSameLossAndGradients(masked, op, feed);
    }

    @Test
    void convWithReluAfterThePoolMatchesTheReferenceOrder() {
        ModelSpec spec = smallSpec(ModelKind.CONV);
        TrainConfig cfg = TrainConfig.defaults().withSeed(9);
        ModelGraph zoo = ModelZoo.graph(spec, FRAMES, BINS, LABELS, cfg);
        // The reference's order, conv -> ReLU -> dropout -> pool, built layer by layer with the same weights.
        NetBuilder net = NetBuilder.building(SameDiff.create(), cfg, cfg.dropoutFor(spec));
        net.input(FRAMES, BINS);
        net.conv(spec.conv().get(0), true).relu().dropout().maxPool(2, 2)
                .conv(spec.conv().get(1), true).relu().dropout();
        ModelGraph reference = net.finish(LABELS);
        Nd4j.getRandom().setSeed(4);
        Map<String, INDArray> feed = withRandomDropout(zoo, SyntheticData.graphFeed(zoo, N, FRAMES, BINS, LABELS));
        assertSameLossAndGradients(zoo, reference, feed);
    }

    private static ModelSpec smallSpec(ModelKind kind) {
        ModelSpec spec = ModelSpec.defaults(kind);
        return switch (kind) {
            case CONV -> spec.withConv(List.of(new ConvSpec(6, 5, 4, 1, 1, Padding.SAME),
                    new ConvSpec(5, 3, 2, 1, 1, Padding.SAME)));
            case LOW_LATENCY_CONV -> spec.withConv(List.of(new ConvSpec(7, 0, 4, 1, 1, Padding.VALID)))
                    .withHidden(List.of(8));
            case TINY_CONV -> spec.withConv(List.of(new ConvSpec(4, 5, 4, 2, 3, Padding.SAME)));
            default -> spec.withDsCnn(8, 1, 1);
        };
    }

    /** Dropout masks as the trainer makes them: 0 or 1 / keep, so a wrong order of ReLU and dropout shows. */
    private static Map<String, INDArray> withRandomDropout(ModelGraph graph, Map<String, INDArray> feed) {
        for (ModelGraph.DropoutSite site : graph.dropouts()) {
            INDArray ones = feed.get(site.placeholder());
            INDArray keep = Nd4j.rand(DataType.FLOAT, ones.shape()).gt(0.3).castTo(DataType.FLOAT).muli(1 / 0.7);
            feed.put(site.placeholder(), keep);
        }
        return feed;
    }

    private static List<String> opNames(SameDiff sd) {
        return sd.getOps().values().stream().map(o -> o.getOp().opName()).toList();
    }

    private static void assertSameLossAndGradients(ModelGraph a, ModelGraph b, Map<String, INDArray> feed) {
        InputConvStep.Result ra = InputConvStep.run(a, feed, List.of(ModelGraph.LOSS));
        InputConvStep.Result rb = InputConvStep.run(b, feed, List.of(ModelGraph.LOSS));
        double la = ra.outputs().get(ModelGraph.LOSS).getDouble(0);
        double lb = rb.outputs().get(ModelGraph.LOSS).getDouble(0);
        assertThat(la).isCloseTo(lb, offset(1e-6 * Math.max(1, Math.abs(lb))));
        assertThat(ra.gradients().keySet()).containsExactlyInAnyOrderElementsOf(b.trainable());
        for (String name : b.trainable()) {
            INDArray ga = ra.gradients().get(name);
            INDArray gb = rb.gradients().get(name);
            assertThat(ga.shape()).as(name).containsExactly(gb.shape());
            double scale = Math.max(1e-6, gb.norm2Number().doubleValue());
            assertThat(gb.norm2Number().doubleValue()).as("gradient of " + name + " is not all zeros").isGreaterThan(0);
            assertThat(ga.sub(gb).norm2Number().doubleValue() / scale).as("relative gradient difference of " + name)
                    .isLessThan(1e-5);
        }
    }
}
