package io.kwsstudio.dataset;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import io.kwsstudio.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {
    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        root = Fixtures.smallDataset(tmp.resolve("ds"));
    }

    private static Clip clip(Dataset ds, String rel) {
        return ds.clip(rel).orElseThrow(() -> new AssertionError("no clip " + rel));
    }

    @Test
    void indexesLabelsClipsNoiseAndSplits() throws IOException {
        Files.writeString(root.resolve("yes/README.txt"), "not audio");
        Files.createDirectories(root.resolve(".hidden"));
        Dataset ds = Dataset.open(root);
        assertThat(ds.labels()).containsExactly("no", "yes");
        assertThat(ds.clipCount()).isEqualTo(5);
        assertThat(ds.clips("yes")).hasSize(3);
        assertThat(ds.noiseFiles()).hasSize(1);
        assertThat(ds.skippedNonWav()).isEqualTo(1);
        assertThat(clip(ds, "yes/1b4c9b89_nohash_0.wav").split()).isEqualTo(Split.TESTING);
        assertThat(clip(ds, "yes/5eb561a4_nohash_0.wav").split()).isEqualTo(Split.VALIDATION);
        assertThat(clip(ds, "yes/0a7c2a8d_nohash_0.wav").split()).isEqualTo(Split.TRAINING);
    }

    @Test
    void listFilesOverrideTheHash() throws IOException {
        Files.writeString(root.resolve(Dataset.VALIDATION_LIST), "yes/0a7c2a8d_nohash_0.wav\n");
        Files.writeString(root.resolve(Dataset.TESTING_LIST), "no/3cfc6b3a_nohash_0.wav\n");
        Dataset ds = Dataset.open(root);
        assertThat(ds.hasListFiles()).isTrue();
        assertThat(clip(ds, "yes/0a7c2a8d_nohash_0.wav").split()).isEqualTo(Split.VALIDATION);
        assertThat(clip(ds, "no/3cfc6b3a_nohash_0.wav").split()).isEqualTo(Split.TESTING);
        assertThat(clip(ds, "yes/1b4c9b89_nohash_0.wav").split()).isEqualTo(Split.TRAINING);
    }

    @Test
    void badFoldersGiveClearMessages() throws IOException {
        assertThatThrownBy(() -> Dataset.open(tmp.resolve("missing")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("missing").hasMessageContaining("does not exist");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThatThrownBy(() -> Dataset.open(file)).hasMessageContaining("file.txt").hasMessageContaining("not a dataset folder");
    }

    @Test
    void aDirectoryNamedLikeAClipIsReportedNotIndexed() throws IOException {
        Files.createDirectories(root.resolve("yes/odd.wav"));
        Dataset ds = Dataset.open(root);
        assertThat(ds.clips("yes")).hasSize(3);
        assertThat(ds.scanProblems()).anySatisfy(p -> assertThat(p).contains("odd.wav").contains("is a folder"));
    }

    @Test
    void openingCanBeCancelled() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> Dataset.open(root, ProgressListener.NONE, token)).isInstanceOf(CancellationException.class);
    }

    @Test
    void relabelMovesFilesAndUndoRedoWork() throws IOException {
        Dataset ds = Dataset.open(root);
        List<DatasetChange> changes = new ArrayList<>();
        ds.addListener(changes::add);
        Clip c = clip(ds, "yes/0a7c2a8d_nohash_0.wav");
        Edit edit = ds.relabel(List.of(c), "no");
        assertThat(edit.description()).isEqualTo("Relabel 1 clip to no");
        assertThat(root.resolve("no/0a7c2a8d_nohash_0.wav")).exists();
        assertThat(root.resolve("yes/0a7c2a8d_nohash_0.wav")).doesNotExist();
        assertThat(ds.clips("no")).hasSize(3);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).removed()).extracting(Clip::relativePath).containsExactly("yes/0a7c2a8d_nohash_0.wav");
        assertThat(changes.get(0).added()).extracting(Clip::relativePath).containsExactly("no/0a7c2a8d_nohash_0.wav");

        assertThat(ds.undo()).contains("Relabel 1 clip to no");
        assertThat(root.resolve("yes/0a7c2a8d_nohash_0.wav")).exists();
        assertThat(root.resolve("no/0a7c2a8d_nohash_0.wav")).doesNotExist();
        assertThat(ds.clips("yes")).hasSize(3);

        assertThat(ds.redo()).contains("Relabel 1 clip to no");
        assertThat(root.resolve("no/0a7c2a8d_nohash_0.wav")).exists();
        assertThat(ds.history().canRedo()).isFalse();
    }

    @Test
    void relabelToANewLabelCreatesItAndKeepsNamesUnique() throws IOException {
        Fixtures.writeTone(root.resolve("no/0a7c2a8d_nohash_0.wav"), 1, 100);
        Dataset ds = Dataset.open(root);
        ds.relabel(List.of(clip(ds, "yes/0a7c2a8d_nohash_0.wav")), "no");
        // the name was taken in "no", so the speaker's clip number counts up
        assertThat(root.resolve("no/0a7c2a8d_nohash_1.wav")).exists();
        ds.relabel(List.of(clip(ds, "yes/1b4c9b89_nohash_0.wav")), "maybe");
        assertThat(ds.labels()).contains("maybe");
        assertThat(root.resolve("maybe/1b4c9b89_nohash_0.wav")).exists();
        ds.undo();
        ds.undo();
        assertThat(root.resolve("yes/0a7c2a8d_nohash_0.wav")).exists();
        assertThat(root.resolve("no/0a7c2a8d_nohash_0.wav")).exists(); // the other file never touched
        assertThat(ds.clips("yes")).hasSize(3);
    }

    @Test
    void renameAndItsUndo() throws IOException {
        Dataset ds = Dataset.open(root);
        ds.rename(clip(ds, "yes/0a7c2a8d_nohash_0.wav"), "alice_nohash_0");
        assertThat(root.resolve("yes/alice_nohash_0.wav")).exists();
        assertThatThrownBy(() -> ds.rename(clip(ds, "yes/alice_nohash_0.wav"), "1b4c9b89_nohash_0.wav"))
                .hasMessageContaining("already exists");
        assertThat(root.resolve("yes/alice_nohash_0.wav")).exists();
        ds.undo();
        assertThat(root.resolve("yes/0a7c2a8d_nohash_0.wav")).exists();
        assertThat(root.resolve("yes/alice_nohash_0.wav")).doesNotExist();
    }

    @Test
    void deleteGoesToTrashAndCanBeUndoneOrRestored() throws IOException {
        Dataset ds = Dataset.open(root);
        byte[] before = Files.readAllBytes(root.resolve("yes/0a7c2a8d_nohash_0.wav"));
        ds.delete(List.of(clip(ds, "yes/0a7c2a8d_nohash_0.wav"), clip(ds, "no/3cfc6b3a_nohash_0.wav")));
        assertThat(ds.clipCount()).isEqualTo(3);
        List<TrashEntry> trash = ds.trash();
        assertThat(trash).extracting(TrashEntry::originalPath)
                .containsExactlyInAnyOrder("yes/0a7c2a8d_nohash_0.wav", "no/3cfc6b3a_nohash_0.wav");
        ds.undo();
        assertThat(ds.clipCount()).isEqualTo(5);
        assertThat(Files.readAllBytes(root.resolve("yes/0a7c2a8d_nohash_0.wav"))).isEqualTo(before);
        assertThat(ds.trash()).isEmpty();
        assertThat(root.resolve(Dataset.TRASH_FOLDER)).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());

        ds.redo();
        assertThat(ds.clipCount()).isEqualTo(3);
        TrashEntry one = ds.trash().stream().filter(t -> t.originalPath().startsWith("no/")).findFirst().orElseThrow();
        ds.restore(List.of(one));
        assertThat(root.resolve("no/3cfc6b3a_nohash_0.wav")).exists();
        assertThat(ds.trash()).hasSize(1);
    }

    @Test
    void labelsCanBeCreatedRenamedDeletedAndRestored() throws IOException {
        Dataset ds = Dataset.open(root);
        ds.createLabel("stop");
        assertThat(ds.labels()).contains("stop");
        assertThatThrownBy(() -> ds.createLabel("stop")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> ds.createLabel(".hidden")).hasMessageContaining("dot");
        assertThatThrownBy(() -> ds.createLabel("_background_noise_")).hasMessageContaining("noise");
        assertThatThrownBy(() -> ds.createLabel("a/b")).hasMessageContaining("letters");
        ds.undo();
        assertThat(ds.labels()).doesNotContain("stop");

        ds.renameLabel("yes", "yeah");
        assertThat(ds.labels()).containsExactly("no", "yeah");
        assertThat(ds.clips("yeah")).hasSize(3);
        ds.undo();
        assertThat(ds.labels()).containsExactly("no", "yes");

        ds.deleteLabel("no");
        assertThat(ds.labels()).containsExactly("yes");
        assertThat(ds.trash()).singleElement().satisfies(t -> {
            assertThat(t.folder()).isTrue();
            assertThat(t.originalPath()).isEqualTo("no");
        });
        ds.restore(ds.trash());
        assertThat(ds.clips("no")).hasSize(2);
    }

    @Test
    void listFilesFollowRelabelledClips() throws IOException {
        Files.writeString(root.resolve(Dataset.VALIDATION_LIST), "yes/0a7c2a8d_nohash_0.wav\n");
        Files.writeString(root.resolve(Dataset.TESTING_LIST), "no/3cfc6b3a_nohash_0.wav\n");
        Dataset ds = Dataset.open(root);
        ds.relabel(List.of(clip(ds, "yes/0a7c2a8d_nohash_0.wav")), "no");
        assertThat(Files.readString(root.resolve(Dataset.VALIDATION_LIST))).isEqualTo("no/0a7c2a8d_nohash_0.wav\n");
        assertThat(clip(ds, "no/0a7c2a8d_nohash_0.wav").split()).isEqualTo(Split.VALIDATION);
        ds.renameLabel("no", "nope");
        assertThat(Files.readAllLines(root.resolve(Dataset.TESTING_LIST))).containsExactly("nope/3cfc6b3a_nohash_0.wav");
        ds.undo();
        ds.undo();
        assertThat(Files.readString(root.resolve(Dataset.VALIDATION_LIST))).isEqualTo("yes/0a7c2a8d_nohash_0.wav\n");
    }

    @Test
    void aFailedMoveRollsBackTheOthers() throws IOException {
        Dataset ds = Dataset.open(root);
        Clip a = clip(ds, "yes/0a7c2a8d_nohash_0.wav");
        Clip b = clip(ds, "yes/1b4c9b89_nohash_0.wav");
        ds.relabel(List.of(a, b), "no");
        ds.undo();
        // someone creates a file where the redo wants to put the second clip
        Fixtures.writeTone(root.resolve("no/1b4c9b89_nohash_0.wav"), 1, 120);
        assertThatThrownBy(ds::redo).hasMessageContaining("1b4c9b89_nohash_0.wav").hasMessageContaining("already exists");
        assertThat(root.resolve("yes/0a7c2a8d_nohash_0.wav")).exists();
        assertThat(root.resolve("yes/1b4c9b89_nohash_0.wav")).exists();
        assertThat(root.resolve("no/0a7c2a8d_nohash_0.wav")).doesNotExist();
        assertThat(ds.history().canRedo()).isTrue();
    }

    @Test
    void importConvertsReportsBadFilesAndUndoes() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("incoming"));
        float[] stereoish = Fixtures.tone(0.8, 1000, 44100, 0.4f).samples();
        WavWriter.writePcm16(src.resolve("my take.wav"), new AudioClip(stereoish, 44100));
        Fixtures.writeTone(src.resolve("sub/0a7c2a8d_nohash_0.wav"), 1, 500);
        Files.writeString(src.resolve("broken.wav"), "this is not audio", StandardCharsets.UTF_8);
        Files.writeString(src.resolve("notes.txt"), "skip me");
        Dataset ds = Dataset.open(root);

        ImportResult r = ds.importFiles(List.of(src), "yes", ProgressListener.NONE, CancellationToken.NONE);
        assertThat(r.imported()).extracting(Clip::fileName).containsExactlyInAnyOrder("my_take.wav", "0a7c2a8d_nohash_1.wav");
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f).contains("broken.wav"));
        assertThat(r.skippedNonWav()).isEqualTo(1);
        AudioClip converted = WavReader.read(root.resolve("yes/my_take.wav"));
        assertThat(converted.sampleRate()).isEqualTo(16000);
        assertThat(converted.frames()).isEqualTo(12800);
        assertThat(ds.clips("yes")).hasSize(5);

        ds.undo();
        assertThat(ds.clips("yes")).hasSize(3);
        assertThat(ds.trash()).hasSize(2); // undone imports wait in the trash, not deleted
        ds.redo();
        assertThat(ds.clips("yes")).hasSize(5);
    }

    @Test
    void cancelledImportKeepsWhatWasWrittenAsOneEdit() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 5; i++) {
            Fixtures.writeTone(src.resolve("c" + i + ".wav"), 0.2, 300 + i);
        }
        Dataset ds = Dataset.open(root);
        CancellationToken token = new CancellationToken();
        ImportResult r = ds.importFiles(List.of(src), "new", (done, total, m) -> {
            if (done == 2) {
                token.cancel();
            }
        }, token);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.imported()).hasSize(2);
        assertThat(ds.clips("new")).hasSize(2);
        ds.undo();
        assertThat(ds.clips("new")).isEmpty();
    }

    @Test
    void statsCountLabelsSplitsAndProblems() throws IOException {
        Files.writeString(root.resolve("no/zz_bad.wav"), "garbage");
        Dataset ds = Dataset.open(root);
        DatasetStats s = DatasetStats.compute(ds, new ClipDetailsStore(ds));
        assertThat(s.totalClips()).isEqualTo(6);
        assertThat(s.labels().get("yes").clips()).isEqualTo(3);
        assertThat(s.labels().get("yes").seconds()).isEqualTo(3.0);
        assertThat(s.labels().get("yes").perSplit()).containsEntry(Split.TESTING, 1).containsEntry(Split.VALIDATION, 1);
        assertThat(s.labels().get("yes").share()).isEqualTo(0.5);
        assertThat(s.unreadable()).singleElement().satisfies(l -> assertThat(l).startsWith("no/zz_bad.wav"));
        assertThat(s.wrongLength()).singleElement().satisfies(l -> assertThat(l).contains("no/bd76a7fd_nohash_0.wav").contains("0.500"));
        assertThat(s.noiseFiles()).isEqualTo(1);
        assertThat(s.noiseSeconds()).isEqualTo(3.0);
    }

    @Test
    void clipDetailsAreCachedAndRefreshedWhenAFileChanges() throws IOException {
        Dataset ds = Dataset.open(root);
        ClipDetailsStore store = new ClipDetailsStore(ds);
        store.fill(ds.clips(), true, ProgressListener.NONE, CancellationToken.NONE);
        store.save();
        assertThat(root.resolve(".kws-studio/clip-details.tsv")).exists();
        Dataset again = Dataset.open(root);
        ClipDetailsStore loaded = new ClipDetailsStore(again).load();
        Clip yes = clip(again, "yes/0a7c2a8d_nohash_0.wav");
        assertThat(loaded.get(yes)).hasValueSatisfying(d -> {
            assertThat(d.frames()).isEqualTo(16000);
            assertThat(d.peak()).isBetween(0.49f, 0.51f);
        });
        Fixtures.writeTone(root.resolve("yes/0a7c2a8d_nohash_0.wav"), 0.25, 440);
        Dataset changed = Dataset.open(root);
        assertThat(new ClipDetailsStore(changed).load().get(clip(changed, "yes/0a7c2a8d_nohash_0.wav"))).isEmpty();
    }

    @Test
    void replacingAudioIsOneUndoableEditThatKeepsTheOriginals() throws IOException {
        Dataset ds = Dataset.open(root);
        Clip a = clip(ds, "yes/0a7c2a8d_nohash_0.wav");
        Clip b = clip(ds, "no/3cfc6b3a_nohash_0.wav");
        byte[] originalA = Files.readAllBytes(ds.path(a));
        java.util.Map<Clip, AudioClip> repl = new java.util.LinkedHashMap<>();
        repl.put(a, Fixtures.tone(0.25, 1000, 16000, 0.2f));
        repl.put(b, Fixtures.tone(0.25, 1000, 16000, 0.2f));
        ds.replaceAudio(repl, "Align 2 clips");
        assertThat(WavReader.read(ds.path(a)).frames()).isEqualTo(4000);
        assertThat(ds.clipCount()).isEqualTo(5);
        assertThat(ds.trash()).hasSize(2);
        assertThat(ds.undo()).contains("Align 2 clips");
        assertThat(Files.readAllBytes(ds.path(a))).isEqualTo(originalA);
        assertThat(WavReader.read(ds.path(b)).frames()).isEqualTo(16000);
        ds.redo();
        assertThat(WavReader.read(ds.path(a)).frames()).isEqualTo(4000);
        assertThat(ds.clip("yes/0a7c2a8d_nohash_0.wav")).isPresent();
    }
}
