package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training branch's batch normalisation (batch statistics, built from element-wise ops and written
 * to avoid SameDiff's slow broadcast-multiply gradient) has the gradients of its loss: SameDiff's
 * analytic gradients match central finite differences for weights before, inside and after the
 * normalised layers. A lost term of the mean or variance path would change them by far more than the tolerance.
 */
class BatchNormGradientTest {

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        int frames = 11;
        int bins = 7;
        int labels = 3;
        int n = 5;
        ModelSpec spec = ModelSpec.defaults(ModelKind.DS_CNN_S).withDsCnn(4, 1, 1);
        // SameDiff's own first convolution, so the loss below is a function of every weight
        // (InputConvGradientTest checks the trainer-side first layer against it).
        ModelGraph graph = ModelZoo.graph(spec, frames, bins, labels, TrainConfig.defaults().withSeed(9), false);
        SameDiff sd = graph.sameDiff();
        // Larger weights than the default init, so the loss depends on them well above float rounding.
        Nd4j.getRandom().setSeed(4);
        for (String name : graph.trainable()) {
            INDArray w = sd.getArrForVarName(name);
            w.assign(Nd4j.randn(DataType.FLOAT, w.shape()).muli(0.5));
        }
        Map<String, INDArray> feed = SyntheticData.graphFeed(graph, n, frames, bins, labels);
        Map<String, INDArray> analytic = InputConvStep.run(graph, feed, List.of(ModelGraph.LOSS)).gradients();

        for (String name : graph.trainable()) {
            INDArray w = sd.getArrForVarName(name);
            INDArray g = analytic.get(name).reshape(w.length());
            int count = (int) Math.min(w.length(), 12);
            double[] numeric = new double[count];
            double[] exact = new double[count];
            for (int i = 0; i < count; i++) {
                double original = w.getDouble(i);
                double h = 1e-2;
                w.putScalar(i, original + h);
                double up = loss(sd, feed);
                w.putScalar(i, original - h);
                double down = loss(sd, feed);
                w.putScalar(i, original);
                numeric[i] = (up - down) / (2 * h);
                exact[i] = g.getDouble(i);
            }
            // Direction and size per variable: entries differ by orders of magnitude between layers, and
            // float rounding plus ReLU kinks make single small entries noisy.
            double dot = 0;
            double nn = 0;
            double ee = 0;
            for (int i = 0; i < count; i++) {
                dot += numeric[i] * exact[i];
                nn += numeric[i] * numeric[i];
                ee += exact[i] * exact[i];
            }
            assertThat(ee).as("gradient of %s", name).isGreaterThan(0);
            assertThat(dot / Math.sqrt(nn * ee)).as("cosine of analytic and numeric gradients of %s", name).isGreaterThan(0.99);
            assertThat(Math.sqrt(ee / nn)).as("norm ratio of analytic to numeric gradients of %s", name).isBetween(0.95, 1.05);
        }
    }

    private static double loss(SameDiff sd, Map<String, INDArray> feed) {
        return sd.output(feed, ModelGraph.LOSS).get(ModelGraph.LOSS).getDouble(0);
    }
}
