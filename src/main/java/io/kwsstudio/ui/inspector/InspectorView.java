package io.kwsstudio.ui.inspector;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.features.FeatureKind;
import io.kwsstudio.files.AtomicFiles;
import io.kwsstudio.render.Colormap;
import io.kwsstudio.render.FeatureImage;
import io.kwsstudio.ui.WaveformView;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The clip inspector: the selected clip's waveform, spectrogram and MFCC (or log-mel) one above the
 * other on one time axis, redrawn at once when a feature setting changes, so users see exactly what
 * the model will see. Mouse wheel zooms in time (all three together), dragging pans, double-click
 * shows the whole clip; hovering reads out time, frequency or coefficient, and value.
 */
public final class InspectorView extends BorderPane {
    private final ObjectProperty<FeatureConfig> config = new SimpleObjectProperty<>(FeatureConfig.defaults());
    private final ObjectProperty<AudioClip> audio = new SimpleObjectProperty<>();
    private final TimeRange range = new TimeRange();
    private final WaveformView waveform = new WaveformView();
    private final FeaturePlot spectrogram = new FeaturePlot(range);
    private final FeaturePlot features = new FeaturePlot(range);
    private final Label shape = new Label();
    private final Label readout = new Label(" ");
    private final Label problem = new Label();
    private final Label timing = new Label();
    private final Label cost = new Label();
    private final ChoiceBox<io.kwsstudio.train.ModelKind> model = new ChoiceBox<>();
    private final ChoiceBox<FeatureKind> kind = new ChoiceBox<>();
    private final ChoiceBox<Colormap> colormap = new ChoiceBox<>();
    private final Slider dbRange = new Slider(20, 120, 80);
    private final Spinner<Integer> window = intSpinner(5, 200, 30, 1);
    private final Spinner<Integer> stride = intSpinner(1, 100, 10, 1);
    private final Spinner<Integer> coefficients = intSpinner(1, 128, 40, 1);
    private final Spinner<Integer> channels = intSpinner(2, 128, 40, 1);
    private final Spinner<Integer> lower = intSpinner(0, 4000, 20, 10);
    private final Spinner<Integer> upper = intSpinner(500, 24000, 4000, 100);
    private final Spinner<Integer> duration = intSpinner(100, 5000, 1000, 50);
    private final VBox plots;
    private float[] lastSpectrogram = new float[0];
    private float[] lastFeatures = new float[0];
    private FeatureConfig lastSpecConfig;
    private FeatureConfig lastFeatConfig;
    private double dragX = Double.NaN;
    private boolean updatingControls;

    public InspectorView() {
        getStyleClass().add("inspector");
        kind.getItems().addAll(FeatureKind.MFCC, FeatureKind.LOG_MEL);
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FeatureKind k) {
                return k == FeatureKind.MFCC ? "MFCC" : k == FeatureKind.LOG_MEL ? "Log-mel" : String.valueOf(k);
            }

