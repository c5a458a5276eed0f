package io.kwsstudio.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A model's inference branch computed in plain Java, one clip at a time. Why: streaming recognition
 * classifies one window every 20-30 ms, and {@code SameDiff.output} costs about 0.6 ms per call on its
 * own, more than a small model's arithmetic (and ds_cnn took 15 ms through it, 1.5 ms here); batches
 * still go through SameDiff (oneDNN), which is faster there. Activations are kept channels-first (channels x height x width, the graph's NCHW
 * order) and convolutions are done as im2col + matrix products whose inner loops run over all output
 * positions of a channel: long contiguous loops that the JIT vectorises.
 *
 * <p>Built from the layer plan of {@link NetBuilder} and a snapshot of the weights; it gives the same
 * probabilities as the SameDiff graph to float rounding ({@code JavaInferenceTest}). Not thread-safe
 * (it reuses its activation buffers): callers synchronise.
 */
final class JavaInference {
    private final int frames;
    private final int bins;
    private final List<Step> steps;
    private final int labels;
    private final float[] bufferA;
    private final float[] bufferB;

    /** One layer with its shapes resolved: reads {@code in}, writes {@code out} (or works in place). */
    private interface Step {
        /** @return true when the result is in {@code out}, false when it was computed in place in {@code in} */
        boolean run(float[] in, float[] out);
    }

    /**
     * @param weights the current values of a named variable, row-major ('c' order), as SameDiff holds them
     */
    JavaInference(List<InferenceLayer> plan, int frames, int bins, Function<String, float[]> weights) {
        this.frames = frames;
        this.bins = bins;
        List<Step> built = new ArrayList<>();
        // Shape of the current activation: image of c channels, h x w each (NCHW), or c features once flat.
        int h = frames;
        int w = bins;
        int c = 1;
        boolean flat = false;
        int largest = frames * bins;
        for (InferenceLayer layer : plan) {
            if (layer instanceof InferenceLayer.Conv conv) {
                int oh = outSize(h, conv.kernelHeight(), conv.strideHeight(), conv.same());
                int ow = outSize(w, conv.kernelWidth(), conv.strideWidth(), conv.same());
                float[] k = multipleOf(weights, conv.weights(), (long) conv.kernelHeight() * conv.kernelWidth() * c);
                int filters = k.length / (conv.kernelHeight() * conv.kernelWidth() * c);
                float[] bias = conv.bias() == null ? new float[filters] : checked(weights, conv.bias(), filters);
                built.add(new ConvStep(k, bias, h, w, c, filters, oh, ow, conv));
                h = oh;
                w = ow;
                c = filters;
            } else if (layer instanceof InferenceLayer.Depthwise dw) {
                int oh = outSize(h, dw.kernelHeight(), dw.stride(), true);
                int ow = outSize(w, dw.kernelWidth(), dw.stride(), true);
                float[] k = checked(weights, dw.weights(), (long) dw.kernelHeight() * dw.kernelWidth() * c);
                built.add(new DepthwiseStep(k, h, w, c, oh, ow, dw));
                h = oh;
                w = ow;
            } else if (layer instanceof InferenceLayer.BatchNorm bn) {
                float[] beta = checked(weights, bn.beta(), c);
                float[] mean = checked(weights, bn.movingMean(), c);
                float[] variance = checked(weights, bn.movingVariance(), c);
                float[] scale = new float[c];
                for (int i = 0; i < c; i++) {
                    // As the graph: (x - mean) * rsqrt(variance + epsilon) + beta, in float.
                    scale[i] = (float) (1 / Math.sqrt(variance[i] + (float) bn.epsilon()));
                }
                built.add(new BatchNormStep(mean, scale, beta, c, h * w));
            } else if (layer instanceof InferenceLayer.Relu) {
                built.add(new ReluStep(h * w * c));
            } else if (layer instanceof InferenceLayer.MaxPool pool) {
                int oh = outSize(h, pool.height(), pool.height(), true);
                int ow = outSize(w, pool.width(), pool.width(), true);
                built.add(new MaxPoolStep(h, w, c, oh, ow, pool));
                h = oh;
                w = ow;
            } else if (layer instanceof InferenceLayer.GlobalAveragePool) {
                built.add(new AveragePoolStep(h * w, c));
                flat = true;
                h = 1;
                w = 1;
            } else if (layer instanceof InferenceLayer.Dense dense) {
                int in = flat ? c : h * w * c;
                float[] matrix = multipleOf(weights, dense.weights(), in);
                int units = matrix.length / in;
                built.add(new DenseStep(matrix, checked(weights, dense.bias(), units), in, units));
                flat = true;
                h = 1;
                w = 1;
                c = units;
            } else if (layer instanceof InferenceLayer.Svdf svdf) {
                if (flat || c != 1) {
                    throw new IllegalArgumentException("the SVDF layer reads the raw features");
                }
                int filters = svdf.rank() * svdf.nodes();
                built.add(new SvdfStep(checked(weights, svdf.featureWeights(), (long) w * filters),
                        checked(weights, svdf.timeWeights(), (long) h * filters),
                        checked(weights, svdf.bias(), svdf.nodes()), h, w, svdf.rank(), svdf.nodes()));
                flat = true;
                h = 1;
                w = 1;
                c = svdf.nodes();
            } else {
                throw new IllegalArgumentException("no Java inference for " + layer);
            }
            largest = Math.max(largest, h * w * c);
        }
        if (!flat) {
            throw new IllegalArgumentException("the plan does not end in a dense layer");
        }
        this.steps = List.copyOf(built);
        this.labels = c;
        this.bufferA = new float[largest];
        this.bufferB = new float[largest];
    }

