package io.kwsstudio.ui.live;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioSource;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.features.FeatureExtractor;
import io.kwsstudio.features.FeatureKind;
import io.kwsstudio.render.Colormap;
import io.kwsstudio.render.FeatureImage;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunModel;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.stream.Detection;
import io.kwsstudio.stream.GroundTruth;
import io.kwsstudio.stream.RecognizeCommands;
import io.kwsstudio.stream.ScoreTrack;
import io.kwsstudio.stream.StreamingAccuracy;
import io.kwsstudio.stream.StreamingRecognizer;
import io.kwsstudio.ui.DatasetViewModel;
import io.kwsstudio.ui.train.MetricsChart;
import io.kwsstudio.ui.train.TrainingController;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Live tab: a trained run on the microphone (Listen) or over a recording (Open recording), with
 * the input's features scrolling by, every label's score over time, the detected keywords with their
 * scores and a big current word. Threshold, averaging window and suppression act at once (recordings
 * are scored once and re-triggered). With a ground-truth CSV, detections are marked hit, wrong or
 * false trigger, misses are listed and the streaming metrics shown. A detection (say, a false trigger)
 * can be played and added to the dataset as a clip under any label.
 */
public final class LiveView extends BorderPane {
    private static final double LIVE_SECONDS = 8;

