package io.kwsstudio.train;

import java.time.Duration;

/**
 * Progress after a training step. {@code loss} and {@code accuracy} are means over the training
 * batches since the previous event (one step when events are not throttled); the loss is the
 * training loss (weighted, smoothed) and the accuracy that of the training branch, with dropout.
 */
public record StepEvent(int step, int totalSteps, double loss, double accuracy, double learningRate,
                        double examplesPerSecond, Duration eta) {
}
