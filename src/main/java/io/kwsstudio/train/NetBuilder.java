package io.kwsstudio.train;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays out a network layer by layer, counting parameters, multiply-accumulates and activation
 * memory as it goes, and, when given a SameDiff, building the training and inference branches
 * over shared weights. Counting and building share one code path so the summary always
 * describes exactly the graph that is built.
 */
final class NetBuilder {
    private static final double BN_EPSILON = 1e-3;

    private final SameDiff sd;
    private final TrainConfig.WeightInit init;
    private final double initStddev;
    private final long seed;
    private final double dropout;
    private boolean fastInputConv = INPUT_CONV;
    private boolean maskedRelu = MASKED_RELU;

    // Current activation shape for one example: channels x height x width, or flat features.
    private boolean flat;
    private long channels;
    private long height;
    private long width;
    private long features;

    private int inputFrames;
    private int inputBins;
    private long parameters;
    private long biases;
    private long macs;
    private long peakActivations;

    private SDVariable train;
    private SDVariable infer;
    // True while the current activation is the input placeholder itself (no gradient flows into it).
    private boolean atInput;
    private int layer;
    private final List<String> trainable = new ArrayList<>();
    private final List<String> decayed = new ArrayList<>();
    private final List<ModelGraph.DropoutSite> dropouts = new ArrayList<>();
    private final List<ModelGraph.NormStats> norms = new ArrayList<>();
    private ModelGraph.InputConv inputConv;
    private final List<InferenceLayer> plan = new ArrayList<>();

    private NetBuilder(SameDiff sd, TrainConfig.WeightInit init, double initStddev, long seed, double dropout) {
        this.sd = sd;
        this.init = init;
        this.initStddev = initStddev;
        this.seed = seed;
        this.dropout = dropout;
    }

    /** Counts only; no graph, no memory for weights. */
    static NetBuilder counting() {
        return new NetBuilder(null, TrainConfig.WeightInit.TRUNCATED_NORMAL, 0.01, 0, 0);
    }

    static NetBuilder building(SameDiff sd, TrainConfig cfg, double dropout) {
        return new NetBuilder(sd, cfg.weightInit(), cfg.initStddev(), cfg.seed(), dropout);
    }

    /** Whether the trainer computes the first convolution (default) or SameDiff's conv2d does. */
    NetBuilder fastInputConv(boolean on) {
        fastInputConv = on;
        return this;
    }

    /** Whether the training branch's ReLU is x times a 0/1 mask (default) or SameDiff's relu op. */
    NetBuilder maskedRelu(boolean on) {
        maskedRelu = on;
        return this;
    }

    boolean isFlat() {
        return flat;
    }

    long channels() {
        return channels;
    }

    long height() {
        return height;
    }

    long width() {
        return width;
    }

    long features() {
        return features;
    }

    /** The features placeholder, seen as a one-channel image: frames high, bins wide. */
    NetBuilder input(int frames, int bins) {
        inputFrames = frames;
        inputBins = bins;
        flat = false;
        channels = 1;
        height = frames;
        width = bins;
        peakActivations = (long) frames * bins;
        if (sd != null) {
            SDVariable in = sd.placeHolder(ModelGraph.INPUT, DataType.FLOAT, -1, (long) frames * bins);
            SDVariable image = in.reshape(-1, 1, frames, bins);
            train = image;
            infer = image;
            atInput = true;
        }
        return this;
    }

