package io.kwsstudio.train;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Outputs and gradients of one training batch. Where the graph has an {@link ModelGraph.InputConv},
 * the first convolution runs outside SameDiff: its output is set as the training branch's input
 * variable, SameDiff returns the gradient with respect to it, and the weight and bias gradients are computed here.
 *
 * <p>Why: SameDiff's conv2d_bp always computes the gradient with respect to the layer's input as
 * well, and for the 1-channel input oneDNN does that with a slow gemm kernel; it was ~60% of a
 * {@code conv} training step although nothing needs it (the input is data). The weight gradient
 * {@code dW[kh, kw, f] = sum_n sum_{i,j} xpad[n, kh + i*sH, kw + j*sW] * dY[n, f, i, j]} is itself
 * a convolution, which oneDNN runs fast as a forward pass: the padded input seen as one image with
 * the batch as channels, [1, n, Hp, Wp], convolved (VALID) with dY read as an [F, n, oH, oW]
 * kernel. With strides that would be a dilated convolution, which this oneDNN build refuses, so the
 * padded input is split into its sH x sW phases ({@code xpad[:, pa::sH, pb::sW]}): each phase convolved
 * at stride 1 gives the taps {@code dW[pa + sH * a, pb + sW * b]}. Same maths; InputConvGradientTest
 * compares it with SameDiff's conv2d for stride 1 and strided first layers.
 */
final class InputConvStep {
    /** The requested outputs and the gradient of every trainable variable. */
    record Result(Map<String, INDArray> outputs, Map<String, INDArray> gradients) {
    }

    private InputConvStep() {
    }

    static Result run(ModelGraph graph, Map<String, INDArray> feed, List<String> outputs) {
        SameDiff sd = graph.sameDiff();
        ModelGraph.InputConv ic = graph.inputConv();
        if (ic == null) {
            OutAndGrad r = sd.calculateGradientsAndOutputs(feed, outputs, graph.trainable());
            return new Result(r.getOutputs(), r.getGradients());
        }
        INDArray input = feed.get(ModelGraph.INPUT);
        long n = input.size(0);
        INDArray x = input.reshape('c', n, 1, ic.height(), ic.width());
        INDArray w = sd.getArrForVarName(ic.weights());
        INDArray b = ic.bias() == null ? null : sd.getArrForVarName(ic.bias());
        Conv2DConfig cfg = Conv2DConfig.builder().kH(ic.kernelHeight()).kW(ic.kernelWidth()).sH(ic.strideHeight())
                .sW(ic.strideWidth()).paddingMode(ic.same() ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW").build();
        INDArray y = Nd4j.exec(new Conv2D(b == null ? new INDArray[]{x, w} : new INDArray[]{x, w, b}, null, cfg))[0];
        sd.associateArrayWithVariable(y, ic.output());
        List<String> wanted = new ArrayList<>();
        for (String v : graph.trainable()) {
            if (!v.equals(ic.weights()) && !v.equals(ic.bias())) {
                wanted.add(v);
            }
        }
        wanted.add(ic.output());
        OutAndGrad r;
        try {
            r = sd.calculateGradientsAndOutputs(feed, outputs, wanted);
        } finally {
            // Release the batch's activations; a checkpoint then saves only a small zero array here.
            sd.associateArrayWithVariable(Nd4j.zeros(DataType.FLOAT, 1, y.size(1), y.size(2), y.size(3)), ic.output());
        }
        Map<String, INDArray> gradients = new HashMap<>(r.getGradients());
        INDArray dy = gradients.remove(ic.output());
        gradients.put(ic.weights(), weightGradient(x, dy, ic));
        if (b != null) {
            gradients.put(ic.bias(), dy.sum(0, 2, 3));
        }
        return new Result(r.getOutputs(), gradients);
    }

    /** dW [kH, kW, 1, F] of the convolution of x [n, 1, H, W] whose output gradient is dy [n, F, oH, oW]. */
    static INDArray weightGradient(INDArray x, INDArray dy, ModelGraph.InputConv ic) {
        long n = x.size(0);
        long filters = dy.size(1);
        int kh = ic.kernelHeight();
        int kw = ic.kernelWidth();
        int sh = ic.strideHeight();
        int sw = ic.strideWidth();
        int padHeight = 0;
        int padWidth = 0;
        if (ic.same()) {
            padHeight = Math.max((ic.outHeight() - 1) * sh + kh - ic.height(), 0);
            padWidth = Math.max((ic.outWidth() - 1) * sw + kw - ic.width(), 0);
        }
        // The batch becomes the channels of one image [1, n, Hp, Wp], padded TF style (the smaller half first).
        INDArray image;
        if (padHeight + padWidth > 0) {
            image = Nd4j.zeros(DataType.FLOAT, 1, n, ic.height() + padHeight, ic.width() + padWidth);
            image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(padHeight / 2, padHeight / 2 + ic.height()),
                    NDArrayIndex.interval(padWidth / 2, padWidth / 2 + ic.width())).assign(x.reshape('c', 1, n, ic.height(), ic.width()));
        } else {
            image = x.reshape('c', 1, n, ic.height(), ic.width());
        }
        // dy [n, F, oH, oW] seen as an [F, n, oH, oW] (OIYX) kernel: a strided view that oneDNN reorders
        // straight into its own layout. ND4J's permute-and-copy to the default YXIO layout cost 110-270 ms
        // of a conv step at batch 100 (docs/benchmarks.md).
        INDArray kernel = dy.permute(1, 0, 2, 3);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(ic.outHeight()).kW(ic.outWidth()).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        INDArray dw = Nd4j.zeros(DataType.FLOAT, kh, kw, 1, filters);
        for (int pa = 0; pa < Math.min(sh, kh); pa++) {
            for (int pb = 0; pb < Math.min(sw, kw); pb++) {
                INDArray phase = sh == 1 && sw == 1 ? image
                        : image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(pa, sh, image.size(2)),
                                NDArrayIndex.interval(pb, sw, image.size(3))).dup('c');
                INDArray out = Nd4j.exec(new Conv2D(new INDArray[]{phase, kernel}, null, cfg))[0]; // [1, F, >= taps, >= taps]
                int rows = (kh - pa + sh - 1) / sh;            // taps pa, pa + sH, ... below kH
                int cols = (kw - pb + sw - 1) / sw;
                INDArray taps = out.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(0, rows),
                        NDArrayIndex.interval(0, cols)).permute(1, 2, 0);       // [rows, cols, F]
                dw.get(NDArrayIndex.interval(pa, sh, kh), NDArrayIndex.interval(pb, sw, kw), NDArrayIndex.point(0),
                        NDArrayIndex.all()).assign(taps);
                out.close();
            }
        }
        return dw;
    }
}
