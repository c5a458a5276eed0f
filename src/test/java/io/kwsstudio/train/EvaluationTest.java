package io.kwsstudio.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {

    @Test
    void confusionPrecisionRecallAndF1ByHand() {
        // truth:     a a a a b b b c c c
        // predicted: a a b c b b a c c a
        int[] truth = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 1, 2, 1, 1, 0, 2, 2, 0};
        Evaluation e = Evaluation.of(truth, predicted, null, List.of("a", "b", "c"));
        assertThat(e.confusion()).isDeepEqualTo(new int[][]{
                {2, 1, 1},
                {1, 2, 0},
                {1, 0, 2}});
        assertThat(e.accuracy()).isEqualTo(0.6);
        assertThat(e.count()).isEqualTo(10);
        // a: predicted 4 times, 2 right; 4 actual a, 2 found
        assertThat(e.precision()[0]).isCloseTo(2 / 4.0, within(1e-12));
        assertThat(e.recall()[0]).isCloseTo(2 / 4.0, within(1e-12));
        assertThat(e.f1()[0]).isCloseTo(0.5, within(1e-12));
        // b: predicted 3 times, 2 right; 3 actual, 2 found
        assertThat(e.precision()[1]).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(e.recall()[1]).isCloseTo(2 / 3.0, within(1e-12));
        // c: predicted 3 times, 2 right; 3 actual, 2 found -> F1 2/3
        assertThat(e.f1()[2]).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(e.macroF1()).isCloseTo((0.5 + 2 / 3.0 + 2 / 3.0) / 3, within(1e-12));
        assertThat(e.loss()).isNaN();
    }

    @Test
    void unequalPrecisionAndRecallGiveTheHarmonicMean() {
        // label 0 predicted for everything: precision 2/4, recall 1 -> F1 2/3; label 1 never predicted -> 0s
        Evaluation e = Evaluation.of(new int[]{0, 0, 1, 1}, new int[]{0, 0, 0, 0}, null, List.of("x", "y"));
        assertThat(e.precision()).containsExactly(0.5, 0);
        assertThat(e.recall()).containsExactly(1, 0);
        assertThat(e.f1()[0]).isCloseTo(2 * 0.5 * 1 / 1.5, within(1e-12));
        assertThat(e.f1()[1]).isZero();
    }

    @Test
    void lossIsMeanNegativeLogProbabilityOfTheTruth() {
        float[][] p = {{0.5f, 0.5f}, {0.1f, 0.9f}, {1f, 0f}};
        Evaluation e = Evaluation.of(new int[]{0, 1, 1}, Evaluation.argmax(p), p, List.of("x", "y"));
        assertThat(Evaluation.argmax(p)).containsExactly(0, 1, 0);
        // the zero probability is clamped at 1e-7
        assertThat(e.loss()).isCloseTo((-Math.log(0.5) - Math.log(0.9f) - Math.log(1e-7)) / 3, within(1e-6));
    }

    @Test
    void rejectsMismatchedInput() {
        assertThatThrownBy(() -> Evaluation.of(new int[]{0}, new int[]{0, 1}, null, List.of("x", "y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluation.of(new int[]{2}, new int[]{0}, null, List.of("x", "y")))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Evaluation.of(new int[0], new int[0], null, List.of("x", "y"))).hasMessageContaining("no examples");
    }
}
