package io.kwsstudio.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kwsstudio.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's studio settings (recent datasets, window size), kept as JSON in the user's config folder:
 * {@code $XDG_CONFIG_HOME/kws-studio} or {@code ~/.config/kws-studio}; the system property
 * {@code kws.config.dir} overrides it (tests use a temporary folder).
 */
public final class StudioSettings {
    private static final int MAX_RECENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored form. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Data {
        public List<String> recentDatasets = new ArrayList<>();
        public double windowWidth = 1280;
        public double windowHeight = 820;
    }

    private final Path file;
    private Data data = new Data();

    public StudioSettings(Path folder) {
        this.file = folder.resolve("settings.json");
        load();
    }

    /** The folder holding settings.json and the user's training presets. */
    public Path folder() {
        return file.getParent();
    }

    public static Path defaultFolder() {
        String override = System.getProperty("kws.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("kws-studio");
    }

    private void load() {
        if (Files.isRegularFile(file)) {
            try {
                data = JSON.readValue(file.toFile(), Data.class);
            } catch (IOException e) {
                data = new Data(); // a damaged settings file must never stop the studio from starting
            }
        }
    }

    public List<Path> recentDatasets() {
        return data.recentDatasets.stream().map(Path::of).toList();
    }

    public void addRecent(Path dataset) {
        String s = dataset.toAbsolutePath().normalize().toString();
        data.recentDatasets.remove(s);
        data.recentDatasets.add(0, s);
        while (data.recentDatasets.size() > MAX_RECENT) {
            data.recentDatasets.remove(data.recentDatasets.size() - 1);
        }
        save();
    }

    public double windowWidth() {
        return data.windowWidth;
    }

    public double windowHeight() {
        return data.windowHeight;
    }

    public void setWindowSize(double w, double h) {
        data.windowWidth = w;
        data.windowHeight = h;
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
        } catch (IOException ignored) {
            // settings are a convenience; a read-only home must not break the studio
        }
    }
}
