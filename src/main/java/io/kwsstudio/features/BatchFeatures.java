package io.kwsstudio.features;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Extracts features of many clips into one flat float buffer ({@code clips x frames x bins}), the layout
 * a training batch or an .npy export wants, on several threads with one {@link FeatureExtractor} each.
 * The result does not depend on the thread count: every clip is computed by the same code into its own slot.
 */
public final class BatchFeatures {
    /** Clips handed to a thread at a time: big enough to make the shared counter cheap, small enough to balance. */
    private static final int CHUNK = 16;

    private BatchFeatures() {
    }

    /** Features of all clips in a new array. */
    public static float[] extract(FeatureConfig cfg, List<float[]> clips, int threads) {
        long total = (long) clips.size() * cfg.valuesPerClip();
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(clips.size() + " clips of " + cfg.valuesPerClip()
                    + " values do not fit in one array; extract them in smaller batches.");
        }
        float[] out = new float[(int) total];
        extract(cfg, clips, out, threads);
        return out;
    }

    /**
     * Writes clip i's features to {@code out[i * cfg.valuesPerClip() ..]}.
     *
     * @param threads worker threads; 1 (or fewer) runs on the calling thread
     * @throws IllegalArgumentException if {@code out} is too small
     */
    public static void extract(FeatureConfig cfg, List<float[]> clips, float[] out, int threads) {
        int per = cfg.valuesPerClip();
        int n = clips.size();
        if ((long) n * per > out.length) {
            throw new IllegalArgumentException("The output holds " + out.length + " floats but " + n
                    + " clips need " + (long) n * per + ".");
        }
        int workers = Math.max(1, Math.min(threads, (n + CHUNK - 1) / CHUNK));
        if (workers == 1) {
            FeatureExtractor fx = new FeatureExtractor(cfg);
            for (int i = 0; i < n; i++) {
                fx.extract(clips.get(i), out, i * per);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            FeatureExtractor fx = new FeatureExtractor(cfg);
            try {
                int start;
                while (failure.get() == null && (start = next.getAndAdd(CHUNK)) < n) {
                    int end = Math.min(n, start + CHUNK);
                    for (int i = start; i < end; i++) {
                        fx.extract(clips.get(i), out, i * per);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        Thread[] pool = new Thread[workers - 1];
        for (int t = 0; t < pool.length; t++) {
            pool[t] = new Thread(work, "features-" + t);
            pool[t].setDaemon(true);
            pool[t].start();
        }
        work.run();   // the caller is one of the workers
        boolean interrupted = false;
        for (Thread t : pool) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    // Workers write into the caller's buffer: never return while they still run.
                    interrupted = true;
                    failure.compareAndSet(null, e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException("Feature extraction was interrupted", t);
        }
    }
}
