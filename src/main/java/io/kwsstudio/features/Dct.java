package io.kwsstudio.features;

/**
 * The DCT-II of TensorFlow's MFCC op ({@code mfcc_dct.cc}):
 * {@code c_i = sqrt(2/N) sum_j x_j cos(pi i (j + 0.5) / N)} for i below the coefficient count, with no
 * special scaling of c_0. The cosine matrix is computed once. Immutable and thread-safe.
 */
public final class Dct {
    private final int inputLength;
    private final int coefficients;
    /** Row-major {@code [coefficient][input]}. */
    private final double[] matrix;

    /**
     * @param inputLength  N, the number of inputs (filterbank channels)
     * @param coefficients outputs kept, 1 .. N
     */
    public Dct(int inputLength, int coefficients) {
        if (inputLength < 1) {
            throw new IllegalArgumentException("The DCT needs at least 1 input, got " + inputLength);
        }
        if (coefficients < 1 || coefficients > inputLength) {
            throw new IllegalArgumentException("The DCT can keep 1 to " + inputLength + " coefficients, got "
                    + coefficients);
        }
        this.inputLength = inputLength;
        this.coefficients = coefficients;
        matrix = new double[coefficients * inputLength];
        double norm = Math.sqrt(2.0 / inputLength);
        double arg = Math.PI / inputLength;
        for (int i = 0; i < coefficients; i++) {
            for (int j = 0; j < inputLength; j++) {
                matrix[i * inputLength + j] = norm * Math.cos(i * arg * (j + 0.5));
            }
        }
    }

    public int inputLength() {
        return inputLength;
    }

    public int coefficients() {
        return coefficients;
    }

    public double[] apply(double[] input) {
        double[] out = new double[coefficients];
        apply(input, 0, out);
        return out;
    }

    /** Transforms {@code input[inputOffset .. inputOffset+N)} into {@code out[0..coefficients)}. */
    public void apply(double[] input, int inputOffset, double[] out) {
        if (input.length - inputOffset < inputLength) {
            throw new IllegalArgumentException("Expected " + inputLength + " DCT inputs, got "
                    + (input.length - inputOffset));
        }
        for (int i = 0; i < coefficients; i++) {
            out[i] = row(i, input, inputOffset);
        }
    }

    /** The cosine matrix, row-major {@code [coefficient][input]}. Not a copy. */
    double[] matrix() {
        return matrix;
    }

    private double row(int i, double[] input, int inputOffset) {
        final double[] mat = matrix;
        final int n = inputLength;
        int r = i * n;
        // Two accumulators halve the add-latency chain; the sum order differs from TF only at 1e-15.
        double s0 = 0, s1 = 0;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            s0 += mat[r + j] * input[inputOffset + j];
            s1 += mat[r + j + 1] * input[inputOffset + j + 1];
        }
        if (j < n) {
            s0 += mat[r + j] * input[inputOffset + j];
        }
        return s0 + s1;
    }
}
