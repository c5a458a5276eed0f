package io.kwsstudio.ui.train;

import io.kwsstudio.dataset.Clip;
import io.kwsstudio.train.Evaluation;

import java.util.List;

/**
 * A validation evaluation during training, with what is needed to trace a confusion-matrix cell
 * back to clips: each validation example's clip (null for silence) and its label probabilities.
 */
public record EvalSnapshot(int step, Evaluation validation, boolean best, List<Clip> clips, float[][] probabilities,
                           int[] truth) {

    /** Indexes of the examples with true label {@code truth} predicted as {@code predicted}, most confident first. */
    public List<Integer> examples(int truthLabel, int predicted) {
        int[] argmax = Evaluation.argmax(probabilities);
        return java.util.stream.IntStream.range(0, truth.length)
                .filter(i -> truth[i] == truthLabel && argmax[i] == predicted)
                .boxed()
                .sorted((a, b) -> Float.compare(probabilities[b][predicted], probabilities[a][predicted]))
                .toList();
    }
}
