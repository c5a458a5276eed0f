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

    @Test
    void rowLogAgreesWithMathLogAndAppliesTheFloor() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 98;
        double[] in = new double[n];
        double[] out = new double[n];
        double[] scratch = new double[n];
        for (int round = 0; round < 2_000; round++) {
            for (int f = 0; f < n; f++) {
                in[f] = switch (f % 3) {
                    case 0 -> Math.exp(rnd.nextDouble(-40, 40));
                    case 1 -> 1 + rnd.nextDouble(-1e-3, 1e-3);   // results near 0: relative error shows here
                    default -> rnd.nextDouble(-1, 1e-12);       // below the floor, negatives included
                };
            }
            FastLog.lnRow(in, out, scratch, n, 1e-12);
            for (int f = 0; f < n; f++) {
                double expected = Math.log(Math.max(in[f], 1e-12));
                assertThat(Math.abs(out[f] - expected)).as("ln(max(%s, 1e-12))", in[f])
                        .isLessThanOrEqualTo(3 * Math.ulp(expected));
            }
        }
        double[] edges = {1, 2, 0.5, Math.E, Double.MIN_NORMAL, Double.MAX_VALUE, Math.sqrt(2), Math.sqrt(0.5)};
        double[] edgeOut = new double[edges.length];
        FastLog.lnRow(edges, edgeOut, new double[edges.length], edges.length, Double.MIN_NORMAL);
        for (int i = 0; i < edges.length; i++) {
            assertThat(Math.abs(edgeOut[i] - Math.log(edges[i]))).as("ln(%s)", edges[i])
                    .isLessThanOrEqualTo(3 * Math.ulp(Math.log(edges[i])));
        }
        double[] broken = {Double.NaN, Double.POSITIVE_INFINITY, 3};
        double[] brokenOut = new double[3];
        FastLog.lnRow(broken, brokenOut, new double[3], 3, 1e-12);
        assertThat(brokenOut[0]).isNaN();
        assertThat(brokenOut[1]).isNaN();
        assertThat(brokenOut[2]).isCloseTo(Math.log(3), org.assertj.core.data.Offset.offset(1e-15));
        // Only the first n values are touched.
        double[] tail = {4, 4, 4};
        double[] tailOut = {7, 7, 7};
        FastLog.lnRow(tail, tailOut, new double[3], 2, 1e-12);
        assertThat(tailOut[2]).isEqualTo(7);
    }
}
