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
 * kernel. Only for stride 1 (NetBuilder checks). Same maths; InputConvGradientTest compares it with SameDiff's conv2d.
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
        Conv2DConfig cfg = Conv2DConfig.builder().kH(ic.kernelHeight()).kW(ic.kernelWidth()).sH(1)
                .sW(1).paddingMode(ic.same() ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW").build();
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

    /** dW [kH, kW, 1, F] of the stride-1 convolution of x [n, 1, H, W] whose output gradient is dy [n, F, oH, oW]. */
    static INDArray weightGradient(INDArray x, INDArray dy, ModelGraph.InputConv ic) {
        long n = x.size(0);
        int kh = ic.kernelHeight();
        int kw = ic.kernelWidth();
        int padTop = 0;
        int padLeft = 0;
        int padHeight = 0;
        int padWidth = 0;
        if (ic.same()) {
            padHeight = Math.max(ic.outHeight() - 1 + kh - ic.height(), 0);
            padWidth = Math.max(ic.outWidth() - 1 + kw - ic.width(), 0);
            padTop = padHeight / 2;
            padLeft = padWidth / 2;
        }
        INDArray image;
        if (padHeight + padWidth > 0) {
            image = Nd4j.zeros(DataType.FLOAT, 1, n, ic.height() + padHeight, ic.width() + padWidth);
            image.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(padTop, padTop + ic.height()),
                    NDArrayIndex.interval(padLeft, padLeft + ic.width())).assign(x.reshape('c', 1, n, ic.height(), ic.width()));
        } else {
            image = x.reshape('c', 1, n, ic.height(), ic.width());
        }
        // dy [n, F, oH, oW] seen as an [F, n, oH, oW] (OIYX) kernel: a strided view that oneDNN reorders
        // straight into its own layout. ND4J's permute-and-copy to the default YXIO layout cost 110-270 ms
        // of a conv step at batch 100 (docs/benchmarks.md).
        INDArray kernel = dy.permute(1, 0, 2, 3);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(ic.outHeight()).kW(ic.outWidth()).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build();
        INDArray out = Nd4j.exec(new Conv2D(new INDArray[]{image, kernel}, null, cfg))[0]; // [1, F, >= kH, >= kW]
        INDArray dw = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, kh), NDArrayIndex.interval(0, kw))
                .permute(2, 3, 0, 1).dup('c');                                   // [kH, kW, 1, F]
        out.close();
        return dw;
    }
}
