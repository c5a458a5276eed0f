package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.runs.RunTraining;
import io.kwsstudio.runs.ToneDataset;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import io.kwsstudio.testing.FakeAudioSink;
import io.kwsstudio.train.TrainingListener;
import io.kwsstudio.ui.runs.RunsView;
import io.kwsstudio.ui.runs.SweepDialog;
import javafx.application.Application;
import javafx.scene.Node;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runs tab: compare two runs with their differences highlighted, delete and undo, and a sweep plan. */
@ExtendWith(ApplicationExtension.class)
class RunsUiTest {
    private StudioWindow window;
    private Path root;

    @Start
    void start(Stage stage) throws Exception {
        root = ToneDataset.write(Files.createTempDirectory("kws-runs").resolve("tones"), 24, 9, "yes", "no", "up", "cat");
        Dataset ds = Dataset.open(root);
        RunStore store = RunStore.besideDataset(root);
        RunConfig base = ToneDataset.config(10);
        train(store, ds, base, "slow");
        train(store, ds, base.withTraining(base.training().withBatchSize(8)), "small batch");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StudioWindow(new StudioSettings(root.resolveSibling("cfg")), new ClipPlayer(FakeAudioSink::new));
        stage.setScene(StudioApp.createScene(window, 1440, 900));
        stage.show();
        window.openDataset(root);
    }

    private static void train(RunStore store, Dataset ds, RunConfig cfg, String name) throws Exception {
        try (RunTraining t = RunTraining.start(store, ds, cfg, name, ProgressListener.NONE, new CancellationToken())) {
            t.train(TrainingListener.NONE, new CancellationToken());
        }
    }

    @AfterEach
    void tearDown() {
        window.shutdown();
    }

    @Test
    void compareTwoRunsDeleteAndUndoAndPlanASweep(FxRobot robot) throws Exception {
        robot.interact(() -> window.tabs().getSelectionModel().select(5));
        RunsView view = window.runsView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.table().getItems().size() == 2);

        robot.interact(() -> view.table().getSelectionModel().selectAll());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.compareView().matrixCount() == 2);
        // Only the differing setting is listed (the batch size), and it is highlighted.
        List<String[]> rows = view.compareView().settingsTable().getItems();
        assertThat(rows).extracting(r -> r[0]).containsExactly("training.batch_size");
        robot.clickOn("Settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".diff-row").queryAll()).isNotEmpty();
        robot.interact(() -> view.compareView().onlyDifferencesBox().setSelected(false));
        assertThat(view.compareView().settingsTable().getItems().size()).isGreaterThan(40);
        assertThat(view.compareView().accuracyChart().seriesCount()).isEqualTo(2);
        assertThat(view.compareView().metricsTable().getItems()).anyMatch(r -> r[0].equals("Test accuracy") && r[1].endsWith("%"));

        // Delete one run, then undo.
        robot.interact(() -> {
            view.table().getSelectionModel().clearSelection();
            view.table().getSelectionModel().select(0);
        });
        String deleted = view.table().getSelectionModel().getSelectedItem().info().name();
        robot.clickOn("#runsDelete");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.table().getItems().size() == 1);
        assertThat(view.messageLabel().getText()).contains("trash");
        robot.clickOn("#undoDelete");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.table().getItems().size() == 2);
        assertThat(view.table().getItems()).extracting(r -> r.info().name()).contains(deleted);

        // A sweep plan: 2 x 2 grid, then a refused range in grid mode.
        robot.interact(() -> {
            SweepDialog d = new SweepDialog(window.trainView().form().configProperty().get());
            d.set("/training/learning_rates", "0.001, 0.01");
            d.set("/training/batch_size", "8, 16");
            assertThat(d.summaryLabel().getText()).startsWith("4 runs");
            d.set("/model/dropout", "0.1..0.5");
            assertThat(d.summaryLabel().getText()).startsWith("⚠").contains("random search");
            d.useRandom(3);
            assertThat(d.summaryLabel().getText()).startsWith("3 runs");
        });
    }
}