            @Override
            public FeatureKind fromString(String s) {
                return null;
            }
        });
        kind.setValue(FeatureKind.MFCC);
        colormap.getItems().addAll(Colormap.values());
        colormap.setValue(Colormap.VIRIDIS);
        dbRange.setShowTickLabels(true);
        dbRange.setMajorTickUnit(20);

        waveform.setTimeRange(range, FeaturePlot.AXIS_WIDTH);
        waveform.setPrefHeight(130);
        spectrogram.setId("spectrogramPlot");
        features.setId("featurePlot");
        spectrogram.setOnHover(fb -> hover(fb, true));
        features.setOnHover(fb -> hover(fb, false));
        plots = new VBox(6, waveform, spectrogram, features);
        plots.setPadding(new Insets(8));
        plots.getStyleClass().add("inspector-plots");
        VBox.setVgrow(spectrogram, Priority.ALWAYS);
        VBox.setVgrow(features, Priority.ALWAYS);
        installZoom(plots);

        problem.getStyleClass().add("problem");
        problem.setId("inspectorProblem");
        coefficients.setId("coefficientsSpinner");
        problem.setWrapText(true);
        readout.getStyleClass().add("hint");
        shape.setId("inputShape");
        shape.getStyleClass().add("shape-label");
        timing.getStyleClass().add("hint");
        model.getItems().addAll(io.kwsstudio.train.ModelKind.values());
        model.setValue(io.kwsstudio.train.ModelKind.CONV);
        model.setId("costModel");
        model.setTooltip(new Tooltip("A model from the zoo: its size and the multiplies it needs per 1 s clip for this input shape "
                + "(12 labels: _silence_, _unknown_ and ten words)"));
        model.valueProperty().addListener((o, a, b) -> updateShape(config.get()));
        cost.setId("modelCost");
        cost.getStyleClass().add("hint");
        // Two rows so nothing is cut off: what the model gets, then what the mouse points at.
        shape.setMinWidth(Region.USE_PREF_SIZE);
        cost.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(12, shape, model, cost);
        header.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox status = new HBox(12, readout, spacer, timing);
        status.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, header, status);
        top.setPadding(new Insets(8, 10, 0, 10));

        setCenter(new VBox(top, plots));
        VBox.setVgrow(plots, Priority.ALWAYS);
        ScrollPane side = new ScrollPane(buildControls());
        side.setFitToWidth(true);
        side.setPrefWidth(290);
        setRight(side);

        config.addListener((o, a, c) -> {
            showConfig(c);
            redraw();
        });
        audio.addListener((o, a, clip) -> {
            range.reset(totalSeconds());
            redraw();
        });
        colormap.valueProperty().addListener((o, a, b) -> recolour());
        dbRange.valueProperty().addListener((o, a, b) -> recolour());
        showConfig(config.get());
        redraw();
    }

    // ------------------------------------------------------------------ controls

    private Node buildControls() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        int row = 0;
        Label title = new Label("Features");
        title.getStyleClass().add("pane-title");
        grid.add(title, 0, row++, 2, 1);
        row = addRow(grid, row, "Lower image", kind,
                "MFCC: the cepstral coefficients most keyword models take as input. Log-mel: the mel filterbank energies before the DCT.");
        row = addRow(grid, row, "Window (ms)", window,
                "How much audio each frame looks at. Longer windows resolve pitch better but blur fast changes. The reference uses 30 ms.");
        row = addRow(grid, row, "Stride (ms)", stride,
                "How far the window moves between frames: the time step of the image. Smaller strides give more frames (a wider input) "
                        + "and cost more to compute. The reference uses 10 ms, i.e. 100 frames a second.");
        row = addRow(grid, row, "Coefficients", coefficients,
                "How many MFCC coefficients (rows of the lower image) are kept; the model input is frames x this. Cannot exceed the filterbank channels.");
        row = addRow(grid, row, "Mel channels", channels,
                "Triangular filters spread on the mel scale between the frequency limits; the MFCC is computed from their log energies.");
        row = addRow(grid, row, "Lowest Hz", lower, "Frequencies below this are ignored by the mel filterbank (reference: 20 Hz).");
        row = addRow(grid, row, "Highest Hz", upper,
                "Frequencies above this are ignored by the mel filterbank (reference: 4000 Hz). Must stay below half the sample rate.");
        row = addRow(grid, row, "Clip (ms)", duration,
                "Clips are padded with silence or cut to this length before features are computed, as in training.");
        Label look = new Label("Display");
        look.getStyleClass().add("pane-title");
        grid.add(look, 0, row++, 2, 1);
        row = addRow(grid, row, "Colour map", colormap,
                "Viridis and magma are perceptually uniform: equal steps in value look like equal steps in colour.");
        row = addRow(grid, row, "dB range", dbRange, "How far below the loudest point the spectrogram colours reach; quieter parts are drawn darkest.");
        Button reset = new Button("Reference defaults", new FontIcon(Feather.ROTATE_CCW));
        reset.setOnAction(e -> config.set(FeatureConfig.defaults().withKind(kind.getValue())));
        reset.setMaxWidth(Double.MAX_VALUE);
        Button export = new Button("Export PNG…", new FontIcon(Feather.IMAGE));
        export.setOnAction(e -> exportPng());
        export.setMaxWidth(Double.MAX_VALUE);
        Label help = new Label("Mouse wheel: zoom in time · drag: pan · double-click: whole clip");
        help.getStyleClass().add("hint");
        help.setWrapText(true);
        VBox box = new VBox(10, grid, reset, export, problem, help);
        box.setPadding(new Insets(0, 12, 12, 0));

        for (Spinner<Integer> s : java.util.List.of(window, stride, coefficients, channels, lower, upper, duration)) {
            s.setEditable(true);
            s.valueProperty().addListener((o, a, b) -> fromControls());
        }
        kind.valueProperty().addListener((o, a, b) -> fromControls());
        return box;
    }

    private static int addRow(GridPane grid, int row, String text, Node control, String tip) {
        Label l = new Label(text);
        Tooltip t = new Tooltip(tip);
        t.setWrapText(true);
        t.setMaxWidth(360);
        l.setTooltip(t);
        if (control instanceof javafx.scene.control.Control c) {
            c.setTooltip(t);
            c.setMaxWidth(Double.MAX_VALUE);
        }
        grid.add(l, 0, row);
        grid.add(control, 1, row);
        GridPane.setHgrow(control, Priority.ALWAYS);
        return row + 1;
    }

    private static Spinner<Integer> intSpinner(int min, int max, int value, int step) {
        Spinner<Integer> s = new Spinner<>();
        s.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value, step));
        s.setPrefWidth(110);
        return s;
    }

    private void showConfig(FeatureConfig c) {
        updatingControls = true;
        try {
            kind.setValue(c.kind() == FeatureKind.LOG_MEL ? FeatureKind.LOG_MEL : FeatureKind.MFCC);
            window.getValueFactory().setValue((int) Math.round(c.windowSizeMs()));
            stride.getValueFactory().setValue((int) Math.round(c.windowStrideMs()));
            coefficients.getValueFactory().setValue(c.featureBinCount());
            channels.getValueFactory().setValue(c.filterbankChannelCount());
            lower.getValueFactory().setValue((int) Math.round(c.lowerFrequencyLimit()));
            upper.getValueFactory().setValue((int) Math.round(c.upperFrequencyLimit()));
            duration.getValueFactory().setValue(c.clipDurationMs());
        } finally {
            updatingControls = false;
        }
    }

    private void fromControls() {
        if (updatingControls) {
            return;
        }
        FeatureConfig c = config.get();
        try {
            FeatureConfig next = new FeatureConfig(kind.getValue(), c.sampleRate(), duration.getValue(), window.getValue(),
                    stride.getValue(), coefficients.getValue(), lower.getValue(), upper.getValue(), channels.getValue());
            problem.setText("");
            config.set(next);
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ drawing

    private double totalSeconds() {
        AudioClip a = audio.get();
        double clipSeconds = config.get().clipDurationMs() / 1000.0;
        return a == null ? clipSeconds : Math.max(clipSeconds, a.durationSeconds());
    }

    /** Recomputes both images from the clip; well under 100 ms for a 1 s clip. */
    private void redraw() {
        AudioClip a = audio.get();
        FeatureConfig c = config.get();
        if (range.total() != totalSeconds()) {
            range.reset(totalSeconds());
        }
        updateShape(c);
        waveform.setClip(a);
        if (a == null) {
            spectrogram.clear("Select a clip in the Clips tab to inspect it");
            features.clear("");
            return;
        }
        long t0 = System.nanoTime();
        float[] samples = a.sampleRate() == c.sampleRate() ? a.samples()
                : io.kwsstudio.audio.Resampler.resample(a.samples(), a.sampleRate(), c.sampleRate());
        lastSpecConfig = c.withKind(FeatureKind.SPECTROGRAM);
        lastSpectrogram = new FeatureExtractor(lastSpecConfig).extract(samples);
        lastFeatConfig = c;
        lastFeatures = new FeatureExtractor(c).extract(samples);
        recolour();
        timing.setText(String.format(Locale.ROOT, "computed and drawn in %.1f ms", (System.nanoTime() - t0) / 1e6));
    }

    private void recolour() {
        if (lastSpecConfig == null || audio.get() == null) {
            return;
        }
        Colormap map = colormap.getValue();
        FeatureConfig sc = lastSpecConfig;
        int sf = sc.frames();
        int sb = sc.bins();
        double centre0 = sc.windowSamples() / 2.0 / sc.sampleRate();
        double step = (double) sc.strideSamples() / sc.sampleRate();
        FeatureImage.ValueScale specScale = FeatureImage.autoScale(lastSpectrogram, sf * sb, true, dbRange.getValue());
        spectrogram.setImage(FeatureImage.render(lastSpectrogram, sf, sb, specScale, map), sf, sb, centre0, step,
                "Spectrogram (power, dB)", "0 Hz", khz(sc.sampleRate() / 4.0), khz(sc.sampleRate() / 2.0));
        FeatureConfig fc = lastFeatConfig;
        int ff = fc.frames();
        int fb = fc.bins();
        FeatureImage.ValueScale featScale = fc.kind() == FeatureKind.MFCC
                ? FeatureImage.mfccScale(lastFeatures, ff, fb)
                : FeatureImage.autoScale(lastFeatures, ff * fb, false, 0);
        String title = fc.kind() == FeatureKind.MFCC ? "MFCC (colours span c1 and up; c0, the loudness, is clipped)"
                : "Log-mel filterbank (ln energy)";
        IntFunction<String> top = n -> fc.kind() == FeatureKind.MFCC ? "c" + (n - 1) : khz(fc.upperFrequencyLimit());
        features.setImage(FeatureImage.render(lastFeatures, ff, fb, featScale, map), ff, fb, centre0, step, title,
                fc.kind() == FeatureKind.MFCC ? "c0" : khz(fc.lowerFrequencyLimit()), top.apply(fb));
        double cursor = waveform.cursorSecondsProperty().get();
        spectrogram.cursorSecondsProperty().set(cursor);
        features.cursorSecondsProperty().set(cursor);
    }

    private void updateShape(FeatureConfig c) {
        shape.setText(String.format(Locale.ROOT, "Model input: %d frames × %d %s", c.frames(), c.bins(),
                c.kind() == FeatureKind.MFCC ? "coefficients" : "channels"));
        try {
            io.kwsstudio.train.ModelSummary m = io.kwsstudio.train.ModelZoo.summarize(
                    io.kwsstudio.train.ModelSpec.defaults(model.getValue()), c.frames(), c.bins(), 12);
            cost.setText(String.format(Locale.ROOT, "%,d parameters · %s multiplies per inference", m.parameters(), human(m.multiplies())));
        } catch (RuntimeException e) {
            cost.setText("this model does not fit this input: " + e.getMessage());
        }
    }

    private static String human(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1f M", n / 1e6) : String.format(Locale.ROOT, "%.1f K", n / 1e3);
    }

    private static String khz(double hz) {
        return hz >= 1000 ? String.format(Locale.ROOT, "%.1f kHz", hz / 1000) : String.format(Locale.ROOT, "%.0f Hz", hz);
    }

    private void hover(int[] fb, boolean isSpectrogram) {
        if (fb == null) {
            readout.setText(" ");
            return;
        }
        FeatureConfig c = isSpectrogram ? lastSpecConfig : lastFeatConfig;
        float[] data = isSpectrogram ? lastSpectrogram : lastFeatures;
        int frame = fb[0];
        int bin = fb[1];
        double t = (frame * c.strideSamples() + c.windowSamples() / 2.0) / c.sampleRate();
        float v = data[frame * c.bins() + bin];
        String where;
        String value;
        if (isSpectrogram) {
            where = String.format(Locale.ROOT, "%,.0f Hz", bin * (double) c.sampleRate() / c.fftSize());
            value = String.format(Locale.ROOT, "%.1f dB", 10 * Math.log10(Math.max(v, 1e-10)));
        } else if (c.kind() == FeatureKind.MFCC) {
            where = "coefficient " + bin;
            value = String.format(Locale.ROOT, "%.2f", v);
        } else {
            where = "mel channel " + bin;
            value = String.format(Locale.ROOT, "%.2f", v);
        }
        readout.setText(String.format(Locale.ROOT, "t = %.3f s · frame %d · %s · %s", t, frame, where, value));
    }

    private void installZoom(Node target) {
        target.addEventFilter(ScrollEvent.SCROLL, e -> {
            double plotW = plots.getWidth() - FeaturePlot.AXIS_WIDTH - 16;
            double x = e.getX() - 8 - FeaturePlot.AXIS_WIDTH;
            double anchor = range.timeAt(Math.max(0, x), plotW);
            range.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, anchor);
            e.consume();
        });
        target.setOnMousePressed(e -> dragX = e.getX());
        target.setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX)) {
                double plotW = plots.getWidth() - FeaturePlot.AXIS_WIDTH - 16;
                range.pan(-(e.getX() - dragX) / plotW * (range.end() - range.start()));
                dragX = e.getX();
            }
        });
        target.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                range.reset(totalSeconds());
            }
        });
    }

    private void exportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the inspector images");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("clip-features.png");
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                exportPng(f.toPath());
                problem.setText("");
            } catch (java.io.IOException ex) {
                problem.setText("Could not save the PNG: " + ex.getMessage());
            }
        }
    }

    /** Saves the three plots as they are shown, as one PNG. */
    public void exportPng(java.nio.file.Path file) throws java.io.IOException {
        WritableImage snap = plots.snapshot(null, null);
        var img = SwingFXUtils.fromFXImage(snap, null);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }

    // ------------------------------------------------------------------ wiring

    /** The clip to inspect (null for none). */
    public ObjectProperty<AudioClip> audioProperty() {
        return audio;
    }

    /** The feature settings shown and edited here; shared with training later. */
    public ObjectProperty<FeatureConfig> configProperty() {
        return config;
    }

    /** Play cursor position in seconds (NaN hides it); bound by the window to the player. */
    public DoubleProperty cursorSecondsProperty() {
        return waveform.cursorSecondsProperty();
    }

    /** Moves the play cursor on all three plots. */
    public void bindCursor(javafx.beans.value.ObservableDoubleValue seconds) {
        seconds.addListener((o, a, b) -> {
            waveform.cursorSecondsProperty().set(b.doubleValue());
            spectrogram.cursorSecondsProperty().set(b.doubleValue());
            features.cursorSecondsProperty().set(b.doubleValue());
        });
    }

    public FeaturePlot spectrogramPlot() {
        return spectrogram;
    }

    public FeaturePlot featurePlot() {
        return features;
    }

    public Spinner<Integer> strideSpinner() {
        return stride;
    }

    public TimeRange timeRange() {
        return range;
    }
}
