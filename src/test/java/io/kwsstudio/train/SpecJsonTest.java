package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecJsonTest {

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void everyDefaultModelSpecRoundTrips(ModelKind kind) {
        ModelSpec spec = ModelSpec.defaults(kind);
        String json = spec.toJson();
        assertThat(json).contains("\"kind\" : \"" + kind.jsonName() + "\"");
        assertThat(ModelSpec.fromJson(json)).isEqualTo(spec);
    }

    @Test
    void modelSpecJsonUsesSnakeCaseAndMergesOverTheKindsDefaults() {
        ModelSpec custom = ModelSpec.defaults(ModelKind.LOW_LATENCY_SVDF).withSvdf(1, 64).withHidden(List.of(32)).withDropout(0.2);
        String json = custom.toJson();
        assertThat(json).contains("\"svdf_rank\" : 1", "\"svdf_nodes\" : 64", "\"hidden\" : [ 32 ]");
        assertThat(ModelSpec.fromJson(json)).isEqualTo(custom);

        ModelSpec partial = ModelSpec.fromJson("{\"kind\":\"conv\",\"dropout\":0.25}");
        assertThat(partial).isEqualTo(ModelSpec.defaults(ModelKind.CONV).withDropout(0.25));
        ModelSpec conv = ModelSpec.fromJson("{\"kind\":\"tiny_conv\",\"conv\":[{\"filters\":4,\"time\":5,\"frequency\":3,"
                + "\"time_stride\":1,\"frequency_stride\":2,\"padding\":\"valid\"}]}");
        assertThat(conv.conv()).containsExactly(new ConvSpec(4, 5, 3, 1, 2, Padding.VALID));
        ModelSpec ds = ModelSpec.defaults(ModelKind.DS_CNN_M).withDsCnn(32, 2, 1);
        assertThat(ds.toJson()).contains("\"ds_channels\" : 32", "\"ds_blocks\" : 2", "\"ds_first_stride\" : 1");
        assertThat(ModelSpec.fromJson(ds.toJson())).isEqualTo(ds);
    }

    @Test
    void badModelSpecsAreRejectedWithReasons() {
        assertThatThrownBy(() -> ModelSpec.fromJson("{\"dropout\":0.1}")).hasMessageContaining("kind");
        assertThatThrownBy(() -> ModelSpec.fromJson("{\"kind\":\"resnet\"}")).hasMessageContaining("unknown model");
        assertThatThrownBy(() -> ModelSpec.fromJson("{\"kind\":\"conv\",\"dropuot\":0.1}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelSpec.fromJson("{\"kind\":\"conv\",\"hidden\":[10]}")).hasMessageContaining("no hidden");
        assertThatThrownBy(() -> ModelSpec.fromJson("{\"kind\":\"conv\",\"dropout\":1}")).hasMessageContaining("dropout");
        assertThatThrownBy(() -> ModelSpec.defaults(ModelKind.CONV).withConv(List.of()))
                .hasMessageContaining("2 convolution");
        assertThatThrownBy(() -> ModelSpec.defaults(ModelKind.TINY_CONV).withSvdf(2, 10)).hasMessageContaining("no SVDF");
        assertThatThrownBy(() -> new ConvSpec(0, 3, 3, 1, 1, Padding.SAME)).hasMessageContaining("filter");
        assertThatThrownBy(() -> ModelSpec.fromJson("[1]")).hasMessageContaining("JSON object");
    }

    @Test
    void trainConfigDefaultsAreTheReferenceTrainersAndRoundTrip() {
        TrainConfig d = TrainConfig.defaults();
        assertThat(d.optimizer()).isEqualTo(TrainConfig.Optimizer.SGD);
        assertThat(d.learningRates()).containsExactly(0.001, 0.0001);
        assertThat(d.trainingSteps()).containsExactly(15000, 3000);
        assertThat(d.batchSize()).isEqualTo(100);
        assertThat(d.evalEvery()).isEqualTo(400);
        assertThat(d.initStddev()).isEqualTo(0.01);
        assertThat(d.dropout()).isNull();
        assertThat(TrainConfig.fromJson(d.toJson())).isEqualTo(d);
        assertThat(TrainConfig.fromJson("{}")).isEqualTo(d);
    }

    @Test
    void everyTrainConfigFieldSurvivesJson() {
        TrainConfig c = TrainConfig.defaults().withOptimizer(TrainConfig.Optimizer.ADAM).withMomentum(0.5)
                .withSchedule("100, 50", "0.01,0.002").withCosineDecay(0.1).withBatchSize(32).withEpochs(2.5)
                .withLabelSmoothing(0.1).withClassWeights(TrainConfig.ClassWeights.BALANCED).withL2(1e-4).withDropout(0.3)
                .withWeightInit(TrainConfig.WeightInit.XAVIER, 0.02).withEvalEvery(25).withEarlyStoppingPatience(3).withSeed(42);
        String json = c.toJson();
        assertThat(json).contains("\"optimizer\" : \"adam\"", "\"decay\" : \"cosine\"", "\"class_weights\" : \"balanced\"",
                "\"weight_init\" : \"xavier\"", "\"training_steps\" : [ 100, 50 ]", "\"early_stopping_patience\" : 3");
        assertThat(TrainConfig.fromJson(json)).isEqualTo(c);
        TrainConfig exp = c.withExponentialDecay(0.5, 10);
        assertThat(TrainConfig.fromJson(exp.toJson())).isEqualTo(exp);
        assertThat(TrainConfig.fromJson("{\"optimizer\":\"momentum\",\"dropout\":null}").optimizer())
                .isEqualTo(TrainConfig.Optimizer.MOMENTUM);
    }

    @Test
    void badTrainConfigsAreRejectedWithReasons() {
        assertThatThrownBy(() -> TrainConfig.defaults().withSchedule("100,200", "0.1")).hasMessageContaining("one learning rate");
        assertThatThrownBy(() -> TrainConfig.defaults().withSchedule("100,x", "0.1,0.2")).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> TrainConfig.defaults().withBatchSize(0)).hasMessageContaining("batch size");
        assertThatThrownBy(() -> TrainConfig.fromJson("{\"optimizer\":\"rmsprop\"}")).hasMessageContaining("sgd, momentum or adam");
        assertThatThrownBy(() -> TrainConfig.fromJson("{\"learning_rates\":[0.1,-1]}")).hasMessageContaining("positive");
        assertThatThrownBy(() -> TrainConfig.fromJson("{\"batchsize\":3}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrainConfig.defaults().withLabelSmoothing(1)).hasMessageContaining("smoothing");
    }

    @Test
    void checkpointInfoRoundTrips() {
        CheckpointInfo info = new CheckpointInfo(CheckpointInfo.FORMAT, ModelSpec.defaults(ModelKind.DS_CNN_S),
                TrainConfig.defaults().withSeed(3), 49, 10, List.of("_silence_", "_unknown_", "yes"), 800, 18000, 400, 0.875,
                0.41, 1, 123_456);
        assertThat(CheckpointInfo.fromJson(info.toJson())).isEqualTo(info);
    }

    @Test
    void balancedClassWeightsAverageOneOverTheTrainingSet() {
        float[] w = TrainConfig.ClassWeights.BALANCED.weights(new int[]{10, 30, 60, 0});
        // 100 examples over the 3 labels that have any: 100 / (3 n); the empty label keeps 1
        assertThat(w).containsExactly(100f / 30, 100f / 90, 100f / 180, 1f);
        assertThat(10 * w[0] + 30 * w[1] + 60 * w[2]).isCloseTo(100f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(TrainConfig.ClassWeights.NONE.weights(new int[]{10, 30})).containsExactly(1f, 1f);
    }
}
