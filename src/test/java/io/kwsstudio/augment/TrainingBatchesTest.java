package io.kwsstudio.augment;

import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingBatchesTest {
    @TempDir
    static Path tmp;
    static Dataset ds;
    static AugmentConfig cfg;
    static NoiseBank noise;
    static final FeatureConfig FEATURES = FeatureConfig.defaults();

    @BeforeAll
    static void dataset() throws Exception {
        Random rnd = new Random(3);
        Path root = tmp.resolve("ds");
        String[] words = {"yes", "no", "cat"};
        for (int w = 0; w < words.length; w++) {
            for (int i = 0; i < 25; i++) {
                Fixtures.writeTone(root.resolve(words[w]).resolve(String.format(Locale.ROOT, "%08x_nohash_0.wav", rnd.nextInt())),
                        0.6 + 0.4 * rnd.nextDouble(), 200 + 150 * w);
            }
        }
        Fixtures.writeTone(root.resolve("_background_noise_/hum.wav"), 3, 60);
        ds = Dataset.open(root);
        cfg = AugmentConfig.defaults().withWantedWords(List.of("yes", "no")).withSeed(42);
        noise = NoiseBank.load(ds.noiseFiles(), 16000);
    }

    private static TrainingBatches pipeline(int threads) {
        return new TrainingBatches(ds, TrainingSet.build(ds, cfg), FEATURES, cfg, noise, 16, threads, 64L << 20);
    }

    @Test
    void batchesHaveTheRightShapeAndAreReproducibleAcrossThreadCounts() throws Exception {
        try (TrainingBatches one = pipeline(1); TrainingBatches two = pipeline(2)) {
            for (int k = 0; k < 3; k++) {
                TrainingBatches.Batch a = one.next();
                TrainingBatches.Batch b = two.next();
                assertThat(a.size()).isEqualTo(16);
                assertThat(a.features()).hasSize(16 * 98 * 40);
                assertThat(java.util.Arrays.stream(a.labels()).boxed().toList()).allSatisfy(l -> assertThat(l).isBetween(0, 3));
                assertThat(b.labels()).containsExactly(a.labels());
                assertThat(b.features()).containsExactly(a.features());
                for (float v : a.features()) {
                    assertThat(v).isFinite();
                }
            }
            assertThat(one.classNames()).containsExactly("_silence_", "_unknown_", "yes", "no");
            assertThat(one.unreadable()).isEmpty();
        }
    }

    @Test
    void aDifferentSeedGivesDifferentBatches() throws Exception {
        AugmentConfig other = cfg.withSeed(7);
        try (TrainingBatches a = pipeline(1);
             TrainingBatches b = new TrainingBatches(ds, TrainingSet.build(ds, other), FEATURES, other, noise, 16, 1, 1 << 20)) {
            assertThat(b.next().features()).isNotEqualTo(a.next().features());
        }
    }

    @Test
    void validationIsComputedOnceUnaugmentedAndCached() throws Exception {
        try (TrainingBatches p = pipeline(2)) {
            TrainingBatches.Batch v = p.fixedSet(Split.VALIDATION);
            TrainingSet set = TrainingSet.build(ds, cfg);
            assertThat(v.size()).isEqualTo(set.items(Split.VALIDATION).size()).isPositive();
            assertThat(p.fixedSet(Split.VALIDATION)).isSameAs(v);
            try (TrainingBatches q = pipeline(1)) {
                assertThat(q.fixedSet(Split.VALIDATION).features()).containsExactly(v.features());
            }
        }
    }

    @Test
    void theAudioCacheStaysWithinItsBudget() throws Exception {
        try (TrainingBatches p = new TrainingBatches(ds, TrainingSet.build(ds, cfg), FEATURES, cfg, noise, 16, 1, 100_000)) {
            for (int i = 0; i < 5; i++) {
                p.next();
            }
            assertThat(p.cachedBytes()).isLessThanOrEqualTo(100_000);
        }
    }

    @Test
    void theDl4jIteratorGivesNchwFeaturesAndOneHotLabels() {
        try (TrainingBatches p = pipeline(1)) {
            KwsDataSetIterator it = new KwsDataSetIterator(p, 40, 16);
            int n = 0;
            while (it.hasNext()) {
                DataSet d = it.next();
                assertThat(d.getFeatures().shape()).containsExactly(16, 1, 98, 40);
                assertThat(d.getLabels().shape()).containsExactly(16, 4);
                assertThat(d.getLabels().sum(1).toFloatVector()).containsOnly(1f);
                n++;
            }
            assertThat(n).isEqualTo(3);
            it.reset();
            assertThat(it.hasNext()).isTrue();
            assertThat(it.getLabels()).hasSize(4);
        }
    }
}