    /** Label probabilities of one clip's features ({@code frames x bins}, frame by frame) at {@code offset}. */
    float[] probabilities(float[] features, int offset) {
        int size = frames * bins;
        if (offset < 0 || features.length - offset < size) {
            throw new IllegalArgumentException("one clip needs " + size + " feature values from offset " + offset
                    + ", got " + (features.length - offset));
        }
        float[] in = bufferA;
        float[] out = bufferB;
        System.arraycopy(features, offset, in, 0, size);   // 1 channel: frame-major is the NCHW image already
        for (Step step : steps) {
            if (step.run(in, out)) {
                float[] t = in;
                in = out;
                out = t;
            }
        }
        return softmax(in, labels);
    }

    private static float[] softmax(float[] logits, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /** Output size along one axis: TF's SAME (ceil(in / stride)) or VALID. */
    private static int outSize(int in, int kernel, int stride, boolean same) {
        return same ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
    }

    /** The weights of {@code name}, which must hold exactly {@code expected} values. */
    private static float[] checked(Function<String, float[]> weights, String name, long expected) {
        float[] v = present(weights, name);
        if (v.length != expected) {
            throw new IllegalArgumentException("variable " + name + " has " + v.length + " values, expected " + expected);
        }
        return v;
    }

    /** The weights of {@code name}, whose count is a multiple of {@code divisor} (the rest is filters or units). */
    private static float[] multipleOf(Function<String, float[]> weights, String name, long divisor) {
        float[] v = present(weights, name);
        if (v.length == 0 || v.length % divisor != 0) {
            throw new IllegalArgumentException("variable " + name + " has " + v.length + " values, expected a multiple of "
                    + divisor);
        }
        return v;
    }

    private static float[] present(Function<String, float[]> weights, String name) {
        float[] v = weights.apply(name);
        if (v == null) {
            throw new IllegalArgumentException("the model has no variable " + name);
        }
        return v;
    }

    /**
     * Convolution as a matrix product: out[f][p] = bias[f] + sum_r kernel[f][r] * rows[r][p], the rows being
     * the input patches (im2col; for a 1x1, stride-1 convolution the input channels themselves).
     */
    private static final class ConvStep implements Step {
        private final int h;
        private final int w;
        private final int c;
        private final int filters;
        private final int oh;
        private final int ow;
        private final InferenceLayer.Conv spec;
        private final int padTop;
        private final int padLeft;
        private final boolean pointwise;
        /** [filter][row], row = (channel * kh + ky) * kw + kx. */
        private final float[] matrix;
        private final float[] bias;
        /** One array per row: C2 (JDK 17) vectorises loads from several arrays, not from one at several offsets. */
        private final float[][] patches;
        private final float[] sums;

        ConvStep(float[] kernel, float[] bias, int h, int w, int c, int filters, int oh, int ow, InferenceLayer.Conv spec) {
            this.h = h;
            this.w = w;
            this.c = c;
            this.filters = filters;
            this.oh = oh;
            this.ow = ow;
            this.spec = spec;
            this.bias = bias;
            int kh = spec.kernelHeight();
            int kw = spec.kernelWidth();
            padTop = Padding.padBefore(h, oh, kh, spec.strideHeight(), spec.same());
            padLeft = Padding.padBefore(w, ow, kw, spec.strideWidth(), spec.same());
            pointwise = kh == 1 && kw == 1 && spec.strideHeight() == 1 && spec.strideWidth() == 1;
            int rows = c * kh * kw;
            matrix = new float[filters * rows];
            // The graph's kernel is [kh][kw][channel][filter].
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    for (int ch = 0; ch < c; ch++) {
                        int from = ((ky * kw + kx) * c + ch) * filters;
                        int row = (ch * kh + ky) * kw + kx;
                        for (int f = 0; f < filters; f++) {
                            matrix[f * rows + row] = kernel[from + f];
                        }
                    }
                }
            }
            patches = new float[rows][oh * ow];
            sums = new float[oh * ow];
        }

