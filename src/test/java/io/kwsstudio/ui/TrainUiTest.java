package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunStatus;
import io.kwsstudio.runs.ToneDataset;
import io.kwsstudio.testing.FakeAudioSink;
import io.kwsstudio.ui.train.TrainView;
import javafx.application.Application;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Train tab: a tiny run started from the button fills the charts and confusion matrix, pauses, resumes and finishes. */
@ExtendWith(ApplicationExtension.class)
class TrainUiTest {
    private StudioWindow window;
    private Stage stage;
    private Path root;
    private final FakeAudioSink sink = new FakeAudioSink();
    private final List<Long> pulses = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        root = ToneDataset.write(Files.createTempDirectory("kws-train").resolve("tones"), 30, 5, "yes", "no", "up", "cat");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StudioWindow(new StudioSettings(root.resolveSibling("cfg")), new ClipPlayer(() -> sink));
        stage.setScene(StudioApp.createScene(window, 1440, 900));
        stage.getScene().addPostLayoutPulseListener(() -> pulses.add(System.nanoTime()));
        stage.show();
        window.openDataset(root);
    }

    @AfterEach
    void tearDown() {
        window.shutdown();
    }

    @Test
    void trainFromTheButtonPauseResumeAndDrillIntoTheConfusionMatrix(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().dataset() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(4));
        TrainView view = window.trainView();
        // The dataset's words replace the defaults it does not have.
        assertThat(view.form().value("/augment/wanted_words")).isEqualTo("yes, no, up");
        robot.interact(() -> {
            view.form().setConfig(ToneDataset.config(60));
            view.form().setValue("/augment/wanted_words", "yes, no");
            view.form().setValue("/training/training_steps", "60");
        });
        assertThat(robot.lookup("#costParameters").queryLabeled().getText()).isNotBlank();
        robot.interact(() -> view.form().setValue("/training/batch_size", "many"));
        assertThat(robot.lookup("#formProblem").queryLabeled().getText()).contains("Batch size").contains("not a number");
        assertThat(view.form().configProperty().get()).isNull();
        robot.interact(() -> view.form().setValue("/training/batch_size", 16));
        assertThat(view.form().configProperty().get()).isNotNull();

        // Low-memory mode from its check box: the run (and its resumption below) reuses arrays within each step.
        robot.clickOn("#lowMemoryBox");
        assertThat(window.training().lowMemoryProperty().get()).isTrue();
        pulses.clear();
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.accuracyChart().pointCount(view.validationAccuracySeries()) >= 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#trainStatus").queryLabeled().getText().endsWith("· low memory"));
        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.training().isRunning());
        Run paused = window.training().currentRunProperty().get();
        assertThat(paused.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(view.lossChart().pointCount(view.trainingLossSeries())).isPositive();
        assertThat(view.confusion().evaluationProperty().get()).isNotNull();
        assertThat(view.perClassTable().getItems()).hasSize(4);
        assertThat(robot.lookup("#resumeButton").queryButton().isDisabled()).isFalse();

        robot.clickOn("#resumeButton");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !window.training().isRunning()
                && window.training().currentRunProperty().get().status() == RunStatus.COMPLETED);
        Run done = window.training().currentRunProperty().get();
        assertThat(done.info().step()).isEqualTo(60);
        assertThat(done.dir().getParent()).isEqualTo(root.resolveSibling("runs"));
        // The status label follows on the FX thread after the run's status flips: let it catch up first.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#trainStatus").queryLabeled().getText().startsWith("Finished"));
        assertThat(robot.lookup("#trainStatus").queryLabeled().getText()).startsWith("Finished");

        // The FX thread kept drawing frames while training ran: gaps between pulses show how long it was busy.
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < pulses.size(); i++) {
            gaps.add((pulses.get(i) - pulses.get(i - 1)) / 1e6);
        }
        gaps.sort(null);
        System.err.printf("pulses %d, gap median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; longest training update %.1f ms%n",
                gaps.size(), gaps.get(gaps.size() / 2), gaps.get((int) (gaps.size() * 0.95)), gaps.get((int) (gaps.size() * 0.99)),
                gaps.get(gaps.size() - 1), window.training().longestUiUpdateMillis());
        assertThat(pulses.size()).isGreaterThan(20);
        // Our handling of training events never holds the FX thread 100 ms. Frame gaps also include chart
        // redraws and the training threads competing for the same 2 cores (the 95th percentile was 60-70 ms
        // on a quiet machine, over 100 ms with other builds running), so the gate on them is the median.
        assertThat(window.training().longestUiUpdateMillis()).isLessThan(100);
        assertThat(gaps.get(gaps.size() / 2)).isLessThan(50);

        // Clicking the "yes" diagonal cell lists those validation clips; Inspect shows one in the inspector.
        int yes = view.lastEvaluation().validation().labels().indexOf("yes");
        double[] centre = view.confusion().cellCentre(yes, yes);
        javafx.geometry.Point2D onScreen = view.confusion().localToScreen(centre[0], centre[1]);
        robot.clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        if (view.lastEvaluation().validation().confusion()[yes][yes] > 0) {
            assertThat(view.cellClips().getItems()).isNotEmpty().allMatch(c -> c.clip().label().equals("yes"));
            robot.interact(() -> view.cellClips().getSelectionModel().select(0));
            robot.clickOn("#cellInspect");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(window.tabs().getSelectionModel().getSelectedIndex()).isEqualTo(1);
            assertThat(window.browser().selectedRows()).singleElement()
                    .matches(r -> r.clip().equals(view.cellClips().getItems().get(0).clip()));
        }
    }
}
