package io.kwsstudio.train;

/**
 * Training cannot go on: the loss diverged, data could not be read, or a checkpoint could not be
 * written or read. The message says what happened in words a user can act on; {@link #step()}
 * and {@link #learningRate()} locate it when it happened during a step.
 */
public class TrainingException extends Exception {
    private final int step;
    private final double learningRate;

    public TrainingException(String message, Throwable cause) {
        this(message, cause, -1, Double.NaN);
    }

    public TrainingException(String message) {
        this(message, null, -1, Double.NaN);
    }

    public TrainingException(String message, Throwable cause, int step, double learningRate) {
        super(message, cause);
        this.step = step;
        this.learningRate = learningRate;
    }

    /** The step being trained, or -1 when the problem is not tied to a step. */
    public int step() {
        return step;
    }

    /** The learning rate of that step, or NaN. */
    public double learningRate() {
        return learningRate;
    }
}