    NetBuilder conv(ConvSpec c, boolean bias) {
        requireImage("a convolution");
        int kh = c.kernelTime((int) height);
        int kw = c.kernelFrequency((int) width);
        if (c.padding() == Padding.VALID && (kh > height || kw > width)) {
            throw new IllegalArgumentException("a " + kh + "x" + kw + " VALID convolution does not fit a " + height + "x" + width
                    + " input; use smaller kernels or SAME padding");
        }
        long oh = c.padding().outputSize((int) height, kh, c.timeStride());
        long ow = c.padding().outputSize((int) width, kw, c.frequencyStride());
        long in = channels * height * width;
        long out = (long) c.filters() * oh * ow;
        long weights = (long) kh * kw * channels * c.filters();
        macs += out * kh * kw * channels;
        parameters += weights + (bias ? c.filters() : 0);
        biases += bias ? c.filters() : 0;
        peakActivations = Math.max(peakActivations, in + out);
        String name = "conv" + (++layer);
        plan.add(new InferenceLayer.Conv(name + "_w", bias ? name + "_b" : null, kh, kw, c.timeStride(), c.frequencyStride(),
                c.padding() == Padding.SAME));
        if (sd != null) {
            SDVariable w = weight(name + "_w", new long[]{kh, kw, channels, c.filters()}, kh * kw * channels,
                    (long) kh * kw * c.filters());
            SDVariable b = bias ? bias(name + "_b", c.filters()) : null;
            Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(c.timeStride()).sW(c.frequencyStride())
                    .paddingMode(c.padding() == Padding.SAME ? PaddingMode.SAME : PaddingMode.VALID)
                    .dataFormat("NCHW").build();
            if (atInput && channels == 1 && fastInputConv) {
                // Nothing needs the gradient w.r.t. the input, which conv2d_bp always computes (slowly,
                // for one channel): the trainer computes this layer and its weight gradient itself.
                // A variable, not a placeholder: SameDiff M2.1 drops placeholder gradients after a reshape.
                String output = name + "_out";
                train = sd.var(output, Nd4j.zeros(DataType.FLOAT, 1, c.filters(), oh, ow));
                inputConv = new ModelGraph.InputConv(output, w.name(), b == null ? null : b.name(), kh, kw,
                        c.timeStride(), c.frequencyStride(), c.padding() == Padding.SAME, (int) height, (int) width,
                        (int) oh, (int) ow);
            } else {
                train = b == null ? sd.cnn().conv2d(train, w, cfg) : sd.cnn().conv2d(train, w, b, cfg);
            }
            infer = b == null ? sd.cnn().conv2d(infer, w, cfg) : sd.cnn().conv2d(infer, w, b, cfg);
            atInput = false;
        }
        channels = c.filters();
        height = oh;
        width = ow;
        return this;
    }

    /**
     * Whether the first convolution of the training branch, on the input, is computed by the
     * trainer ({@link InputConvStep}) rather than SameDiff; {@code -Dkws.inputConv=plain} turns it
     * off for comparisons.
     */
    static final boolean INPUT_CONV = !"plain".equals(System.getProperty("kws.inputConv"));

    /**
     * Whether the training branch's ReLU is {@code x * cast(x > 0)} rather than SameDiff's relu op;
     * {@code -Dkws.maskedRelu=false} turns it off for comparisons. Why: relu's backward op in
     * libnd4j M2.1 ({@code thresholdedrelu_bp}) runs at ~5 ns a value, 30 ms per DS-CNN layer at
     * batch 100, 17% of a step. The mask comes from a boolean, so no gradient flows into it, and the
     * multiply's backward ({@code multiply_bp}) is ~7x faster. Same values and gradients
     * (ReluGradientTest); it keeps the mask until the backward pass (~+5% peak memory for DS-CNN).
     */
    static final boolean MASKED_RELU = !"false".equals(System.getProperty("kws.maskedRelu"));

    /** Depthwise convolution, SAME, one filter per channel, no bias (BN follows). */
    NetBuilder depthwise(int kh, int kw, int stride) {
        atInput = false;
        requireImage("a depthwise convolution");
        long oh = Padding.SAME.outputSize((int) height, kh, stride);
        long ow = Padding.SAME.outputSize((int) width, kw, stride);
        long in = channels * height * width;
        long out = channels * oh * ow;
        macs += out * kh * kw;
        parameters += (long) kh * kw * channels;
        peakActivations = Math.max(peakActivations, in + out);
        String name = "dw" + (++layer);
        plan.add(new InferenceLayer.Depthwise(name + "_w", kh, kw, stride));
        if (sd != null) {
            SDVariable w = weight(name + "_w", new long[]{kh, kw, channels, 1}, (long) kh * kw, (long) kh * kw);
            Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(stride).sW(stride).paddingMode(PaddingMode.SAME)
                    .dataFormat("NCHW").build();
            train = sd.cnn().depthWiseConv2d(train, w, cfg);
            infer = sd.cnn().depthWiseConv2d(infer, w, cfg);
        }
        height = oh;
        width = ow;
        return this;
    }

    NetBuilder relu() {
        atInput = false;
        plan.add(new InferenceLayer.Relu());
        if (sd != null) {
            if (maskedRelu) {
                SDVariable mask = train.gt(0.0).castTo(DataType.FLOAT);
                train = train.mul(mask);
            } else {
                train = sd.nn().relu(train, 0);
            }
            infer = sd.nn().relu(infer, 0);
        }
        return this;
    }

    /** Drops activations in the training branch only, via a mask the trainer feeds each step. */
    NetBuilder dropout() {
        atInput = false;
        if (sd != null && dropout > 0) {
            long[] shape = flat ? new long[]{features} : new long[]{channels, height, width};
            long[] withBatch = new long[shape.length + 1];
            withBatch[0] = -1;
            System.arraycopy(shape, 0, withBatch, 1, shape.length);
            String name = "dropout_mask" + (dropouts.size() + 1);
            SDVariable mask = sd.placeHolder(name, DataType.FLOAT, withBatch);
            train = train.mul(mask);
            dropouts.add(new ModelGraph.DropoutSite(name, shape));
        }
        return this;
    }

