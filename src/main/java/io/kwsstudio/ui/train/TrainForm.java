package io.kwsstudio.ui.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.train.ModelKind;
import io.kwsstudio.train.ModelSpec;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The training settings as a grouped form (ControlsFX PropertySheet). The draft is the run's
 * config.json as a JSON tree: each item reads and writes one value in it, so every setting the
 * engine knows can be edited with the same code, and the result is parsed by {@link RunConfig}
 * itself, whose checks give the messages for bad values. Model items follow the chosen model kind
 * (one group of fields per conv layer, hidden sizes, SVDF or DS-CNN sizes).
 */
public final class TrainForm {
    static final String DATA = "1 · Data";
    static final String FEATURES = "2 · Features";
    static final String AUGMENT = "3 · Augmentation";
    static final String MODEL = "4 · Model";
    static final String OPTIMIZE = "5 · Optimization";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind { INT, DOUBLE, BOOL, CHOICE, NUMBER_LIST, WORD_LIST, OPTIONAL_DOUBLE }

    private ObjectNode draft;
    private final PropertySheet sheet = new PropertySheet();
    private final ObservableList<PropertySheet.Item> items = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RunConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private boolean rebuilding;

    public TrainForm(RunConfig initial) {
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(true);
        sheet.setId("trainForm");
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(item -> {
            if (item instanceof Field f && f.kind == Kind.CHOICE) {
                return Editors.createChoiceEditor(item, f.choices);
            }
            if (item instanceof Field f && (f.kind == Kind.NUMBER_LIST || f.kind == Kind.WORD_LIST || f.kind == Kind.OPTIONAL_DOUBLE)) {
                return Editors.createTextEditor(item);
            }
            PropertyEditor<?> e = defaults.call(item);
            return e;
        });
        sheet.getItems().setAll(items);
        setConfig(initial);
    }

    public PropertySheet sheet() {
        return sheet;
    }

    /** The config the form describes, or null while a value is invalid (see {@link #problemProperty}). */
    public ReadOnlyObjectProperty<RunConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** Why the current values do not make a valid run, in plain words; empty when they do. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Replaces every value with {@code cfg}'s. */
    public void setConfig(RunConfig cfg) {
        draft = (ObjectNode) parse(cfg.toJson());
        rebuild();
    }

    /** The value of one setting by its path in config.json, e.g. {@code /training/batch_size}; for tests. */
    public Object value(String path) {
        return items.stream().filter(i -> i instanceof Field f && f.path.equals(path)).findFirst()
                .map(PropertySheet.Item::getValue).orElseThrow(() -> new IllegalArgumentException("no field " + path));
    }

