package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.testing.FakeAudioSink;
import io.kwsstudio.testing.Fixtures;
import javafx.application.Application;
import javafx.scene.control.TableView;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real studio window headless: open a dataset, select, relabel by key, delete, undo, play. */
@ExtendWith(ApplicationExtension.class)
class DatasetBrowserUiTest {
    private Path root;
    private Path config;
    private StudioWindow window;
    private final FakeAudioSink sink = new FakeAudioSink();

    @Start
    void start(Stage stage) throws Exception {
        Path tmp = Files.createTempDirectory("kws-ui");
        root = Fixtures.smallDataset(tmp.resolve("ds"));
        config = tmp.resolve("config");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StudioWindow(new StudioSettings(config), new ClipPlayer(() -> sink));
        stage.setScene(StudioApp.createScene(window, 1200, 800));
        stage.show();
        window.openDataset(root);
    }

    @AfterEach
    void tearDown() {
        window.shutdown();
    }

    private TableView<ClipRow> table() {
        return window.browser().table();
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void openSelectRelabelDeleteUndoAndPlay(FxRobot robot) throws Exception {
        waitFor(() -> table().getItems().size() == 5);
        assertThat(window.viewModel().labelRows()).extracting(LabelRow::name).containsExactly(null, "no", "yes");
        assertThat(window.viewModel().labelRows().get(1).key()).isEqualTo("1");
        assertThat(Files.readString(config.resolve("settings.json"))).contains(root.getFileName().toString());

        // show only "yes", select its first clip
        robot.clickOn(robot.lookup("#labelList .list-cell").nth(2).queryAs(javafx.scene.Node.class));
        waitFor(() -> table().getItems().size() == 3);
        robot.interact(() -> table().getSelectionModel().clearAndSelect(0));
        robot.clickOn(table());
        robot.interact(() -> table().getSelectionModel().clearAndSelect(0));
        String name = table().getSelectionModel().getSelectedItem().clip().fileName();
        waitFor(() -> window.browser().waveform().clip() != null);

        // Space plays through the audio sink
        robot.type(KeyCode.SPACE);
        waitFor(() -> sink.bytesWritten.get() > 0);
        assertThat(sink.openedRate).isEqualTo(16000);
        robot.type(KeyCode.SPACE);

        // key "1" moves the clip to "no"
        robot.type(KeyCode.DIGIT1);
        waitFor(() -> Files.exists(root.resolve("no").resolve(name)));
        assertThat(root.resolve("yes").resolve(name)).doesNotExist();
        waitFor(() -> table().getItems().size() == 2);
        assertThat(window.viewModel().labelRows().get(1).clips()).isEqualTo(3);

        // Delete moves the now-selected clip to the trash
        robot.interact(() -> table().getSelectionModel().clearAndSelect(0));
        String deleted = table().getSelectionModel().getSelectedItem().clip().fileName();
        robot.clickOn(table());
        robot.interact(() -> table().getSelectionModel().clearAndSelect(0));
        robot.type(KeyCode.DELETE);
        waitFor(() -> !Files.exists(root.resolve("yes").resolve(deleted)));
        assertThat(window.viewModel().dataset().trash()).hasSize(1);
        waitFor(() -> table().getItems().size() == 1);

        // Ctrl+Z twice: the delete and then the relabel are undone
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(() -> Files.exists(root.resolve("yes").resolve(deleted)));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(() -> Files.exists(root.resolve("yes").resolve(name)));
        waitFor(() -> table().getItems().size() == 3);
        assertThat(window.statusText().getText()).startsWith("Undid");
    }

    @Test
    void typingInTheFilterNeverRelabels(FxRobot robot) throws Exception {
        waitFor(() -> table().getItems().size() == 5);
        robot.interact(() -> table().getSelectionModel().clearAndSelect(0));
        robot.clickOn(window.browser().searchField()).write("1b4");
        waitFor(() -> table().getItems().size() == 1);
        assertThat(window.viewModel().dataset().clips("no")).hasSize(2);
        assertThat(window.viewModel().dataset().clips("yes")).hasSize(3);
    }

    @Test
    void trimToTheSelectionAndUndo(FxRobot robot) throws Exception {
        waitFor(() -> table().getItems().size() == 5);
        robot.interact(() -> table().getSelectionModel().clearAndSelect(0));
        Path file = window.viewModel().dataset().path(table().getSelectionModel().getSelectedItem().clip());
        waitFor(() -> window.browser().waveform().clip() != null);
        robot.interact(() -> window.browser().setTrim(0.2, 0.6));
        robot.clickOn("#applyTrim");
        waitFor(() -> io.kwsstudio.audio.WavReader.readInfo(file).frames() == 6400);
        robot.clickOn(table());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(() -> io.kwsstudio.audio.WavReader.readInfo(file).frames() != 6400);
        assertThat(io.kwsstudio.audio.WavReader.readInfo(file).frames()).isIn(16000L, 8000L);
    }

    @Test
    void relabellingManyClipsAtOnceUpdatesEveryRow(FxRobot robot) throws Exception {
        for (int i = 0; i < 40; i++) {
            Fixtures.writeTone(root.resolve(String.format("yes/bulk%02d_nohash_0.wav", i)), 0.2, 300 + i);
        }
        robot.interact(() -> window.openDataset(root));
        waitFor(() -> table().getItems().size() == 45);
        robot.interact(() -> {
            window.viewModel().labelFilterProperty().set("yes");
            table().getSelectionModel().selectAll();
        });
        waitFor(() -> table().getItems().size() == 43);
        robot.interact(() -> window.viewModel().relabel(java.util.List.copyOf(table().getSelectionModel().getSelectedItems()), "no"));
        waitFor(() -> window.viewModel().dataset().clips("no").size() == 45);
        waitFor(() -> table().getItems().isEmpty());
        robot.interact(() -> window.viewModel().labelFilterProperty().set(null));
        waitFor(() -> table().getItems().size() == 45);
        assertThat(table().getItems()).allSatisfy(r -> assertThat(r.clip().label()).isEqualTo("no"));
        assertThat(window.viewModel().labelRows()).extracting(LabelRow::clips).containsExactly(45, 45, 0);
    }
}
