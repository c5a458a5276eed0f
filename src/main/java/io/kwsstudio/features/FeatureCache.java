package io.kwsstudio.features;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * On-disk cache of feature arrays keyed by clip content and {@link FeatureConfig}: re-opening a dataset or
 * re-training does not recompute, while a changed clip or changed settings simply miss.
 *
 * <p>Layout: {@code <cacheDir>/<config fingerprint>/<first two key digits>/<key>.f32}, one file per clip:
 * the features as little-endian float32 (frame-major, as {@link FeatureExtractor} returns them) followed
 * by an 8-byte checksum of those bytes. Files are written to a temporary name and renamed into place, so a
 * crash never leaves a half-written entry under a real name; a damaged or short file is recomputed and
 * overwritten, never trusted. The fingerprint includes {@link FeatureConfig#ALGORITHM_VERSION}, so entries
 * from older feature code are never read.
 *
 * <p>Thread-safe: several threads may read and fill the cache at once (two threads computing the same
 * entry both write identical bytes; the last rename wins). A cache that cannot be written (read-only or full
 * disk) still returns correct features and counts the failures in {@link #stats()}.
 */
public final class FeatureCache {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8,64}");
    private static final int CHECKSUM_BYTES = 8;

    /** Counters since this cache object was made. */
    public record Stats(long hits, long misses, long repaired, long writeFailures) {
        /** hits / (hits + misses), or 0 before the first lookup. */
        public double hitRate() {
            long total = hits + misses;
            return total == 0 ? 0 : (double) hits / total;
        }
    }

    private final Path directory;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder repaired = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();
    private final AtomicBoolean writeWarningLogged = new AtomicBoolean();
    /** Extractors are not thread-safe and cost a few tables to build: keep idle ones per config for reuse. */
    private final Map<FeatureConfig, Queue<FeatureExtractor>> idle = new ConcurrentHashMap<>();
    /** fingerprint() serialises and hashes the config: far too slow to repeat on every lookup. */
    private final Map<FeatureConfig, Path> configDirs = new ConcurrentHashMap<>();
    /** Directories known to exist: createDirectories costs as much as the write itself. */
    private final Set<Path> madeDirs = ConcurrentHashMap.newKeySet();

    /** A cache rooted at {@code cacheDir}; the directory is created on the first write. */
    public FeatureCache(Path cacheDir) {
        this.directory = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /** The cache key of decoded samples: 32 hex digits of a fast 128-bit hash of their exact values. */
    public static String keyOf(float[] audio) {
        return ContentHash.of(audio);
    }

    /** The cache key of raw content such as a WAV file's bytes, for {@link #get(FeatureConfig, String, Supplier)}. */
    public static String keyOf(byte[] content) {
        return ContentHash.of(content);
    }

    /** Features of {@code audio}: loaded from the cache, or computed and stored. Keyed by the samples. */
    public float[] get(FeatureConfig cfg, float[] audio) {
        return get(cfg, keyOf(audio), () -> audio);
    }

    /**
     * Features of a clip identified by {@code key} (for example {@link #keyOf(byte[])} of its file): loaded
     * from the cache, or computed from {@code audio} (asked for only on a miss, so decoding is skipped on a
     * hit) and stored.
     *
     * @param key 8 to 64 lowercase hex digits
     */
    public float[] get(FeatureConfig cfg, String key, Supplier<float[]> audio) {
        Path file = fileFor(cfg, key);
        int values = cfg.valuesPerClip();
        float[] cached = read(file, values);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        float[] features = compute(cfg, audio.get());
        write(file, features);
        return features;
    }

    /** Whether an entry exists for this key and config (not checked for damage). */
    public boolean contains(FeatureConfig cfg, String key) {
        return Files.isRegularFile(fileFor(cfg, key));
    }

    /** Where the entry for this key and config lives. */
    public Path fileFor(FeatureConfig cfg, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A cache key must be 8 to 64 lowercase hex digits, got '" + key + "'");
        }
        Path configDir = configDirs.computeIfAbsent(cfg, c -> directory.resolve(c.fingerprint()));
        return configDir.resolve(key.substring(0, 2)).resolve(key + ".f32");
    }

    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), repaired.sum(), writeFailures.sum());
    }

    private float[] compute(FeatureConfig cfg, float[] audio) {
        Queue<FeatureExtractor> pool = idle.computeIfAbsent(cfg, c -> new ConcurrentLinkedQueue<>());
        FeatureExtractor fx = pool.poll();
        if (fx == null) {
            fx = new FeatureExtractor(cfg);
        }
        try {
            return fx.extract(audio);
        } finally {
            pool.offer(fx);
        }
    }

    /** The entry's features, or null when it is missing or damaged (damaged ones are counted as repaired). */
    private float[] read(Path file, int values) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Feature cache entry {} unreadable, recomputing", file, e);
            repaired.increment();
            return null;
        }
        int payload = values * 4;
        if (bytes.length != payload + CHECKSUM_BYTES) {
            LOG.debug("Feature cache entry {} has {} bytes, expected {}; recomputing", file, bytes.length,
                    payload + CHECKSUM_BYTES);
            repaired.increment();
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getLong(payload) != ContentHash.checksum(bytes, 0, payload)) {
            LOG.debug("Feature cache entry {} fails its checksum; recomputing", file);
            repaired.increment();
            return null;
        }
        float[] out = new float[values];
        buf.asFloatBuffer().get(out);
        return out;
    }

    private void write(Path file, float[] features) {
        int payload = features.length * 4;
        ByteBuffer buf = ByteBuffer.allocate(payload + CHECKSUM_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(features);
        buf.putLong(payload, ContentHash.checksum(buf.array(), 0, payload));
        try {
            try {
                writeAtomically(file, buf.array());
            } catch (NoSuchFileException e) {
                // Someone removed the cache directory while we ran: forget what we knew and make it again.
                madeDirs.remove(file.getParent());
                writeAtomically(file, buf.array());
            }
        } catch (IOException | RuntimeException e) {
            writeFailures.increment();
            if (writeWarningLogged.compareAndSet(false, true)) {
                LOG.warn("Cannot write to the feature cache {}; features will be recomputed next time ({})",
                        directory, e.toString());
            }
        }
    }

    private void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.getParent();
        if (!madeDirs.contains(dir)) {
            Files.createDirectories(dir);
            madeDirs.add(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            // No fsync: losing an entry in a crash only costs a recompute, and a torn file fails the checksum.
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);   // only still there if something failed
        }
    }
}
