package io.kwsstudio.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureCacheTest {
    @TempDir
    Path dir;

    private static float[] noise(long seed) {
        Random rnd = new Random(seed);
        float[] a = new float[16000];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        return a;
    }

    @Test
    void hitsAfterTheFirstComputeAndMissesWhenAudioOrConfigChange() throws Exception {
        FeatureCache cache = new FeatureCache(dir);
        FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults());
        float[] audio = noise(1);
        float[] first = cache.get(fx, audio);
        assertThat(cache.stats()).isEqualTo(new FeatureCache.Stats(0, 1));
        assertThat(new FeatureCache(dir).get(fx, audio)).containsExactly(first);

        FeatureCache again = new FeatureCache(dir);
        again.get(fx, audio);
        assertThat(again.stats().hits()).isEqualTo(1);

        float[] changed = audio.clone();
        changed[100] += 0.01f;
        again.get(fx, changed);
        assertThat(again.stats().misses()).isEqualTo(1);

        FeatureExtractor other = new FeatureExtractor(FeatureConfig.defaults().withWindowStrideMs(20));
        float[] f = again.get(other, audio);
        assertThat(again.stats().misses()).isEqualTo(2);
        assertThat(f).hasSize(other.config().size());
    }

    @Test
    void aDamagedFileIsRecomputed() throws Exception {
        FeatureCache cache = new FeatureCache(dir);
        FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults());
        float[] audio = noise(2);
        float[] good = cache.get(fx, audio);
        Path file = cache.fileFor(fx.config(), FeatureCache.contentKey(audio));
        Files.write(file, new byte[] {1, 2, 3});
        FeatureCache fresh = new FeatureCache(dir);
        assertThat(fresh.get(fx, audio)).containsExactly(good);
        assertThat(fresh.stats().misses()).isEqualTo(1);
        assertThat(Files.size(file)).isEqualTo(good.length * 4L);
    }

    @Test
    void npyHeaderIsValid() {
        byte[] npy = NpyWriter.encode(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        int headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        String header = new String(npy, 10, headerLen, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat((10 + headerLen) % 64).isZero();
        assertThat(npy).hasSize(10 + headerLen + 24);
        assertThat(java.nio.ByteBuffer.wrap(npy, 10 + headerLen, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat()).isEqualTo(1f);
    }
}
