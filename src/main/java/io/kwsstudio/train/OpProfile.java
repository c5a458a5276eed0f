package io.kwsstudio.train;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time per SameDiff op type over a training run, for finding where a step goes
 * ({@code -Dkws.opProfile=true} on {@code bench train} or {@code train}; the table goes to stderr at the end).
 * This is how the slow broadcast multiply in batch normalisation was found (docs/benchmarks.md).
 * Ops run one at a time on the training thread, so one start time suffices.
 */
final class OpProfile extends BaseListener {
    static final boolean ENABLED = Boolean.getBoolean("kws.opProfile");

    private final Map<String, long[]> byType = new HashMap<>();
    private long start;

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext context) {
        start = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext context, INDArray[] outputs) {
        long[] entry = byType.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        entry[0] += System.nanoTime() - start;
        entry[1]++;
    }

    /** Op types by total time, largest first, with call counts and the share of all op time. */
    String table() {
        long total = byType.values().stream().mapToLong(e -> e[0]).sum();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "SameDiff op time: %.0f ms in all%n", total / 1e6));
        byType.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%10.1f ms %5.1f%% %6d calls  %s%n", e.getValue()[0] / 1e6,
                        total == 0 ? 0 : 100.0 * e.getValue()[0] / total, e.getValue()[1], e.getKey())));
        return sb.toString();
    }
}
