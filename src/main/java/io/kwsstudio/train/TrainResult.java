package io.kwsstudio.train;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run ended.
 *
 * @param steps          steps completed (counting those before a resume)
 * @param bestStep       step of the best checkpoint, 0 if none was evaluated
 * @param bestValidation validation of the best checkpoint; null if none was evaluated
 * @param test           test-set evaluation of the best checkpoint; null when cancelled or the
 *                       test set is empty
 * @param elapsed        training time of this call (not counting earlier runs)
 */
public record TrainResult(Status status, int steps, int totalSteps, int bestStep, Evaluation bestValidation,
                          Evaluation test, Duration elapsed, Path checkpointDir) {

    public enum Status {
        /** All steps done. */
        COMPLETED,
        /** Validation stopped improving for {@code early_stopping_patience} evaluations. */
        EARLY_STOPPED,
        /** Stopped by the user after a whole step; the last checkpoint can be resumed. */
        CANCELLED
    }
}
