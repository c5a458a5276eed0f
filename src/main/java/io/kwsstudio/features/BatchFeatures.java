package io.kwsstudio.features;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Fills one float buffer with the features of many clips, on several threads (one extractor each). */
public final class BatchFeatures {
    private BatchFeatures() {
    }

    /** Clip i's features go to {@code out[i * cfg.size() ...]}. */
    public static void extract(FeatureConfig cfg, List<float[]> clips, float[] out, int threads) {
        int size = cfg.size();
        if (out.length < clips.size() * size) {
            throw new IllegalArgumentException("output buffer holds " + out.length / size + " clips, need " + clips.size());
        }
        int t = Math.max(1, Math.min(threads, clips.size()));
        if (t == 1) {
            FeatureExtractor fx = new FeatureExtractor(cfg);
            for (int i = 0; i < clips.size(); i++) {
                fx.extract(clips.get(i), out, i * size);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "features");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int w = 0; w < t; w++) {
                int worker = w;
                int workers = t;
                parts.add(pool.submit(() -> {
                    FeatureExtractor fx = new FeatureExtractor(cfg);
                    for (int i = worker; i < clips.size(); i += workers) {
                        fx.extract(clips.get(i), out, i * size);
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
