package io.kwsstudio.ui.augment;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.augment.AugmentConfig;
import io.kwsstudio.augment.Augmenter;
import io.kwsstudio.augment.NoiseBank;
import io.kwsstudio.augment.TrainingSet;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.features.FeatureKind;
import io.kwsstudio.render.Colormap;
import io.kwsstudio.render.FeatureImage;
import io.kwsstudio.ui.BackgroundTasks;
import io.kwsstudio.ui.DatasetViewModel;
import io.kwsstudio.ui.WaveformView;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Augmentation preview: the settings (each part switchable, with tooltips) and, for the selected
 * clip, a grid of augmented variants as training would draw them, each with waveform and
 * spectrogram; click one to hear it, Re-roll draws new ones. Below, what training will see: clips per
 * class and split after silence and unknown sampling.
 */
public final class AugmentView extends BorderPane {
    private static final int VARIANTS = 6;
    private final DatasetViewModel vm;
    private final BackgroundTasks tasks;
    private final ClipPlayer player;
    private final ObjectProperty<AugmentConfig> config = new SimpleObjectProperty<>(AugmentConfig.defaults());
    private final GridPane grid = new GridPane();
    private final List<VariantCard> cards = new ArrayList<>();
    private final TableView<Object[]> counts = new TableView<>();
    private final Label problem = new Label();
    private final Label noiseInfo = new Label("No background noise loaded");
    private NoiseBank noise = NoiseBank.empty();
    private FeatureExtractor spectrogram;
    private long roll;
    private boolean updating;

    // controls
    private final CheckBox noiseOn = new CheckBox("Background noise");
    private final Slider noiseFrequency = slider(0, 1, 0.8);
    private final Slider noiseVolume = slider(0, 1, 0.1);
    private final CheckBox useSnr = new CheckBox("Set the noise level by SNR instead");
    private final Slider snrMin = slider(-10, 40, 5);
    private final Slider snrMax = slider(-10, 40, 20);
    private final CheckBox shiftOn = new CheckBox("Time shift");
    private final Slider shiftMs = slider(0, 500, 100);
    private final CheckBox stretchOn = new CheckBox("Time stretch");
    private final Slider stretch = slider(0, 0.5, 0.15);
    private final CheckBox pitchOn = new CheckBox("Pitch shift");
    private final Slider pitch = slider(0, 6, 2);
    private final CheckBox gainOn = new CheckBox("Gain");
    private final Slider gain = slider(0, 20, 6);
    private final Slider silence = slider(0, 50, 10);
    private final Slider unknown = slider(0, 50, 10);
    private final TextField words = new TextField();

    public AugmentView(DatasetViewModel vm, BackgroundTasks tasks, ClipPlayer player) {
        this.vm = vm;
        this.tasks = tasks;
        this.player = player;
        getStyleClass().add("augment-view");
        ScrollPane side = new ScrollPane(buildControls());
        side.setFitToWidth(true);
        side.setPrefWidth(340);
        setLeft(side);
        setCenter(buildCenter());
        showConfig(config.get());
        config.addListener((o, a, c) -> {
            showConfig(c);
            reroll(false);
            updateCounts();
        });
        vm.currentAudioProperty().addListener((o, a, b) -> reroll(false));
        vm.datasetProperty().addListener((o, a, ds) -> loadNoise(ds));
    }

    private static Slider slider(double min, double max, double value) {
        Slider s = new Slider(min, max, value);
        s.setShowTickLabels(true);
        s.setMajorTickUnit((max - min) / 4);
        return s;
    }

