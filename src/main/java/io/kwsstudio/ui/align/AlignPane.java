package io.kwsstudio.ui.align;

import io.kwsstudio.align.AlignMode;
import io.kwsstudio.align.AlignSettings;
import io.kwsstudio.align.Aligner;
import io.kwsstudio.align.Alignment;
import io.kwsstudio.align.BatchAlign;
import io.kwsstudio.align.LoudestWindow;
import io.kwsstudio.align.WordBounds;
import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Edit;
import io.kwsstudio.ui.WaveformView;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Locale;

/**
 * Batch alignment: choose the clips (selection, a label, the whole dataset) and the rule, see what
 * it does to a sample clip (before and after, the detected word shaded), then align them all in the
 * background as one undoable edit, originals kept in the trash.
 */
public final class AlignPane extends VBox {
    private final Dataset dataset;
    private final io.kwsstudio.ui.DatasetViewModel vm;
    private final ToggleGroup scope = new ToggleGroup();
    private final ChoiceBox<AlignMode> mode = new ChoiceBox<>();
    private final Spinner<Integer> offset = new Spinner<>(0, 900, 100, 10);
    private final WaveformView before = new WaveformView();
    private final WaveformView after = new WaveformView();
    private final Label sampleInfo = new Label();
    private final Button run = new Button("Align", new FontIcon(Feather.ALIGN_CENTER));
    private final List<Clip> selected;
    private final List<Clip> label;
    private final List<Clip> all;
    private AudioClip sample;

    public AlignPane(io.kwsstudio.ui.DatasetViewModel vm, List<Clip> selected, String currentLabel) {
        this.vm = vm;
        this.dataset = vm.dataset();
        this.selected = selected;
        this.label = currentLabel == null ? List.of() : dataset.clips(currentLabel);
        this.all = dataset.clips();
        setSpacing(10);
        setPadding(new Insets(12));
        setPrefWidth(720);

        RadioButton sel = radio("Selected clips (" + selected.size() + ")", selected);
        RadioButton lab = radio(currentLabel == null ? "Current label (none shown)" : "Label “" + currentLabel + "” (" + label.size() + ")", label);
        RadioButton whole = radio("Whole dataset (" + all.size() + ")", all);
        (selected.size() > 1 ? sel : !label.isEmpty() ? lab : whole).setSelected(true);
        sel.setDisable(selected.isEmpty());
        lab.setDisable(label.isEmpty());

        mode.getItems().addAll(AlignMode.ONSET, AlignMode.CENTRE, AlignMode.LOUDEST);
        mode.setValue(AlignMode.ONSET);
        mode.setId("alignMode");
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(AlignMode m) {
                return m == null ? "" : switch (m) {
                    case ONSET -> "Word starts at the offset";
                    case CENTRE -> "Word centred";
                    case LOUDEST -> "Loudest window (reference)";
                };
            }

            @Override
            public AlignMode fromString(String s) {
                return null;
            }
        });
        mode.setTooltip(new Tooltip("Onset: detect where the word starts and place it at the offset, never cutting a word that fits. "
                + "Centre: centre the word. Loudest window: keep the loudest second, as the reference tool does."));
        offset.setEditable(true);
        offset.setTooltip(new Tooltip("How much silence comes before the word (onset mode)"));
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Clips"), new VBox(4, sel, lab, whole));
        form.addRow(1, new Label("Rule"), mode);
        form.addRow(2, new Label("Offset (ms)"), offset);

        before.setPrefHeight(110);
        after.setPrefHeight(110);
        sampleInfo.getStyleClass().add("hint");
        Label b = new Label("Before (detected word shaded)");
        Label a = new Label("After");
        run.setId("runAlign");
        run.setDefaultButton(true);
        run.setOnAction(e -> runAll());
        getChildren().addAll(form, b, before, a, after, sampleInfo, new HBox(run));
        mode.valueProperty().addListener((o, x, y) -> preview());
        offset.valueProperty().addListener((o, x, y) -> preview());
        scope.selectedToggleProperty().addListener((o, x, y) -> loadSample());
        loadSample();
    }

    private RadioButton radio(String text, List<Clip> clips) {
        RadioButton r = new RadioButton(text);
        r.setToggleGroup(scope);
        r.setUserData(clips);
        return r;
    }

    @SuppressWarnings("unchecked")
    private List<Clip> scoped() {
        return scope.getSelectedToggle() == null ? List.of() : (List<Clip>) scope.getSelectedToggle().getUserData();
    }

    private AlignSettings settings() {
        return new AlignSettings(mode.getValue(), dataset.clipDurationMs(), offset.getValue());
    }

    private void loadSample() {
        List<Clip> clips = scoped();
        run.setText("Align " + clips.size() + " clip" + (clips.size() == 1 ? "" : "s"));
        run.setDisable(clips.isEmpty());
        sample = null;
        if (!clips.isEmpty()) {
            try {
                sample = WavReader.read(dataset.path(clips.get(0)), dataset.sampleRate());
                sampleInfo.setText("Sample: " + clips.get(0).relativePath());
            } catch (AudioFileException e) {
                sampleInfo.setText(e.getMessage());
            }
        }
        preview();
    }

    /** Shows the rule's effect on the sample clip (one clip: milliseconds, done on the FX thread). */
    private void preview() {
        if (sample == null) {
            before.setPlaceholder("No clip to preview");
            after.setPlaceholder("");
            return;
        }
        AlignSettings s = settings();
        Alignment al = s.mode() == AlignMode.LOUDEST ? LoudestWindow.extract(sample, s.clipSamples(dataset.sampleRate()))
                : new Aligner(s).align(sample);
        before.setClip(sample);
        after.setClip(al.aligned());
        shade(before, al.bounds(), al.silent());
        shade(after, al.boundsInAligned(), al.silent());
        int rate = dataset.sampleRate();
        sampleInfo.setText(al.silent() ? "No speech found in the sample: such clips are left as they are."
                : String.format(Locale.ROOT, "Word found at %.0f–%.0f ms; moved by %+.0f ms%s", al.bounds().onsetSeconds(rate) * 1000,
                al.bounds().offsetSeconds(rate) * 1000, al.shiftSamples() * 1000.0 / rate,
                al.wordCut() ? " — the word is longer than the clip and is cut" : ""));
    }

    private void shade(WaveformView view, WordBounds b, boolean silent) {
        int rate = dataset.sampleRate();
        view.selectionStartProperty().set(silent ? Double.NaN : b.onsetSeconds(rate));
        view.selectionEndProperty().set(silent ? Double.NaN : b.offsetSeconds(rate));
    }

    private void runAll() {
        List<Clip> clips = scoped();
        AlignSettings s = settings();
        vm.perform("Aligning " + clips.size() + " clips", (ds, progress, cancel) -> {
            List<BatchAlign.Result> results = BatchAlign.plan(ds, clips, s, progress, cancel);
            BatchAlign.Summary sum = BatchAlign.summarize(results);
            Edit edit = BatchAlign.apply(ds, results, "Align " + sum.changed() + " clips");
            return String.format(Locale.ROOT, "Aligned %d of %d clips (%d without speech left as they were, %d unreadable%s)%s",
                    edit == null ? 0 : sum.changed(), sum.clips(), sum.silent(), sum.unreadable(),
                    sum.wordCut() > 0 ? ", " + sum.wordCut() + " words longer than the clip" : "",
                    edit == null ? "" : ". Undo restores the originals.");
        });
        if (getScene() != null && getScene().getWindow() != null) {
            getScene().getWindow().hide();
        }
    }
}
