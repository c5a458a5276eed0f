package io.kwsstudio.features;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FastLogTest {
    @Test
    void agreesWithMathLogToAFewUlps() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            // Log-uniform over the range the features see (1e-12 floor .. large power sums) and beyond.
            double x = Math.exp(rnd.nextDouble(-40, 40));
            assertClose(x);
        }
        // Around 1, where the result is tiny and any series error is relatively large.
        for (int i = 0; i < 100_000; i++) {
            assertClose(1 + rnd.nextDouble(-0.01, 0.01));
        }
        for (double x : new double[] {1, 2, 0.5, 1e-12, Double.MIN_NORMAL, Double.MAX_VALUE, Math.E}) {
            assertClose(x);
        }
    }

    private static void assertClose(double x) {
        double expected = Math.log(x);
        double scale = Math.max(Math.abs(expected), Math.abs(Math.getExponent(x) * Math.log(2)));
        assertThat(Math.abs(FastLog.ln(x) - expected)).as("ln(%s)", x)
                .isLessThanOrEqualTo(4 * Math.ulp(scale) + 2e-17);   // 2e-17: the series truncation, r^6/6
    }

    @Test
    void specialValuesBehaveLikeMathLog() {
        assertThat(FastLog.ln(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(FastLog.ln(-1.0)).isNaN();
        assertThat(FastLog.ln(Double.NaN)).isNaN();
        assertThat(FastLog.ln(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(FastLog.ln(Double.MIN_VALUE)).isEqualTo(Math.log(Double.MIN_VALUE));
    }
}
