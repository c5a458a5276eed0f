package io.kwsstudio.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The small, changing part of a run, saved as {@code run.json}: what the runs table shows (so
 * listing a thousand runs reads a thousand small files and nothing else) and what the user edits
 * (name, tags, note). Rewritten atomically whenever it changes.
 *
 * @param model           the zoo model's name, e.g. {@code conv}
 * @param hyperParameters a one-line summary of the settings that differ most between runs
 * @param pid             the training process while {@code status} is running, else 0
 * @param processStart    that process's start time in epoch milliseconds, so a reused pid is not mistaken for it
 * @param bestValidation  validation accuracy of the best checkpoint, NaN before the first evaluation
 * @param testAccuracy    test accuracy of the best checkpoint, NaN until the run finishes (or without a test split)
 * @param flashInt8Bytes  model size with int8 weights and int32 biases, for size budgets
 */
public record RunInfo(String name, String model, String hyperParameters, Instant created, Instant ended, RunStatus status,
                      String message, long pid, long processStart, int step, int totalSteps, int bestStep,
                      double bestValidation, double testAccuracy, long parameters, long multiplies, long flashInt8Bytes,
                      long trainingMillis,
                      List<String> tags, String note) {

    public RunInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(status, "status");
        hyperParameters = hyperParameters == null ? "" : hyperParameters;
        message = message == null ? "" : message;
        tags = List.copyOf(tags == null ? List.of() : tags);
        note = note == null ? "" : note;
    }

    public RunInfo withName(String v) {
        return new RunInfo(v, model, hyperParameters, created, ended, status, message, pid, processStart, step, totalSteps,
                bestStep, bestValidation, testAccuracy, parameters, multiplies, flashInt8Bytes, trainingMillis, tags, note);
    }

    public RunInfo withTags(List<String> v) {
        return new RunInfo(name, model, hyperParameters, created, ended, status, message, pid, processStart, step, totalSteps,
                bestStep, bestValidation, testAccuracy, parameters, multiplies, flashInt8Bytes, trainingMillis, v, note);
    }

    public RunInfo withNote(String v) {
        return new RunInfo(name, model, hyperParameters, created, ended, status, message, pid, processStart, step, totalSteps,
                bestStep, bestValidation, testAccuracy, parameters, multiplies, flashInt8Bytes, trainingMillis, tags, v);
    }

    /** The run is training in the process {@code process}. */
    public RunInfo running(ProcessHandle process) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new RunInfo(name, model, hyperParameters, created, null, RunStatus.RUNNING, "", process.pid(), start, step,
                totalSteps, bestStep, bestValidation, testAccuracy, parameters, multiplies, flashInt8Bytes, trainingMillis, tags, note);
    }

    /** Progress after an evaluation or at the end. */
    public RunInfo progress(int newStep, int newTotal, int newBestStep, double newBestValidation, long newTrainingMillis) {
        return new RunInfo(name, model, hyperParameters, created, ended, status, message, pid, processStart, newStep, newTotal,
                newBestStep, newBestValidation, testAccuracy, parameters, multiplies, flashInt8Bytes, newTrainingMillis, tags, note);
    }

    /** Training stopped with {@code status}. */
    public RunInfo ended(RunStatus newStatus, String newMessage, double newTestAccuracy, Instant at) {
        return new RunInfo(name, model, hyperParameters, created, at, newStatus, newMessage, 0, 0, step, totalSteps, bestStep,
                bestValidation, newTestAccuracy, parameters, multiplies, flashInt8Bytes, trainingMillis, tags, note);
    }

    /** {@code status}, except that a run whose training process is gone reads as interrupted. */
    public RunStatus effectiveStatus() {
        if (status != RunStatus.RUNNING) {
            return status;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> processStart == 0 || p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == processStart)
                .isPresent() ? RunStatus.RUNNING : RunStatus.INTERRUPTED;
    }

    public String toJson() {
        ObjectNode o = RunJson.MAPPER.createObjectNode();
        o.put("name", name);
        o.put("model", model);
        o.put("hyper_parameters", hyperParameters);
        o.put("created", created.toString());
        o.put("ended", ended == null ? null : ended.toString());
        o.put("status", status.jsonName());
        o.put("message", message);
        o.put("pid", pid);
        o.put("process_start", processStart);
        o.put("step", step);
        o.put("total_steps", totalSteps);
        o.put("best_step", bestStep);
        putNumber(o, "best_validation_accuracy", bestValidation);
        putNumber(o, "test_accuracy", testAccuracy);
        o.put("parameters", parameters);
        o.put("multiplies", multiplies);
        o.put("flash_int8_bytes", flashInt8Bytes);
        o.put("training_millis", trainingMillis);
        ArrayNode t = o.putArray("tags");
        tags.forEach(t::add);
        o.put("note", note);
        return RunJson.write(o);
    }

    public static RunInfo fromJson(String json) {
        JsonNode o = RunJson.parse(json, "run.json");
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        String ended = o.path("ended").isTextual() ? o.path("ended").asText() : null;
        try {
            return new RunInfo(RunJson.need(o, "name", "run.json").asText(), RunJson.need(o, "model", "run.json").asText(),
                    o.path("hyper_parameters").asText(""), Instant.parse(RunJson.need(o, "created", "run.json").asText()),
                    ended == null ? null : Instant.parse(ended),
                    RunStatus.fromJson(RunJson.need(o, "status", "run.json").asText()), o.path("message").asText(""),
                    o.path("pid").asLong(), o.path("process_start").asLong(), o.path("step").asInt(),
                    o.path("total_steps").asInt(), o.path("best_step").asInt(), number(o, "best_validation_accuracy"),
                    number(o, "test_accuracy"), o.path("parameters").asLong(), o.path("multiplies").asLong(), o.path("flash_int8_bytes").asLong(),
                    o.path("training_millis").asLong(), tags, o.path("note").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("run.json has a date that cannot be read: " + e.getParsedString(), e);
        }
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
