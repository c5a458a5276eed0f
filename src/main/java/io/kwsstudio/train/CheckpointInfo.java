package io.kwsstudio.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a checkpoint folder holds, saved as {@code checkpoint.json} next to the weights: enough to
 * rebuild the model ({@code model}, input size, labels), to resume the run ({@code config}, step,
 * the best so far and the early-stopping count) and to show its history.
 *
 * <p>The folder: {@code best.sd} (weights with the best validation accuracy so far),
 * {@code last.sd} (weights at {@code step}) and {@code last.updater} (optimizer state at
 * {@code step}); the {@code .sd} files are SameDiff graphs with their weights.
 */
@JsonPropertyOrder({"format", "model", "config", "frames", "bins", "labels", "step", "total_steps", "best_step",
        "best_accuracy", "best_loss", "evaluations_since_best", "training_millis"})
public record CheckpointInfo(
        @JsonProperty("format") int format,
        @JsonProperty("model") ModelSpec model,
        @JsonProperty("config") TrainConfig config,
        @JsonProperty("frames") int frames,
        @JsonProperty("bins") int bins,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("step") int step,
        @JsonProperty("total_steps") int totalSteps,
        @JsonProperty("best_step") int bestStep,
        @JsonProperty("best_accuracy") double bestAccuracy,
        @JsonProperty("best_loss") double bestLoss,
        @JsonProperty("evaluations_since_best") int evaluationsSinceBest,
        @JsonProperty("training_millis") long trainingMillis) {

    static final int FORMAT = 1;
    static final String FILE = "checkpoint.json";
    static final String LAST = "last.sd";
    static final String BEST = "best.sd";
    static final String UPDATER = "last.updater";

    public CheckpointInfo {
        if (model == null || config == null || labels == null) {
            throw new IllegalArgumentException("a checkpoint needs its model, config and labels");
        }
        labels = List.copyOf(labels);
    }

    public String toJson() {
        return Json.write(this);
    }

    public static CheckpointInfo fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, CheckpointInfo.class);
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not a valid checkpoint description: " + e.getMessage(), e);
        }
    }

    /** Reads {@code checkpoint.json} of a checkpoint folder. */
    public static CheckpointInfo read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no checkpoint in " + dir + " (missing " + FILE + ")");
        }
        CheckpointInfo info = fromJson(Files.readString(file));
        if (info.format() != FORMAT) {
            throw new IOException("checkpoint format " + info.format() + " in " + dir + " is not supported (expected " + FORMAT + ")");
        }
        return info;
    }

    /** True when {@code dir} holds a checkpoint that can be resumed. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE)) && Files.isRegularFile(dir.resolve(LAST))
                && Files.isRegularFile(dir.resolve(UPDATER));
    }
}
