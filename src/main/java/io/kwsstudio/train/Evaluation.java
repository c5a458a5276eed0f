package io.kwsstudio.train;

import java.util.List;

/**
 * Quality of predictions against the truth: loss (mean cross-entropy, NaN when no probabilities
 * were given), accuracy, confusion matrix ({@code confusion[truth][predicted]}) and per-label
 * precision, recall and F1. A label never predicted has precision 0 and one never present has
 * recall 0 (as scikit-learn's default), so averages stay defined.
 */
public record Evaluation(double loss, double accuracy, int[][] confusion, double[] precision, double[] recall, double[] f1,
                         List<String> labels) {

    public Evaluation {
        labels = List.copyOf(labels);
    }

    /**
     * Scores predictions. {@code probabilities}, if not null, has one row per example and gives
     * the loss as the mean of -ln p(truth) (clamped at 1e-7 so one confident mistake cannot make it infinite).
     */
    public static Evaluation of(int[] truth, int[] predicted, float[][] probabilities, List<String> labels) {
        int n = truth.length;
        int k = labels.size();
        if (predicted.length != n || (probabilities != null && probabilities.length != n)) {
            throw new IllegalArgumentException("truth, predictions and probabilities must have one entry per example");
        }
        if (n == 0) {
            throw new IllegalArgumentException("nothing to evaluate: no examples");
        }
        int[][] confusion = new int[k][k];
        int correct = 0;
        double lossSum = 0;
        for (int i = 0; i < n; i++) {
            if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("label index out of range at example " + i + " (" + k + " labels)");
            }
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                correct++;
            }
            if (probabilities != null) {
                lossSum -= Math.log(Math.max(probabilities[i][truth[i]], 1e-7));
            }
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int predictedC = 0;
            int actualC = 0;
            for (int j = 0; j < k; j++) {
                predictedC += confusion[j][c];
                actualC += confusion[c][j];
            }
            precision[c] = predictedC == 0 ? 0 : (double) tp / predictedC;
            recall[c] = actualC == 0 ? 0 : (double) tp / actualC;
            double sum = precision[c] + recall[c];
            f1[c] = sum == 0 ? 0 : 2 * precision[c] * recall[c] / sum;
        }
        return new Evaluation(probabilities == null ? Double.NaN : lossSum / n, (double) correct / n, confusion, precision,
                recall, f1, labels);
    }

    /** Index of the largest value of each row: the predicted label. */
    public static int[] argmax(float[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            int best = 0;
            for (int j = 1; j < probabilities[i].length; j++) {
                if (probabilities[i][j] > probabilities[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Examples evaluated. */
    public int count() {
        int n = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    /** Unweighted mean F1 over labels: rare labels count as much as common ones. */
    public double macroF1() {
        double s = 0;
        for (double v : f1) {
            s += v;
        }
        return s / f1.length;
    }
}
