package io.kwsstudio.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.augment.AugmentConfig;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.train.ModelSpec;
import io.kwsstudio.train.TrainConfig;

import java.util.Objects;

/**
 * Everything that decides what a run learns, saved once as {@code config.json} when the run starts:
 * the dataset (path and fingerprint), features, augmentation (wanted words, silence and unknown
 * shares, seed), the model and the optimisation settings, and the app version that trained it. A run
 * started from this file again learns the same thing.
 */
public record RunConfig(String datasetPath, String datasetFingerprint, FeatureConfig features, AugmentConfig augment,
                        ModelSpec model, TrainConfig training, String appVersion) {
    public static final int FORMAT = 1;

    public RunConfig {
        Objects.requireNonNull(datasetPath, "datasetPath");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        datasetFingerprint = datasetFingerprint == null ? "" : datasetFingerprint;
        appVersion = appVersion == null ? "dev" : appVersion;
        if (augment.wantedWords().isEmpty()) {
            throw new IllegalArgumentException("choose at least one wanted word to train on");
        }
    }

    public RunConfig withModel(ModelSpec v) {
        return new RunConfig(datasetPath, datasetFingerprint, features, augment, v, training, appVersion);
    }

    public RunConfig withTraining(TrainConfig v) {
        return new RunConfig(datasetPath, datasetFingerprint, features, augment, model, v, appVersion);
    }

    public RunConfig withAugment(AugmentConfig v) {
        return new RunConfig(datasetPath, datasetFingerprint, features, v, model, training, appVersion);
    }

    public RunConfig withFeatures(FeatureConfig v) {
        return new RunConfig(datasetPath, datasetFingerprint, v, augment, model, training, appVersion);
    }

    public RunConfig withDataset(String path, String fingerprint) {
        return new RunConfig(path, fingerprint, features, augment, model, training, appVersion);
    }

    public RunConfig withAppVersion(String v) {
        return new RunConfig(datasetPath, datasetFingerprint, features, augment, model, training, v);
    }

    public String toJson() {
        ObjectNode root = RunJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("app_version", appVersion);
        ObjectNode ds = root.putObject("dataset");
        ds.put("path", datasetPath);
        ds.put("fingerprint", datasetFingerprint);
        root.set("features", RunJson.parse(features.toJson(), "features"));
        root.set("augment", RunJson.parse(augment.toJson(), "augment"));
        root.set("model", RunJson.parse(model.toJson(), "model"));
        root.set("training", RunJson.parse(training.toJson(), "training"));
        return RunJson.write(root);
    }

    /** Parses {@code config.json}; every section is required. Problems: IllegalArgumentException naming the section. */
    public static RunConfig fromJson(String json) {
        JsonNode root = RunJson.parse(json, "run config");
        int format = RunJson.need(root, "format", "run config").asInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("run config format " + format + " is not supported (expected " + FORMAT + ")");
        }
        JsonNode ds = RunJson.need(root, "dataset", "run config");
        String version = root.path("app_version").asText("dev");
        return new RunConfig(RunJson.need(ds, "path", "run config's dataset").asText(), ds.path("fingerprint").asText(""),
                section(root, "features", FeatureConfig::fromJson),
                section(root, "augment", AugmentConfig::fromJson),
                section(root, "model", ModelSpec::fromJson),
                section(root, "training", TrainConfig::fromJson), version);
    }

    /**
     * {@code base} with the sections that {@code json} has ("features", "augment", "model",
     * "training"; a run's config.json has them all) replacing its own; JSON with none of them is read
     * as a training config. Lets a user start from a file of their own or from an earlier run.
     */
    public static RunConfig overlay(RunConfig base, String json) {
        JsonNode root = RunJson.parse(json, "config");
        boolean any = root.has("features") || root.has("augment") || root.has("model") || root.has("training");
        if (!any) {
            try {
                return base.withTraining(TrainConfig.fromJson(json));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("training config: " + e.getMessage(), e);
            }
        }
        RunConfig c = base;
        if (root.has("features")) {
            c = c.withFeatures(section(root, "features", FeatureConfig::fromJson));
        }
        if (root.has("augment")) {
            c = c.withAugment(section(root, "augment", AugmentConfig::fromJson));
        }
        if (root.has("model")) {
            c = c.withModel(section(root, "model", ModelSpec::fromJson));
        }
        if (root.has("training")) {
            c = c.withTraining(section(root, "training", TrainConfig::fromJson));
        }
        return c;
    }

    /** The reference defaults for {@code model}: MFCC features, the ten wanted words, its published architecture. */
    public static RunConfig defaults(io.kwsstudio.train.ModelKind model) {
        return new RunConfig("", "", FeatureConfig.defaults(), AugmentConfig.defaults(), ModelSpec.defaults(model),
                TrainConfig.defaults(), null);
    }

    private static <T> T section(JsonNode root, String name, java.util.function.Function<String, T> parse) {
        String text = RunJson.need(root, name, "run config").toString();
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run config section \"" + name + "\": " + e.getMessage(), e);
        }
    }
}
