package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UpdateRuleTest {

    private static INDArray gradient() {
        return Nd4j.create(new float[][]{{0.5f, -2f}, {4f, 0f}});
    }

    @Test
    void sgdScalesTheGradient() {
        UpdateRule r = UpdateRule.create(TrainConfig.Optimizer.SGD, 0.9, 4);
        INDArray g = gradient();
        assertThat(r.apply(g, 1, 0.1).toFloatVector()).containsExactly(new float[]{0.05f, -0.2f, 0.4f, 0f}, within(1e-7f));
        assertThat(g).isEqualTo(gradient());
    }

    @Test
    void momentumAccumulatesLikeTensorFlow() {
        UpdateRule r = UpdateRule.create(TrainConfig.Optimizer.MOMENTUM, 0.9, 4);
        r.apply(gradient(), 1, 0.1);
        // accumulation = 0.9 * g + g = 1.9 g; update = lr * accumulation
        assertThat(r.apply(gradient(), 2, 0.1).toFloatVector())
                .containsExactly(new float[]{0.095f, -0.38f, 0.76f, 0f}, within(1e-6f));
    }

    @Test
    void adamFirstStepIsTheLearningRateTimesTheGradientsSign() {
        UpdateRule r = UpdateRule.create(TrainConfig.Optimizer.ADAM, 0.9, 4);
        float[] u = r.apply(gradient(), 1, 0.01).toFloatVector();
        assertThat(u).containsExactly(new float[]{0.01f, -0.01f, 0.01f, 0f}, within(1e-6f));
    }

    @Test
    void restoredStateContinuesExactly() {
        UpdateRule a = UpdateRule.create(TrainConfig.Optimizer.ADAM, 0.9, 4);
        a.apply(gradient(), 1, 0.01);
        UpdateRule b = UpdateRule.restore(TrainConfig.Optimizer.ADAM, 0.9, 4, a.state().dup());
        INDArray g2 = Nd4j.create(new float[][]{{1f, 1f}, {-1f, 3f}});
        assertThat(b.apply(g2, 2, 0.01)).isEqualTo(a.apply(g2, 2, 0.01));
    }
}
