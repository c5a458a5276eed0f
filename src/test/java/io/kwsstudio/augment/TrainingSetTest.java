package io.kwsstudio.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingSetTest {

    @TempDir
    static Path root;
    static Dataset ds;

    /** yes 90, no 70 (wanted); cat 40, dog 35, bird 6 (unknown); plus a noise recording. */
    @BeforeAll
    static void writeDataset() throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("yes", 90);
        counts.put("no", 70);
        counts.put("cat", 40);
        counts.put("dog", 35);
        counts.put("bird", 6);
        Random rnd = new Random(1);
        AudioClip tiny = new AudioClip(new float[16], 16000);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                String name = String.format("%08x_nohash_0.wav", rnd.nextInt());
                Path f = root.resolve(e.getKey()).resolve(name);
                Files.createDirectories(f.getParent());
                WavWriter.writePcm16(f, tiny);
            }
        }
        Files.createDirectories(root.resolve(Dataset.BACKGROUND_NOISE));
        WavWriter.writePcm16(root.resolve(Dataset.BACKGROUND_NOISE).resolve("white.wav"),
                new AudioClip(Signals.noise(16000, 0.3, 1), 16000));
        ds = Dataset.open(root);
    }

    private static AugmentConfig words(String... w) {
        return AugmentConfig.defaults().withWantedWords(List.of(w));
    }

    @Test
    void shareIsTheReferencesCeiling() {
        assertThat(TrainingSet.share(30, 10)).isEqualTo(3);
        assertThat(TrainingSet.share(31, 10)).isEqualTo(4);
        assertThat(TrainingSet.share(1, 10)).isEqualTo(1);
        assertThat(TrainingSet.share(0, 10)).isZero();
        assertThat(TrainingSet.share(7, 33.3)).isEqualTo(3);
        assertThat(TrainingSet.share(50, 0)).isZero();
        assertThat(TrainingSet.share(20, 250)).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource({"10, 10", "25, 7.5", "33.3, 50", "0, 0"})
    void silenceAndUnknownPerSplitAreCeilOfTheWantedCountTimesThePercentage(double silencePct, double unknownPct) {
        AugmentConfig cfg = words("yes", "no").withSilencePercentage(silencePct).withUnknownPercentage(unknownPct);

        TrainingSet set = TrainingSet.build(ds, cfg);

        for (Split s : Split.values()) {
            int n = (int) ds.clips().stream().filter(c -> c.split() == s && Set.of("yes", "no").contains(c.label())).count();
            int pool = (int) ds.clips().stream().filter(c -> c.split() == s && !Set.of("yes", "no").contains(c.label())).count();
            assertThat(n).as("the fixture has wanted clips in %s", s).isPositive();
            Map<String, Integer> counts = set.countsPerClass(s);
            assertThat(counts.get("_silence_")).as("silence in %s", s).isEqualTo((int) Math.ceil(n * silencePct / 100));
            assertThat(counts.get("_unknown_")).as("unknown in %s", s)
                    .isEqualTo(Math.min((int) Math.ceil(n * unknownPct / 100), pool));
            assertThat(counts.get("yes") + counts.get("no")).isEqualTo(n);
            assertThat(set.items(s)).hasSize(counts.values().stream().mapToInt(Integer::intValue).sum());
            assertThat(set.unknownAvailable(s)).isEqualTo(pool);
        }
    }

    @Test
    void everyWantedClipIsOneItemOfItsClassAndUnknownsComeFromOtherFoldersOfTheSameSplit() {
        AugmentConfig cfg = words("no", "yes").withUnknownPercentage(30);
        TrainingSet set = TrainingSet.build(ds, cfg);
        assertThat(set.classNames()).containsExactly("_silence_", "_unknown_", "no", "yes");

        Set<Clip> seen = new HashSet<>();
        for (Split s : Split.values()) {
            for (TrainingSet.Item it : set.items(s)) {
                if (it.isSilence()) {
                    assertThat(it.classIndex()).isZero();
                    continue;
                }
                assertThat(it.clip().split()).isEqualTo(s);
                assertThat(seen.add(it.clip())).as("no clip is used twice").isTrue();
                switch (it.clip().label()) {
                    case "no" -> assertThat(it.classIndex()).isEqualTo(2);
                    case "yes" -> assertThat(it.classIndex()).isEqualTo(3);
                    default -> {
                        assertThat(it.classIndex()).isEqualTo(TrainingSet.UNKNOWN_INDEX);
                        assertThat(it.clip().label()).isIn("cat", "dog", "bird");
                    }
                }
            }
        }
        Set<Clip> wanted = ds.clips().stream().filter(c -> c.label().equals("yes") || c.label().equals("no"))
                .collect(Collectors.toSet());
        assertThat(seen).containsAll(wanted);
    }

    @Test
    void theSameSeedPicksTheSameItemsInTheSameOrderWhateverTheClipOrder() {
        AugmentConfig cfg = words("yes", "no").withUnknownPercentage(20);
        List<Clip> reversed = new ArrayList<>(ds.clips());
        Collections.reverse(reversed);

        TrainingSet a = TrainingSet.build(ds, cfg);
        TrainingSet b = TrainingSet.of(reversed, cfg);
        TrainingSet c = TrainingSet.build(ds, cfg.withSeed(cfg.seed() + 1));

        for (Split s : Split.values()) {
            assertThat(b.items(s)).isEqualTo(a.items(s));
        }
        assertThat(unknowns(c, Split.TRAINING)).isNotEqualTo(unknowns(a, Split.TRAINING));
        assertThat(c.countsPerClass(Split.TRAINING)).isEqualTo(a.countsPerClass(Split.TRAINING));
    }

    @Test
    void theUnknownsAreTheFirstOfASeededShuffleSoMoreOfThemExtendTheSameChoice() {
        // As with the reference's random.shuffle(...)[:n]: a larger share keeps the smaller share's picks.
        Set<Clip> few = new HashSet<>(unknowns(TrainingSet.build(ds, words("yes", "no").withUnknownPercentage(10)), Split.TRAINING));
        Set<Clip> more = new HashSet<>(unknowns(TrainingSet.build(ds, words("yes", "no").withUnknownPercentage(40)), Split.TRAINING));
        assertThat(more).containsAll(few).hasSizeGreaterThan(few.size());
    }

    private static List<Clip> unknowns(TrainingSet set, Split s) {
        return set.items(s).stream().filter(i -> i.classIndex() == TrainingSet.UNKNOWN_INDEX).map(TrainingSet.Item::clip).toList();
    }

    @Test
    void whenTooFewOtherClipsExistAllOfThemAreUsed() {
        TrainingSet set = TrainingSet.build(ds, words("yes", "no").withUnknownPercentage(500));
        for (Split s : Split.values()) {
            assertThat(set.countsPerClass(s).get("_unknown_")).isEqualTo(set.unknownAvailable(s));
        }
        int total = 0;
        for (Split s : Split.values()) {
            total += set.unknownAvailable(s);
        }
        assertThat(total).isEqualTo(40 + 35 + 6);
    }

    @Test
    void wantedWordsWithoutClipsAreEmptyClassesAndReported() {
        TrainingSet set = TrainingSet.build(ds, AugmentConfig.defaults());

        assertThat(set.missingWords()).containsExactly("up", "down", "left", "right", "on", "off", "stop", "go");
        assertThat(set.classNames()).hasSize(12);
        assertThat(set.countsPerClass(Split.TRAINING).get("stop")).isZero();
        assertThat(set.countsPerClass(Split.TRAINING).keySet()).containsExactlyElementsOf(set.classNames());
        assertThat(TrainingSet.build(ds, words("yes", "no")).missingWords()).isEmpty();
    }

    @Test
    void backgroundNoiseIsNeverAClassAndLabelsMatchRegardlessOfCase() {
        List<Clip> clips = List.of(
                new Clip("Yes", "a_nohash_0.wav", 44, 0, Split.TRAINING),
                new Clip("yes", "b_nohash_0.wav", 44, 0, Split.TRAINING),
                new Clip(Dataset.BACKGROUND_NOISE, "white.wav", 44, 0, Split.TRAINING),
                new Clip("other", "c_nohash_0.wav", 44, 0, Split.TRAINING));

        TrainingSet set = TrainingSet.of(clips, words("yes").withUnknownPercentage(100));

        assertThat(set.countsPerClass(Split.TRAINING)).containsExactly(
                Map.entry("_silence_", 1), Map.entry("_unknown_", 1), Map.entry("yes", 2));
        assertThat(set.items(Split.TRAINING)).noneMatch(i -> !i.isSilence() && i.clip().label().equals(Dataset.BACKGROUND_NOISE));
        assertThat(TrainingSet.build(ds, words("yes")).classNames()).doesNotContain(Dataset.BACKGROUND_NOISE);
    }

    @Test
    void classNamesAreSilenceUnknownThenTheWords() {
        assertThat(TrainingSet.classNames(words("marvin", "sheila"))).containsExactly("_silence_", "_unknown_", "marvin", "sheila");
    }

    @Test
    void itemsCheckTheirShape() {
        Clip c = new Clip("yes", "a.wav", 44, 0, Split.TRAINING);
        assertThat(new TrainingSet.Item(null, 0).isSilence()).isTrue();
        assertThatThrownBy(() -> new TrainingSet.Item(null, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrainingSet.Item(c, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrainingSet.Item(c, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
