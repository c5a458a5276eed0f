package io.kwsstudio.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Turns one variable's gradient into its update, keeping the optimizer state in one flat array
 * so a checkpoint can save and restore it exactly. The trainer owns the update step (instead of
 * SameDiff's fit) so it sees the loss before weights change and can set the rate per step.
 */
final class UpdateRule {
    private final TrainConfig.Optimizer kind;
    private final double momentum;
    private final long length;
    private final INDArray state;
    private final Adam adamConfig;
    private final GradientUpdater<?> adam;

    private UpdateRule(TrainConfig.Optimizer kind, double momentum, long length, INDArray state, boolean fresh) {
        this.kind = kind;
        this.momentum = momentum;
        this.length = length;
        this.state = state;
        if (kind == TrainConfig.Optimizer.ADAM) {
            adamConfig = new Adam(1e-3, 0.9, 0.999, 1e-8);
            adam = adamConfig.instantiate(state, fresh);
        } else {
            adamConfig = null;
            adam = null;
        }
    }

    /** A rule with zeroed state for a variable of {@code length} values. */
    static UpdateRule create(TrainConfig.Optimizer kind, double momentum, long length) {
        return new UpdateRule(kind, momentum, length, Nd4j.zeros(DataType.FLOAT, 1, stateSize(kind, length)), true);
    }

    /** A rule continuing from saved {@code state}. */
    static UpdateRule restore(TrainConfig.Optimizer kind, double momentum, long length, INDArray state) {
        long want = stateSize(kind, length);
        if (state.length() != want) {
            throw new IllegalArgumentException("saved optimizer state has " + state.length() + " values, expected " + want);
        }
        INDArray copy = Nd4j.create(DataType.FLOAT, 1, want);
        copy.assign(state.reshape(1, want));
        return new UpdateRule(kind, momentum, length, copy, false);
    }

    private static long stateSize(TrainConfig.Optimizer kind, long length) {
        return switch (kind) {
            case SGD -> 1; // one unused value keeps saving and restoring free of a no-state special case
            case MOMENTUM -> length;
            case ADAM -> 2 * length;
        };
    }

    INDArray state() {
        return state;
    }

    /**
     * The update to subtract from a parameter at step {@code step} (1-based) with learning rate
     * {@code lr}, as a [1, length] row in c order; {@code gradient} itself is left unchanged.
     */
    INDArray apply(INDArray gradient, int step, double lr) {
        if (gradient.length() != length) {
            throw new IllegalArgumentException("gradient has " + gradient.length() + " values, expected " + length);
        }
        INDArray g = Nd4j.toFlattened('c', gradient);
        switch (kind) {
            case SGD -> g.muli(lr);
            case MOMENTUM -> {
                // TensorFlow's MomentumOptimizer: accumulation = momentum * accumulation + gradient.
                state.muli(momentum).addi(g);
                g.assign(state).muli(lr);
            }
            case ADAM -> {
                adamConfig.setLearningRate(lr);
                // ND4J's Adam counts iterations from 0 for its bias correction.
                adam.applyUpdater(g, step - 1, 0);
            }
        }
        return g;
    }
}
