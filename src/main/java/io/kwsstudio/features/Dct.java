package io.kwsstudio.features;

/** The DCT-II of TensorFlow's Mfcc op: {@code c_i = sqrt(2/N) sum_j x_j cos(pi i (j + 0.5) / N)}, no special c0 scaling. */
public final class Dct {
    private final int inputs;
    private final int outputs;
    private final double[] matrix;
    /** The same matrix transposed, so {@link #apply} runs an inner loop the JIT can vectorize. */
    private final double[] byInput;

    public Dct(int inputs, int outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
        matrix = new double[inputs * outputs];
        double norm = Math.sqrt(2.0 / inputs);
        for (int i = 0; i < outputs; i++) {
            for (int j = 0; j < inputs; j++) {
                matrix[i * inputs + j] = norm * Math.cos(Math.PI * i * (j + 0.5) / inputs);
            }
        }
        byInput = new double[inputs * outputs];
        for (int i = 0; i < outputs; i++) {
            for (int j = 0; j < inputs; j++) {
                byInput[j * outputs + i] = matrix[i * inputs + j];
            }
        }
    }

    public void apply(double[] in, double[] out) {
        java.util.Arrays.fill(out, 0, outputs, 0);
        for (int j = 0; j < inputs; j++) {
            double x = in[j];
            int row = j * outputs;
            for (int i = 0; i < outputs; i++) {
                out[i] += x * byInput[row + i];
            }
        }
    }

    public double[] apply(double[] in) {
        double[] out = new double[outputs];
        apply(in, out);
        return out;
    }
}
