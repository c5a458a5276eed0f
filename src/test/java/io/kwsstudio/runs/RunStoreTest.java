package io.kwsstudio.runs;

import io.kwsstudio.train.ModelKind;
import io.kwsstudio.train.ModelSpec;
import io.kwsstudio.train.ModelZoo;
import io.kwsstudio.train.ModelSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStoreTest {
    private static final List<String> LABELS = List.of("_silence_", "_unknown_", "yes", "no", "up");
    private static final ModelSummary SUMMARY = ModelZoo.summarize(ModelSpec.defaults(ModelKind.TINY_CONV), 48, 20, 5);

    @Test
    void configRoundTripsAndOverlaysSections() {
        RunConfig c = ToneDataset.config(30).withDataset("/data/set", "12-abcdef").withAppVersion("KWS Studio 1.2");
        assertThat(RunConfig.fromJson(c.toJson())).isEqualTo(c);

        RunConfig model = RunConfig.overlay(c, "{\"model\": {\"kind\": \"conv\", \"dropout\": 0.25}}");
        assertThat(model.model().kind()).isEqualTo(ModelKind.CONV);
        assertThat(model.model().dropout()).isEqualTo(0.25);
        assertThat(model.training()).isEqualTo(c.training());
        RunConfig trainingOnly = RunConfig.overlay(c, "{\"batch_size\": 7}");
        assertThat(trainingOnly.training().batchSize()).isEqualTo(7);
        assertThat(trainingOnly.model()).isEqualTo(c.model());
        assertThatThrownBy(() -> RunConfig.overlay(c, "{\"training\": {\"batch_size\": 0}}"))
                .hasMessageContaining("training").hasMessageContaining("batch size");
        assertThatThrownBy(() -> RunConfig.fromJson("{\"format\": 1}")).hasMessageContaining("dataset");
    }

    @Test
    void flattenedSettingsNameEveryValueForComparing() {
        var flat = HyperParameters.flatten(ToneDataset.config(30));
        assertThat(flat).containsEntry("model.kind", "tiny_conv").containsEntry("training.batch_size", "16")
                .containsEntry("augment.wanted_words", "yes, no, up").containsKey("model.conv[0].filters");
        assertThat(HyperParameters.summary(ToneDataset.config(30))).isEqualTo("adam · lr 0.005 · steps 30 · batch 16 · words 3");
    }

    @Test
    void createListUpdateDeleteAndRestore(@TempDir Path dir) throws IOException {
        RunStore store = new RunStore(dir.resolve("runs"));
        assertThat(store.list().runs()).isEmpty();
        Run a = store.create(ToneDataset.config(30), LABELS, SUMMARY, null);
        Run b = store.create(ToneDataset.config(30).withModel(ModelSpec.defaults(ModelKind.CONV)), LABELS, SUMMARY, "my conv");
        assertThat(a.id()).matches("\\d{8}-\\d{6}-tiny_conv-[0-9a-f]{6}");
        assertThat(a.labels()).isEqualTo(LABELS);
        assertThat(a.config()).isEqualTo(ToneDataset.config(30));
        assertThat(a.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(b.info().name()).isEqualTo("my conv");

        RunStore.update(a, i -> i.withName("renamed").withTags(List.of("baseline")).withNote("first try"));
        List<Run> runs = store.list().runs();
        assertThat(runs).extracting(r -> r.info().name()).containsExactlyInAnyOrder("renamed", "my conv");
        Run renamed = store.open("renamed");
        assertThat(renamed.info().tags()).containsExactly("baseline");
        assertThat(renamed.info().note()).isEqualTo("first try");
        assertThat(store.open(a.id().substring(0, a.id().length() - 2)).dir()).isEqualTo(a.dir());

        assertThatThrownBy(() -> store.delete(renamed)).hasMessageContaining("still training");
        RunStore.update(renamed, i -> i.ended(RunStatus.COMPLETED, "", 0.9, Instant.now()));
        Path trashed = store.delete(store.open("renamed"));
        assertThat(store.list().runs()).extracting(Run::id).containsExactly(b.id());
        Run back = store.restore(trashed, a.id());
        assertThat(back.info().name()).isEqualTo("renamed");
        assertThat(store.list().runs()).hasSize(2);
    }

    @Test
    void aRunWhoseProcessDiedIsInterruptedAndABrokenRunIsReportedNotHidden(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir);
        Run run = store.create(ToneDataset.config(30), LABELS, SUMMARY, null);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        String json = Files.readString(run.dir().resolve("run.json")).replaceFirst("\"pid\" : \\d+", "\"pid\" : " + deadPid);
        Files.writeString(run.dir().resolve("run.json"), json);
        Run listed = store.list().runs().get(0);
        assertThat(listed.info().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(listed.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(listed.status().resumable()).isTrue();

        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/run.json"), "{ not json");
        Files.createDirectories(dir.resolve("not-a-run"));
        RunStore.Listing listing = store.list();
        assertThat(listing.runs()).hasSize(1);
        assertThat(listing.problems()).singleElement().asString().contains("broken").contains("run.json");
    }

    @Test
    void listsAThousandRuns(@TempDir Path dir) throws IOException {
        RunStore store = new RunStore(dir);
        Run first = store.create(ToneDataset.config(30), LABELS, SUMMARY, null);
        String info = Files.readString(first.dir().resolve("run.json"));
        for (int i = 1; i < 1000; i++) {
            Path d = Files.createDirectory(dir.resolve("run-" + i));
            Files.writeString(d.resolve("run.json"), info);
        }
        assertThat(store.list().runs()).hasSize(1000);
    }

    @Test
    void metricsSkipATornLineAndResumeDropsRowsAfterTheCheckpoint(@TempDir Path dir) throws IOException {
        try (MetricsLog log = MetricsLog.open(dir, 0)) {
            for (int s = 1; s <= 6; s++) {
                log.append(new MetricRow(s, 1.0 / s, 0.5, 0.01, 100, Double.NaN, Double.NaN));
            }
            log.append(new MetricRow(6, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.7, 0.8));
        }
        Files.writeString(dir.resolve("metrics.csv"), "7,0.1,0.", java.nio.file.StandardOpenOption.APPEND);
        List<MetricRow> rows = MetricsLog.read(dir.resolve("metrics.csv"));
        assertThat(rows).hasSize(7);
        assertThat(rows.get(6).isEvaluation()).isTrue();
        assertThat(rows.get(6).validationAccuracy()).isEqualTo(0.8);
        assertThat(rows.get(0).trainLoss()).isEqualTo(1.0);

        MetricsLog.open(dir, 4).close();
        assertThat(MetricsLog.read(dir.resolve("metrics.csv"))).extracting(MetricRow::step).containsExactly(1, 2, 3, 4);
    }
}