    private Node buildControls() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(12));
        int r = 0;
        Label title = new Label("Augmentation");
        title.getStyleClass().add("pane-title");
        g.add(title, 0, r++, 2, 1);
        r = section(g, r, noiseOn, "Mixes a random 1 s slice of the _background_noise_ recordings under the clip, so the model learns to ignore room noise.");
        r = row(g, r, "How often", noiseFrequency, "Share of training clips that get noise (reference: 0.8).");
        r = row(g, r, "Max volume", noiseVolume, "Noise is added at a volume drawn between 0 and this (reference: 0.1). Try 0.3 and listen: the word drowns.");
        useSnr.setTooltip(tooltip("Instead of a volume, draw a signal-to-noise ratio: the noise is scaled against each clip's own loudness, "
                + "so quiet and loud recordings get the same difficulty."));
        useSnr.setId("useSnr");
        g.add(useSnr, 0, r++, 2, 1);
        r = row(g, r, "SNR from (dB)", snrMin, "Hardest case: the lowest signal-to-noise ratio drawn. 0 dB means noise as loud as the word.");
        r = row(g, r, "SNR to (dB)", snrMax, "Easiest case: the highest signal-to-noise ratio drawn.");
        r = section(g, r, shiftOn, "Moves the word earlier or later by up to this much, padding with silence, so the model does not rely on where the word sits.");
        r = row(g, r, "Up to (ms)", shiftMs, "Largest shift either way (reference: 100 ms).");
        r = section(g, r, stretchOn, "Speaks the word faster or slower without changing its pitch.");
        r = row(g, r, "By up to ±", stretch, "0.15 means 85% to 115% of the original speed.");
        r = section(g, r, pitchOn, "Raises or lowers the voice without changing the speed.");
        r = row(g, r, "Semitones ±", pitch, "2 semitones covers most of the difference between similar voices.");
        r = section(g, r, gainOn, "Makes the clip louder or quieter, as a closer or farther speaker would.");
        r = row(g, r, "dB ±", gain, "Largest change in level either way.");
        Label classes = new Label("Classes");
        classes.getStyleClass().add("pane-title");
        g.add(classes, 0, r++, 2, 1);
        words.setId("wantedWords");
        r = row(g, r, "Wanted words", words, "The words the model should recognise, comma-separated; other folders become _unknown_.");
        r = row(g, r, "Silence %", silence, "Noise-only examples added as _silence_, as a share of the wanted-word clips (reference: 10%).");
        r = row(g, r, "Unknown %", unknown, "Clips of other words added as _unknown_, as a share of the wanted-word clips (reference: 10%).");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        noiseInfo.getStyleClass().add("hint");
        noiseInfo.setWrapText(true);
        Button reference = new Button("Reference defaults", new FontIcon(Feather.ROTATE_CCW));
        reference.setOnAction(e -> config.set(AugmentConfig.defaults()));
        VBox box = new VBox(8, g, reference, problem, noiseInfo);
        box.setPadding(new Insets(0, 12, 12, 0));

        for (CheckBox c : List.of(noiseOn, useSnr, shiftOn, stretchOn, pitchOn, gainOn)) {
            c.selectedProperty().addListener((o, a, b) -> fromControls());
        }
        noiseVolume.disableProperty().bind(useSnr.selectedProperty());
        snrMin.disableProperty().bind(useSnr.selectedProperty().not());
        snrMax.disableProperty().bind(useSnr.selectedProperty().not());
        for (Slider s : List.of(noiseFrequency, noiseVolume, snrMin, snrMax, shiftMs, stretch, pitch, gain, silence, unknown)) {
            s.valueChangingProperty().addListener((o, a, changing) -> {
                if (!changing) {
                    fromControls();
                }
            });
            s.setOnMouseReleased(e -> fromControls());
            s.setOnKeyReleased(e -> fromControls());
        }
        words.setOnAction(e -> fromControls());
        words.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                fromControls();
            }
        });
        return box;
    }

    private static int section(GridPane g, int r, CheckBox c, String tip) {
        c.setTooltip(tooltip(tip));
        c.getStyleClass().add("section-toggle");
        g.add(c, 0, r, 2, 1);
        return r + 1;
    }

    private static int row(GridPane g, int r, String text, javafx.scene.control.Control control, String tip) {
        Label l = new Label(text);
        l.setTooltip(tooltip(tip));
        control.setTooltip(tooltip(tip));
        g.add(l, 0, r);
        g.add(control, 1, r);
        GridPane.setHgrow(control, Priority.ALWAYS);
        return r + 1;
    }

    private static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        return t;
    }

    private Node buildCenter() {
        Label title = new Label("Variants of the selected clip, as training would draw them");
        title.getStyleClass().add("pane-title");
        Button reroll = new Button("Re-roll", new FontIcon(Feather.SHUFFLE));
        reroll.setId("rerollButton");
        reroll.setOnAction(e -> reroll(true));
        reroll.setTooltip(new Tooltip("Draw new random variants"));
        Label hint = new Label("Click a variant to hear it.");
        hint.getStyleClass().add("hint");
        HBox header = new HBox(12, title, reroll, hint);
        header.setAlignment(Pos.CENTER_LEFT);
        grid.setHgap(10);
        grid.setVgap(10);
        for (int c = 0; c < 3; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            grid.getColumnConstraints().add(cc);
        }
        for (int i = 0; i < VARIANTS; i++) {
            VariantCard card = new VariantCard(i);
            cards.add(card);
            grid.add(card, i % 3, i / 3);
            GridPane.setHgrow(card, Priority.ALWAYS);
        }
        Label countsTitle = new Label("What training will see (examples per class and split)");
        countsTitle.getStyleClass().add("pane-title");
        counts.setId("classCounts");
        counts.setPrefHeight(200);
        counts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        String[] cols = {"Class", "Training", "Validation", "Testing"};
        for (int c = 0; c < cols.length; c++) {
            int idx = c;
            TableColumn<Object[], Object> col = new TableColumn<>(cols[c]);
            col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()[idx]));
            counts.getColumns().add(col);
        }
        VBox center = new VBox(10, header, grid, countsTitle, counts);
        center.setPadding(new Insets(12));
        VBox.setVgrow(counts, Priority.ALWAYS);
        return center;
    }

    // ------------------------------------------------------------------ config <-> controls

    private void showConfig(AugmentConfig c) {
        updating = true;
        try {
            noiseOn.setSelected(c.backgroundNoise());
            noiseFrequency.setValue(c.backgroundFrequency());
            noiseVolume.setValue(c.backgroundVolumeMax());
            useSnr.setSelected(c.useSnr());
            snrMin.setValue(c.snrMinDb());
            snrMax.setValue(c.snrMaxDb());
            shiftOn.setSelected(c.timeShift());
            shiftMs.setValue(c.timeShiftMs());
            stretchOn.setSelected(c.timeStretch());
            stretch.setValue(Math.max(1 - c.stretchMin(), c.stretchMax() - 1));
            pitchOn.setSelected(c.pitchShift());
            pitch.setValue(c.pitchSemitones());
            gainOn.setSelected(c.gain());
            gain.setValue(Math.max(-c.gainMinDb(), c.gainMaxDb()));
            silence.setValue(c.silencePercentage());
            unknown.setValue(c.unknownPercentage());
            words.setText(String.join(", ", c.wantedWords()));
        } finally {
            updating = false;
        }
    }

    private void fromControls() {
        if (updating) {
            return;
        }
        try {
            double st = stretch.getValue();
            double gn = gain.getValue();
            List<String> wanted = Arrays.stream(words.getText().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            AugmentConfig c = config.get()
                    .withBackgroundNoise(noiseOn.isSelected()).withBackgroundFrequency(round(noiseFrequency.getValue()))
                    .withBackgroundVolume(0, round(noiseVolume.getValue()))
                    .withUseSnr(useSnr.isSelected())
                    .withSnrDb(Math.round(Math.min(snrMin.getValue(), snrMax.getValue())), Math.round(Math.max(snrMin.getValue(), snrMax.getValue())))
                    .withTimeShift(shiftOn.isSelected()).withTimeShiftMs((int) Math.round(shiftMs.getValue()))
                    .withTimeStretch(stretchOn.isSelected()).withStretchRange(round(1 - st), round(1 + st))
                    .withPitchShift(pitchOn.isSelected()).withPitchSemitones(round(pitch.getValue()))
                    .withGain(gainOn.isSelected()).withGainDb(-round(gn), round(gn))
                    .withSilencePercentage(Math.round(silence.getValue())).withUnknownPercentage(Math.round(unknown.getValue()))
                    .withWantedWords(wanted);
            problem.setText("");
            if (!c.equals(config.get())) {
                config.set(c);
            }
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    // ------------------------------------------------------------------ variants and counts

    private void loadNoise(Dataset ds) {
        noise = NoiseBank.empty();
        if (ds == null) {
            return;
        }
        tasks.submit("Loading background noise", (p, c) -> NoiseBank.load(ds.noiseFiles(), ds.sampleRate(), p, c), bank -> {
            noise = bank;
            noiseInfo.setText(bank.isEmpty() ? "This dataset has no _background_noise_ recordings: noise and silence examples will be silent."
                    : String.format(Locale.ROOT, "Background noise: %d recordings, %.0f s", bank.size(), bank.totalSeconds()));
            reroll(false);
            updateCounts();
        }, e -> noiseInfo.setText("Background noise could not be loaded: " + e.getMessage()));
    }

    /** Draws new variants; {@code fresh} moves to the next random draw, otherwise the current one is redrawn with new settings. */
    public void reroll(boolean fresh) {
        if (fresh) {
            roll++;
        }
        AudioClip clip = vm.currentAudioProperty().get();
        Dataset ds = vm.dataset();
        if (clip == null || ds == null) {
            cards.forEach(VariantCard::clear);
            return;
        }
        AugmentConfig c = config.get();
        int clipSamples = ds.sampleRate() * ds.clipDurationMs() / 1000;
        Augmenter augmenter = new Augmenter(c, noise, ds.sampleRate(), clipSamples);
        float[] fg = Arrays.copyOf(clip.samples(), clipSamples);
        for (int i = 0; i < VARIANTS; i++) {
            float[] out = new float[clipSamples];
            augmenter.augment(fg, false, new Random(c.seed() * 31 + roll * VARIANTS + i), out);
            cards.get(i).show(new AudioClip(out, ds.sampleRate()));
        }
    }

    private void updateCounts() {
        Dataset ds = vm.dataset();
        if (ds == null) {
            counts.getItems().clear();
            return;
        }
        AugmentConfig c = config.get();
        tasks.submit("Counting training examples", (p, t) -> TrainingSet.build(ds, c), set -> {
            List<Object[]> rows = new ArrayList<>();
            for (String cls : set.classNames()) {
                rows.add(new Object[] {cls, set.countsPerClass(Split.TRAINING).get(cls), set.countsPerClass(Split.VALIDATION).get(cls),
                        set.countsPerClass(Split.TESTING).get(cls)});
            }
            counts.getItems().setAll(rows);
            problem.setText(set.missingWords().isEmpty() ? "" : "No clips for: " + String.join(", ", set.missingWords()));
        }, e -> problem.setText(e.getMessage()));
    }

    /** One extractor for all six cards (and every re-roll) at a sample rate. */
    private FeatureExtractor spectrogramFor(int rate) {
        if (spectrogram == null || spectrogram.config().sampleRate() != rate) {
            spectrogram = new FeatureExtractor(FeatureConfig.defaults().withKind(FeatureKind.SPECTROGRAM).withSampleRate(rate)
                    .withLowerFrequencyLimit(20).withUpperFrequencyLimit(Math.min(4000, rate / 2.0)));
        }
        return spectrogram;
    }

    public ObjectProperty<AugmentConfig> configProperty() {
        return config;
    }

    /** The variant cards' current audio, for tests. */
    public List<AudioClip> variants() {
        return cards.stream().map(v -> v.audio).toList();
    }

    public TableView<Object[]> countsTable() {
        return counts;
    }

    /** One augmented variant: waveform over spectrogram; click to play. */
    private final class VariantCard extends VBox {
        private final WaveformView wave = new WaveformView();
        private final ImageView spec = new ImageView();
        private final Label caption = new Label();
        private AudioClip audio;

        VariantCard(int index) {
            super(4);
            getStyleClass().add("variant-card");
            setId("variant" + index);
            wave.setPrefHeight(70);
            wave.setMinHeight(60);
            spec.setFitHeight(80);
            spec.setPreserveRatio(false);
            // The image follows the card's width, never the other way round.
            setMinWidth(0);
            setPrefWidth(100);
            spec.setManaged(false);
            spec.fitWidthProperty().bind(widthProperty().subtract(8));
            javafx.scene.layout.Region slot = new javafx.scene.layout.Region();
            slot.setMinHeight(80);
            slot.setPrefHeight(80);
            caption.getStyleClass().add("hint");
            javafx.scene.layout.StackPane specPane = new javafx.scene.layout.StackPane(slot, spec);
            specPane.setAlignment(Pos.TOP_LEFT);
            getChildren().addAll(wave, specPane, caption);
            setPadding(new Insets(4));
            setOnMouseClicked(e -> {
                if (audio != null) {
                    player.play(audio, new ClipPlayer.PlaybackListener() { });
                }
            });
            Tooltip.install(this, new Tooltip("Click to play this variant"));
        }

        void show(AudioClip a) {
            audio = a;
            wave.setClip(a);
            FeatureExtractor fx = spectrogramFor(a.sampleRate());
            FeatureConfig fc = fx.config();
            float[] f = fx.extract(a.samples());
            int[] argb = FeatureImage.render(f, fc.frames(), fc.bins(), FeatureImage.autoScale(f, f.length, true, 80), Colormap.VIRIDIS);
            WritableImage img = new WritableImage(fc.frames(), fc.bins());
            img.getPixelWriter().setPixels(0, 0, fc.frames(), fc.bins(), PixelFormat.getIntArgbInstance(), argb, 0, fc.frames());
            spec.setImage(img);
            caption.setText(String.format(Locale.ROOT, "peak %.1f dBFS", 20 * Math.log10(Math.max(a.peak(), 1e-6))));
        }

        void clear() {
            audio = null;
            wave.setPlaceholder("Select a clip in the Clips tab");
            spec.setImage(null);
            caption.setText("");
        }
    }
}
