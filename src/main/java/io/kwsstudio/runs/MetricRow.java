package io.kwsstudio.runs;

/**
 * One line of {@code metrics.csv}: a training report (loss, accuracy, learning rate and speed
 * averaged since the previous one) or, with the validation columns filled, an evaluation.
 * Missing values are NaN.
 */
public record MetricRow(int step, double trainLoss, double trainAccuracy, double learningRate, double examplesPerSecond,
                        double validationLoss, double validationAccuracy) {

    public boolean isEvaluation() {
        return !Double.isNaN(validationAccuracy);
    }
}
