package io.kwsstudio.train;

/** A validation evaluation at {@code step}; {@code best} when it became the kept checkpoint. */
public record EvalEvent(int step, Evaluation validation, boolean best) {
}