        @Override
        public boolean run(float[] in, float[] out) {
            if (pointwise) {
                for (int ch = 0; ch < c; ch++) {
                    System.arraycopy(in, ch * h * w, patches[ch], 0, h * w);
                }
            } else {
                im2col(in);
            }
            matrixProduct(matrix, filters, patches, bias, sums, out);
            return true;
        }

        private void im2col(float[] in) {
            final int kh = spec.kernelHeight();
            final int kw = spec.kernelWidth();
            final int sh = spec.strideHeight();
            final int sw = spec.strideWidth();
            int r = 0;
            for (int ch = 0; ch < c; ch++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++, r++) {
                        float[] row = patches[r];
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * sh + ky - padTop;
                            int o = oy * ow;
                            if (iy < 0 || iy >= h) {
                                java.util.Arrays.fill(row, o, o + ow, 0f);
                                continue;
                            }
                            int i = (ch * h + iy) * w;
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * sw + kx - padLeft;
                                row[o + ox] = ix >= 0 && ix < w ? in[i + ix] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * out[f][p] = bias[f] + sum_r m[f][r] * rows[r][p], row-major into {@code out}. Four rows per pass over
     * the positions: the inner loop is then long, small enough for the JIT to vectorise, and loads and
     * stores the running sums once per four multiplies.
     */
    private static void matrixProduct(float[] m, int outRows, float[][] rows, float[] bias, float[] sums, float[] out) {
        final int inner = rows.length;
        final int positions = sums.length;
        for (int f = 0; f < outRows; f++) {
            java.util.Arrays.fill(sums, bias[f]);
            int mr = f * inner;
            int r = 0;
            for (; r + 3 < inner; r += 4) {
                float m0 = m[mr + r];
                float m1 = m[mr + r + 1];
                float m2 = m[mr + r + 2];
                float m3 = m[mr + r + 3];
                float[] x0 = rows[r];
                float[] x1 = rows[r + 1];
                float[] x2 = rows[r + 2];
                float[] x3 = rows[r + 3];
                for (int p = 0; p < positions; p++) {
                    sums[p] += m0 * x0[p] + m1 * x1[p] + m2 * x2[p] + m3 * x3[p];
                }
            }
            for (; r < inner; r++) {
                float m0 = m[mr + r];
                float[] x0 = rows[r];
                for (int p = 0; p < positions; p++) {
                    sums[p] += m0 * x0[p];
                }
            }
            System.arraycopy(sums, 0, out, f * positions, positions);
        }
    }

    /**
     * Depthwise convolution, channel by channel: the DS-CNN's 3x3 stride-1 case with long vectorisable loops,
     * any other (the strided first block of DS-CNN M and L) by direct summation.
     */
    private static final class DepthwiseStep implements Step {
        private final float[] kernel;
        private final int h;
        private final int w;
        private final int c;
        private final int oh;
        private final int ow;
        private final InferenceLayer.Depthwise spec;
        private final int padTop;
        private final int padLeft;
        // 3x3, stride 1: the channel shifted one column right and left (zero where the shift leaves the row).
        private final float[] left;
        private final float[] right;
        private final float[] sums;
        // One kernel row's three inputs moved to the output positions they feed (see threeByThree).
        private final float[] leftRow;
        private final float[] centreRow;
        private final float[] rightRow;

        DepthwiseStep(float[] kernel, int h, int w, int c, int oh, int ow, InferenceLayer.Depthwise spec) {
            this.kernel = kernel;
            this.h = h;
            this.w = w;
            this.c = c;
            this.oh = oh;
            this.ow = ow;
            this.spec = spec;
            padTop = Padding.padBefore(h, oh, spec.kernelHeight(), spec.stride(), true);
            padLeft = Padding.padBefore(w, ow, spec.kernelWidth(), spec.stride(), true);
            left = new float[h * w];
            right = new float[h * w];
            sums = new float[h * w];
            leftRow = new float[h * w];
            centreRow = new float[h * w];
            rightRow = new float[h * w];
        }

        @Override
        public boolean run(float[] in, float[] out) {
            if (spec.stride() == 1 && spec.kernelHeight() == 3 && spec.kernelWidth() == 3) {
                threeByThree(in, out);
            } else {
                direct(in, out);
            }
            return true;
        }

        /**
         * The DS-CNN case without padded copies: out[q] += k0 left[q + d] + k1 in[q + d] + k2 right[q + d] for
         * each kernel row, d = (ky - 1) * w, over the output rows whose input row exists. The three inputs are
         * first copied to index q: JDK 17's C2 leaves a loop scalar when a store (sums[q]) and loads at other
         * offsets (left[q + d]) might overlap, and the copies cost less than that.
         */
        private void threeByThree(float[] in, float[] out) {
            final int hw = h * w;
            for (int ch = 0; ch < c; ch++) {
                int base = ch * hw;
                System.arraycopy(in, base, left, 1, hw - 1);
                System.arraycopy(in, base + 1, right, 0, hw - 1);
                for (int y = 0; y < h; y++) {
                    left[y * w] = 0f;
                    right[y * w + w - 1] = 0f;
                }
                java.util.Arrays.fill(sums, 0f);
                for (int ky = 0; ky < 3; ky++) {
                    int dy = ky - 1;
                    int d = dy * w;
                    int from = Math.max(0, -dy) * w;
                    int to = Math.min(h, h - dy) * w;
                    float k0 = kernel[(ky * 3) * c + ch];
                    float k1 = kernel[(ky * 3 + 1) * c + ch];
                    float k2 = kernel[(ky * 3 + 2) * c + ch];
                    System.arraycopy(left, from + d, leftRow, from, to - from);
                    System.arraycopy(in, base + from + d, centreRow, from, to - from);
                    System.arraycopy(right, from + d, rightRow, from, to - from);
                    for (int q = from; q < to; q++) {
                        sums[q] += k0 * leftRow[q] + k1 * centreRow[q] + k2 * rightRow[q];
                    }
                }
                System.arraycopy(sums, 0, out, base, hw);
            }
        }

        private void direct(float[] in, float[] out) {
            final int kh = spec.kernelHeight();
            final int kw = spec.kernelWidth();
            final int s = spec.stride();
            for (int ch = 0; ch < c; ch++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float sum = 0;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy * s + ky - padTop;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox * s + kx - padLeft;
                                if (ix >= 0 && ix < w) {
                                    sum += in[(ch * h + iy) * w + ix] * kernel[(ky * kw + kx) * c + ch];
                                }
                            }
                        }
                        out[(ch * oh + oy) * ow + ox] = sum;
                    }
                }
            }
        }
    }

    private record BatchNormStep(float[] mean, float[] scale, float[] beta, int c, int pixels) implements Step {
        @Override
        public boolean run(float[] in, float[] out) {
            for (int ch = 0; ch < c; ch++) {
                float m = mean[ch];
                float sc = scale[ch];
                float b = beta[ch];
                for (int p = ch * pixels, end = p + pixels; p < end; p++) {
                    in[p] = (in[p] - m) * sc + b;
                }
            }
            return false;
        }
    }

    private record ReluStep(int length) implements Step {
        @Override
        public boolean run(float[] in, float[] out) {
            for (int i = 0; i < length; i++) {
                in[i] = Math.max(in[i], 0f);
            }
            return false;
        }
    }

    private record MaxPoolStep(int h, int w, int c, int oh, int ow, InferenceLayer.MaxPool spec, int padTop,
                               int padLeft) implements Step {
        MaxPoolStep(int h, int w, int c, int oh, int ow, InferenceLayer.MaxPool spec) {
            this(h, w, c, oh, ow, spec, Padding.padBefore(h, oh, spec.height(), spec.height(), true),
                    Padding.padBefore(w, ow, spec.width(), spec.width(), true));
        }

        @Override
        public boolean run(float[] in, float[] out) {
            for (int ch = 0; ch < c; ch++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < spec.height(); ky++) {
                            int iy = oy * spec.height() + ky - padTop;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < spec.width(); kx++) {
                                int ix = ox * spec.width() + kx - padLeft;
                                if (ix >= 0 && ix < w) {
                                    best = Math.max(best, in[(ch * h + iy) * w + ix]);
                                }
                            }
                        }
                        out[(ch * oh + oy) * ow + ox] = best;
                    }
                }
            }
            return true;
        }
    }

    private record AveragePoolStep(int pixels, int c) implements Step {
        @Override
        public boolean run(float[] in, float[] out) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int p = ch * pixels, end = p + pixels; p < end; p++) {
                    sum += in[p];
                }
                out[ch] = (float) (sum / pixels);
            }
            return true;
        }
    }

    private record DenseStep(float[] matrix, float[] bias, int in, int units) implements Step {
        @Override
        public boolean run(float[] x, float[] out) {
            System.arraycopy(bias, 0, out, 0, units);
            for (int i = 0, row = 0; i < in; i++, row += units) {
                float v = x[i];
                if (v == 0f) {
                    continue;
                }
                for (int u = 0; u < units; u++) {
                    out[u] += v * matrix[row + u];
                }
            }
            return true;
        }
    }

    /** SVDF: per frame, filters = features x feature weights; then each filter weighs the frames and sums. */
    private static final class SvdfStep implements Step {
        private final float[][] featureRows;   // [bin][filter]
        private final float[][] timeRows;      // [frame][filter]
        private final float[] bias;
        private final int frames;
        private final int bins;
        private final int rank;
        private final int nodes;
        private final float[] perFrame;
        private final float[] overTime;

        SvdfStep(float[] featureWeights, float[] timeWeights, float[] bias, int frames, int bins, int rank, int nodes) {
            int filters = rank * nodes;
            this.featureRows = rows(featureWeights, bins, filters);
            this.timeRows = rows(timeWeights, frames, filters);
            this.bias = bias;
            this.frames = frames;
            this.bins = bins;
            this.rank = rank;
            this.nodes = nodes;
            this.perFrame = new float[filters];
            this.overTime = new float[filters];
        }

        private static float[][] rows(float[] m, int count, int length) {
            float[][] r = new float[count][];
            for (int i = 0; i < count; i++) {
                r[i] = java.util.Arrays.copyOfRange(m, i * length, (i + 1) * length);
            }
            return r;
        }

        @Override
        public boolean run(float[] x, float[] out) {
            final int filters = perFrame.length;
            java.util.Arrays.fill(overTime, 0f);
            for (int t = 0; t < frames; t++) {
                java.util.Arrays.fill(perFrame, 0f);
                int b = 0;
                for (; b + 3 < bins; b += 4) {
                    float v0 = x[t * bins + b];
                    float v1 = x[t * bins + b + 1];
                    float v2 = x[t * bins + b + 2];
                    float v3 = x[t * bins + b + 3];
                    float[] w0 = featureRows[b];
                    float[] w1 = featureRows[b + 1];
                    float[] w2 = featureRows[b + 2];
                    float[] w3 = featureRows[b + 3];
                    for (int k = 0; k < filters; k++) {
                        perFrame[k] += v0 * w0[k] + v1 * w1[k] + v2 * w2[k] + v3 * w3[k];
                    }
                }
                for (; b < bins; b++) {
                    float v0 = x[t * bins + b];
                    float[] w0 = featureRows[b];
                    for (int k = 0; k < filters; k++) {
                        perFrame[k] += v0 * w0[k];
                    }
                }
                float[] time = timeRows[t];
                for (int k = 0; k < filters; k++) {
                    overTime[k] += perFrame[k] * time[k];
                }
            }
            for (int n = 0; n < nodes; n++) {
                float s = bias[n];
                for (int r = 0; r < rank; r++) {
                    s += overTime[n * rank + r];
                }
                out[n] = s;
            }
            return true;
        }
    }
}