    /** Sets one setting by its path, as the user typing it would; for tests. */
    public void setValue(String path, Object value) {
        items.stream().filter(i -> i instanceof Field f && f.path.equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + path)).setValue(value);
    }

    public List<String> paths() {
        return items.stream().filter(i -> i instanceof Field).map(i -> ((Field) i).path).toList();
    }

    private void rebuild() {
        rebuilding = true;
        try {
            List<PropertySheet.Item> list = new ArrayList<>();
            list.add(field(DATA, "/augment/wanted_words", "Wanted words", Kind.WORD_LIST,
                    "The words the model learns, comma separated. Every other folder becomes _unknown_."));
            list.add(field(DATA, "/augment/silence_percentage", "Silence %", Kind.DOUBLE,
                    "Extra examples of silence (background noise only), as a percentage of the wanted-word clips."));
            list.add(field(DATA, "/augment/unknown_percentage", "Unknown %", Kind.DOUBLE,
                    "Examples drawn from the other words, as a percentage of the wanted-word clips."));

            list.add(choice(FEATURES, "/features/kind", "Feature kind", List.of("mfcc", "log-mel", "spectrogram", "average"),
                    "What the model sees: MFCC (the reference default), log-mel energies, the power spectrogram or its average."));
            list.add(field(FEATURES, "/features/clip_duration_ms", "Clip length (ms)", Kind.INT, "Audio per example."));
            list.add(field(FEATURES, "/features/window_size_ms", "Window size (ms)", Kind.DOUBLE,
                    "How much audio each frame looks at. Longer windows resolve pitch better but blur timing."));
            list.add(field(FEATURES, "/features/window_stride_ms", "Window stride (ms)", Kind.DOUBLE,
                    "How far apart frames start. A smaller stride means more frames, so a bigger and slower model."));
            list.add(field(FEATURES, "/features/feature_bin_count", "Coefficients / bins", Kind.INT,
                    "Numbers per frame: MFCC coefficients or mel bands."));
            list.add(field(FEATURES, "/features/lower_frequency_limit", "Lowest frequency (Hz)", Kind.DOUBLE, "Bottom of the mel filterbank."));
            list.add(field(FEATURES, "/features/upper_frequency_limit", "Highest frequency (Hz)", Kind.DOUBLE, "Top of the mel filterbank."));

            list.add(field(AUGMENT, "/augment/background_noise", "Background noise", Kind.BOOL, "Mix recordings from _background_noise_ into training clips."));
            list.add(field(AUGMENT, "/augment/background_frequency", "Noise probability", Kind.DOUBLE, "Share of training clips that get noise (0-1)."));
            list.add(field(AUGMENT, "/augment/background_volume_max", "Noise volume (max)", Kind.DOUBLE, "Loudest noise mixed in, 0-1."));
            list.add(field(AUGMENT, "/augment/time_shift", "Time shift", Kind.BOOL, "Move each clip randomly in time."));
            list.add(field(AUGMENT, "/augment/time_shift_ms", "Time shift (ms)", Kind.INT, "Largest shift either way."));
            list.add(field(AUGMENT, "/augment/time_stretch", "Time stretch", Kind.BOOL, "Speak faster or slower, same pitch."));
            list.add(field(AUGMENT, "/augment/pitch_shift", "Pitch shift", Kind.BOOL, "Higher or lower voice, same timing."));
            list.add(field(AUGMENT, "/augment/gain", "Gain", Kind.BOOL, "Louder or quieter clips."));
            list.add(field(AUGMENT, "/augment/seed", "Augmentation seed", Kind.INT, "Same seed, same batches and augmentation."));

            List<String> kinds = Arrays.stream(ModelKind.values()).map(ModelKind::jsonName).toList();
            list.add(choice(MODEL, "/model/kind", "Model", kinds, "Architecture from the keyword-spotting literature; see docs/models.md."));
            JsonNode model = draft.path("model");
            for (int i = 0; i < model.path("conv").size(); i++) {
                String p = "/model/conv/" + i;
                String layer = "Conv " + (i + 1) + " ";
                list.add(field(MODEL, p + "/filters", layer + "filters", Kind.INT, "Number of filters (output channels) of this layer."));
                list.add(field(MODEL, p + "/time", layer + "time size", Kind.INT,
                        "Filter height in frames (0 spans all frames, as low_latency_conv does)."));
                list.add(field(MODEL, p + "/frequency", layer + "frequency size", Kind.INT, "Filter width in bins."));
                list.add(field(MODEL, p + "/time_stride", layer + "time stride", Kind.INT, "Step between filter positions in time."));
                list.add(field(MODEL, p + "/frequency_stride", layer + "frequency stride", Kind.INT, "Step between filter positions in frequency."));
                list.add(choice(MODEL, p + "/padding", layer + "padding", List.of("same", "valid"),
                        "same keeps the input size (zero-padded edges); valid uses only full windows."));
            }
            if (model.path("hidden").size() > 0 || model.path("kind").asText().startsWith("low_latency")) {
                list.add(field(MODEL, "/model/hidden", "Hidden units", Kind.NUMBER_LIST, "Fully connected layer sizes, comma separated."));
            }
            if (model.path("svdf_rank").asInt() > 0) {
                list.add(field(MODEL, "/model/svdf_rank", "SVDF rank", Kind.INT, "Rank of each SVDF node's filter."));
                list.add(field(MODEL, "/model/svdf_nodes", "SVDF nodes", Kind.INT, "Nodes of the SVDF layer."));
            }
            if (model.path("ds_channels").asInt() > 0) {
                list.add(field(MODEL, "/model/ds_channels", "DS-CNN channels", Kind.INT, "Channels of every depthwise-separable block."));
                list.add(field(MODEL, "/model/ds_blocks", "DS-CNN blocks", Kind.INT, "Depthwise-separable blocks after the first conv."));
                list.add(field(MODEL, "/model/ds_first_stride", "DS-CNN first block stride", Kind.INT, "Stride of the first block."));
            }
            list.add(field(MODEL, "/model/dropout", "Dropout", Kind.DOUBLE, "Fraction of activations dropped while training (0-1)."));

            list.add(choice(OPTIMIZE, "/training/optimizer", "Optimizer", List.of("sgd", "momentum", "adam"),
                    "SGD as the reference; momentum or Adam usually converge in fewer steps."));
            list.add(field(OPTIMIZE, "/training/learning_rates", "Learning rates", Kind.NUMBER_LIST,
                    "One rate per phase, comma separated, e.g. 0.001,0.0001."));
            list.add(field(OPTIMIZE, "/training/training_steps", "Steps per phase", Kind.NUMBER_LIST,
                    "Steps of each phase, e.g. 15000,3000 (ignored when epochs is set)."));
            list.add(field(OPTIMIZE, "/training/epochs", "Epochs (0 = use steps)", Kind.DOUBLE, "Passes over the training set."));
            list.add(choice(OPTIMIZE, "/training/decay", "Decay within phases", List.of("none", "cosine", "exponential"),
                    "Lower the rate smoothly within each phase."));
            list.add(field(OPTIMIZE, "/training/batch_size", "Batch size", Kind.INT, "Examples per step."));
            list.add(field(OPTIMIZE, "/training/label_smoothing", "Label smoothing", Kind.DOUBLE, "Soften the targets (0 = off, 0.1 is common)."));
            list.add(choice(OPTIMIZE, "/training/class_weights", "Class weights", List.of("none", "balanced"),
                    "balanced weighs rare labels up so imbalance does not bias the model."));
            list.add(field(OPTIMIZE, "/training/l2", "L2 regularization", Kind.DOUBLE, "Weight decay (0 = off)."));
            list.add(choice(OPTIMIZE, "/training/weight_init", "Weight init", List.of("truncated_normal", "xavier", "he"),
                    "How weights start. The reference uses a truncated normal."));
            list.add(field(OPTIMIZE, "/training/init_stddev", "Init stddev", Kind.DOUBLE, "Spread of the truncated normal."));
            list.add(field(OPTIMIZE, "/training/eval_every", "Evaluate every (steps)", Kind.INT, "Validation, checkpoint and confusion matrix interval."));
            list.add(field(OPTIMIZE, "/training/early_stopping_patience", "Early stopping patience", Kind.INT,
                    "Stop after this many evaluations without improvement (0 = never)."));
            list.add(field(OPTIMIZE, "/training/seed", "Seed", Kind.INT, "Initial weights and dropout."));
            items.setAll(list);
            sheet.getItems().setAll(items);
        } finally {
            rebuilding = false;
        }
        validate();
    }

    private Field field(String category, String path, String name, Kind kind, String description) {
        return new Field(category, path, name, kind, List.of(), description);
    }

    private Field choice(String category, String path, String name, List<String> choices, String description) {
        return new Field(category, path, name, Kind.CHOICE, choices, description);
    }

    private void validate() {
        try {
            RunConfig c = RunConfig.fromJson(draft.toString());
            config.set(c);
            problem.set("");
        } catch (IllegalArgumentException e) {
            config.set(null);
            problem.set(e.getMessage());
        }
    }

    private void changed(Field f) {
        if (rebuilding) {
            return;
        }
        if (f.path.equals("/model/kind")) {
            // A new architecture starts from its published shape; the other groups stay as they are.
            ModelKind kind = ModelKind.fromJson(draft.at("/model/kind").asText());
            draft.set("model", parse(ModelSpec.defaults(kind).toJson()));
            rebuild();
            return;
        }
        validate();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One editable value at a JSON path of the draft. */
    final class Field implements PropertySheet.Item {
        final String category;
        final String path;
        final String name;
        final Kind kind;
        final List<String> choices;
        final String description;

        Field(String category, String path, String name, Kind kind, List<String> choices, String description) {
            this.category = category;
            this.path = path;
            this.name = name;
            this.kind = kind;
            this.choices = choices;
            this.description = description;
        }

        @Override
        public Class<?> getType() {
            return switch (kind) {
                case INT -> Integer.class;
                case DOUBLE -> Double.class;
                case BOOL -> Boolean.class;
                default -> String.class;
            };
        }

        @Override
        public String getCategory() {
            return category;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Object getValue() {
            JsonNode v = draft.at(path);
            return switch (kind) {
                case INT -> v.asInt();
                case DOUBLE -> v.asDouble();
                case BOOL -> v.asBoolean();
                case CHOICE -> v.asText();
                case OPTIONAL_DOUBLE -> v.isNull() || v.isMissingNode() ? "" : v.asText();
                case NUMBER_LIST, WORD_LIST -> {
                    List<String> parts = new ArrayList<>();
                    v.forEach(e -> parts.add(e.isNumber() ? number(e.asDouble()) : e.asText()));
                    yield String.join(", ", parts);
                }
            };
        }

        @Override
        public void setValue(Object value) {
            int slash = path.lastIndexOf('/');
            JsonNode parentNode = draft.at(path.substring(0, slash));
            String key = path.substring(slash + 1);
            if (!(parentNode instanceof ObjectNode parent)) {
                return;
            }
            String text = value == null ? "" : value.toString().trim();
            try {
                write(parent, key, value, text);
            } catch (NumberFormatException e) {
                config.set(null);
                problem.set(name + ": \"" + text + "\" is not a number");
                return;
            }
            changed(this);
        }

        private void write(ObjectNode parent, String key, Object value, String text) {
            switch (kind) {
                case INT -> parent.put(key, value instanceof Number n ? n.intValue() : parseInt(text));
                case DOUBLE -> parent.put(key, value instanceof Number n ? n.doubleValue() : parseDouble(text));
                case BOOL -> parent.put(key, Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(text));
                case CHOICE -> parent.put(key, text);
                case OPTIONAL_DOUBLE -> {
                    if (text.isEmpty()) {
                        parent.putNull(key);
                    } else {
                        parent.put(key, parseDouble(text));
                    }
                }
                case NUMBER_LIST, WORD_LIST -> {
                    ArrayNode a = parent.putArray(key);
                    for (String part : text.split("[,;\\s]+")) {
                        if (part.isEmpty()) {
                            continue;
                        }
                        if (kind == Kind.WORD_LIST) {
                            a.add(part);
                        } else if (part.matches("-?\\d+")) {
                            a.add(Long.parseLong(part));
                        } else {
                            a.add(parseDouble(part));
                        }
                    }
                }
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }

        private int parseInt(String s) {
            return Integer.parseInt(s);
        }

        private double parseDouble(String s) {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException(s);
            }
            return d;
        }
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
