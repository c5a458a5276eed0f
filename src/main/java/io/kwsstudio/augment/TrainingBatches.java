package io.kwsstudio.augment;

import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The training data pipeline: background threads read clips (decoded audio kept in a bounded
 * memory cache), augment them, compute features and fill mini-batches ahead of the trainer, so
 * training never waits on data. Batch k depends only on the seed and k, never on thread timing, so a
 * seed reproduces a run. Validation and test sets are not augmented, are computed once and kept.
 */
public final class TrainingBatches implements AutoCloseable {
    /** One mini-batch: {@code size} examples of frames x bins features, frame-major, and class indices. */
    public record Batch(float[] features, int[] labels, int size) {
    }

    private final Dataset dataset;
    private final TrainingSet set;
    private final FeatureConfig features;
    private final AugmentConfig augment;
    private final NoiseBank noise;
    private final int batchSize;
    private final long seed;
    private final ExecutorService workers;
    private final int prefetch;
    private final Deque<CompletableFuture<Batch>> ahead = new ArrayDeque<>();
    private final AudioCache cache;
    private final ThreadLocal<Worker> worker;
    private final Map<Split, Batch> fixed = new LinkedHashMap<>();
    private long nextIndex;

    /**
     * @param threads     background threads (1 or more)
     * @param cacheBytes  memory for decoded audio (16-bit); clips beyond it are read from disk each time
     */
    public TrainingBatches(Dataset dataset, TrainingSet set, FeatureConfig features, AugmentConfig augment, NoiseBank noise,
                           int batchSize, int threads, long cacheBytes) {
        this.dataset = dataset;
        this.set = set;
        this.features = features;
        this.augment = augment;
        this.noise = noise;
        this.batchSize = batchSize;
        this.seed = augment.seed();
        this.prefetch = Math.max(2, threads * 2);
        this.cache = new AudioCache(cacheBytes);
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "training-batches");
            t.setDaemon(true);
            return t;
        });
        this.worker = ThreadLocal.withInitial(() -> new Worker(augment));
    }

    public List<String> classNames() {
        return set.classNames();
    }

    public FeatureConfig featureConfig() {
        return features;
    }

    /**
     * Makes the next training batch number {@code index}, so a resumed run continues the batch
     * sequence instead of repeating its first batches. Only before the first {@link #next}.
     */
    public synchronized void startAt(long index) {
        if (!ahead.isEmpty() || nextIndex != 0) {
            throw new IllegalStateException("startAt must come before the first batch");
        }
        if (index < 0) {
            throw new IllegalArgumentException("batch index must not be negative, was " + index);
        }
        nextIndex = index;
    }

    /** The next augmented training batch; waits only if the workers have fallen behind. */
    public synchronized Batch next() throws Exception {
        if (set.items(Split.TRAINING).isEmpty()) {
            throw new IllegalStateException("the training split has no clips of the wanted words");
        }
        while (ahead.size() < prefetch) {
            long k = nextIndex++;
            ahead.add(CompletableFuture.supplyAsync(() -> trainingBatch(k), workers));
        }
        try {
            return ahead.poll().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Training batch number k: examples drawn with replacement, as the reference does. */
    Batch trainingBatch(long k) {
        List<TrainingSet.Item> items = set.items(Split.TRAINING);
        Random rnd = new Random(seed * 1_000_003L + k);
        Worker w = worker.get();
        float[] out = new float[batchSize * features.valuesPerClip()];
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            TrainingSet.Item item = items.get(rnd.nextInt(items.size()));
            w.example(item, rnd, w.augmenter, out, i * features.valuesPerClip());
            labels[i] = item.classIndex();
        }
        return new Batch(out, labels, batchSize);
    }

    /**
     * Every item of a validation or test split, unaugmented (silence items get noise from a fixed
     * seed), computed on first use and kept.
     */
    public synchronized Batch fixedSet(Split split) throws Exception {
        Batch b = fixed.get(split);
        if (b == null) {
            List<TrainingSet.Item> items = set.items(split);
            float[] out = new float[items.size() * features.valuesPerClip()];
            int[] labels = new int[items.size()];
            int threads = Math.max(1, ((java.util.concurrent.ThreadPoolExecutor) workers).getCorePoolSize());
            int chunk = (items.size() + threads - 1) / threads;
            List<CompletableFuture<Void>> parts = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * chunk;
                int to = Math.min(items.size(), from + chunk);
                parts.add(CompletableFuture.runAsync(() -> {
                    Worker w = worker.get();
                    for (int i = from; i < to; i++) {
                        Random rnd = new Random(seed + split.ordinal() * 7919L + i);
                        w.example(items.get(i), rnd, w.plain, out, i * features.valuesPerClip());
                        labels[i] = items.get(i).classIndex();
                    }
                }, workers));
            }
            try {
                CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
            b = new Batch(out, labels, items.size());
            fixed.put(split, b);
        }
        return b;
    }

    /** Per-thread buffers: augmenters, feature extractor, audio scratch. */
    private final class Worker {
        final Augmenter augmenter;
        final Augmenter plain;
        final FeatureExtractor extractor = new FeatureExtractor(features);
        final float[] clip = new float[features.clipSamples()];
        final float[] augmented = new float[features.clipSamples()];

        Worker(AugmentConfig cfg) {
            augmenter = new Augmenter(cfg, noise, features.sampleRate(), features.clipSamples());
            plain = new Augmenter(cfg.withoutAugmentation(), noise, features.sampleRate(), features.clipSamples());
        }

        void example(TrainingSet.Item item, Random rnd, Augmenter a, float[] out, int offset) {
            if (item.isSilence()) {
                java.util.Arrays.fill(clip, 0f);
                a.augment(clip, true, rnd, augmented);
            } else {
                cache.read(dataset, item.clip(), features.sampleRate(), clip);
                a.augment(clip, false, rnd, augmented);
            }
            extractor.extract(augmented, out, offset);
        }
    }

    /** Decoded clips as 16-bit samples, up to a byte budget; beyond it, clips are decoded on each use. */
    static final class AudioCache {
        private final long budget;
        private final AtomicLong used = new AtomicLong();
        private final java.util.concurrent.ConcurrentHashMap<String, short[]> clips = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Set<String> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();

        AudioCache(long budget) {
            this.budget = budget;
        }

        void read(Dataset ds, Clip clip, int rate, float[] out) {
            short[] s = clips.get(clip.relativePath());
            if (s == null) {
                float[] audio;
                try {
                    audio = WavReader.read(ds.path(clip), rate).samples();
                } catch (AudioFileException e) {
                    // An unreadable clip must not stop training: it counts as silence, and is listed in unreadable().
                    unreadable.add(e.getMessage());
                    audio = new float[0];
                }
                int n = Math.min(audio.length, out.length);
                s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = (short) Math.round(Math.max(-1f, Math.min(1f, audio[i])) * 32767f);
                }
                if (used.addAndGet(2L * n + 64) <= budget) {
                    clips.put(clip.relativePath(), s);
                } else {
                    used.addAndGet(-(2L * n + 64));
                }
            }
            int n = Math.min(s.length, out.length);
            for (int i = 0; i < n; i++) {
                out[i] = s[i] / 32767f;
            }
            java.util.Arrays.fill(out, n, out.length, 0f);
        }

        long usedBytes() {
            return used.get();
        }
    }

    /** Clips that could not be decoded (used as silence); shown to the user after training. */
    public java.util.Set<String> unreadable() {
        return java.util.Set.copyOf(cache.unreadable);
    }

    long cachedBytes() {
        return cache.usedBytes();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
