package io.kwsstudio.train;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One training step of a DS-CNN (Hello Edge's depthwise-separable network) computed by hand: the
 * matrix products (the first convolution and every pointwise one) by ND4J's gemm, everything between
 * them in plain Java loops over channels-last arrays, on all cores ({@link Workers}). Same inputs,
 * outputs and gradients as the graph's training branch; DsCnnStepTest compares the two.
 *
 * <p>Why: in SameDiff's graph a DS-CNN step at batch 100 took ~1.2 s and 11 GB, 2.3x slower than
 * PyTorch. Half of it was batch normalisation written as a dozen element-wise ops and reductions,
 * each a separate pass over a 25 MB activation with its own allocation (SameDiff M2.1 fuses nothing
 * and ND4J's fused batchnorm_bp was slower still), and the rest was depthwise and ReLU backward ops
 * that libnd4j runs without oneDNN. Here batch normalisation and ReLU are two passes forward and two
 * backward, the depthwise convolution runs a kernel tap over a whole row at a time, and the step keeps
 * ~0.6 GB of activations (ds_cnn_s, batch 100), reused from step to step: ~0.4 s and 1 GB a step.
 *
 * <p>Every inner loop reads and writes its arrays at one index, copying a row or a chunk to that index
 * first where needed: JDK 17's C2 leaves a loop scalar when a store and a load at another offset might
 * overlap, which made the first version of the depthwise loops 3x slower (docs/benchmarks.md).
 *
 * <p>Layout: activations are [examples, height, width, channels] rows of channels (NHWC), so a 1x1
 * convolution is one [pixels, C] x [C, C] product and a pixel's channels are contiguous for the JIT
 * to vectorise. The graph's kernels are [kh, kw, in, out], which is exactly the matrix each product
 * needs. Built only for the layer sequence {@link ModelZoo} lays out for DS-CNN ({@link #of} checks).
 */
final class DsCnnStep {
    /** {@code -Dkws.dsCnnKernels=false} trains DS-CNN through SameDiff's graph instead, for comparisons. */
    static final boolean ENABLED = !"false".equals(System.getProperty("kws.dsCnnKernels"));

    /** One batch normalisation (with its ReLU) and where the graph keeps its offset and statistics. */
    private record Norm(String beta, ModelGraph.NormStats stats, double epsilon) {
    }

    /** Depthwise 3x3 (or kh x kw) convolution, its norm, the 1x1 convolution, its norm. */
    private record Block(String depthwise, int kh, int kw, int stride, int inHeight, int inWidth, int height, int width,
                         int padTop, int padLeft, Norm depthwiseNorm, String pointwise, Norm pointwiseNorm) {
    }

    private final SameDiff sd;
    private final ModelGraph.InputConv first;
    private final Norm firstNorm;
    private final List<Block> blocks;
    private final String fcWeights;
    private final String fcBias;
    private final String dropoutMask;
    private final int channels;
    private final int padTop;
    private final int padLeft;

    /** Pixels a batch-norm loop takes at a time (see {@link #normalise}). */
    private static final int CHUNK = 32;

    // Per-batch-size buffers, kept from step to step (see Buffers).
    private Buffers buffers;

    private DsCnnStep(SameDiff sd, ModelGraph.InputConv first, Norm firstNorm, List<Block> blocks, String fcWeights,
                      String fcBias, String dropoutMask, int channels) {
        this.sd = sd;
        this.first = first;
        this.firstNorm = firstNorm;
        this.blocks = List.copyOf(blocks);
        this.fcWeights = fcWeights;
        this.fcBias = fcBias;
        this.dropoutMask = dropoutMask;
        this.channels = channels;
        this.padTop = Padding.padBefore(first.height(), first.outHeight(), first.kernelHeight(), first.strideHeight(), first.same());
        this.padLeft = Padding.padBefore(first.width(), first.outWidth(), first.kernelWidth(), first.strideWidth(), first.same());
    }

    /**
     * The hand-written step for {@code graph} if it is a DS-CNN as ModelZoo lays it out (input conv
     * without bias, BN, ReLU, then depthwise / BN / ReLU / 1x1 conv / BN / ReLU blocks, global average
     * pool, dropout, dense); null for any other graph.
     */
    static DsCnnStep of(ModelGraph graph) {
        ModelGraph.InputConv first = graph.inputConv();
        List<InferenceLayer> plan = graph.plan();
        List<ModelGraph.NormStats> norms = graph.norms();
        if (first == null || first.bias() != null || plan.size() < 5 || graph.dropouts().size() > 1) {
            return null;
        }
        if (!(plan.get(0) instanceof InferenceLayer.Conv conv) || !conv.weights().equals(first.weights())
                || !(plan.get(1) instanceof InferenceLayer.BatchNorm bn0) || !(plan.get(2) instanceof InferenceLayer.Relu)) {
            return null;
        }
        int channels = Math.toIntExact(graph.sameDiff().getArrForVarName(first.weights()).size(3));
        int normIndex = 0;
        Norm firstNorm = new Norm(bn0.beta(), norms.get(normIndex++), bn0.epsilon());
        List<Block> blocks = new ArrayList<>();
        int height = first.outHeight();
        int width = first.outWidth();
        int i = 3;
        while (i + 6 <= plan.size() && plan.get(i) instanceof InferenceLayer.Depthwise dw) {
            if (!(plan.get(i + 1) instanceof InferenceLayer.BatchNorm bnd) || !(plan.get(i + 2) instanceof InferenceLayer.Relu)
                    || !(plan.get(i + 3) instanceof InferenceLayer.Conv pw) || !(plan.get(i + 4) instanceof InferenceLayer.BatchNorm bnp)
                    || !(plan.get(i + 5) instanceof InferenceLayer.Relu) || pw.bias() != null || pw.kernelHeight() != 1
                    || pw.kernelWidth() != 1 || pw.strideHeight() != 1 || pw.strideWidth() != 1
                    || graph.sameDiff().getArrForVarName(pw.weights()).size(3) != channels
                    || normIndex + 2 > norms.size()) {
                return null;
            }
            int oh = Padding.SAME.outputSize(height, dw.kernelHeight(), dw.stride());
            int ow = Padding.SAME.outputSize(width, dw.kernelWidth(), dw.stride());
            blocks.add(new Block(dw.weights(), dw.kernelHeight(), dw.kernelWidth(), dw.stride(), height, width, oh, ow,
                    Padding.padBefore(height, oh, dw.kernelHeight(), dw.stride(), true),
                    Padding.padBefore(width, ow, dw.kernelWidth(), dw.stride(), true),
                    new Norm(bnd.beta(), norms.get(normIndex++), bnd.epsilon()), pw.weights(),
                    new Norm(bnp.beta(), norms.get(normIndex++), bnp.epsilon())));
            height = oh;
            width = ow;
            i += 6;
        }
        if (i + 2 != plan.size() || !(plan.get(i) instanceof InferenceLayer.GlobalAveragePool)
                || !(plan.get(i + 1) instanceof InferenceLayer.Dense fc) || normIndex != norms.size()) {
            return null;
        }
        String mask = graph.dropouts().isEmpty() ? null : graph.dropouts().get(0).placeholder();
        if (mask != null && !java.util.Arrays.equals(graph.dropouts().get(0).shape(), new long[]{channels})) {
            return null;
        }
        return new DsCnnStep(graph.sameDiff(), first, firstNorm, blocks, fc.weights(), fc.bias(), mask, channels);
    }

    /**
     * Loss, training logits, every norm's batch mean and variance, and the gradient of every trainable
     * variable, for the batch in {@code feed} (the graph's placeholders), with the graph's current weights.
     */
    InputConvStep.Result run(Map<String, INDArray> feed) {
        INDArray inputArray = feed.get(ModelGraph.INPUT);
        int n = Math.toIntExact(inputArray.size(0));
        if (buffers == null || buffers.n != n) {
            buffers = null;                 // let the old ones go before allocating new ones
            buffers = new Buffers(n);
        }
        Buffers b = buffers;
        float[] input = values(inputArray);
        float[] targets = values(feed.get(ModelGraph.LABELS));
        float[] exampleWeights = values(feed.get(ModelGraph.EXAMPLE_WEIGHTS));
        float[] mask = dropoutMask == null ? null : values(feed.get(dropoutMask));
        Map<String, INDArray> outputs = new HashMap<>();
        Map<String, INDArray> gradients = new HashMap<>();

        // Forward. The first convolution: patches of the 1-channel input times the [kh * kw, C] kernel.
        int taps = first.kernelHeight() * first.kernelWidth();
        Rows patches = Rows.of(b.patchesNative);
        Workers.forRange(n, (from, to, worker) -> im2col(input, patches, from, to));
        INDArray firstKernel = sd.getArrForVarName(first.weights()).reshape('c', new long[]{taps, channels});
        Nd4j.gemm(b.patchesNative, firstKernel, b.firstOutNative, false, false, 1.0, 0.0);
        normalise(Rows.of(b.firstOutNative), Rows.of(b.firstOut), n, first.outHeight() * first.outWidth(),
                firstNorm, b.firstStats, outputs);

        float[] in = b.firstOut;
        for (int k = 0; k < blocks.size(); k++) {
            Block block = blocks.get(k);
            BlockBuffers bb = b.blocks[k];
            float[] kernel = values(sd.getArrForVarName(block.depthwise()));
            float[] source = in;
            Workers.forRange(n, (from, to, worker) -> depthwiseForward(block, source, kernel, bb.depthwise, from, to));
            int pixels = block.height() * block.width();
            // Normalised straight into the matrix product's operand, which the backward pass reuses.
            normalise(Rows.of(bb.depthwise), Rows.of(bb.depthwiseOutNative), n, pixels, block.depthwiseNorm(),
                    bb.depthwiseStats, outputs);
            INDArray pointwise = sd.getArrForVarName(block.pointwise()).reshape('c', new long[]{channels, channels});
            Nd4j.gemm(bb.depthwiseOutNative, pointwise, bb.pointwiseNative, false, false, 1.0, 0.0);
            normalise(Rows.of(bb.pointwiseNative), Rows.of(bb.pointwiseOut), n, pixels, block.pointwiseNorm(),
                    bb.pointwiseStats, outputs);
            in = bb.pointwiseOut;
        }

        // Global average pool, dropout, dense layer, softmax cross-entropy (as NetBuilder.finish).
        int pixels = pixels(blocks.isEmpty() ? -1 : blocks.size() - 1);
        float[] last = in;
        float[] pooled = new float[n * channels];
        Workers.forRange(n, (from, to, worker) -> averagePool(last, pooled, pixels, from, to));
        float[] dropped = pooled.clone();
        if (mask != null) {
            for (int i = 0; i < dropped.length; i++) {
                dropped[i] *= mask[i];
            }
        }
        float[] fcW = values(sd.getArrForVarName(fcWeights));
        float[] fcB = values(sd.getArrForVarName(fcBias));
        int labels = fcB.length;
        float[] logits = new float[n * labels];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < labels; j++) {
                logits[e * labels + j] = fcB[j];
            }
            for (int c = 0; c < channels; c++) {
                float v = dropped[e * channels + c];
                for (int j = 0; j < labels; j++) {
                    logits[e * labels + j] += v * fcW[c * labels + j];
                }
            }
        }
        float[] dLogits = new float[n * labels];
        double loss = softmaxCrossEntropy(logits, targets, exampleWeights, n, labels, dLogits);
        outputs.put(ModelGraph.LOSS, Nd4j.scalar((float) loss));
        outputs.put(ModelGraph.TRAIN_LOGITS, Nd4j.create(logits, new long[]{n, labels}, 'c'));

        // Backward through the dense layer, dropout and the pool.
        float[] dFcW = new float[channels * labels];
        float[] dFcB = new float[labels];
        float[] dPooled = new float[n * channels];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < labels; j++) {
                float g = dLogits[e * labels + j];
                dFcB[j] += g;
                for (int c = 0; c < channels; c++) {
                    dFcW[c * labels + j] += dropped[e * channels + c] * g;
                    dPooled[e * channels + c] += fcW[c * labels + j] * g;
                }
            }
        }
        if (mask != null) {
            for (int i = 0; i < dPooled.length; i++) {
                dPooled[i] *= mask[i];
            }
        }
        gradients.put(fcWeights, Nd4j.create(dFcW, new long[]{channels, labels}, 'c'));
        gradients.put(fcBias, Nd4j.create(dFcB, new long[]{labels}, 'c'));
        float[] grad = b.gradA;
        float[] spare = b.gradB;
        float[] dLast = grad;
        Workers.forRange(n, (from, to, worker) -> averagePoolBackward(dPooled, dLast, pixels, from, to));

        // Backward through the blocks: grad holds the loss gradient w.r.t. the current block's output.
        for (int k = blocks.size() - 1; k >= 0; k--) {
            Block block = blocks.get(k);
            BlockBuffers bb = b.blocks[k];
            int blockPixels = block.height() * block.width();
            int size = n * blockPixels * channels;
            INDArray staging = b.staging(size);
            normaliseBackward(Rows.of(grad), Rows.of(bb.pointwiseNative), Rows.of(staging), n, blockPixels, block.pointwiseNorm(),
                    bb.pointwiseStats, gradients);
            INDArray dKernel = Nd4j.create(DataType.FLOAT, channels, channels);
            Nd4j.gemm(bb.depthwiseOutNative, staging, dKernel, true, false, 1.0, 0.0);
            gradients.put(block.pointwise(), dKernel.reshape('c', new long[]{1, 1, channels, channels}));
            INDArray pointwise = sd.getArrForVarName(block.pointwise()).reshape('c', new long[]{channels, channels});
            INDArray dDepthwiseOut = b.staging2(size);
            Nd4j.gemm(staging, pointwise, dDepthwiseOut, false, true, 1.0, 0.0);
            float[] dDepthwise = grad;
            normaliseBackward(Rows.of(dDepthwiseOut), Rows.of(bb.depthwise), Rows.of(dDepthwise), n, blockPixels,
                    block.depthwiseNorm(), bb.depthwiseStats, gradients);
            float[] kernel = values(sd.getArrForVarName(block.depthwise()));
            float[] source = k == 0 ? b.firstOut : b.blocks[k - 1].pointwiseOut;
            double[][] dKernelParts = new double[Workers.count()][kernel.length];
            float[] dSource = spare;
            Workers.forRange(n, (from, to, worker) ->
                    depthwiseBackward(block, source, kernel, dDepthwise, dSource, dKernelParts[worker], from, to));
            gradients.put(block.depthwise(), Nd4j.create(sum(dKernelParts), new long[]{block.kh(), block.kw(), channels, 1}, 'c'));
            spare = grad;
            grad = dSource;
        }

        // The first convolution's weight gradient: patches transposed times the output gradient.
        // In place: each chunk of the first convolution's output is read before its gradient overwrites it.
        normaliseBackward(Rows.of(grad), Rows.of(b.firstOutNative), Rows.of(b.firstOutNative), n, first.outHeight() * first.outWidth(),
                firstNorm, b.firstStats, gradients);
        INDArray dFirstKernel = Nd4j.create(DataType.FLOAT, taps, channels);
        Nd4j.gemm(b.patchesNative, b.firstOutNative, dFirstKernel, true, false, 1.0, 0.0);
        gradients.put(first.weights(), dFirstKernel.reshape('c', new long[]{first.kernelHeight(), first.kernelWidth(), 1, channels}));
        return new InputConvStep.Result(outputs, gradients);
    }

    private int pixels(int block) {
        return block < 0 ? first.outHeight() * first.outWidth() : blocks.get(block).height() * blocks.get(block).width();
    }

    /** Patches [n * oH * oW, kh * kw] of the input [n, H, W], zero outside it (TF's SAME padding). */
    private void im2col(float[] input, Rows patches, int from, int to) {
        int h = first.height();
        int w = first.width();
        int oh = first.outHeight();
        int ow = first.outWidth();
        int kh = first.kernelHeight();
        int kw = first.kernelWidth();
        int taps = kh * kw;
        float[] rows = new float[oh * ow * taps];                      // one example's
        for (int e = from; e < to; e++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int row = (i * ow + j) * taps;
                    for (int a = 0; a < kh; a++) {
                        int r = i * first.strideHeight() + a - padTop;
                        for (int c = 0; c < kw; c++) {
                            int q = j * first.strideWidth() + c - padLeft;
                            rows[row + a * kw + c] = r >= 0 && r < h && q >= 0 && q < w ? input[(e * h + r) * w + q] : 0f;
                        }
                    }
                }
            }
            patches.write(e * rows.length, rows, rows.length);
        }
    }

    /**
     * The kernel of a stride-1 depthwise convolution repeated along an output row: [tap][width * C], so that
     * one tap over a whole row is a single loop over contiguous values, which the JIT vectorises (a loop over
     * one pixel's C channels is too short to pay for its set-up, 9 times a pixel).
     */
    private float[][] kernelRows(Block block, float[] kernel) {
        int rowLength = block.width() * channels;
        float[][] rows = new float[block.kh() * block.kw()][rowLength];
        for (int t = 0; t < rows.length; t++) {
            for (int x = 0; x < rowLength; x += channels) {
                System.arraycopy(kernel, t * channels, rows[t], x, channels);
            }
        }
        return rows;
    }

    private void depthwiseForward(Block block, float[] in, float[] kernel, float[] out, int from, int to) {
        if (block.stride() == 1) {
            depthwiseRows(block, in, kernelRows(block, kernel), out, from, to);
            return;
        }
        final int c = channels;
        for (int e = from; e < to; e++) {
            for (int i = 0; i < block.height(); i++) {
                for (int j = 0; j < block.width(); j++) {
                    int o = ((e * block.height() + i) * block.width() + j) * c;
                    java.util.Arrays.fill(out, o, o + c, 0f);
                    for (int a = 0; a < block.kh(); a++) {
                        int r = i * block.stride() + a - block.padTop();
                        if (r < 0 || r >= block.inHeight()) {
                            continue;
                        }
                        for (int bx = 0; bx < block.kw(); bx++) {
                            int q = j * block.stride() + bx - block.padLeft();
                            if (q < 0 || q >= block.inWidth()) {
                                continue;
                            }
                            int s = ((e * block.inHeight() + r) * block.inWidth() + q) * c;
                            int t = (a * block.kw() + bx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] += in[s + ch] * kernel[t + ch];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #depthwiseForward} at stride 1, a tap and an output row at a time. Each tap reads its input row
     * through {@link ShiftedRows}, a copy aligned with the output columns, so the multiply-add reads every
     * array at the same index: JDK 17's C2 leaves a loop scalar when it cannot prove that a store (out[o + x])
     * and a load from another offset (in[s + x]) never overlap, and that made this 3x slower.
     */
    private void depthwiseRows(Block block, float[] in, float[][] kernelRows, float[] out, int from, int to) {
        final int c = channels;
        final int w = block.width();
        final int rowLength = w * c;
        float[] sum = new float[rowLength];
        ShiftedRows input = new ShiftedRows(block, 1);
        for (int e = from; e < to; e++) {
            input.reset(in, e * block.inHeight() * rowLength);
            for (int i = 0; i < block.height(); i++) {
                java.util.Arrays.fill(sum, 0f);
                for (int a = 0; a < block.kh(); a++) {
                    int r = i + a - block.padTop();
                    if (r < 0 || r >= block.inHeight()) {
                        continue;
                    }
                    for (int bx = 0; bx < block.kw(); bx++) {
                        float[] shifted = input.row(r, bx);
                        float[] k = kernelRows[a * block.kw() + bx];
                        int hi = input.hi(bx);
                        for (int x = input.lo(bx); x < hi; x++) {
                            sum[x] += shifted[x] * k[x];
                        }
                    }
                }
                System.arraycopy(sum, 0, out, (e * block.height() + i) * rowLength, rowLength);
            }
        }
    }

    /**
     * Gradients of the depthwise convolution: w.r.t. its input into {@code dIn} (examples from..to,
     * zeroed here first) and w.r.t. its kernel added into {@code dKernel} (this worker's share).
     */
    private void depthwiseBackward(Block block, float[] in, float[] kernel, float[] dOut, float[] dIn, double[] dKernel,
                                   int from, int to) {
        if (block.stride() == 1) {
            depthwiseRowsBackward(block, in, kernelRows(block, kernel), dOut, dIn, dKernel, from, to);
            return;
        }
        final int c = channels;
        int inSize = block.inHeight() * block.inWidth() * c;
        java.util.Arrays.fill(dIn, from * inSize, to * inSize, 0f);
        float[] part = new float[kernel.length];
        for (int e = from; e < to; e++) {
            java.util.Arrays.fill(part, 0f);
            for (int i = 0; i < block.height(); i++) {
                for (int j = 0; j < block.width(); j++) {
                    int o = ((e * block.height() + i) * block.width() + j) * c;
                    for (int a = 0; a < block.kh(); a++) {
                        int r = i * block.stride() + a - block.padTop();
                        if (r < 0 || r >= block.inHeight()) {
                            continue;
                        }
                        for (int bx = 0; bx < block.kw(); bx++) {
                            int q = j * block.stride() + bx - block.padLeft();
                            if (q < 0 || q >= block.inWidth()) {
                                continue;
                            }
                            int s = ((e * block.inHeight() + r) * block.inWidth() + q) * c;
                            int t = (a * block.kw() + bx) * c;
                            for (int ch = 0; ch < c; ch++) {
                                dIn[s + ch] += dOut[o + ch] * kernel[t + ch];
                                part[t + ch] += dOut[o + ch] * in[s + ch];
                            }
                        }
                    }
                }
            }
            // Float sums over one example, double across examples: the batch's sum loses no precision.
            for (int t = 0; t < part.length; t++) {
                dKernel[t] += part[t];
            }
        }
    }

    /**
     * {@link #depthwiseBackward} at stride 1, a row at a time with aligned copies as {@link #depthwiseRows}:
     * the kernel gradient over output rows (each tap's input columns against the output gradient), the input
     * gradient over input rows, gathering each tap's output-gradient columns (the transposed convolution).
     */
    private void depthwiseRowsBackward(Block block, float[] in, float[][] kernelRows, float[] dOut, float[] dIn,
                                       double[] dKernel, int from, int to) {
        final int c = channels;
        final int w = block.width();
        final int rowLength = w * c;
        int inSize = block.inHeight() * rowLength;
        float[] sum = new float[rowLength];
        float[] gradientRow = new float[rowLength];
        float[][] parts = new float[kernelRows.length][rowLength];       // per tap and row position, one example
        ShiftedRows input = new ShiftedRows(block, 1);
        ShiftedRows gradient = new ShiftedRows(block, -1);
        for (int e = from; e < to; e++) {
            input.reset(in, e * inSize);
            for (int i = 0; i < block.height(); i++) {
                System.arraycopy(dOut, (e * block.height() + i) * rowLength, gradientRow, 0, rowLength);
                for (int a = 0; a < block.kh(); a++) {
                    int r = i + a - block.padTop();
                    if (r < 0 || r >= block.inHeight()) {
                        continue;
                    }
                    for (int bx = 0; bx < block.kw(); bx++) {
                        float[] shifted = input.row(r, bx);
                        float[] part = parts[a * block.kw() + bx];
                        int hi = input.hi(bx);
                        for (int x = input.lo(bx); x < hi; x++) {
                            part[x] += gradientRow[x] * shifted[x];
                        }
                    }
                }
            }
            gradient.reset(dOut, e * block.height() * rowLength);
            for (int r = 0; r < block.inHeight(); r++) {
                java.util.Arrays.fill(sum, 0f);
                for (int a = 0; a < block.kh(); a++) {
                    int i = r - a + block.padTop();                    // the output row this tap reached r from
                    if (i < 0 || i >= block.height()) {
                        continue;
                    }
                    for (int bx = 0; bx < block.kw(); bx++) {
                        float[] shifted = gradient.row(i, bx);
                        float[] k = kernelRows[a * block.kw() + bx];
                        int hi = gradient.hi(bx);
                        for (int x = gradient.lo(bx); x < hi; x++) {
                            sum[x] += shifted[x] * k[x];
                        }
                    }
                }
                System.arraycopy(sum, 0, dIn, e * inSize + r * rowLength, rowLength);
            }
            for (int t = 0; t < parts.length; t++) {
                float[] part = parts[t];
                for (int x = 0; x < part.length; x++) {
                    dKernel[t * c + x % c] += part[x];
                }
                java.util.Arrays.fill(part, 0f);
            }
        }
    }

    /**
     * The rows of one example that a stride-1 depthwise loop is reading, each copied once per horizontal tap
     * with its columns moved to where the loop reads them (so every array is read at one index, see
     * {@link #depthwiseRows}). A row is copied when first asked for and kept while the next kh - 1 rows are
     * used, so each row is copied kw times per pass instead of kh * kw times.
     */
    private final class ShiftedRows {
        private final int width;
        private final int padLeft;
        private final int sign;
        private final float[][][] slots;          // [row mod kh][tap column][row values]
        private final int[] rowInSlot;
        private float[] source;
        private int base;

        /** sign +1: tap column b reads source column (column + b - padLeft); -1: (column - (b - padLeft)). */
        ShiftedRows(Block block, int sign) {
            this.width = block.width();
            this.padLeft = block.padLeft();
            this.sign = sign;
            this.slots = new float[block.kh()][block.kw()][width * channels];
            this.rowInSlot = new int[block.kh()];
        }

        /** Start on the example whose rows begin at {@code base} in {@code source}. */
        void reset(float[] source, int base) {
            this.source = source;
            this.base = base;
            java.util.Arrays.fill(rowInSlot, -1);
        }

        float[] row(int r, int b) {
            int slot = r % slots.length;
            if (rowInSlot[slot] != r) {
                for (int t = 0; t < slots[slot].length; t++) {
                    int lo = lo(t);
                    System.arraycopy(source, base + r * width * channels + lo + shift(t) * channels, slots[slot][t], lo, hi(t) - lo);
                }
                rowInSlot[slot] = r;
            }
            return slots[slot][b];
        }

        /** The first and last (exclusive) values of a row that tap column b reaches. */
        int lo(int b) {
            return Math.max(0, -shift(b)) * channels;
        }

        int hi(int b) {
            return Math.min(width, width - shift(b)) * channels;
        }

        private int shift(int b) {
            return sign * (b - padLeft);
        }
    }

    /**
     * Batch normalisation with the batch's statistics, the offset, and ReLU: out = max(0, (x - mean) *
     * rsqrt(variance + eps) + beta), as the graph's training branch computes it. Puts the batch mean and
     * variance among the outputs and keeps mean and scale in {@code stats} ([0] mean, [1] scale) for the
     * backward pass.
     *
     * <p>Two passes: the sums of d = x - k and d^2 in one (k is the layer's mean in the last step, or the
     * batch's first pixel in the first, close enough to the mean that sum(d^2) - sum(d)^2 / N loses nothing
     * to cancellation), then the normalisation. Both work on {@link #CHUNK} pixels at a time copied into
     * row buffers, with the per-channel values tiled to the same length, so every array is read at one index
     * (why: {@link #depthwiseRows}).
     */
    private void normalise(Rows in, Rows out, int n, int pixels, Norm norm, float[][] stats,
                           Map<String, INDArray> outputs) {
        final int c = channels;
        final int length = CHUNK * c;
        float[] shift = stats[0];
        if (shift == null) {
            shift = new float[c];
            in.read(0, shift, c);
        }
        float[] shiftRow = tile(shift);
        double[][] sums = new double[Workers.count()][c];
        double[][] squares = new double[Workers.count()][c];
        Workers.forRange(n, (from, to, worker) -> {
            float[] xr = new float[length];
            float[] sum = new float[length];
            float[] square = new float[length];
            for (int e = from; e < to; e++) {
                java.util.Arrays.fill(sum, 0f);
                java.util.Arrays.fill(square, 0f);
                for (int p = e * pixels; p < (e + 1) * pixels; p += CHUNK) {
                    int m = Math.min(CHUNK, (e + 1) * pixels - p) * c;
                    in.read(p * c, xr, m);
                    for (int i = 0; i < m; i++) {
                        float d = xr[i] - shiftRow[i];
                        sum[i] += d;
                        square[i] += d * d;
                    }
                }
                // Float sums within an example, double across examples: the batch's sum loses no precision.
                for (int i = 0; i < length; i++) {
                    sums[worker][i % c] += sum[i];
                    squares[worker][i % c] += square[i];
                }
            }
        });
        double count = (double) n * pixels;
        double[] sum = sumColumns(sums);
        double[] square = sumColumns(squares);
        float[] mean = new float[c];
        float[] variance = new float[c];
        float[] scale = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double meanShift = sum[ch] / count;
            mean[ch] = (float) (shift[ch] + meanShift);
            variance[ch] = (float) Math.max(0, square[ch] / count - meanShift * meanShift);
            scale[ch] = (float) (1 / Math.sqrt(variance[ch] + norm.epsilon()));
        }
        float[] meanRow = tile(mean);
        float[] scaleRow = tile(scale);
        float[] betaRow = tile(values(sd.getArrForVarName(norm.beta())));
        Workers.forRange(n, (from, to, worker) -> {
            float[] xr = new float[length];
            float[] yr = new float[length];
            for (int p = from * pixels; p < to * pixels; p += CHUNK) {
                int m = Math.min(CHUNK, to * pixels - p) * c;
                in.read(p * c, xr, m);
                for (int i = 0; i < m; i++) {
                    yr[i] = Math.max(0f, (xr[i] - meanRow[i]) * scaleRow[i] + betaRow[i]);
                }
                out.write(p * c, yr, m);
            }
        });
        stats[0] = mean;
        stats[1] = scale;
        outputs.put(norm.stats().batchMean(), Nd4j.create(mean, new long[]{1, c, 1, 1}, 'c'));
        outputs.put(norm.stats().batchVariance(), Nd4j.create(variance, new long[]{1, c, 1, 1}, 'c'));
    }

    /** Per-channel values repeated for {@link #CHUNK} pixels. */
    private float[] tile(float[] perChannel) {
        float[] row = new float[CHUNK * channels];
        for (int p = 0; p < CHUNK; p++) {
            System.arraycopy(perChannel, 0, row, p * channels, channels);
        }
        return row;
    }

    /**
     * Backward through ReLU and batch normalisation, in place: {@code grad} holds the gradient w.r.t. the
     * ReLU's output and is returned holding the gradient w.r.t. the norm's input x. With x^ = (x - mean) *
     * scale and g = grad where x^ + beta > 0 (else 0): dbeta = sum g, dx = scale * (g - mean(g) - x^ *
     * mean(g * x^)), the means over the batch's pixels: what the graph's ops give, in two passes, chunked
     * as in {@link #normalise}.
     */
    private void normaliseBackward(Rows grad, Rows x, Rows dx, int n, int pixels, Norm norm, float[][] stats,
                                   Map<String, INDArray> gradients) {
        final int c = channels;
        final int length = CHUNK * c;
        float[] meanRow = tile(stats[0]);
        float[] scaleRow = tile(stats[1]);
        float[] betaRow = tile(values(sd.getArrForVarName(norm.beta())));
        double[][] gSums = new double[Workers.count()][c];
        double[][] gxSums = new double[Workers.count()][c];
        Workers.forRange(n, (from, to, worker) -> {
            float[] xr = new float[length];
            float[] gr = new float[length];
            float[] g = new float[length];
            float[] gx = new float[length];
            for (int e = from; e < to; e++) {
                java.util.Arrays.fill(g, 0f);
                java.util.Arrays.fill(gx, 0f);
                for (int p = e * pixels; p < (e + 1) * pixels; p += CHUNK) {
                    int m = Math.min(CHUNK, (e + 1) * pixels - p) * c;
                    x.read(p * c, xr, m);
                    grad.read(p * c, gr, m);
                    for (int i = 0; i < m; i++) {
                        float normalised = (xr[i] - meanRow[i]) * scaleRow[i];
                        float masked = gr[i] * reluMask(normalised + betaRow[i]);
                        g[i] += masked;
                        gx[i] += masked * normalised;
                    }
                }
                for (int i = 0; i < length; i++) {
                    gSums[worker][i % c] += g[i];
                    gxSums[worker][i % c] += gx[i];
                }
            }
        });
        double count = (double) n * pixels;
        double[] gTotal = sumColumns(gSums);
        double[] gxTotal = sumColumns(gxSums);
        float[] dBeta = new float[c];
        float[] gMean = new float[c];
        float[] gxMean = new float[c];
        for (int ch = 0; ch < c; ch++) {
            dBeta[ch] = (float) gTotal[ch];
            gMean[ch] = (float) (gTotal[ch] / count);
            gxMean[ch] = (float) (gxTotal[ch] / count);
        }
        float[] gMeanRow = tile(gMean);
        float[] gxMeanRow = tile(gxMean);
        Workers.forRange(n, (from, to, worker) -> {
            float[] xr = new float[length];
            float[] gr = new float[length];
            for (int p = from * pixels; p < to * pixels; p += CHUNK) {
                int m = Math.min(CHUNK, to * pixels - p) * c;
                x.read(p * c, xr, m);
                grad.read(p * c, gr, m);
                for (int i = 0; i < m; i++) {
                    float normalised = (xr[i] - meanRow[i]) * scaleRow[i];
                    float masked = gr[i] * reluMask(normalised + betaRow[i]);
                    gr[i] = scaleRow[i] * (masked - gMeanRow[i] - normalised * gxMeanRow[i]);
                }
                dx.write(p * c, gr, m);
            }
        });
        gradients.put(norm.beta(), Nd4j.create(dBeta, new long[]{1, c, 1, 1}, 'c'));
    }

    /**
     * 1 where y > 0, else 0 (NaN stays NaN), without a branch: JDK 17's C2 vectorises min, max and multiply
     * but not a conditional, and a branch on a ReLU's sign is mispredicted half the time. The smallest
     * positive float times 2^200 is above 1, so every positive y gives exactly 1.
     */
    private static float reluMask(float y) {
        return Math.min(1f, Math.max(0f, y * 0x1p100f * 0x1p100f));
    }

    private void averagePool(float[] in, float[] pooled, int pixels, int from, int to) {
        final int c = channels;
        for (int e = from; e < to; e++) {
            float[] sum = new float[c];
            for (int p = e * pixels; p < (e + 1) * pixels; p++) {
                for (int ch = 0; ch < c; ch++) {
                    sum[ch] += in[p * c + ch];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                pooled[e * c + ch] = sum[ch] / pixels;
            }
        }
    }

    private void averagePoolBackward(float[] dPooled, float[] grad, int pixels, int from, int to) {
        final int c = channels;
        for (int e = from; e < to; e++) {
            for (int p = e * pixels; p < (e + 1) * pixels; p++) {
                for (int ch = 0; ch < c; ch++) {
                    grad[p * c + ch] = dPooled[e * c + ch] / pixels;
                }
            }
        }
    }

    /**
     * The graph's loss, -mean_i(w_i * sum_j t_ij * log softmax_ij), and its gradient w.r.t. the logits,
     * (w_i / n) * (softmax_ij * sum_j t_ij - t_ij), into {@code dLogits}.
     */
    static double softmaxCrossEntropy(float[] logits, float[] targets, float[] weights, int n, int labels, float[] dLogits) {
        double loss = 0;
        for (int e = 0; e < n; e++) {
            int o = e * labels;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < labels; j++) {
                max = Math.max(max, logits[o + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < labels; j++) {
                sumExp += Math.exp(logits[o + j] - max);
            }
            double logSum = Math.log(sumExp);
            double targetSum = 0;
            double perExample = 0;
            for (int j = 0; j < labels; j++) {
                perExample += (logits[o + j] - max - logSum) * targets[o + j];
                targetSum += targets[o + j];
            }
            loss -= perExample * weights[e];
            for (int j = 0; j < labels; j++) {
                double softmax = Math.exp(logits[o + j] - max - logSum);
                dLogits[o + j] = (float) (weights[e] / n * (softmax * targetSum - targets[o + j]));
            }
        }
        return loss / n;
    }

    private static double[] sumColumns(double[][] parts) {
        double[] total = parts[0].clone();
        for (int w = 1; w < parts.length; w++) {
            for (int i = 0; i < total.length; i++) {
                total[i] += parts[w][i];
            }
        }
        return total;
    }

    private static float[] sum(double[][] parts) {
        double[] total = sumColumns(parts);
        float[] out = new float[total.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) total[i];
        }
        return out;
    }

    /** All values of {@code a} in C order. */
    private static float[] values(INDArray a) {
        return a.reshape('c', new long[]{a.length()}).toFloatVector();
    }

    /**
     * Values a loop reads or writes a chunk at a time: a Java array, or an ND4J array's native memory (the
     * matrix products' operands and results), so a norm reads a product's result or writes its operand
     * without a separate copy between the two.
     */
    private interface Rows {
        void read(int from, float[] into, int length);

        void write(int from, float[] values, int length);

        static Rows of(float[] array) {
            return new Rows() {
                @Override
                public void read(int from, float[] into, int length) {
                    System.arraycopy(array, from, into, 0, length);
                }

                @Override
                public void write(int from, float[] values, int length) {
                    System.arraycopy(values, 0, array, from, length);
                }
            };
        }

        /** {@code a} must be in C order from its buffer's start (the staging views are its first rows). */
        static Rows of(INDArray a) {
            // Absolute bulk get and put leave the buffer's position alone, so workers can share it.
            java.nio.FloatBuffer buffer = a.data().asNioFloat();
            return new Rows() {
                @Override
                public void read(int from, float[] into, int length) {
                    buffer.get(from, into, 0, length);
                }

                @Override
                public void write(int from, float[] values, int length) {
                    buffer.put(from, values, 0, length);
                }
            };
        }
    }

    /** A block's activations: each layer's output before and after its norm and ReLU. */
    private static final class BlockBuffers {
        /** The depthwise convolution's output, before its norm. */
        final float[] depthwise;
        final float[][] depthwiseStats = new float[2][];
        /** The same after norm and ReLU: the 1x1 product's operand, and again for its weight gradient. */
        final INDArray depthwiseOutNative;
        /** The 1x1 convolution's output, before its norm. */
        final INDArray pointwiseNative;
        /** The same after norm and ReLU: the next block's input. */
        final float[] pointwiseOut;
        final float[][] pointwiseStats = new float[2][];

        BlockBuffers(int pixels, int channels) {
            int size = pixels * channels;
            depthwise = new float[size];
            depthwiseOutNative = Nd4j.create(DataType.FLOAT, pixels, channels);
            pointwiseNative = Nd4j.create(DataType.FLOAT, pixels, channels);
            pointwiseOut = new float[size];
        }
    }

    /** Everything a step of batch size n writes, allocated once per batch size. */
    private final class Buffers {
        final int n;
        /** The first convolution's input patches, its product's operand (and again for its weight gradient). */
        final INDArray patchesNative;
        /** The first convolution's output after norm and ReLU: the first block's input. */
        final float[] firstOut;
        final float[][] firstStats = new float[2][];
        /** The first convolution's output before its norm; in the backward pass, its gradient. */
        final INDArray firstOutNative;
        final BlockBuffers[] blocks;
        /** The loss gradient w.r.t. a block's output and w.r.t. its input, swapping roles block by block. */
        final float[] gradA;
        final float[] gradB;
        /** A block's backward products: the gradient w.r.t. the 1x1 output, then w.r.t. the 1x1 input. */
        private final INDArray staging;
        private final INDArray staging2;

        Buffers(int n) {
            this.n = n;
            int taps = first.kernelHeight() * first.kernelWidth();
            int firstPixels = n * first.outHeight() * first.outWidth();
            patchesNative = Nd4j.create(DataType.FLOAT, firstPixels, taps);
            firstOut = new float[firstPixels * channels];
            firstOutNative = Nd4j.create(DataType.FLOAT, firstPixels, channels);
            blocks = new BlockBuffers[DsCnnStep.this.blocks.size()];
            int largest = firstPixels;
            for (int k = 0; k < blocks.length; k++) {
                Block block = DsCnnStep.this.blocks.get(k);
                int pixels = n * block.height() * block.width();
                blocks[k] = new BlockBuffers(pixels, channels);
                largest = Math.max(largest, pixels);
            }
            gradA = new float[largest * channels];
            gradB = new float[largest * channels];
            staging = Nd4j.create(DataType.FLOAT, largest, channels);
            staging2 = Nd4j.create(DataType.FLOAT, largest, channels);
        }

        /** A [size / C, C] view of the first staging array, for products of blocks of any resolution. */
        INDArray staging(int size) {
            return view(staging, size);
        }

        INDArray staging2(int size) {
            return view(staging2, size);
        }

        private INDArray view(INDArray whole, int size) {
            long rows = size / channels;
            return rows == whole.size(0) ? whole : whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
        }
    }
}
