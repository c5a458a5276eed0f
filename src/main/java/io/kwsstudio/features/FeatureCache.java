package io.kwsstudio.features;

import io.kwsstudio.files.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feature arrays on disk, keyed by the clip's audio content and the {@link FeatureConfig}, so re-opening
 * a dataset or training again does not recompute them; changing a clip or any setting misses. Files
 * are {@code dir/<config fingerprint>/<2 hex>/<content hash>.f32} (little-endian float32), written
 * atomically; a damaged or short file is recomputed and replaced. Safe to use from several threads.
 */
public final class FeatureCache {
    private final Path dir;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** Hit and miss counts since this cache was created. */
    public record Stats(long hits, long misses) {
    }

    public FeatureCache(Path dir) {
        this.dir = dir;
    }

    /** The clip's features: from disk if computed before with the same settings, else computed and stored. */
    public float[] get(FeatureExtractor extractor, float[] audio) {
        FeatureConfig cfg = extractor.config();
        Path file = fileFor(cfg, contentKey(audio));
        float[] cached = read(file, cfg.size());
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        misses.incrementAndGet();
        float[] f = extractor.extract(audio);
        write(file, f);
        return f;
    }

    public Stats stats() {
        return new Stats(hits.get(), misses.get());
    }

    Path fileFor(FeatureConfig cfg, String key) {
        return dir.resolve(cfg.fingerprint()).resolve(key.substring(0, 2)).resolve(key + ".f32");
    }

    private static float[] read(Path file, int size) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != size * 4L) {
                return null;
            }
            float[] out = new float[size];
            ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, float[] f) {
        ByteBuffer buf = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(f);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, buf.array());
        } catch (IOException ignored) {
            // A cache that cannot be written (full disk, read-only) only costs recomputation.
        }
    }

    /** 128-bit hash of the samples (two independent 64-bit mixes) as 32 hex digits. */
    static String contentKey(float[] audio) {
        long h1 = 0x9E3779B97F4A7C15L ^ audio.length;
        long h2 = 0xC2B2AE3D27D4EB4FL + audio.length;
        for (float v : audio) {
            int bits = Float.floatToIntBits(v);
            h1 = Long.rotateLeft(h1 ^ bits, 27) * 0x9E3779B97F4A7C15L + 0x165667B19E3779F9L;
            h2 = Long.rotateLeft(h2 + bits * 0xC2B2AE3D27D4EB4FL, 31) * 0x85EBCA77C2B2AE63L;
        }
        h1 = mix(h1);
        h2 = mix(h2 ^ h1);
        return String.format("%016x%016x", h1, h2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
