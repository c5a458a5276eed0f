package io.kwsstudio.train;

import org.nd4j.autodiff.samediff.SameDiff;

import java.util.List;

/**
 * A built model and what the trainer needs to know about it beyond the SameDiff graph.
 *
 * <p>The graph holds two branches over the same weights. The inference branch ({@link #INPUT}
 * to {@link #LOGITS} and {@link #PROBABILITIES}) has no dropout and normalises with the
 * moving statistics; it is what export and prediction use. The training branch ends in
 * {@link #LOSS} and {@link #TRAIN_LOGITS}, drops activations by multiplying with the mask
 * placeholders listed in {@code dropouts} and normalises with batch statistics. Two branches
 * rather than a mode switch because SameDiff M2.1's own dropout ops also drop at inference.
 *
 * @param trainable  variables the optimizer updates
 * @param decayed    the weights among them that L2 applies to (not biases or BN offsets)
 * @param dropouts   mask placeholders of the training branch
 * @param norms      batch-normalisation layers whose moving statistics the trainer updates
 * @param inputConv  the first convolution when the trainer computes it outside the training
 *                   branch (see {@link InputConv}), else null
 * @param plan       the inference branch layer by layer, for {@link JavaInference}
 */
record ModelGraph(SameDiff sameDiff, ModelSummary summary, List<String> trainable, List<String> decayed,
                  List<DropoutSite> dropouts, List<NormStats> norms, InputConv inputConv, List<InferenceLayer> plan) {

    /** Placeholder [n, frames * bins]: one clip's features per row, frame by frame. */
    static final String INPUT = "input";
    /** Placeholder [n, labels]: training targets (one-hot, smoothed when label smoothing is on). */
    static final String LABELS = "labels";
    /** Placeholder [n]: per-example loss weights (class weights). */
    static final String EXAMPLE_WEIGHTS = "example_weights";
    static final String LOSS = "loss";
    static final String TRAIN_LOGITS = "train_logits";
    static final String LOGITS = "logits";
    static final String PROBABILITIES = "probabilities";

    ModelGraph {
        trainable = List.copyOf(trainable);
        decayed = List.copyOf(decayed);
        dropouts = List.copyOf(dropouts);
        norms = List.copyOf(norms);
        plan = List.copyOf(plan);
    }

    /** A dropout mask placeholder; {@code shape} excludes the batch dimension. */
    record DropoutSite(String placeholder, long[] shape) {
        /** The mask's shape for a batch of n: [n, shape...]. */
        long[] batchShape(long n) {
            long[] withBatch = new long[shape.length + 1];
            withBatch[0] = n;
            System.arraycopy(shape, 0, withBatch, 1, shape.length);
            return withBatch;
        }
    }

    /**
     * One batch-normalisation layer: graph outputs with the batch mean and variance of the
     * training branch, and the variables holding the moving averages used for inference.
     */
    record NormStats(String batchMean, String batchVariance, String movingMean, String movingVariance) {
    }

    /**
     * The first convolution of the training branch, on the 1-channel input, computed by the
     * trainer ({@link InputConvStep}) and fed to the branch through the variable {@code output}
     * ([n, filters, outHeight, outWidth], bias included; not trained, and between steps a zero
     * [1, filters, outHeight, outWidth] array). The inference branch keeps it as an ordinary
     * conv2d over the same weights.
     */
    record InputConv(String output, String weights, String bias, int kernelHeight, int kernelWidth, int strideHeight,
                     int strideWidth, boolean same, int height, int width, int outHeight, int outWidth) {
    }
}
