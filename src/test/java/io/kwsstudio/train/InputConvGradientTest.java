package io.kwsstudio.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The first convolution's cheaper backward pass (InputConv2D) gives conv2d's loss and gradients. */
class InputConvGradientTest {

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"CONV", "LOW_LATENCY_CONV", "TINY_CONV", "DS_CNN_S"})
    void sameLossAndGradientsAsSameDiffsConv2d(ModelKind kind) {
        // Small, odd-sized input so SAME padding is asymmetric and strides leave remainders.
        int frames = 23;
        int bins = 13;
        int labels = 3;
        int n = 4;
        TrainConfig cfg = TrainConfig.defaults().withSeed(5);
        ModelSpec spec = ModelSpec.defaults(kind);
        if (kind == ModelKind.CONV) {
            spec = spec.withConv(List.of(new ConvSpec(6, 5, 4, 1, 1, Padding.SAME), new ConvSpec(5, 3, 2, 1, 1, Padding.SAME)));
        } else if (kind == ModelKind.LOW_LATENCY_CONV) {
            spec = spec.withConv(List.of(new ConvSpec(7, 0, 4, 1, 1, Padding.VALID))).withHidden(List.of(8));
        } else if (kind == ModelKind.TINY_CONV) {
            spec = spec.withConv(List.of(new ConvSpec(4, 5, 4, 2, 3, Padding.SAME)));
        } else {
            spec = spec.withDsCnn(8, 1, 1);
        }
        ModelGraph fast = ModelZoo.graph(spec, frames, bins, labels, cfg, true);
        ModelGraph plain = ModelZoo.graph(spec, frames, bins, labels, cfg, false);
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> feed = SyntheticData.graphFeed(fast, n, frames, bins, labels);
        // Every first layer on the 1-channel input gets the trainer's convolution, strided ones too
        // (TINY_CONV here strides 2x3, DS-CNN 2x2), so their weight gradients go through the phase split.
        assertThat(fast.inputConv()).isNotNull();
        assertThat(plain.inputConv()).isNull();
        InputConvStep.Result rf = InputConvStep.run(fast, feed, List.of(ModelGraph.LOSS));
        InputConvStep.Result rp = InputConvStep.run(plain, feed, List.of(ModelGraph.LOSS));
        Map<String, INDArray> gf = rf.gradients();
        Map<String, INDArray> gp = rp.gradients();
        double lf = rf.outputs().get(ModelGraph.LOSS).getDouble(0);
        double lp = rp.outputs().get(ModelGraph.LOSS).getDouble(0);
        assertThat(lf).isCloseTo(lp, org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(lp))));
        assertThat(gf.keySet()).containsExactlyInAnyOrderElementsOf(plain.trainable());
        for (String name : plain.trainable()) {
            INDArray a = gf.get(name);
            INDArray b = gp.get(name);
            assertThat(a.shape()).as(name).containsExactly(b.shape());
            double scale = Math.max(1e-6, b.norm2Number().doubleValue());
            assertThat(a.sub(b).norm2Number().doubleValue() / scale).as("relative gradient difference of " + name).isLessThan(1e-4);
        }
    }
}
