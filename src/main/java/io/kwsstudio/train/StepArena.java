package io.kwsstudio.train;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Array memory for SameDiff's gradient session that reuses one training step's arrays in the next.
 *
 * <p>Why: in SameDiff M2.1 the gradient session hands back almost none of its op outputs to its memory
 * manager (a {@code conv} step at batch 100 allocated 54 arrays, 882 MB, and released 4), so every step
 * allocated fresh native memory, page-faulted it in and left the old arrays to the garbage collector;
 * allocation was ~20% of a step. Every array handed out during a step is dead once the trainer has
 * applied that step's updates (it keeps no outputs or gradients), so {@link #recycle()} at the start
 * of the next step makes them all available again, by type and shape.
 *
 * <p>Only for the trainer: whoever still holds a previous step's output after {@link #recycle()} would
 * see it overwritten. Single-threaded, like the training loop.
 */
final class StepArena extends AbstractMemoryMgr {
    private final Map<List<Object>, ArrayDeque<INDArray>> free = new HashMap<>();
    private long givenBackEarly;
    /** Arrays handed out since the last {@link #recycle()}, by the address of their memory. */
    private final Map<Long, INDArray> handedOut = new HashMap<>();

    /**
     * Installs an arena in {@code sd}'s gradient function, building that function and this thread's session
     * first if no training step has yet.
     */
    static StepArena attachTo(SameDiff sd) {
        if (sd.getFunction("grad") == null) {
            sd.createGradFunction();     // what the first calculateGradients call would do
        }
        SameDiff gradient = sd.getFunction("grad");
        // SameDiff makes one session per thread on first use; making it now lets the arena manage step 1 too.
        gradient.getSessions().computeIfAbsent(Thread.currentThread().getId(), id -> new InferenceSession(gradient));
        StepArena arena = new StepArena();
        for (InferenceSession session : gradient.getSessions().values()) {
            session.setMmgr(arena);
        }
        return arena;
    }

    /** Everything handed out so far may be reused: call when no array from the last step is in use. */
    void recycle() {
        for (INDArray array : handedOut.values()) {
            giveBack(array);
        }
        handedOut.clear();
    }

    /** How many arrays {@link Liveness} has given back within a step, over the arena's life. */
    long givenBackEarly() {
        return givenBackEarly;
    }

    /** The handed-out array whose memory {@code array} (or a view of it) uses may be reused now, within the step. */
    private void recycleNow(long address) {
        INDArray array = handedOut.remove(address);
        if (array != null) {
            giveBack(array);
            givenBackEarly++;
        }
    }

    private void giveBack(INDArray array) {
        free.computeIfAbsent(key(array.dataType(), array.ordering(), array.shape()), k -> new ArrayDeque<>()).push(array);
    }

    /** Address of the allocation an array (or view) lives in: views share their base array's. */
    static long memoryOf(INDArray array) {
        DataBuffer data = array.data();
        DataBuffer base = data.originalDataBuffer() != null ? data.originalDataBuffer() : data;
        return base.address();
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(dataType, 'c', shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor, false);
        }
        return take(descriptor.dataType(), descriptor.getOrder(), descriptor.getShape());
    }

    private INDArray take(DataType dataType, char order, long[] shape) {
        ArrayDeque<INDArray> pool = free.get(key(dataType, order, shape));
        INDArray array = pool == null || pool.isEmpty() ? null : pool.pop();
        if (array == null) {
            array = Nd4j.createUninitializedDetached(dataType, order, shape);
        }
        handedOut.put(memoryOf(array), array);
        return array;
    }

    private static List<Object> key(DataType dataType, char order, long[] shape) {
        return List.of(dataType, order, Arrays.toString(shape));
    }

    /** SameDiff is done with it within the step; it stays handed out until {@link #recycle()}. */
    @Override
    public void release(INDArray array) {
    }

    @Override
    public void close() {
        free.clear();
        handedOut.clear();
    }

    /**
     * Hands a step's intermediate arrays back to the arena as soon as the last op that reads them has
     * run, so later ops of the same step reuse them. Why: SameDiff M2.1 keeps every array of the gradient
     * session alive until the step ends (a DS-CNN step at batch 100 held ~10 GB), although most forward
     * activations and backward gradients are read by one or two ops. An array is given back when every op
     * of the gradient function that reads its variable has run, no other live variable is a view of its
     * memory, and it is not one of the step's requested outputs or gradients.
     */
    final class Liveness extends BaseListener {
        private final SameDiff gradient;
        /** Per ARRAY variable of the gradient function: how many distinct ops read it. */
        private final Map<String, Integer> readers = new HashMap<>();
        private final Map<String, Integer> unread = new HashMap<>();
        /** Variables produced this step and still to be read, by the memory they live in. */
        private final Map<Long, Integer> liveByMemory = new HashMap<>();
        private final Map<String, Long> memoryOfVariable = new HashMap<>();
        /** The step's outputs and gradients: never given back early. */
        private final Set<String> keep;

        Liveness(SameDiff gradient, Collection<String> requested) {
            this.gradient = gradient;
            this.keep = Set.copyOf(requested);
            for (Variable v : gradient.getVariables().values()) {
                if (v.getVariable().getVariableType() == VariableType.ARRAY && v.getInputsForOp() != null) {
                    readers.put(v.getName(), new HashSet<>(v.getInputsForOp()).size());
                }
            }
        }

        /** Call before each step. */
        void startStep() {
            unread.clear();
            unread.putAll(readers);
            liveByMemory.clear();
            memoryOfVariable.clear();
        }

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext context, INDArray[] outputs) {
            if (sd != gradient) {
                return;     // inference and validation run other sessions
            }
            List<String> produced = op.getOutputsOfOp();
            for (int i = 0; produced != null && i < produced.size() && i < outputs.length; i++) {
                if (outputs[i] != null && !outputs[i].isEmpty()) {
                    long memory = memoryOf(outputs[i]);
                    memoryOfVariable.put(produced.get(i), memory);
                    liveByMemory.merge(memory, 1, Integer::sum);
                    if (!readers.containsKey(produced.get(i))) {
                        done(produced.get(i));      // nothing reads it (a gradient nobody needs)
                    }
                }
            }
            if (op.getInputsToOp() == null) {
                return;
            }
            for (String input : new LinkedHashSet<>(op.getInputsToOp())) {
                Integer left = unread.get(input);
                if (left == null) {
                    continue;
                }
                unread.put(input, left - 1);
                if (left == 1) {
                    done(input);
                }
            }
        }

        /** No op of this step reads {@code variable} any more. */
        private void done(String variable) {
            if (keep.contains(variable)) {
                return;
            }
            Long memory = memoryOfVariable.remove(variable);
            if (memory != null && liveByMemory.merge(memory, -1, Integer::sum) == 0) {
                liveByMemory.remove(memory);
                recycleNow(memory);
            }
        }
    }
}
