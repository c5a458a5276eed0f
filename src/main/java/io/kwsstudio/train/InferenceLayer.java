package io.kwsstudio.train;

/**
 * One step of a model's inference branch, as {@link NetBuilder} lays it out, naming the SameDiff variables
 * that hold its weights. {@link JavaInference} runs this plan in plain Java; the SameDiff graph built by the
 * same NetBuilder calls is the reference it is tested against. Dropout is absent: it does nothing at inference.
 */
sealed interface InferenceLayer {

    /** 2-D convolution; weights [kh, kw, in, out], bias [out] or null; SAME padding as TF (extra row/column last). */
    record Conv(String weights, String bias, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                boolean same) implements InferenceLayer {
    }

    /** Depthwise 3-D convolution with one filter per channel; weights [kh, kw, channels, 1]; SAME padding; no bias. */
    record Depthwise(String weights, int kernelHeight, int kernelWidth, int stride) implements InferenceLayer {
    }

    /** Inference-time batch normalisation with the moving statistics and a learned offset (no scale). */
    record BatchNorm(String beta, String movingMean, String movingVariance, double epsilon) implements InferenceLayer {
    }

    record Relu() implements InferenceLayer {
    }

    /** Max pooling with stride equal to the window, SAME padding (padded cells never win). */
    record MaxPool(int height, int width) implements InferenceLayer {
    }

    /** Mean over time and frequency: one value per channel. */
    record GlobalAveragePool() implements InferenceLayer {
    }

    /** Fully connected; weights [in, units] over the activations flattened channel by channel (NCHW order). */
    record Dense(String weights, String bias) implements InferenceLayer {
    }

    /** Rank-constrained SVDF over the whole clip; see {@link NetBuilder#svdf}. */
    record Svdf(String featureWeights, String timeWeights, String bias, int rank, int nodes) implements InferenceLayer {
    }
}
