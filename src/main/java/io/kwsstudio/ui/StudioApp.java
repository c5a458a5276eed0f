package io.kwsstudio.ui;

import atlantafx.base.theme.PrimerLight;
import io.kwsstudio.audio.ClipPlayer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JavaFX application. Started through {@link #launchStudio(Path)} from the plain launcher. Opens
 * the given dataset, else the most recent one, else {@code sample-data/} when it is in the working
 * folder (as after a fresh clone).
 */
public final class StudioApp extends Application {
    private static volatile Path initialDataset;
    private StudioWindow window;
    private ClipPlayer player;

    /** Starts the studio and returns when its window is closed. */
    public static void launchStudio(Path dataset) {
        initialDataset = dataset;
        Application.launch(StudioApp.class);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        StudioSettings settings = new StudioSettings(StudioSettings.defaultFolder());
        player = new ClipPlayer();
        window = new StudioWindow(settings, player);
        Scene scene = createScene(window, settings.windowWidth(), settings.windowHeight());
        stage.setTitle("KWS Studio");
        try (InputStream icon = StudioApp.class.getResourceAsStream("/io/kwsstudio/ui/icon-256.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (java.io.IOException ignored) {
            // no icon is not worth failing for
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> settings.setWindowSize(stage.getWidth(), stage.getHeight()));
        stage.show();
        Path start = chooseStartDataset(settings);
        if (start != null) {
            window.openDataset(start);
        }
    }

    /** The scene with the studio's style sheet; tests build their scenes the same way. */
    public static Scene createScene(StudioWindow window, double width, double height) {
        Scene scene = new Scene(window, width, height);
        scene.getStylesheets().add(StudioApp.class.getResource("/io/kwsstudio/ui/studio.css").toExternalForm());
        return scene;
    }

    private static Path chooseStartDataset(StudioSettings settings) {
        if (initialDataset != null) {
            return initialDataset;
        }
        for (Path p : settings.recentDatasets()) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path sample = Path.of("sample-data");
        if (Files.isDirectory(sample)) {
            return sample;
        }
        // The installed app keeps its sample data next to its jars (installer/build.sh).
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null) {
            Path bundled = Path.of(launcher).toAbsolutePath().getParent().getParent().resolve("lib").resolve("sample-data");
            if (Files.isDirectory(bundled)) {
                return bundled;
            }
        }
        return null;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
        if (player != null) {
            player.close();
        }
    }
}
