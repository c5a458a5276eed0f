package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.audio.SignalSource;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.stream.ToneStream;
import io.kwsstudio.testing.FakeAudioSink;
import io.kwsstudio.ui.live.LiveView;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Live tab over a recording with ground truth, its sliders, "add to dataset", and live listening from a WAV source. */
@ExtendWith(ApplicationExtension.class)
class LiveUiTest {
    private StudioWindow window;
    private Path root;
    private Path[] files;

    @Start
    void start(Stage stage) throws Exception {
        Path tmp = Files.createTempDirectory("kws-live");
        root = tmp.resolve("tones");
        ToneStream.train(root, RunStore.besideDataset(root));
        files = ToneStream.write(tmp.resolve("session"));
        Path wav = files[0];
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StudioWindow(new StudioSettings(tmp.resolve("cfg")), new ClipPlayer(FakeAudioSink::new),
                name -> {
                    try {
                        return SignalSource.ofWav(wav, 16000, true);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, () -> List.of("stream.wav"));
        stage.setScene(StudioApp.createScene(window, 1440, 900));
        stage.show();
        window.openDataset(root);
    }

    @AfterEach
    void tearDown() {
        window.shutdown();
    }

    @Test
    void recordingWithTruthSlidersAddToDatasetAndListening(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().dataset() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(6));
        LiveView view = window.liveView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.runBox().getItems().size() == 1);
        robot.interact(() -> view.runBox().getSelectionModel().select(0));
        robot.interact(() -> view.runBox().getOnAction().handle(null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, view::modelLoaded);
        robot.interact(() -> {
            view.thresholdSlider().setValue(0.5);
            ((javafx.scene.control.Slider) robot.lookup("#windowSlider").query()).setValue(250);
        });
        robot.interact(() -> view.openTruth(files[1]));
        robot.interact(() -> view.openRecording(files[0]));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.detectionsTable().getItems().isEmpty());
        List<LiveView.Row> rows = List.copyOf(view.detectionsTable().getItems());
        assertThat(rows).filteredOn(r -> r.outcome().equals("hit")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(view.metricsLabel().getText()).contains("matched").contains("correct");
        assertThat(view.scoresChart().pointCount(0)).isPositive();

        // A threshold no average reaches: every word is now missed, at once (no re-scoring).
        robot.interact(() -> view.thresholdSlider().setValue(1.0));
        assertThat(view.detectionsTable().getItems()).allMatch(r -> r.outcome().equals("missed"));
        robot.interact(() -> view.thresholdSlider().setValue(0.5));

        // Add a detected stretch to the dataset under "up".
        int before = window.viewModel().dataset().clips("up").size();
        robot.interact(() -> {
            view.detectionsTable().getSelectionModel().select(0);
            view.addLabelBox().setValue("up");
        });
        robot.clickOn("#liveAdd");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().dataset().clips("up").size() == before + 1);

        // Listening: the WAV source plays in real time; the first words are recognized live.
        robot.clickOn("#listenButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> List.of("yes", "no").contains(view.currentWord().getText())
                && view.detectionsTable().getItems().stream().anyMatch(r -> r.label().equals("yes")));
        // The input scrolls by: 8 s of 10 ms feature frames.
        assertThat(view.stripImage().getWidth()).isEqualTo(800);
        robot.clickOn("#listenButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !view.listenButton().isSelected());
    }
}
