package io.kwsstudio.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureCacheTest {
    @TempDir
    Path dir;

    private final FeatureConfig cfg = FeatureConfig.defaults();
    private final float[] audio = ReferenceFeatures.speechLike(16000, 16000, 21);

    @Test
    void secondLookupIsAHitWithIdenticalFeatures() {
        FeatureCache cache = new FeatureCache(dir);
        float[] first = cache.get(cfg, audio);
        assertThat(cache.stats()).isEqualTo(new FeatureCache.Stats(0, 1, 0, 0));
        float[] second = new FeatureCache(dir).get(cfg, audio);   // a new session reads what the last one wrote
        assertThat(second).isEqualTo(first).isEqualTo(new FeatureExtractor(cfg).extract(audio));
        FeatureCache again = new FeatureCache(dir);
        again.get(cfg, audio);
        assertThat(again.stats().hits()).isEqualTo(1);
        assertThat(again.stats().hitRate()).isEqualTo(1.0);
        Path file = cache.fileFor(cfg, FeatureCache.keyOf(audio));
        assertThat(file).exists().hasParent(dir.resolve(cfg.fingerprint()).resolve(file.getFileName().toString().substring(0, 2)));
        assertThat(file.getFileName().toString()).matches("[0-9a-f]{32}\\.f32");
    }

    @Test
    void changedAudioMisses() {
        FeatureCache cache = new FeatureCache(dir);
        float[] before = cache.get(cfg, audio);
        float[] changed = audio.clone();
        changed[8000] += 1e-6f;   // one sample, barely
        float[] after = cache.get(cfg, changed);
        assertThat(cache.stats().misses()).isEqualTo(2);
        assertThat(cache.stats().hits()).isZero();
        assertThat(FeatureCache.keyOf(changed)).isNotEqualTo(FeatureCache.keyOf(audio));
        assertThat(after).isNotEqualTo(before);
        assertThat(FeatureCache.keyOf(java.util.Arrays.copyOf(audio, 15999))).isNotEqualTo(FeatureCache.keyOf(audio));
    }

    @Test
    void changedSettingsMiss() {
        FeatureCache cache = new FeatureCache(dir);
        cache.get(cfg, audio);
        float[] logMel = cache.get(cfg.withKind(FeatureKind.LOG_MEL), audio);
        float[] otherWindow = cache.get(cfg.withWindowSizeMs(25), audio);
        assertThat(cache.stats().misses()).isEqualTo(3);
        assertThat(logMel).isEqualTo(new FeatureExtractor(cfg.withKind(FeatureKind.LOG_MEL)).extract(audio));
        assertThat(otherWindow).isEqualTo(new FeatureExtractor(cfg.withWindowSizeMs(25)).extract(audio));
        cache.get(cfg.withWindowSizeMs(25), audio);
        assertThat(cache.stats().hits()).isEqualTo(1);
    }

    @Test
    void damagedFilesAreRecomputedAndOverwritten() throws IOException {
        FeatureCache cache = new FeatureCache(dir);
        float[] good = cache.get(cfg, audio);
        Path file = cache.fileFor(cfg, FeatureCache.keyOf(audio));
        byte[] bytes = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));          // short
        assertThat(cache.get(cfg, audio)).isEqualTo(good);
        bytes[100] ^= 0x40;
        Files.write(file, bytes);                                                     // same length, flipped bit
        assertThat(cache.get(cfg, audio)).isEqualTo(good);
        Files.write(file, new byte[0]);                                               // empty
        assertThat(cache.get(cfg, audio)).isEqualTo(good);
        assertThat(cache.stats().repaired()).isEqualTo(3);
        assertThat(cache.stats().misses()).isEqualTo(4);
        // Repaired in place: the next lookup is a clean hit.
        assertThat(cache.get(cfg, audio)).isEqualTo(good);
        assertThat(cache.stats().hits()).isEqualTo(1);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void callerKeysSkipDecodingOnAHit() {
        FeatureCache cache = new FeatureCache(dir);
        byte[] wavBytes = "pretend these are the bytes of a WAV file".getBytes();
        String key = FeatureCache.keyOf(wavBytes);
        AtomicInteger decodes = new AtomicInteger();
        cache.get(cfg, key, () -> {
            decodes.incrementAndGet();
            return audio;
        });
        float[] hit = cache.get(cfg, key, () -> {
            decodes.incrementAndGet();
            return audio;
        });
        assertThat(decodes).hasValue(1);
        assertThat(hit).isEqualTo(new FeatureExtractor(cfg).extract(audio));
        assertThat(cache.contains(cfg, key)).isTrue();
        assertThatThrownBy(() -> cache.fileFor(cfg, "../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCacheDeletedWhileInUseIsRecreated() throws IOException {
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        cache.get(cfg, audio);
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        cache.get(cfg, audio);
        assertThat(cache.stats().writeFailures()).isZero();
        assertThat(cache.contains(cfg, FeatureCache.keyOf(audio))).isTrue();
    }

    @Test
    void unwritableCacheStillReturnsFeatures() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "a file where the cache directory should be");
        FeatureCache cache = new FeatureCache(blocker);
        assertThat(cache.get(cfg, audio)).isEqualTo(new FeatureExtractor(cfg).extract(audio));
        assertThat(cache.stats().writeFailures()).isEqualTo(1);
    }

    @Test
    void concurrentUseGivesCorrectFeatures() throws Exception {
        FeatureCache cache = new FeatureCache(dir);
        List<float[]> clips = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clips.add(ReferenceFeatures.speechLike(16000, 16000, 100 + i % 6));   // duplicates on purpose
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                try {
                    FeatureExtractor fx = new FeatureExtractor(cfg);
                    for (float[] c : clips) {
                        assertThat(cache.get(cfg, c)).isEqualTo(fx.extract(c));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
        assertThat(cache.stats().hits() + cache.stats().misses()).isEqualTo(36);
        assertThat(cache.stats().repaired()).isZero();
    }
}