    NetBuilder maxPool(int kh, int kw) {
        atInput = false;
        requireImage("pooling");
        long oh = Padding.SAME.outputSize((int) height, kh, kh);
        long ow = Padding.SAME.outputSize((int) width, kw, kw);
        peakActivations = Math.max(peakActivations, channels * (height * width + oh * ow));
        plan.add(new InferenceLayer.MaxPool(kh, kw));
        if (sd != null) {
            Pooling2DConfig cfg = Pooling2DConfig.builder().kH(kh).kW(kw).sH(kh).sW(kw).paddingMode(PaddingMode.SAME)
                    .isNHWC(false).build();
            train = sd.cnn().maxPooling2d(train, cfg);
            infer = sd.cnn().maxPooling2d(infer, cfg);
        }
        height = oh;
        width = ow;
        return this;
    }

    /**
     * Batch normalisation with a learned offset and no scale: a ReLU follows and the next linear
     * layer absorbs any positive scale, which is why TF-slim (and Hello Edge) leave it out. The
     * offset is counted as a bias because it folds into the previous layer's bias on export.
     */
    NetBuilder batchNorm() {
        atInput = false;
        requireImage("batch normalisation");
        parameters += channels;
        biases += channels;
        String name = "bn" + (++layer);
        plan.add(new InferenceLayer.BatchNorm(name + "_beta", name + "_moving_mean", name + "_moving_variance", BN_EPSILON));
        if (sd != null) {
            long[] shape = {1, channels, 1, 1};
            SDVariable beta = sd.var(name + "_beta", Nd4j.zeros(DataType.FLOAT, shape));
            trainable.add(beta.name());
            SDVariable movingMean = sd.var(name + "_moving_mean", Nd4j.zeros(DataType.FLOAT, shape));
            SDVariable movingVar = sd.var(name + "_moving_variance", Nd4j.ones(DataType.FLOAT, shape));
            SDVariable mean = train.mean(name + "_batch_mean", true, 0, 2, 3);
            SDVariable centred = train.sub(mean);
            SDVariable variance = centred.mul(centred).mean(name + "_batch_variance", true, 0, 2, 3);
            // The [1, C, 1, 1] scale is widened to the activation's shape before multiplying: multiply_bp
            // with a broadcast operand tiles it element by element (0.2 s per layer at batch 100, half of a
            // DS-CNN step), while add_bp just sums over the broadcast axes. square's backward was slow too.
            SDVariable scale = sd.zerosLike(centred).add(sd.math().rsqrt(variance.add(BN_EPSILON)));
            train = centred.mul(scale).add(beta);
            infer = infer.sub(movingMean).mul(sd.math().rsqrt(movingVar.add(BN_EPSILON))).add(beta);
            norms.add(new ModelGraph.NormStats(mean.name(), variance.name(), movingMean.name(), movingVar.name()));
        }
        return this;
    }

    /** Mean over time and frequency: one value per channel. */
    NetBuilder globalAveragePool() {
        atInput = false;
        requireImage("global pooling");
        plan.add(new InferenceLayer.GlobalAveragePool());
        if (sd != null) {
            train = train.mean(2, 3);
            infer = infer.mean(2, 3);
        }
        flat = true;
        features = channels;
        return this;
    }

    NetBuilder flatten() {
        atInput = false;
        if (!flat) {
            features = channels * height * width;
            flat = true;
            if (sd != null) {
                train = train.reshape(-1, features);
                infer = infer.reshape(-1, features);
            }
        }
        return this;
    }

    NetBuilder dense(int units) {
        atInput = false;
        flatten();
        long in = features;
        macs += in * units;
        parameters += in * units + units;
        biases += units;
        peakActivations = Math.max(peakActivations, in + units);
        String name = "fc" + (++layer);
        plan.add(new InferenceLayer.Dense(name + "_w", name + "_b"));
        if (sd != null) {
            SDVariable w = weight(name + "_w", new long[]{in, units}, in, units);
            SDVariable b = bias(name + "_b", units);
            train = train.mmul(w).add(b);
            infer = infer.mmul(w).add(b);
        }
        features = units;
        return this;
    }

