package io.kwsstudio.ui.runs;

import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.runs.Sweep;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Picks what a sweep varies around the Train tab's settings: for each offered setting, a list of
 * values (grid search) or a "min..max" range (random search with N trials, learning rates drawn on a
 * log scale). Shows how many runs that makes and why a value is refused before anything is queued.
 */
public final class SweepDialog extends Dialog<SweepDialog.Plan> {
    /** The runs to queue and the tag that groups them. */
    public record Plan(String tag, List<Sweep.Trial> trials) {
    }

    private record Setting(String path, String label, boolean log, boolean integer, String example) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("/training/learning_rates", "Learning rate", true, false, "0.001, 0.003, 0.01  or  0.0003..0.03"),
            new Setting("/training/batch_size", "Batch size", false, true, "32, 64, 100"),
            new Setting("/training/training_steps", "Steps (each phase)", false, true, "500, 1000"),
            new Setting("/training/optimizer", "Optimizer", false, false, "sgd, adam"),
            new Setting("/model/dropout", "Dropout", false, false, "0.2, 0.5"),
            new Setting("/training/l2", "L2", true, false, "0, 0.0001"),
            new Setting("/training/label_smoothing", "Label smoothing", false, false, "0, 0.1"),
            new Setting("/model/conv/0/filters", "Conv 1 filters", false, true, "8, 16, 32"),
            new Setting("/model/hidden/0", "Hidden units (layer 1)", false, true, "64, 128"),
            new Setting("/model/kind", "Model", false, false, "tiny_conv, ds_cnn_s"));

    private final RunConfig base;
    private final List<TextField> fields = new ArrayList<>();
    private final RadioButton grid = new RadioButton("Grid: every combination of the values");
    private final RadioButton random = new RadioButton("Random search, trials:");
    private final Spinner<Integer> trials = new Spinner<>(1, 200, 8);
    private final Label summary = new Label();

    public SweepDialog(RunConfig base) {
        this.base = base;
        setTitle("Hyper-parameter sweep");
        setHeaderText("Vary the Train tab's settings. Runs are queued and trained one after another.");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        for (int i = 0; i < SETTINGS.size(); i++) {
            Setting s = SETTINGS.get(i);
            TextField f = new TextField();
            f.setId("sweep" + i);
            f.setPromptText(s.example());
            f.setPrefColumnCount(26);
            f.textProperty().addListener((o, a, b) -> update());
            fields.add(f);
            g.add(new Label(s.label()), 0, i);
            g.add(f, 1, i);
        }
        ToggleGroup mode = new ToggleGroup();
        grid.setToggleGroup(mode);
        random.setToggleGroup(mode);
        grid.setSelected(true);
        grid.setId("sweepGrid");
        random.setId("sweepRandom");
        mode.selectedToggleProperty().addListener((o, a, b) -> update());
        trials.valueProperty().addListener((o, a, b) -> update());
        summary.setId("sweepSummary");
        summary.setWrapText(true);
        summary.setMaxWidth(520);
        Label hint = new Label("Leave a setting empty to keep its value. Values are comma separated; for random search give a "
                + "range as min..max (or a list to pick from).");
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.getStyleClass().add("hint");
        VBox box = new VBox(10, hint, g, grid, new HBox(8, random, trials), summary);
        box.setPadding(new Insets(10));
        getDialogPane().setContent(box);
        ButtonType queue = new ButtonType("Queue runs", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(queue, ButtonType.CANCEL);
        getDialogPane().lookupButton(queue).setId("sweepQueue");
        getDialogPane().lookupButton(queue).disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> summary.getText().startsWith("⚠"), summary.textProperty()));
        setResultConverter(b -> b == queue ? new Plan(Sweep.newTag(), plan()) : null);
        update();
    }

    /** Fills a setting's field (for tests). */
    public void set(String path, String text) {
        for (int i = 0; i < SETTINGS.size(); i++) {
            if (SETTINGS.get(i).path().equals(path)) {
                fields.get(i).setText(text);
                return;
            }
        }
        throw new IllegalArgumentException("no sweep setting " + path);
    }

    public void useRandom(int n) {
        random.setSelected(true);
        trials.getValueFactory().setValue(n);
    }

    public Label summaryLabel() {
        return summary;
    }

    private void update() {
        try {
            List<Sweep.Trial> t = plan();
            summary.setText(t.size() + " run" + (t.size() == 1 ? "" : "s") + (t.isEmpty() ? "" : ", e.g. " + t.get(0).name()));
        } catch (IllegalArgumentException e) {
            summary.setText("⚠ " + e.getMessage());
        }
    }

    /** The trials for the current fields. */
    List<Sweep.Trial> plan() {
        List<Sweep.Values> values = new ArrayList<>();
        List<Sweep.Range> ranges = new ArrayList<>();
        for (int i = 0; i < SETTINGS.size(); i++) {
            Setting s = SETTINGS.get(i);
            String text = fields.get(i).getText().trim();
            if (text.isEmpty()) {
                continue;
            }
            if (text.contains("..")) {
                if (!random.isSelected()) {
                    throw new IllegalArgumentException(s.label() + ": a range (min..max) needs random search");
                }
                String[] mm = text.split("\\.\\.");
                try {
                    ranges.add(new Sweep.Range(s.path(), Double.parseDouble(mm[0].trim()), Double.parseDouble(mm[1].trim()),
                            s.log(), s.integer()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(s.label() + ": \"" + text + "\" is not a range like 0.001..0.1");
                }
            } else {
                values.add(new Sweep.Values(s.path(), Arrays.stream(text.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList()));
            }
        }
        if (values.isEmpty() && ranges.isEmpty()) {
            throw new IllegalArgumentException("fill in at least one setting to vary");
        }
        if (random.isSelected()) {
            // Lists in random search are drawn from: pick one value per trial.
            List<Sweep.Trial> out = new ArrayList<>();
            java.util.Random rnd = new java.util.Random(base.training().seed());
            for (Sweep.Trial t : Sweep.random(base, ranges.isEmpty() ? List.of() : ranges, trials.getValue(), base.training().seed())) {
                List<Sweep.Values> pick = new ArrayList<>();
                for (Sweep.Values v : values) {
                    pick.add(new Sweep.Values(v.path(), List.of(v.values().get(rnd.nextInt(v.values().size())))));
                }
                if (pick.isEmpty()) {
                    out.add(t);
                } else {
                    Sweep.Trial p = Sweep.grid(t.config(), pick).get(0);
                    out.add(new Sweep.Trial((t.name() + " " + p.name()).trim(), p.config()));
                }
            }
            return out;
        }
        return Sweep.grid(base, values);
    }
}
