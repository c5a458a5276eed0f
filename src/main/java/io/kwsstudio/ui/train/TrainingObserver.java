package io.kwsstudio.ui.train;

import io.kwsstudio.runs.MetricRow;
import io.kwsstudio.runs.Run;
import io.kwsstudio.train.ModelSummary;
import io.kwsstudio.train.StepEvent;
import io.kwsstudio.train.TrainResult;

import java.util.List;

/** Hears about the studio's training on the FX thread, with step events batched. */
public interface TrainingObserver {
    /** A run started or resumed; {@code history} holds what it recorded before (empty for a new run). */
    default void started(Run run, List<String> labels, ModelSummary summary, List<MetricRow> history) {
    }

    default void steps(List<StepEvent> events) {
    }

    default void evaluated(EvalSnapshot e) {
    }

    /** The run ended: {@code result} when training returned, {@code error} when it failed. */
    default void finished(Run run, TrainResult result, Throwable error) {
    }
}
