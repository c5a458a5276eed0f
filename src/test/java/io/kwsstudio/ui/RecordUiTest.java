package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.audio.SignalSource;
import io.kwsstudio.testing.FakeAudioSink;
import io.kwsstudio.testing.Fixtures;
import io.kwsstudio.testing.Signals;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
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

/** A recording session driven through the Record tab with a generated signal as the microphone. */
@ExtendWith(ApplicationExtension.class)
class RecordUiTest {
    private Path root;
    private StudioWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path tmp = Files.createTempDirectory("kws-rec");
        root = Fixtures.smallDataset(tmp.resolve("ds"));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StudioWindow(new StudioSettings(tmp.resolve("cfg")), new ClipPlayer(FakeAudioSink::new),
                name -> new SignalSource(name, Signals.bursts(4, 1.0, 0.5, 16000), true, true),
                () -> List.of("Test signal"));
        stage.setScene(StudioApp.createScene(window, 1200, 800));
        stage.show();
        window.openDataset(root);
    }

    @AfterEach
    void tearDown() {
        window.shutdown();
    }

    @Test
    void spaceRecordsATakeAndTheNextFollowsByItself(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().dataset() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        robot.clickOn("#recordLabel").write("go");
        robot.clickOn("#speakerName").write("Alice");
        javafx.scene.control.Spinner<?> count = robot.lookup("#takeCount").query();
        robot.doubleClickOn(count.getEditor()).write("2").type(KeyCode.ENTER);
        robot.clickOn("#startSession");
        assertThat(window.recordView().session()).isNotNull();
        assertThat(robot.lookup("#recordPrompt").queryLabeled().getText()).contains("take 1 of 2");

        robot.type(KeyCode.SPACE); // Space starts the first take; the second follows by itself
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> Files.exists(root.resolve("go/alice_nohash_1.wav")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(root.resolve("go/alice_nohash_0.wav")).exists();
        assertThat(window.recordView().session()).isNull(); // both takes done: the session ended
        assertThat(robot.lookup("#recordPrompt").queryLabeled().getText()).contains("2 take(s)");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.viewModel().dataset().clips("go").size() == 2);
    }

    @Test
    void aLongTakeIsSplitIntoOneClipPerUtteranceAndSaved(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().dataset() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        robot.clickOn("#recordLabel").write("up");
        robot.clickOn("#speakerName").write("Carol");
        robot.interact(() -> window.recordView().longTakePane().split(Signals.bursts(6, 1.0, 0.4, 16000)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.recordView().longTakePane().cuts().isEmpty());
        assertThat(window.recordView().longTakePane().cuts()).hasSize(6);
        robot.interact(() -> ((javafx.scene.control.TitledPane) robot.lookup("#longTakePane").query()).setExpanded(true));
        robot.clickOn("#saveCuts");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().dataset().clips("up").size() == 6);
        assertThat(root.resolve("up/carol_nohash_5.wav")).exists();
        assertThat(io.kwsstudio.audio.WavReader.readInfo(root.resolve("up/carol_nohash_0.wav")).frames()).isEqualTo(16000);
    }
}
