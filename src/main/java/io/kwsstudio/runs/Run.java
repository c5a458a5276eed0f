package io.kwsstudio.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run folder and what its {@code run.json} said when it was read. The folder is a
 * self-contained bundle: {@code config.json} (features and everything else needed to rebuild the
 * model), {@code labels.txt}, {@code best.sd} and {@code checkpoint.json} are all that
 * {@link RunModel} needs on another machine.
 */
public record Run(Path dir, RunInfo info) {
    static final String INFO = "run.json";
    static final String CONFIG = "config.json";
    static final String LABELS = "labels.txt";

    /** The folder name, unique in its store. */
    public String id() {
        return dir.getFileName().toString();
    }

    /** The status, with a run whose training process died read as interrupted. */
    public RunStatus status() {
        return info.effectiveStatus();
    }

    public RunConfig config() throws IOException {
        Path file = dir.resolve(CONFIG);
        try {
            return RunConfig.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public List<String> labels() throws IOException {
        return Files.readAllLines(dir.resolve(LABELS), StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).toList();
    }

    public List<MetricRow> metrics() throws IOException {
        return MetricsLog.read(dir.resolve(MetricsLog.FILE));
    }

    /** The final evaluation, once the run has finished. */
    public Optional<EvalReport> evaluation() throws IOException {
        Path file = dir.resolve(EvalReport.FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EvalReport.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the folder holds trained weights that {@link RunModel} can load. */
    public boolean hasModel() {
        return Files.isRegularFile(dir.resolve("best.sd")) && Files.isRegularFile(dir.resolve("checkpoint.json"));
    }
}
