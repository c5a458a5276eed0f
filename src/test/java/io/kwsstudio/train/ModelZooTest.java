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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class ModelZooTest {

    private static long params(ModelKind kind) {
        return ModelZoo.summarize(ModelSpec.defaults(kind), 98, 40, 12).parameters();
    }

    @Test
    void parameterCountsOfTheReferenceModelsOn98x40With12Labels() {
        // single_fc: 98*40 inputs * 12 + 12 biases
        assertThat(params(ModelKind.SINGLE_FC)).isEqualTo(98 * 40 * 12 + 12);
        // conv: 20x8x1x64 + 64, 10x4x64x64 + 64, then the 2x2-pooled SAME map 49x20x64 to 12 labels + 12
        assertThat(params(ModelKind.CONV)).isEqualTo(20 * 8 * 1 * 64 + 64 + 10 * 4 * 64 * 64 + 64 + 49 * 20 * 64 * 12 + 12)
                .isEqualTo(926_860);
        // low_latency_conv: kernel 98x8x1x186 + 186, VALID with stride 1 leaves 1 x (40-8+1)=33 x 186 = 6138,
        // then 6138x128 + 128, 128x128 + 128, 128x12 + 12
        assertThat(params(ModelKind.LOW_LATENCY_CONV))
                .isEqualTo(98 * 8 * 186 + 186 + 6138 * 128 + 128 + 128 * 128 + 128 + 128 * 12 + 12).isEqualTo(949_862);
        // low_latency_svdf: rank 2 x 1280 nodes = 2560 filters; feature filters 40x2560, time filters 98x2560,
        // bias 1280, then 1280x256 + 256, 256x256 + 256, 256x12 + 12 (REFERENCE.md: ~750K)
        assertThat(params(ModelKind.LOW_LATENCY_SVDF))
                .isEqualTo(40 * 2560 + 98 * 2560 + 1280 + 1280 * 256 + 256 + 256 * 256 + 256 + 256 * 12 + 12).isEqualTo(751_372);
        // tiny_conv: 10x8x1x8 + 8, stride 2x2 SAME gives 49x20x8 = 7840 to 12 labels + 12
        assertThat(params(ModelKind.TINY_CONV)).isEqualTo(10 * 8 * 8 + 8 + 7840 * 12 + 12).isEqualTo(94_740);
        // DS-CNN: first conv 10x4xC (no bias) + BN offset C; per block depthwise 3x3xC + C, pointwise CxC + C;
        // global pool, CxL + L.  S: C=64, 4 blocks
        assertThat(params(ModelKind.DS_CNN_S))
                .isEqualTo(10 * 4 * 64 + 64 + 4 * (9 * 64 + 64 + 64 * 64 + 64) + 64 * 12 + 12).isEqualTo(22_604);
        // M: C=172, 4 blocks
        assertThat(params(ModelKind.DS_CNN_M))
                .isEqualTo(10 * 4 * 172 + 172 + 4 * (9 * 172 + 172 + 172 * 172 + 172) + 172 * 12 + 12);
        // L: C=276, 5 blocks
        assertThat(params(ModelKind.DS_CNN_L))
                .isEqualTo(10 * 4 * 276 + 276 + 5 * (9 * 276 + 276 + 276 * 276 + 276) + 276 * 12 + 12);
    }

    @Test
    void multipliesCountEveryConvolutionAndLayer() {
        ModelSummary conv = ModelZoo.summarize(ModelSpec.defaults(ModelKind.CONV), 98, 40, 12);
        // output positions x kernel size x input channels per layer
        long first = 98L * 40 * 64 * (20 * 8);
        long second = 49L * 20 * 64 * (10 * 4 * 64);
        long fc = 49L * 20 * 64 * 12;
        assertThat(conv.multiplies()).isEqualTo(first + second + fc);
        // The reference quotes ~11M FLOPs (2 per multiply) for low_latency_conv.
        ModelSummary lowLatency = ModelZoo.summarize(ModelSpec.defaults(ModelKind.LOW_LATENCY_CONV), 98, 40, 12);
        assertThat(lowLatency.multiplies() * 2).isBetween(10_000_000L, 12_000_000L);
        // tiny_conv: 49x20 positions x 8 filters x 10x8 kernel, then 7840 x 12
        assertThat(ModelZoo.summarize(ModelSpec.defaults(ModelKind.TINY_CONV), 98, 40, 12).multiplies())
                .isEqualTo(49L * 20 * 8 * 80 + 7840 * 12);
    }

    @Test
    void dsCnnOperationsMatchHelloEdgeOn49x10() {
        // S by hand: conv 10x4 stride 2x2 gives 25x5 positions x 64 filters x 40 = 320,000; four blocks at 25x5:
        // depthwise 125 x 64 x 9 = 72,000 and pointwise 125 x 64 x 64 = 512,000 each; FC 64 x 12.
        long s = ModelZoo.summarize(ModelSpec.defaults(ModelKind.DS_CNN_S), 49, 10, 12).multiplies();
        assertThat(s).isEqualTo(320_000 + 4 * (72_000 + 512_000) + 64 * 12);
        // Hello Edge reports 5.4M, 19.8M and 56.9M operations (a multiply-accumulate is 2) for S, M and L.
        assertThat(2.0 * s).isCloseTo(5.4e6, withinPercentage(2));
        long m = ModelZoo.summarize(ModelSpec.defaults(ModelKind.DS_CNN_M), 49, 10, 12).multiplies();
        assertThat(2.0 * m).isCloseTo(19.8e6, withinPercentage(2));
        long l = ModelZoo.summarize(ModelSpec.defaults(ModelKind.DS_CNN_L), 49, 10, 12).multiplies();
        assertThat(2.0 * l).isCloseTo(56.9e6, withinPercentage(2));
    }

    @Test
    void flashSizesFollowFromTheParameters() {
        ModelSummary s = ModelZoo.summarize(ModelSpec.defaults(ModelKind.TINY_CONV), 98, 40, 12);
        assertThat(s.biases()).isEqualTo(8 + 12);
        assertThat(s.flashBytesFloat32()).isEqualTo(94_740L * 4);
        assertThat(s.flashBytesInt8()).isEqualTo(94_740L - 20 + 20 * 4);
        // The largest layer of tiny_conv is the conv: 98x40 in plus 49x20x8 out, float32.
        assertThat(s.activationBytes()).isEqualTo((98L * 40 + 49 * 20 * 8) * 4);
        assertThat(s.inputFrames()).isEqualTo(98);
        assertThat(s.inputBins()).isEqualTo(40);
        assertThat(s.labels()).isEqualTo(12);
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void builtGraphHasExactlyTheSummarizedParametersAndGivesProbabilities(ModelKind kind) {
        ModelSpec spec = ModelSpec.defaults(kind);
        ModelGraph g = ModelZoo.graph(spec, SyntheticData.FRAMES, SyntheticData.BINS, 3, TrainConfig.defaults());
        SameDiff sd = g.sameDiff();
        long counted = 0;
        for (String name : g.trainable()) {
            counted += sd.getArrForVarName(name).length();
        }
        assertThat(counted).isEqualTo(ModelZoo.summarize(spec, SyntheticData.FRAMES, SyntheticData.BINS, 3).parameters());
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, SyntheticData.FRAMES * SyntheticData.BINS);
        INDArray p = sd.output(Map.of(ModelGraph.INPUT, input), ModelGraph.PROBABILITIES).get(ModelGraph.PROBABILITIES);
        assertThat(p.shape()).containsExactly(2, 3);
        assertThat(p.sum(1).toDoubleVector()).containsExactly(new double[]{1, 1}, within(1e-5));
    }

    @Test
    void lossIsWeightedCrossEntropyAgainstSmoothedTargets() {
        // single_fc on a 1x2 input with 3 labels: logits = x W + b, with W and b set by hand.
        SameDiff sd = ModelZoo.build(ModelSpec.defaults(ModelKind.SINGLE_FC), 1, 2, 3, TrainConfig.defaults());
        sd.getArrForVarName("fc1_w").assign(Nd4j.create(new float[][]{{1, 0, -1}, {0, 2, 0}}));
        sd.getArrForVarName("fc1_b").assign(Nd4j.create(new float[]{0, 0, 0.5f}));
        float[][] x = {{1, 0}, {0, 1}};
        int[] truth = {0, 2};
        float[] exampleWeights = {2, 0.5f};
        double eps = 0.1;
        float[][] targets = new float[2][3];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                targets[i][j] = (float) ((j == truth[i] ? 1 - eps : 0) + eps / 3);
            }
        }
        INDArray loss = sd.output(Map.of(ModelGraph.INPUT, Nd4j.create(x), ModelGraph.LABELS, Nd4j.create(targets),
                ModelGraph.EXAMPLE_WEIGHTS, Nd4j.create(exampleWeights)), ModelGraph.LOSS).get(ModelGraph.LOSS);
        double[][] logits = {{1, 0, -0.5}, {0, 2, 0.5}};
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double max = Math.max(logits[i][0], Math.max(logits[i][1], logits[i][2]));
            double z = 0;
            for (double l : logits[i]) {
                z += Math.exp(l - max);
            }
            double ce = 0;
            for (int j = 0; j < 3; j++) {
                ce -= targets[i][j] * (logits[i][j] - max - Math.log(z));
            }
            expected += exampleWeights[i] * ce;
        }
        assertThat(loss.getDouble(0)).isCloseTo(expected / 2, within(1e-5));
    }

    @Test
    void sameSeedSameWeightsAndTheInitialisersDiffer() {
        ModelSpec spec = ModelSpec.defaults(ModelKind.TINY_CONV);
        TrainConfig cfg = TrainConfig.defaults();
        INDArray a = ModelZoo.build(spec, 20, 10, 3, cfg).getArrForVarName("conv1_w");
        INDArray b = ModelZoo.build(spec, 20, 10, 3, cfg).getArrForVarName("conv1_w");
        INDArray c = ModelZoo.build(spec, 20, 10, 3, cfg.withSeed(7)).getArrForVarName("conv1_w");
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        // Truncated normal 0.01: nothing beyond two deviations, spread close to 0.01 * 0.88.
        assertThat(a.amaxNumber().doubleValue()).isLessThanOrEqualTo(0.02);
        assertThat(a.stdNumber().doubleValue()).isBetween(0.007, 0.0105);
        INDArray he = ModelZoo.build(spec, 20, 10, 3, cfg.withWeightInit(TrainConfig.WeightInit.HE, 0.01))
                .getArrForVarName("conv1_w");
        // He: deviation sqrt(2 / fan in) with fan in 10x8x1 = 80, truncated.
        assertThat(he.stdNumber().doubleValue()).isBetween(0.8 * 0.158, 0.158);
        INDArray xavier = ModelZoo.build(spec, 20, 10, 3, cfg.withWeightInit(TrainConfig.WeightInit.XAVIER, 0.01))
                .getArrForVarName("conv1_w");
        // Glorot uniform limit sqrt(6 / (80 + 10x8x8)).
        assertThat(xavier.amaxNumber().doubleValue()).isLessThanOrEqualTo(Math.sqrt(6.0 / (80 + 640)));
    }

    @Test
    void impossibleShapesAreRejectedInWords() {
        ModelSpec wide = ModelSpec.defaults(ModelKind.LOW_LATENCY_CONV)
                .withConv(List.of(new ConvSpec(4, 0, 12, 1, 1, Padding.VALID)));
        assertThatThrownBy(() -> ModelZoo.summarize(wide, 20, 10, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> ModelZoo.summarize(ModelSpec.defaults(ModelKind.CONV), 20, 10, 1))
                .hasMessageContaining("at least two labels");
    }
}
