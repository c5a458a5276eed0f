package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.testing.FakeAudioSink;
import io.kwsstudio.testing.Fixtures;
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

/** The augmentation preview: variants of the selected clip, re-roll, and the per-class counts. */
@ExtendWith(ApplicationExtension.class)
class AugmentUiTest {
    private StudioWindow window;
    private final FakeAudioSink sink = new FakeAudioSink();

    @Start
    void start(Stage stage) throws Exception {
        Path root = Fixtures.smallDataset(Files.createTempDirectory("kws-aug").resolve("ds"));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StudioWindow(new StudioSettings(root.resolveSibling("cfg")), new ClipPlayer(() -> sink));
        stage.setScene(StudioApp.createScene(window, 1300, 900));
        stage.show();
        window.openDataset(root);
    }

    @AfterEach
    void tearDown() {
        window.shutdown();
    }

    @Test
    void rerollDrawsNewVariantsAndCountsShowEveryClass(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().currentAudioProperty().get() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(3));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.augmentView().variants().get(0) != null);
        List<AudioClip> before = window.augmentView().variants();
        assertThat(before).hasSize(6).doesNotContainNull();
        assertThat(before.get(0).samples()).isNotEqualTo(before.get(1).samples());

        robot.clickOn("#rerollButton");
        WaitForAsyncUtils.waitForFxEvents();
        List<AudioClip> after = window.augmentView().variants();
        for (int i = 0; i < 6; i++) {
            assertThat(after.get(i).samples()).isNotEqualTo(before.get(i).samples());
        }

        robot.clickOn("#variant0");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sink.bytesWritten.get() > 0);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.augmentView().countsTable().getItems().size() == 12);
        Object[] yes = window.augmentView().countsTable().getItems().stream().filter(r -> r[0].equals("yes")).findFirst().orElseThrow();
        assertThat(yes[1]).isEqualTo(1); // one training clip of "yes" in the fixture
        assertThat(yes[2]).isEqualTo(1);
        assertThat(yes[3]).isEqualTo(1);

        // switching the noise to an SNR range changes the config the pipeline will use
        robot.clickOn("#useSnr");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.augmentView().configProperty().get().useSnr()).isTrue();
    }
}
