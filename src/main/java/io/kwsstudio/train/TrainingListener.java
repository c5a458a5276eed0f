package io.kwsstudio.train;

/**
 * Hears about training as it happens. Called on the training thread: a GUI marshals to its own
 * thread. Step events are already throttled by the trainer (see {@link Trainer#eventInterval}).
 */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    default void step(StepEvent e) {
    }

    default void evaluated(EvalEvent e) {
    }

    default void finished(TrainResult r) {
    }
}
