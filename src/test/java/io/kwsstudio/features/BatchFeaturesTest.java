package io.kwsstudio.features;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchFeaturesTest {
    private static List<float[]> clips(int n) {
        List<float[]> clips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Mixed lengths, including shorter and longer than a clip, to exercise padding in every worker.
            clips.add(ReferenceFeatures.speechLike(9000 + 397 * i, 16000, i));
        }
        return clips;
    }

    @Test
    void twoThreadsGiveExactlyTheSingleThreadedResult() {
        for (FeatureConfig cfg : List.of(FeatureConfig.defaults(), FeatureConfig.defaults().withKind(FeatureKind.AVERAGE))) {
            List<float[]> clips = clips(53);
            float[] one = BatchFeatures.extract(cfg, clips, 1);
            float[] two = BatchFeatures.extract(cfg, clips, 2);
            float[] many = BatchFeatures.extract(cfg, clips, 7);
            assertThat(two).isEqualTo(one);
            assertThat(many).isEqualTo(one);
            FeatureExtractor fx = new FeatureExtractor(cfg);
            int per = cfg.valuesPerClip();
            for (int i = 0; i < clips.size(); i++) {
                assertThat(Arrays.copyOfRange(two, i * per, (i + 1) * per)).isEqualTo(fx.extract(clips.get(i)));
            }
        }
    }

    @Test
    void rejectsATooSmallBufferAndPassesWorkerFailuresOn() {
        FeatureConfig cfg = FeatureConfig.defaults();
        List<float[]> clips = clips(40);
        assertThatThrownBy(() -> BatchFeatures.extract(cfg, clips, new float[cfg.valuesPerClip() * 39], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds");
        List<float[]> withNull = new ArrayList<>(clips);
        withNull.set(33, null);
        assertThatThrownBy(() -> BatchFeatures.extract(cfg, withNull, 2)).isInstanceOf(NullPointerException.class);
        assertThat(BatchFeatures.extract(cfg, List.of(), 4)).isEmpty();
    }

    @Test
    void extractIntoABufferAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FeatureConfig cfg = FeatureConfig.defaults();
        FeatureExtractor fx = new FeatureExtractor(cfg);
        float[] audio = ReferenceFeatures.speechLike(16000, 16000, 2);
        float[] out = new float[cfg.valuesPerClip()];
        for (int i = 0; i < 300; i++) {
            fx.extract(audio, out, 0);   // warm up, so class loading and profiling are done
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 200; i++) {
            fx.extract(audio, out, 0);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // One features array would be 15.7 KB; 200 calls allocating anything per call would show far above this.
        assertThat(allocated).isLessThan(2048);
    }
}