    private final DatasetViewModel vm;
    private final TrainingController training;
    private final ClipPlayer player;
    private final Function<String, AudioSource> sources;
    private final Supplier<List<String>> devices;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-recognition");
        t.setDaemon(true);
        return t;
    });
    private final ComboBox<Run> runBox = new ComboBox<>();
    private final ComboBox<String> deviceBox = new ComboBox<>();
    private final ToggleButton listen = new ToggleButton("Listen", new FontIcon(Feather.MIC));
    private final Button openRecording = new Button("Open recording…", new FontIcon(Feather.FILE));
    private final Button openTruth = new Button("Ground truth…", new FontIcon(Feather.CHECK_SQUARE));
    private final Slider threshold = slider(0, 1, 0.5);
    private final Slider window = slider(100, 2000, 1000);
    private final Slider suppression = slider(0, 2000, 500);
    private final Label thresholdValue = new Label();
    private final Label windowValue = new Label();
    private final Label suppressionValue = new Label();
    private final Label bigWord = new Label("—");
    private final Label status = new Label("Pick a trained run, then Listen or open a recording.");
    private final Label metrics = new Label();
    private final ImageView strip = new ImageView();
    private final MetricsChart scores = new MetricsChart("Scores", "probability");
    private final TableView<Row> detections = new TableView<>();
    private final ComboBox<String> addLabel = new ComboBox<>();
    private final Timeline pump;
    private final ConcurrentLinkedQueue<StreamingRecognizer.Live.Step> liveSteps = new ConcurrentLinkedQueue<>();
    private final Deque<float[]> liveFrames = new ArrayDeque<>();  // newest feature frames, one array each
    private final Deque<StreamingRecognizer.Live.Step> liveHistory = new ArrayDeque<>();
    private volatile boolean listening;
    private volatile StreamingRecognizer.Live live;
    private volatile float[] liveAudio = new float[0];
    private RunModel model;
    private ScoreTrack track;
    private AudioClip recording;
    private List<GroundTruth.Word> truth;
    /** Where the kept live audio starts in stream time (the last minute of a session is kept). */
    private long liveOffsetMs;

    /** A detection, or a missed ground-truth word, as a table row. */
    public record Row(long timeMs, String label, float score, String outcome) {
    }

    public LiveView(DatasetViewModel vm, TrainingController training, ClipPlayer player, Function<String, AudioSource> sources,
                    Supplier<List<String>> devices) {
        this.vm = vm;
        this.training = training;
        this.player = player;
        this.sources = sources;
        this.devices = devices;
        setId("liveView");
        setTop(buildControls());
        setCenter(buildDisplay());
        pump = new Timeline(new KeyFrame(javafx.util.Duration.millis(100), e -> drainLive()));
        pump.setCycleCount(Timeline.INDEFINITE);
        training.runsChangedProperty().addListener((o, a, b) -> refreshRuns());
        vm.datasetProperty().addListener((o, a, b) -> refreshRuns());
    }

    private static Slider slider(double min, double max, double value) {
        Slider s = new Slider(min, max, value);
        s.setPrefWidth(130);
        return s;
    }

    private Region buildControls() {
        runBox.setId("liveRun");
        runBox.setPromptText("Trained run");
        runBox.setPrefWidth(240);
        runBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Run r) {
                return r == null ? "" : r.info().name() + " · " + r.info().model()
                        + (Double.isNaN(r.info().testAccuracy()) ? "" : String.format(Locale.ROOT, " · test %.0f%%", 100 * r.info().testAccuracy()));
            }

            @Override
            public Run fromString(String s) {
                return null;
            }
        });
        runBox.setOnAction(e -> loadModel());
        deviceBox.setId("liveDevice");
        deviceBox.setPromptText("Input device");
        deviceBox.setPrefWidth(180);
        listen.setId("listenButton");
        listen.setTooltip(new Tooltip("Recognize the microphone live"));
        listen.setOnAction(e -> {
            if (listen.isSelected()) {
                startListening();
            } else {
                stopListening();
            }
        });
        openRecording.setId("openRecording");
        openRecording.setOnAction(e -> chooseRecording());
        openTruth.setId("openTruth");
        openTruth.setTooltip(new Tooltip("A CSV of label,time_ms per line: marks hits, misses and false triggers"));
        openTruth.setOnAction(e -> chooseTruth());
        threshold.setId("thresholdSlider");
        window.setId("windowSlider");
        suppression.setId("suppressionSlider");
        threshold.setTooltip(new Tooltip("A keyword fires when its averaged score is above this"));
        window.setTooltip(new Tooltip("Scores are averaged over this much time before deciding"));
        suppression.setTooltip(new Tooltip("After a keyword, no other fires for this long"));
        for (Slider s : List.of(threshold, window, suppression)) {
            s.valueProperty().addListener((o, a, b) -> settingsChanged());
        }
        updateSliderLabels();
        HBox first = new HBox(8, runBox, deviceBox, listen, openRecording, openTruth);
        first.setAlignment(Pos.CENTER_LEFT);
        GridPane sliders = new GridPane();
        sliders.setHgap(8);
        sliders.add(new Label("Threshold"), 0, 0);
        sliders.add(threshold, 1, 0);
        sliders.add(thresholdValue, 2, 0);
        sliders.add(new Label("Averaging"), 3, 0);
        sliders.add(window, 4, 0);
        sliders.add(windowValue, 5, 0);
        sliders.add(new Label("Suppression"), 6, 0);
        sliders.add(suppression, 7, 0);
        sliders.add(suppressionValue, 8, 0);
        for (Label l : List.of(thresholdValue, windowValue, suppressionValue)) {
            l.setMinWidth(60);
        }
        bigWord.setId("currentWord");
        bigWord.getStyleClass().add("live-word");
        status.setId("liveStatus");
        status.getStyleClass().add("hint");
        metrics.setId("liveMetrics");
        metrics.setWrapText(true);
        VBox left = new VBox(8, first, sliders, status, metrics);
        HBox.setHgrow(left, Priority.ALWAYS);
        StackPane wordBox = new StackPane(bigWord);
        wordBox.setMinWidth(260);
        wordBox.getStyleClass().add("live-word-box");
        HBox top = new HBox(12, left, wordBox);
        top.setPadding(new Insets(10));
        return top;
    }

    private Region buildDisplay() {
        strip.setId("liveStrip");
        strip.setPreserveRatio(false);
        strip.setSmooth(false);
        StackPane stripBox = new StackPane(strip);
        stripBox.setMinHeight(90);
        stripBox.setPrefHeight(110);
        strip.fitWidthProperty().bind(stripBox.widthProperty());
        strip.fitHeightProperty().bind(stripBox.heightProperty());
        Label stripTitle = new Label("Input as the model sees it (newest on the right)");
        stripTitle.getStyleClass().add("hint");
        scores.setId("liveScores");
        ((org.jfree.chart.axis.NumberAxis) scores.chart().getXYPlot().getDomainAxis()).setLabel("seconds");
        ((org.jfree.chart.axis.NumberAxis) scores.chart().getXYPlot().getDomainAxis())
                .setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createStandardTickUnits());
        VBox upper = new VBox(4, stripTitle, stripBox, scores);
        VBox.setVgrow(scores, Priority.ALWAYS);
        upper.setPadding(new Insets(0, 10, 0, 10));

        detections.setId("liveDetections");
        detections.setPlaceholder(new Label("Detected keywords appear here."));
        detections.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        detections.getColumns().add(col("Time", r -> String.format(Locale.ROOT, "%.2f s", r.timeMs() / 1000.0)));
        detections.getColumns().add(col("Keyword", Row::label));
        detections.getColumns().add(col("Score", r -> Float.isNaN(r.score()) ? "" : String.format(Locale.ROOT, "%.2f", r.score())));
        detections.getColumns().add(col("Outcome", Row::outcome));
        Button play = new Button("Play", new FontIcon(Feather.VOLUME_2));
        play.setId("livePlay");
        play.setOnAction(e -> playSelected());
        addLabel.setId("liveAddLabel");
        addLabel.setPromptText("Label…");
        addLabel.setEditable(true);
        Button add = new Button("Add to dataset", new FontIcon(Feather.PLUS));
        add.setId("liveAdd");
        add.setTooltip(new Tooltip("Save the selected stretch (one clip length from the detection) as a clip under the label, "
                + "e.g. a false trigger as _unknown_ or a missed word under its name"));
        add.setOnAction(e -> addSelected());
        HBox actions = new HBox(6, play, addLabel, add);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox lower = new VBox(6, detections, actions);
        VBox.setVgrow(detections, Priority.ALWAYS);
        lower.setPadding(new Insets(6, 10, 10, 10));
        SplitPane split = new SplitPane(upper, lower);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        return split;
    }

    private static TableColumn<Row, String> col(String title, Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new SimpleStringProperty(value.apply(r.getValue())));
        return c;
    }

    // ------------------------------------------------------------------ activation

    /** Refreshes the runs and devices when the tab is shown. */
    public void activate() {
        refreshRuns();
        worker.submit(() -> {
            List<String> names;
            try {
                names = devices.get();
            } catch (RuntimeException e) {
                names = List.of();
            }
            List<String> n = names;
            Platform.runLater(() -> {
                deviceBox.getItems().setAll(n);
                if (deviceBox.getValue() == null && !n.isEmpty()) {
                    deviceBox.setValue(n.get(0));
                }
            });
        });
        if (vm.dataset() != null) {
            addLabel.getItems().setAll(vm.dataset().labels().stream().filter(l -> !l.equals("_background_noise_")).toList());
        }
    }

    /** Stops listening when the tab is left (the microphone is shared with the Record tab). */
    public void deactivate() {
        if (listening) {
            listen.setSelected(false);
            stopListening();
        }
    }

    private void refreshRuns() {
        RunStore store = training.storeProperty().get();
        if (store == null) {
            return;
        }
        worker.submit(() -> {
            try {
                List<Run> runs = store.list().runs().stream().filter(Run::hasModel).toList();
                Platform.runLater(() -> {
                    String selected = runBox.getValue() == null ? null : runBox.getValue().id();
                    runBox.getItems().setAll(runs);
                    runs.stream().filter(r -> r.id().equals(selected)).findFirst().ifPresent(runBox::setValue);
                    if (runs.isEmpty()) {
                        status.setText("No trained runs yet: train one in the Train tab first.");
                    }
                });
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("Cannot read the runs: " + e.getMessage()));
            }
        });
    }

    private void loadModel() {
        Run r = runBox.getValue();
        if (r == null) {
            return;
        }
        status.setText("Loading " + r.info().name() + "…");
        worker.submit(() -> {
            try {
                RunModel m = RunModel.load(r.dir());
                Platform.runLater(() -> {
                    model = m;
                    track = null;
                    status.setText("Loaded " + r.info().name() + " (" + String.join(", ", m.labels()) + ").");
                    resetScoreSeries();
                });
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("Cannot load " + r.info().name() + ": " + e.getMessage()));
            }
        });
    }

    private void resetScoreSeries() {
        scores.removeAllSeries();
        if (model == null) {
            return;
        }
        int colour = 0;
        for (String l : model.labels()) {
            if (!l.equals("_silence_")) {
                scores.addSeries(l, MetricsChart.PALETTE[colour++ % MetricsChart.PALETTE.length], false, false);
            }
        }
    }

    private RecognizeCommands.Settings settings() {
        return new RecognizeCommands.Settings((int) window.getValue(), threshold.getValue(), (int) suppression.getValue(), 3);
    }

    private void settingsChanged() {
        updateSliderLabels();
        if (live != null) {
            live.settings(settings());
        }
        if (track != null) {
            showDetections();
        }
    }

    private void updateSliderLabels() {
        thresholdValue.setText(String.format(Locale.ROOT, "%.2f", threshold.getValue()));
        windowValue.setText(String.format(Locale.ROOT, "%.0f ms", window.getValue()));
        suppressionValue.setText(String.format(Locale.ROOT, "%.0f ms", suppression.getValue()));
    }

    // ------------------------------------------------------------------ recordings

    private void chooseRecording() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a recording");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("WAV files", "*.wav", "*.WAV"));
        File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            openRecording(f.toPath());
        }
    }

    private void chooseTruth() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open ground truth (label,time_ms)");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.txt"));
        File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            openTruth(f.toPath());
        }
    }

    /** Scores a recording in the background and shows it. */
    public void openRecording(Path wav) {
        if (model == null) {
            status.setText("Pick a trained run first.");
            return;
        }
        if (listening) {
            listen.setSelected(false);
            stopListening();
        }
        RunModel m = model;
        status.setText("Scoring " + wav.getFileName() + "…");
        worker.submit(() -> {
            try {
                AudioClip audio = WavReader.read(wav, m.features().sampleRate());
                ScoreTrack t = new StreamingRecognizer(m, StreamingRecognizer.DEFAULT_STRIDE_MS).score(audio,
                        io.kwsstudio.tasks.ProgressListener.NONE, io.kwsstudio.tasks.CancellationToken.NONE);
                int[] image = null;
                int frames = 0;
                int bins = 0;
                if (audio.durationSeconds() <= 600) {
                    FeatureConfig whole = m.features().withKind(FeatureKind.LOG_MEL)
                            .withClipDurationMs((int) Math.ceil(audio.durationSeconds() * 1000));
                    float[] f = new FeatureExtractor(whole).extract(audio.samples());
                    frames = whole.frames();
                    bins = whole.bins();
                    image = FeatureImage.render(f, frames, bins, FeatureImage.autoScale(f, f.length, false, 80), Colormap.VIRIDIS);
                }
                int[] img = image;
                int fr = frames;
                int bi = bins;
                Platform.runLater(() -> {
                    recording = audio;
                    track = t;
                    if (img != null) {
                        showImage(img, fr, bi);
                    }
                    resetScoreSeries();
                    plotTrack();
                    showDetections();
                    status.setText(String.format(Locale.ROOT, "%s: %.1f s, %d windows scored in %.1f s (real-time factor %.3f%s).",
                            wav.getFileName(), t.audioSeconds(), t.windows(), t.processingSeconds(), t.realTimeFactor(),
                            t.realTimeFactor() < 1 ? ", fast enough for live audio" : ", too slow for live audio here"));
                });
            } catch (Exception e) {
                Platform.runLater(() -> status.setText("Cannot scan " + wav + ": " + e.getMessage()));
            }
        });
    }

    /** Reads a ground-truth CSV for the open recording. */
    public void openTruth(Path csv) {
        try {
            truth = GroundTruth.read(csv);
            status.setText("Ground truth: " + truth.size() + " words from " + csv.getFileName() + ".");
            if (track != null) {
                showDetections();
            }
        } catch (Exception e) {
            status.setText("Cannot read the ground truth: " + e.getMessage());
        }
    }

    private void plotTrack() {
        List<String> labels = track.labels();
        int step = Math.max(1, track.windows() / 4000);  // at most ~4,000 points per label
        int series = 0;
        for (int k = 0; k < labels.size(); k++) {
            if (labels.get(k).equals("_silence_")) {
                continue;
            }
            List<Double> xy = new ArrayList<>();
            for (int i = 0; i < track.windows(); i += step) {
                xy.add(track.timesMs()[i] / 1000.0);
                xy.add((double) track.scores()[i][k]);
            }
            scores.appendLater(series++, xy.stream().mapToDouble(Double::doubleValue).toArray());
        }
        scores.redrawIfChanged();
    }

    private void showDetections() {
        List<Detection> found = track.detect(settings());
        List<Row> rows = new ArrayList<>();
        if (truth == null) {
            for (Detection d : found) {
                rows.add(new Row(d.timeMs(), d.label(), d.score(), ""));
            }
            metrics.setText(found.size() + " detections in " + String.format(Locale.ROOT, "%.1f s", track.audioSeconds())
                    + String.format(Locale.ROOT, " (%.1f per minute).", found.size() / Math.max(1e-9, track.audioSeconds() / 60)));
        } else {
            long tolerance = 750;
            Set<Long> matched = new HashSet<>();
            for (Detection d : found) {
                String outcome = "false trigger";
                for (GroundTruth.Word w : truth) {
                    if (Math.abs(w.timeMs() - d.timeMs()) <= tolerance && !matched.contains(w.timeMs())) {
                        matched.add(w.timeMs());
                        outcome = w.label().equals(d.label()) ? "hit" : "wrong (was " + w.label() + ")";
                        break;
                    }
                }
                rows.add(new Row(d.timeMs(), d.label(), d.score(), outcome));
            }
            for (GroundTruth.Word w : truth) {
                if (!matched.contains(w.timeMs()) && w.timeMs() <= track.audioSeconds() * 1000) {
                    rows.add(new Row(w.timeMs(), w.label(), Float.NaN, "missed"));
                }
            }
            rows.sort(java.util.Comparator.comparingLong(Row::timeMs));
            StreamingAccuracy a = StreamingAccuracy.compute(truth, found, Math.round(track.audioSeconds() * 1000), tolerance);
            metrics.setText("Streaming accuracy: " + a);
        }
        detections.getItems().setAll(rows);
        found.stream().reduce((a, b) -> b).ifPresent(d -> bigWord.setText(d.label()));
    }

    private void showImage(int[] argb, int width, int height) {
        WritableImage img = new WritableImage(Math.max(1, width), Math.max(1, height));
        img.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        strip.setImage(img);
    }

    // ------------------------------------------------------------------ live

    private void startListening() {
        if (model == null) {
            listen.setSelected(false);
            status.setText("Pick a trained run first.");
            return;
        }
        String device = deviceBox.getValue();
        RunModel m = model;
        track = null;
        recording = null;
        resetScoreSeries();
        liveFrames.clear();
        liveHistory.clear();
        detections.getItems().clear();
        StreamingRecognizer.Live l = new StreamingRecognizer(m, StreamingRecognizer.DEFAULT_STRIDE_MS).new Live(settings());
        live = l;
        listening = true;
        pump.play();
        int rate = m.features().sampleRate();
        status.setText("Listening" + (device == null ? "" : " on " + device) + "…");
        worker.submit(() -> {
            float[] buf = new float[rate / 50];
            float[] history = new float[rate * 60];
            long total = 0;
            try (AudioSource source = sources.apply(device)) {
                source.open(rate);
                while (listening) {
                    int n = source.read(buf, 0, buf.length);
                    if (n < 0) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        history[(int) (total++ % history.length)] = buf[i];
                    }
                    l.accept(buf, 0, n, liveSteps::add);
                }
                float[] kept = new float[(int) Math.min(total, history.length)];
                for (int i = 0; i < kept.length; i++) {
                    kept[i] = history[(int) ((total - kept.length + i) % history.length)];
                }
                liveAudio = kept;
                long end = total;
                Platform.runLater(() -> {
                    listening = false;
                    listen.setSelected(false);
                    recording = new AudioClip(liveAudio, rate);
                    liveOffsetMs = Math.max(0, Math.round((end - kept.length) * 1000.0 / rate));
                    status.setText(String.format(Locale.ROOT, "Stopped. Recognition used %.0f%% of real time%s.", 100 * l.load(),
                            l.load() > 1 ? ", so it could not keep up" : ""));
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    listening = false;
                    listen.setSelected(false);
                    status.setText("Cannot listen: " + e.getMessage());
                });
            }
        });
    }

    private void stopListening() {
        listening = false;
    }

    /** On the FX thread: moves live results to the display. */
    private void drainLive() {
        StreamingRecognizer.Live.Step s;
        boolean any = false;
        int bins = model.features().bins();
        while ((s = liveSteps.poll()) != null) {
            any = true;
            liveHistory.addLast(s);
            for (int f = 0; f + bins <= s.newestFrames().length; f += bins) {
                liveFrames.addLast(java.util.Arrays.copyOfRange(s.newestFrames(), f, f + bins));
            }
            if (s.result().newCommand() && !"_silence_".equals(s.result().label())) {
                detections.getItems().add(0, new Row(s.timeMs(), s.result().label(), s.result().score(), ""));
                bigWord.setText(s.result().label());
            }
        }
        if (!any) {
            if (!listening && liveSteps.isEmpty()) {
                pump.stop();
            }
            return;
        }
        int keepFrames = (int) (LIVE_SECONDS * 1000 / model.features().windowStrideMs());
        while (liveFrames.size() > keepFrames) {
            liveFrames.removeFirst();
        }
        float[] image = new float[keepFrames * bins];
        int at = keepFrames - liveFrames.size();  // scrolls in from the right
        java.util.Arrays.fill(image, Float.NaN);
        for (float[] frame : liveFrames) {
            System.arraycopy(frame, 0, image, at++ * bins, bins);
        }
        FeatureImage.ValueScale scale = model.features().kind() == FeatureKind.MFCC
                ? FeatureImage.mfccScale(image, keepFrames, bins) : FeatureImage.autoScale(image, image.length, false, 80);
        showImage(FeatureImage.render(image, keepFrames, bins, scale, Colormap.VIRIDIS), keepFrames, bins);
        long newest = liveHistory.peekLast().timeMs();
        while (!liveHistory.isEmpty() && liveHistory.peekFirst().timeMs() < newest - LIVE_SECONDS * 1000) {
            liveHistory.removeFirst();
        }
        scores.clearLater();
        List<String> labels = model.labels();
        int series = 0;
        for (int k = 0; k < labels.size(); k++) {
            if (labels.get(k).equals("_silence_")) {
                continue;
            }
            double[] xy = new double[liveHistory.size() * 2];
            int i = 0;
            for (StreamingRecognizer.Live.Step h : liveHistory) {
                xy[i++] = h.timeMs() / 1000.0;
                xy[i++] = h.scores()[k];
            }
            scores.appendLater(series++, xy);
        }
        scores.redrawIfChanged();
        status.setText(String.format(Locale.ROOT, "Listening · %.0f%% of real time used%s", 100 * live.load(),
                live.load() > 1 ? " · cannot keep up: choose a smaller model" : ""));
    }

    // ------------------------------------------------------------------ detections

    private AudioClip selectedStretch() {
        Row r = detections.getSelectionModel().getSelectedItem();
        if (r == null || recording == null || model == null) {
            return null;
        }
        int rate = recording.sampleRate();
        int clip = model.features().clipSamples();
        int from = (int) Math.max(0, Math.min(recording.frames() - clip, (r.timeMs() - liveOffsetMs) * rate / 1000));
        return recording.slice(Math.max(0, from), Math.min(recording.frames(), from + clip));
    }

    private void playSelected() {
        AudioClip a = selectedStretch();
        if (a == null) {
            status.setText("Select a detection of a recording (or of a finished live session) to play it.");
            return;
        }
        player.play(a, new ClipPlayer.PlaybackListener() { });
    }

    private void addSelected() {
        AudioClip a = selectedStretch();
        String label = addLabel.getValue() == null ? addLabel.getEditor().getText() : addLabel.getValue();
        if (a == null || label == null || label.isBlank()) {
            status.setText(a == null ? "Select a detection of a recording (or a finished live session) first."
                    : "Choose the label to save the clip under.");
            return;
        }
        String name = "live_nohash_" + System.currentTimeMillis() % 100000 + ".wav";
        vm.perform("Adding clip", (ds, p, c) -> {
            var clip = ds.addClip(label.strip(), name, a);
            return "Added " + clip.relativePath() + " to the dataset.";
        });
        status.setText("Adding the selected stretch to \"" + label.strip() + "\"…");
    }

    // ------------------------------------------------------------------ for tests

    public ComboBox<Run> runBox() {
        return runBox;
    }

    public TableView<Row> detectionsTable() {
        return detections;
    }

    public Slider thresholdSlider() {
        return threshold;
    }

    public Label metricsLabel() {
        return metrics;
    }

    public Label currentWord() {
        return bigWord;
    }

    public ComboBox<String> addLabelBox() {
        return addLabel;
    }

    public ToggleButton listenButton() {
        return listen;
    }

    public MetricsChart scoresChart() {
        return scores;
    }

    public javafx.scene.image.Image stripImage() {
        return strip.getImage();
    }

    public boolean modelLoaded() {
        return model != null;
    }

    public void shutdown() {
        listening = false;
        pump.stop();
        worker.shutdownNow();
    }
}
