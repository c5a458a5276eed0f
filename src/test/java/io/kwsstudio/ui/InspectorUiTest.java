package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.testing.Fixtures;
import io.kwsstudio.ui.inspector.InspectorView;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The clip inspector redraws when a feature setting changes: a larger stride gives fewer frames. */
@ExtendWith(ApplicationExtension.class)
class InspectorUiTest {
    private InspectorView inspector;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        inspector = new InspectorView();
        stage.setScene(new Scene(inspector, 1200, 800));
        stage.show();
        inspector.audioProperty().set(Fixtures.tone(1.0, 440, 16000, 0.5f));
    }

    @Test
    void changingTheStrideChangesTheImageWidth(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inspector.spectrogramPlot().image().getWidth()).isEqualTo(98);
        assertThat(inspector.spectrogramPlot().image().getHeight()).isEqualTo(257);
        assertThat(inspector.featurePlot().image().getHeight()).isEqualTo(40);
        assertThat(robot.lookup("#inputShape").queryLabeled().getText()).contains("98 frames × 40");

        // type a new stride into the spinner as a user would
        robot.doubleClickOn(inspector.strideSpinner().getEditor()).write("20").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inspector.configProperty().get().windowStrideMs()).isEqualTo(20);
        assertThat(inspector.spectrogramPlot().image().getWidth()).isEqualTo(49);
        assertThat(inspector.featurePlot().image().getWidth()).isEqualTo(49);
        assertThat(robot.lookup("#inputShape").queryLabeled().getText()).contains("49 frames");
        // the chosen model's cost follows the input shape: conv's last layer sees half as many frames
        String at49 = robot.lookup("#modelCost").queryLabeled().getText();
        assertThat(at49).contains("parameters").contains("multiplies");
        robot.doubleClickOn(inspector.strideSpinner().getEditor()).write("10").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#modelCost").queryLabeled().getText()).isNotEqualTo(at49);
    }

    @Test
    void invalidSettingsAreExplainedNotApplied(FxRobot robot) {
        FeatureConfig before = inspector.configProperty().get();
        javafx.scene.control.Spinner<?> coefficients = robot.lookup("#coefficientsSpinner").query();
        robot.doubleClickOn(coefficients.getEditor()).write("50").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspectorProblem").queryLabeled().getText()).contains("more coefficients");
        assertThat(inspector.configProperty().get()).isEqualTo(before);
        assertThat(inspector.featurePlot().image().getHeight()).isEqualTo(40);
    }

    @Test
    void zoomingShowsLessTimeOnEveryPlot(FxRobot robot) {
        robot.interact(() -> inspector.timeRange().zoom(0.5, 0.5));
        assertThat(inspector.timeRange().zoomed()).isTrue();
        assertThat(inspector.timeRange().end() - inspector.timeRange().start()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
        robot.interact(() -> inspector.timeRange().reset(1.0));
        assertThat(inspector.timeRange().zoomed()).isFalse();
    }

    @Test
    void exportsAPng() throws Exception {
        Path file = Files.createTempDirectory("kws-png").resolve("clip.png");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            inspector.exportPng(file);
            return null;
        }).get();
        byte[] head = Files.readAllBytes(file);
        assertThat(head[1]).isEqualTo((byte) 'P');
        assertThat(javax.imageio.ImageIO.read(file.toFile()).getWidth()).isGreaterThan(500);
    }
}
