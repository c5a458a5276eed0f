package io.kwsstudio.train;

/**
 * What a model costs, known before training: trainable parameters ({@code biases} of them are
 * biases, which stay 32-bit when quantised), multiply-accumulates per inference (one clip, the
 * whole input at once), an estimate of peak float32 activation memory (the largest input plus
 * output of any one layer, batch 1), and the input and output sizes it was computed for.
 */
public record ModelSummary(long parameters, long biases, long multiplies, long activationBytes,
                           int inputFrames, int inputBins, int labels) {

    /** Weights and biases stored as 32-bit floats. */
    public long flashBytesFloat32() {
        return parameters * 4;
    }

    /** Weights as 8-bit integers and biases as 32-bit integers, the usual full-integer quantisation. */
    public long flashBytesInt8() {
        return (parameters - biases) + biases * 4;
    }
}
