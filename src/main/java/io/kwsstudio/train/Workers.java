package io.kwsstudio.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a loop over examples on all cores: the range is cut into one contiguous share per worker, the
 * caller's thread taking the first. As many workers as ND4J's native code uses
 * ({@code OMP_NUM_THREADS}, else the processor count), so a benchmark's thread setting applies to both.
 */
final class Workers {
    /** One share of a loop: examples {@code from} (inclusive) to {@code to}, run by worker {@code worker}. */
    interface Share {
        void run(int from, int to, int worker);
    }

    private static final int COUNT = count(System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = COUNT > 1 ? Executors.newFixedThreadPool(COUNT - 1, r -> {
        Thread t = new Thread(r, "kws-train-worker");
        t.setDaemon(true);
        return t;
    }) : null;

    private Workers() {
    }

    /** How many shares a loop is cut into at most; per-worker partial results need this many slots. */
    static int count() {
        return COUNT;
    }

    static int count(String ompThreads, int processors) {
        try {
            int n = ompThreads == null ? processors : Integer.parseInt(ompThreads.trim());
            return Math.max(1, Math.min(n, 64));
        } catch (NumberFormatException e) {
            return Math.max(1, processors);
        }
    }

    /** Runs {@code body} over [0, n) in up to {@link #count()} shares and returns when all have finished. */
    static void forRange(int n, Share body) {
        int shares = Math.min(COUNT, n);
        if (shares <= 1) {
            body.run(0, n, 0);
            return;
        }
        Future<?>[] others = new Future<?>[shares - 1];
        for (int w = 1; w < shares; w++) {
            int from = (int) ((long) n * w / shares);
            int to = (int) ((long) n * (w + 1) / shares);
            int worker = w;
            others[w - 1] = POOL.submit(() -> body.run(from, to, worker));
        }
        Throwable failure = null;
        try {
            body.run(0, n / shares, 0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Wait for every share even after a failure: none may still be writing when the caller goes on.
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for a training worker", e);
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
