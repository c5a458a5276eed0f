package io.kwsstudio.train;

import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds the keyword-spotting models of the reference trainer and Hello Edge as SameDiff graphs
 * (SameDiff's conv2d is several times faster than MultiLayerNetwork's ConvolutionLayer here), and
 * says what they cost before anything is trained.
 *
 * <p>Input is one placeholder {@code input} of shape [n, frames * bins] (each clip's features
 * frame by frame), seen as an NCHW image of 1 channel, frames high and bins wide. Outputs:
 * {@code logits} and {@code probabilities} (inference, no dropout), {@code loss} (training; needs
 * the {@code labels}, {@code example_weights} and dropout mask placeholders).
 */
public final class ModelZoo {
    static {
        // Library and test callers that do not start through the Launcher.
        NativeBackend.configure();
    }

    private ModelZoo() {
    }

    /** Parameters, multiplies and memory of {@code spec} for this input and label count, without building it. */
    public static ModelSummary summarize(ModelSpec spec, int frames, int bins, int labels) {
        return lay(NetBuilder.counting(), spec, frames, bins, labels).summary();
    }

    /**
     * Builds the graph with freshly initialised weights. {@code cfg} supplies the weight
     * initialisation, the seed and any dropout override; the optimizer and L2 are applied by the
     * {@link Trainer}, which owns the update step.
     */
    public static SameDiff build(ModelSpec spec, int frames, int bins, int labels, TrainConfig cfg) {
        return graph(spec, frames, bins, labels, cfg).sameDiff();
    }

    static ModelGraph graph(ModelSpec spec, int frames, int bins, int labels, TrainConfig cfg) {
        SameDiff sd = SameDiff.create();
        return lay(NetBuilder.building(sd, cfg, cfg.dropoutFor(spec)), spec, frames, bins, labels);
    }

    /** As {@link #graph}, choosing the first convolution's formulation (tests compare the two). */
    static ModelGraph graph(ModelSpec spec, int frames, int bins, int labels, TrainConfig cfg, boolean fastInputConv) {
        SameDiff sd = SameDiff.create();
        return lay(NetBuilder.building(sd, cfg, cfg.dropoutFor(spec)).fastInputConv(fastInputConv), spec, frames, bins, labels);
    }

    /** As {@link #graph}, choosing the training branch's ReLU formulation (tests compare the two). */
    static ModelGraph graphWithReluOp(ModelSpec spec, int frames, int bins, int labels, TrainConfig cfg) {
        SameDiff sd = SameDiff.create();
        return lay(NetBuilder.building(sd, cfg, cfg.dropoutFor(spec)).maskedRelu(false), spec, frames, bins, labels);
    }

    private static ModelGraph lay(NetBuilder net, ModelSpec spec, int frames, int bins, int labels) {
        if (frames < 1 || bins < 1) {
            throw new IllegalArgumentException("the input needs at least one frame and one bin, got " + frames + "x" + bins);
        }
        if (labels < 2) {
            throw new IllegalArgumentException("a classifier needs at least two labels, got " + labels);
        }
        net.input(frames, bins);
        switch (spec.kind()) {
            case SINGLE_FC -> { }
            // The reference's conv -> ReLU -> dropout -> max pool, with the ReLU moved after the pool: the
            // same function (ReLU commutes with max and with dropout's non-negative scaling), and the same
            // gradients, but the ReLU and its backward pass work on a quarter of the values, which saves
            // ~10% of a training step and the memory of one full-size activation.
            case CONV -> net.conv(spec.conv().get(0), true).dropout()
                    .maxPool(2, 2).relu()
                    .conv(spec.conv().get(1), true).relu().dropout();
            case LOW_LATENCY_CONV -> {
                net.conv(spec.conv().get(0), true).relu().dropout();
                for (int units : spec.hidden()) {
                    net.dense(units).dropout();
                }
            }
            case LOW_LATENCY_SVDF -> {
                net.svdf(spec.svdfRank(), spec.svdfNodes()).relu().dropout();
                for (int units : spec.hidden()) {
                    net.dense(units).dropout();
                }
            }
            case TINY_CONV -> net.conv(spec.conv().get(0), true).relu().dropout();
            case DS_CNN_S, DS_CNN_M, DS_CNN_L -> {
                // BN's offset replaces the conv biases.
                net.conv(spec.conv().get(0), false).batchNorm().relu();
                for (int i = 0; i < spec.dsBlocks(); i++) {
                    net.depthwise(3, 3, i == 0 ? spec.dsFirstStride() : 1).batchNorm().relu()
                            .conv(new ConvSpec(spec.dsChannels(), 1, 1, 1, 1, Padding.SAME), false).batchNorm().relu();
                }
                net.globalAveragePool().dropout();
            }
        }
        return net.finish(labels);
    }
}