    /**
     * Rank-constrained SVDF over the whole clip (Nakkiran et al. 2015), non-streaming: each of
     * {@code nodes * rank} filters applies a feature filter to every frame (a matmul over bins),
     * then weights the frames with its time filter and sums them; the rank filters of a node are
     * summed and a bias added. The reference computes the same maths one frame at a time.
     */
    NetBuilder svdf(int rank, int nodes) {
        atInput = false;
        requireImage("an SVDF layer");
        if (channels != 1) {
            throw new IllegalArgumentException("the SVDF layer reads the raw features");
        }
        long frames = height;
        long bins = width;
        long filters = (long) rank * nodes;
        macs += frames * bins * filters + frames * filters;
        parameters += bins * filters + frames * filters + nodes;
        biases += nodes;
        peakActivations = Math.max(peakActivations, frames * bins + frames * filters);
        String name = "svdf" + (++layer);
        plan.add(new InferenceLayer.Svdf(name + "_feature_w", name + "_time_w", name + "_b", rank, nodes));
        if (sd != null) {
            SDVariable wf = weight(name + "_feature_w", new long[]{bins, filters}, bins, filters);
            SDVariable wt = weight(name + "_time_w", new long[]{frames, filters}, frames, frames);
            SDVariable b = bias(name + "_b", nodes);
            train = svdfBranch(train, wf, wt, b, frames, bins, filters, rank, nodes);
            infer = svdfBranch(infer, wf, wt, b, frames, bins, filters, rank, nodes);
        }
        flat = true;
        features = nodes;
        return this;
    }

    private static SDVariable svdfBranch(SDVariable x, SDVariable wf, SDVariable wt, SDVariable b, long frames, long bins,
                                         long filters, int rank, int nodes) {
        SDVariable perFrame = x.reshape(-1, bins).mmul(wf).reshape(-1, frames, filters);
        SDVariable overTime = perFrame.mul(wt).sum(1);
        return overTime.reshape(-1, nodes, rank).sum(2).add(b);
    }

    /** Final layer to the labels; adds the loss of the training branch and the inference outputs. */
    ModelGraph finish(int labels) {
        dense(labels);
        ModelSummary summary = summary(labels);
        if (sd == null) {
            return new ModelGraph(null, summary, trainable, decayed, dropouts, norms, null, plan);
        }
        SDVariable trainLogits = train.rename(ModelGraph.TRAIN_LOGITS);
        SDVariable logits = infer.rename(ModelGraph.LOGITS);
        sd.nn().softmax(ModelGraph.PROBABILITIES, logits);
        SDVariable targets = sd.placeHolder(ModelGraph.LABELS, DataType.FLOAT, -1, labels);
        SDVariable weights = sd.placeHolder(ModelGraph.EXAMPLE_WEIGHTS, DataType.FLOAT, -1);
        // Cross-entropy against (possibly smoothed) targets, weighted per example, mean over the batch.
        // log-softmax written out with the max subtracted: ND4J's log_softmax takes log(softmax), which
        // gives -inf for a confidently wrong class once training gets sure, and 0 * -inf = NaN in the loss.
        SDVariable shifted = trainLogits.sub(trainLogits.max(true, 1));
        SDVariable logProbabilities = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
        SDVariable perExample = logProbabilities.mul(targets).sum(1);
        perExample.mul(weights).mean().neg(ModelGraph.LOSS);
        sd.setLossVariables(ModelGraph.LOSS);
        return new ModelGraph(sd, summary, trainable, decayed, dropouts, norms, inputConv, plan);
    }

    private ModelSummary summary(int labels) {
        return new ModelSummary(parameters, biases, macs, peakActivations * 4, inputFrames, inputBins, labels);
    }

    private void requireImage(String what) {
        if (flat) {
            throw new IllegalStateException(what + " needs a 2-D input");
        }
    }

    private SDVariable bias(String name, long size) {
        SDVariable b = sd.var(name, Nd4j.zeros(DataType.FLOAT, size));
        trainable.add(name);
        return b;
    }

    private SDVariable weight(String name, long[] shape, long fanIn, long fanOut) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        // Each variable gets its own stream derived from the seed and its position, so adding a
        // layer does not change the initial values of the layers before it.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trainable.size() + 1);
        float[] values = new float[Math.toIntExact(n)];
        switch (init) {
            case TRUNCATED_NORMAL -> fillTruncatedNormal(values, initStddev, random);
            case HE -> fillTruncatedNormal(values, Math.sqrt(2.0 / fanIn), random);
            case XAVIER -> {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
        }
        INDArray arr = Nd4j.create(values, shape, 'c');
        SDVariable v = sd.var(name, arr);
        trainable.add(name);
        decayed.add(name);
        return v;
    }

    private static void fillTruncatedNormal(float[] values, double stddev, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            double g;
            do {
                g = random.nextGaussian();
            } while (Math.abs(g) > 2);
            values[i] = (float) (g * stddev);
        }
    }
}
