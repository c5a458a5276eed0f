package io.kwsstudio.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

class StepArenaTest {

    @Test
    void handsOutLastStepsArraysAgainOnlyAfterRecycle() {
        StepArena arena = new StepArena();
        INDArray a = arena.allocate(false, DataType.FLOAT, 4, 3);
        INDArray b = arena.allocate(false, DataType.FLOAT, 4, 3);
        assertThat(b).isNotSameAs(a);                       // both live in the same step
        arena.release(a);                                   // SameDiff's release does not free it early
        assertThat(arena.allocate(false, DataType.FLOAT, 4, 3)).isNotSameAs(a).isNotSameAs(b);

        arena.recycle();
        INDArray again = arena.allocate(false, DataType.FLOAT, 4, 3);
        assertThat(again).isIn(a, b);
        assertThat(arena.allocate(false, DataType.FLOAT, 3, 4)).isNotIn(a, b);      // other shape
        assertThat(arena.allocate(false, DataType.DOUBLE, 4, 3)).isNotIn(a, b);     // other type
        assertThat(again.shape()).containsExactly(4, 3);
    }
}
