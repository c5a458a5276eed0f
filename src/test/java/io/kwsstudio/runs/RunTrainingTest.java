package io.kwsstudio.runs;

import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import io.kwsstudio.train.StepEvent;
import io.kwsstudio.train.TrainResult;
import io.kwsstudio.train.TrainingException;
import io.kwsstudio.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunTrainingTest {
    @TempDir
    static Path shared;
    static Dataset dataset;

    @BeforeAll
    static void writeDataset() throws Exception {
        dataset = Dataset.open(ToneDataset.write(shared.resolve("tones"), 40, 7, "yes", "no", "up", "cat"));
    }

    @Test
    void cancelResumeFinishRecordEverythingAndPredictFromTheFolderAlone(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        CancellationToken cancel = new CancellationToken();
        Run run;
        try (RunTraining t = RunTraining.start(store, dataset, ToneDataset.config(40), "tones", ProgressListener.NONE, cancel)) {
            run = t.run();
            t.trainer().eventInterval(java.time.Duration.ZERO);
            assertThat(run.config().datasetFingerprint()).isEqualTo(DatasetFingerprint.of(dataset));
            assertThat(run.config().datasetPath()).isEqualTo(dataset.root().toString());
            TrainResult first = t.train(new TrainingListener() {
                @Override
                public void step(StepEvent e) {
                    if (e.step() >= 12) {
                        cancel.cancel();
                    }
                }
            }, cancel);
            assertThat(first.status()).isEqualTo(TrainResult.Status.CANCELLED);
        }
        run = store.open("tones");
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.info().message()).contains("resume");
        assertThat(run.evaluation()).isEmpty();
        int stepsBefore = run.info().step();
        assertThat(stepsBefore).isEqualTo(12);

        TrainResult done;
        try (RunTraining t = RunTraining.resume(run, dataset, ProgressListener.NONE, new CancellationToken())) {
            assertThat(t.trainer().step()).isEqualTo(stepsBefore);
            assertThat(t.run().status()).isEqualTo(RunStatus.RUNNING);
            done = t.train(TrainingListener.NONE, new CancellationToken());
        }
        assertThat(done.status()).isEqualTo(TrainResult.Status.COMPLETED);
        run = store.open("tones");
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.info().step()).isEqualTo(40);
        assertThat(run.info().testAccuracy()).isEqualTo(done.test().accuracy());
        assertThat(run.info().bestValidation()).isGreaterThan(0.6);
        assertThat(run.info().trainingMillis()).isPositive();

        // metrics.csv: every step reported once, in order, across the cancel and resume; evaluations every 5 steps.
        List<MetricRow> rows = run.metrics();
        List<Integer> trainSteps = rows.stream().filter(r -> !r.isEvaluation()).map(MetricRow::step).toList();
        assertThat(trainSteps).isSorted().doesNotHaveDuplicates().contains(40);
        assertThat(rows.stream().filter(MetricRow::isEvaluation).map(MetricRow::step))
                .containsExactly(5, 10, 15, 20, 25, 30, 35, 40);

        EvalReport report = run.evaluation().orElseThrow();
        assertThat(report.bestStep()).isEqualTo(done.bestStep());
        assertThat(report.validation().confusion()).isDeepEqualTo(done.bestValidation().confusion());
        assertThat(report.test().accuracy()).isEqualTo(done.test().accuracy());

        // The folder alone gives the same scores as the trainer's evaluation of the test split.
        RunModel model = RunModel.load(run.dir());
        RunModel.DatasetEvaluation test = model.evaluate(dataset, Split.TESTING, ProgressListener.NONE, new CancellationToken());
        assertThat(test.sameDataset()).isTrue();
        assertThat(test.evaluation().accuracy()).isEqualTo(done.test().accuracy());
        int i = test.clips().indexOf(test.clips().stream().filter(c -> c != null).findFirst().orElseThrow());
        Clip clip = test.clips().get(i);
        float[] p = model.probabilities(WavReader.read(dataset.path(clip), 16000));
        for (int k = 0; k < p.length; k++) {
            assertThat(p[k]).isCloseTo(test.probabilities()[i][k], within(1e-5f));
        }
        assertThat(model.predict(dataset.path(clip)).get(0).probability()).isEqualTo(max(p));
    }

    @Test
    void anotherFolderCountsEveryClipWithOtherWordsAsUnknown(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        try (RunTraining t = RunTraining.start(store, dataset, ToneDataset.config(25), null, ProgressListener.NONE,
                new CancellationToken())) {
            t.train(TrainingListener.NONE, new CancellationToken());
        }
        Run run = store.list().runs().get(0);
        Dataset session = Dataset.open(ToneDataset.write(dir.resolve("session"), 6, 99, "yes", "cat"));
        RunModel.DatasetEvaluation e = RunModel.load(run.dir()).evaluate(session, Split.TESTING, ProgressListener.NONE,
                new CancellationToken());
        assertThat(e.sameDataset()).isFalse();
        assertThat(e.evaluation().count()).isEqualTo(12);
        int[][] confusion = e.evaluation().confusion();
        assertThat(sum(confusion[1])).as("cat clips are unknown").isEqualTo(6);
        assertThat(sum(confusion[2])).as("yes clips").isEqualTo(6);
    }

    @Test
    void aDivergingRunIsRecordedAsFailedWithTheReason(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        RunConfig wild = ToneDataset.config(30);
        wild = wild.withTraining(wild.training().withOptimizer(io.kwsstudio.train.TrainConfig.Optimizer.SGD)
                .withSchedule(List.of(30), List.of(1e30)));
        try (RunTraining t = RunTraining.start(store, dataset, wild, "wild", ProgressListener.NONE, new CancellationToken())) {
            assertThatThrownBy(() -> t.train(TrainingListener.NONE, new CancellationToken()))
                    .isInstanceOf(TrainingException.class).hasMessageContaining("diverged");
        }
        Run run = store.open("wild");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.info().message()).contains("diverged").contains("learning rate");
        assertThatThrownBy(() -> RunTraining.resume(run, dataset, ProgressListener.NONE, new CancellationToken()))
                .hasMessageContaining("failed");
    }

    @Test
    void preparationProblemsLeaveNoRunFolder(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        RunConfig nothing = ToneDataset.config(10);
        RunConfig noWords = nothing.withAugment(nothing.augment().withWantedWords(List.of("zebra")));
        assertThatThrownBy(() -> RunTraining.start(store, dataset, noWords, null, ProgressListener.NONE, new CancellationToken()))
                .hasMessageContaining("no clips of the wanted words").hasMessageContaining("zebra");
        assertThat(Files.exists(store.dir()) ? store.list().runs() : List.of()).isEmpty();
    }

    @Test
    void resumeRefusesAnotherDatasetAndAModelThatCannotTakeTheInputLeavesNoFolder(@TempDir Path dir) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        CancellationToken cancel = new CancellationToken();
        try (RunTraining t = RunTraining.start(store, dataset, ToneDataset.config(20), "paused", ProgressListener.NONE, cancel)) {
            cancel.cancel();
            t.train(TrainingListener.NONE, cancel);
        }
        Dataset other = Dataset.open(ToneDataset.write(dir.resolve("other"), 10, 3, "yes", "no", "up"));
        assertThatThrownBy(() -> RunTraining.resume(store.open("paused"), other, ProgressListener.NONE, new CancellationToken()))
                .hasMessageContaining("was trained on").hasMessageContaining(dataset.root().toString());

        RunConfig huge = ToneDataset.config(10);
        // A 200-frame filter does not fit 48 frames with VALID padding.
        huge = huge.withModel(huge.model().withConv(List.of(new io.kwsstudio.train.ConvSpec(8, 200, 8, 1, 1,
                io.kwsstudio.train.Padding.VALID))));
        RunConfig h = huge;
        assertThatThrownBy(() -> RunTraining.start(store, dataset, h, "huge", ProgressListener.NONE, new CancellationToken()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list().runs()).extracting(r -> r.info().name()).containsExactly("paused");
    }

    private static int sum(int[] row) {
        int s = 0;
        for (int v : row) {
            s += v;
        }
        return s;
    }

    private static float max(float[] p) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : p) {
            m = Math.max(m, v);
        }
        return m;
    }
}
