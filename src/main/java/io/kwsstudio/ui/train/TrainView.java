package io.kwsstudio.ui.train;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.runs.MetricRow;
import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.train.Evaluation;
import io.kwsstudio.train.ModelKind;
import io.kwsstudio.train.ModelSummary;
import io.kwsstudio.train.ModelZoo;
import io.kwsstudio.train.StepEvent;
import io.kwsstudio.train.TrainResult;
import io.kwsstudio.ui.ClipRow;
import io.kwsstudio.ui.DatasetViewModel;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Train tab: settings form with presets and the model's cost on the left; Start, Pause and
 * Resume with progress; live loss, accuracy and learning-rate charts; the validation confusion
 * matrix with per-label scores, whose cells list their clips to play, inspect, relabel or delete.
 */
public final class TrainView extends BorderPane implements TrainingObserver {
    private static final double SMOOTHING = 0.9;

    private final TrainingController controller;
    private final DatasetViewModel vm;
    private final ClipPlayer player;
    private final Consumer<Clip> inspect;
    private final TrainPresets presets;
    private final TrainForm form = new TrainForm(TrainPresets.builtIn().get(0).apply().apply(RunConfig.defaults(ModelKind.TINY_CONV)));
    private final ComboBox<TrainPresets.Preset> presetBox = new ComboBox<>();
    private final Label problem = new Label();
    private final GridPane cost = new GridPane();
    private final TextField runName = new TextField();
    private final Button start = new Button("Start", new FontIcon(Feather.PLAY));
    private final Button pause = new Button("Pause", new FontIcon(Feather.PAUSE));
    private final Button resume = new Button("Resume", new FontIcon(Feather.SKIP_FORWARD));
    private final CheckBox lowMemory = new CheckBox("Low memory");
    private final Label queueLabel = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Choose settings and press Start. Training runs in the background; the studio stays usable.");
    private final Label runTitle = new Label("No run yet");
    private final MetricsChart lossChart = new MetricsChart("Loss", "cross-entropy");
    private final MetricsChart accuracyChart = new MetricsChart("Accuracy", "accuracy");
    private final MetricsChart rateChart = new MetricsChart("Learning rate", "rate");
    private final int trainLoss;
    private final int trainLossSmooth;
    private final int valLoss;
    private final int trainAcc;
    private final int trainAccSmooth;
    private final int valAcc;
    private final int rate;
    private final ConfusionMatrixView confusion = new ConfusionMatrixView();
    private final Label confusionTitle = new Label("Validation confusion matrix");
    private final TableView<Object[]> perClass = new TableView<>();
    private final TableView<CellClip> cellClips = new TableView<>();
    private final Label cellTitle = new Label("Click a cell of the confusion matrix to list its clips.");
    private final ComboBox<String> relabelTo = new ComboBox<>();
    private final TabPane details = new TabPane();
    private final ReadOnlyObjectWrapper<EvalSnapshot> lastEvaluation = new ReadOnlyObjectWrapper<>();
    private double smoothLoss = Double.NaN;
    private double smoothAcc = Double.NaN;

    /** One example of a confusion-matrix cell. */
    public record CellClip(Clip clip, String truth, String predicted, float score, float truthScore) {
        public String name() {
            return clip == null ? "(silence: background noise)" : clip.relativePath();
        }
    }

    public TrainView(TrainingController controller, DatasetViewModel vm, ClipPlayer player, java.nio.file.Path settingsFolder,
                     Consumer<Clip> inspect) {
        this.controller = controller;
        this.vm = vm;
        this.player = player;
        this.inspect = inspect;
        this.presets = new TrainPresets(settingsFolder);
        getStyleClass().add("train-view");
        trainLoss = lossChart.addSeries("training", MetricsChart.PALETTE[0], false, false);
        trainLossSmooth = lossChart.addSeries("training (smoothed)", MetricsChart.PALETTE[0].darker(), true, false);
        valLoss = lossChart.addSeries("validation", MetricsChart.PALETTE[1], false, true);
        trainAcc = accuracyChart.addSeries("training", MetricsChart.PALETTE[0], false, false);
        trainAccSmooth = accuracyChart.addSeries("training (smoothed)", MetricsChart.PALETTE[0].darker(), true, false);
        valAcc = accuracyChart.addSeries("validation", MetricsChart.PALETTE[1], false, true);
        rate = rateChart.addSeries("learning rate", MetricsChart.PALETTE[3], false, false);
        rateChart.useLogScale();

        // Charts redraw one at a time, a few times a second: a redraw costs tens of ms in software
        // rendering, and drawing all three in one frame would stall the UI while training.
        MetricsChart[] charts = {lossChart, accuracyChart, rateChart};
        int[] next = {0};
        javafx.animation.Timeline redraw = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.millis(120), e -> {
                    for (int i = 0; i < charts.length; i++) {
                        MetricsChart c = charts[(next[0] + i) % charts.length];
                        if (c.redrawIfChanged()) {
                            next[0] = (next[0] + i + 1) % charts.length;
                            return;
                        }
                    }
                }));
        redraw.setCycleCount(javafx.animation.Animation.INDEFINITE);
        redraw.play();
        setLeft(buildSettings());
        setCenter(buildMonitor());
        controller.addObserver(this);
        controller.runningProperty().addListener((o, a, b) -> updateButtons());
        controller.currentRunProperty().addListener((o, a, b) -> updateButtons());
        controller.queue().addListener((javafx.collections.ListChangeListener<TrainingController.QueuedRun>) c -> updateButtons());
        controller.statusProperty().addListener((o, a, s) -> {
            if (!s.isEmpty()) {
                status.setText(s);
            }
        });
        progress.progressProperty().bind(controller.progressProperty());
        vm.datasetProperty().addListener((o, a, ds) -> adaptWordsTo(ds));
        adaptWordsTo(vm.dataset());
        updateButtons();
    }

    // ------------------------------------------------------------------ layout

    private Region buildSettings() {
        Label title = new Label("Settings");
        title.getStyleClass().add("pane-title");
        presetBox.setId("presetBox");
        presetBox.setPromptText("Start from a preset…");
        presetBox.setMaxWidth(Double.MAX_VALUE);
        presetBox.setOnShowing(e -> refreshPresets());
        refreshPresets();
        presetBox.getSelectionModel().select(0);  // the form starts with the first preset's values
        presetBox.setOnAction(e -> {
            TrainPresets.Preset p = presetBox.getValue();
            if (p != null) {
                RunConfig current = form.configProperty().get() != null ? form.configProperty().get() : RunConfig.defaults(ModelKind.CONV);
                form.setConfig(p.apply().apply(current));
            }
        });
        Button save = new Button(null, new FontIcon(Feather.SAVE));
        save.setId("savePreset");
        save.setTooltip(new Tooltip("Save these settings as a preset"));
        save.setOnAction(e -> savePreset());
        HBox.setHgrow(presetBox, Priority.ALWAYS);
        HBox presetRow = new HBox(6, presetBox, save);
        presetRow.setAlignment(Pos.CENTER_LEFT);

        problem.setId("formProblem");
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        problem.textProperty().bind(form.problemProperty());

        Label costTitle = new Label("Model cost");
        costTitle.getStyleClass().add("pane-title");
        cost.setId("modelCost");
        cost.setHgap(12);
        cost.setVgap(3);
        form.configProperty().addListener((o, a, c) -> updateCost(c));
        updateCost(form.configProperty().get());

        VBox.setVgrow(form.sheet(), Priority.ALWAYS);
        VBox box = new VBox(8, title, presetRow, form.sheet(), problem, costTitle, cost);
        box.setPadding(new Insets(10, 8, 10, 10));
        box.setPrefWidth(400);
        box.setMinWidth(340);
        box.getStyleClass().add("train-settings");
        return box;
    }

    private Region buildMonitor() {
        start.setId("startButton");
        start.setDefaultButton(true);
        start.setTooltip(new Tooltip("Train with these settings (queued if a run is training)"));
        start.setOnAction(e -> startRun());
        pause.setId("pauseButton");
        pause.setTooltip(new Tooltip("Stop after the current step and save; Resume continues from there"));
        pause.setOnAction(e -> controller.cancel());
        resume.setId("resumeButton");
        resume.setTooltip(new Tooltip("Continue the paused or interrupted run from its last checkpoint"));
        resume.setOnAction(e -> {
            Run r = controller.currentRunProperty().get();
            if (r != null) {
                controller.resume(r);
            }
        });
        lowMemory.setId("lowMemoryBox");
        Tooltip lowMemoryTip = new Tooltip("Reuse each array as soon as a step no longer needs it: a conv step at batch 100 "
                + "then needs ~1.5 GB instead of ~2.5 GB, a few percent slower. Results are identical. DS-CNN models "
                + "train through their own step (~1 GB) either way. Applies to runs started from now on.");
        // Wrapped, as the Augment tab's tooltips: on one line it ran past the window's edge.
        lowMemoryTip.setWrapText(true);
        lowMemoryTip.setMaxWidth(360);
        lowMemory.setTooltip(lowMemoryTip);
        lowMemory.selectedProperty().bindBidirectional(controller.lowMemoryProperty());
        runName.setId("runName");
        runName.setPromptText("Run name (optional)");
        runName.setPrefColumnCount(14);
        queueLabel.getStyleClass().add("hint");
        progress.setId("trainProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox bar = new HBox(8, start, pause, resume, runName, lowMemory, queueLabel, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        status.setId("trainStatus");
        status.getStyleClass().add("hint");
        runTitle.setId("runTitle");
        runTitle.getStyleClass().add("pane-title");
        VBox top = new VBox(6, bar, new HBox(12, runTitle, status));
        ((HBox) top.getChildren().get(1)).setAlignment(Pos.BASELINE_LEFT);
        top.setPadding(new Insets(10, 10, 6, 10));

        lossChart.setId("lossChart");
        accuracyChart.setId("accuracyChart");
        SplitPane charts = new SplitPane(lossChart, accuracyChart);
        charts.setDividerPositions(0.5);

        confusion.setId("confusionMatrix");
        confusion.setOnCellClicked(this::showCell);
        confusionTitle.getStyleClass().add("pane-title");
        VBox.setVgrow(confusion, Priority.ALWAYS);
        VBox confusionBox = new VBox(4, confusionTitle, confusion);
        confusionBox.setPadding(new Insets(6));

        perClass.setId("perClassTable");
        Label perClassEmpty = new Label("Per-label precision, recall and F1 appear at the first evaluation.");
        perClassEmpty.setWrapText(true);
        perClassEmpty.getStyleClass().add("hint");
        perClass.setPlaceholder(perClassEmpty);
        perClass.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        perClass.getColumns().add(column("Label", 0, 110));
        perClass.getColumns().add(column("Precision", 1, 70));
        perClass.getColumns().add(column("Recall", 2, 70));
        perClass.getColumns().add(column("F1", 3, 70));
        perClass.getColumns().add(column("Clips", 4, 50));

        rateChart.setId("rateChart");
        details.setId("trainDetails");
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        details.getTabs().addAll(new Tab("Per label", perClass), new Tab("Clips in cell", buildCellPane()),
                new Tab("Learning rate", rateChart));
        SplitPane bottom = new SplitPane(confusionBox, details);
        bottom.setDividerPositions(0.5);

        SplitPane main = new SplitPane(charts, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.45);
        BorderPane pane = new BorderPane(main);
        pane.setTop(top);
        return pane;
    }

    private Region buildCellPane() {
        cellTitle.setWrapText(true);
        cellTitle.getStyleClass().add("hint");
        cellClips.setId("cellClips");
        cellClips.setPlaceholder(new Label("No clips selected."));
        cellClips.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<CellClip, String> name = new TableColumn<>("Clip");
        name.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().name()));
        name.setPrefWidth(220);
        TableColumn<CellClip, String> score = new TableColumn<>("Score");
        score.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                String.format(Locale.ROOT, "%.2f", c.getValue().score())));
        score.setText("p(predicted)");
        TableColumn<CellClip, String> truthScore = new TableColumn<>("p(true)");
        truthScore.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                String.format(Locale.ROOT, "%.2f", c.getValue().truthScore())));
        cellClips.getColumns().addAll(List.of(name, score, truthScore));
        cellClips.setRowFactory(tv -> {
            javafx.scene.control.TableRow<CellClip> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    play(row.getItem());
                }
            });
            return row;
        });
        Button play = new Button("Play", new FontIcon(Feather.VOLUME_2));
        play.setId("cellPlay");
        play.setOnAction(e -> play(cellClips.getSelectionModel().getSelectedItem()));
        Button open = new Button("Inspect", new FontIcon(Feather.ACTIVITY));
        open.setId("cellInspect");
        open.setTooltip(new Tooltip("Show the clip in the Clips and Inspector tabs"));
        open.setOnAction(e -> {
            CellClip c = cellClips.getSelectionModel().getSelectedItem();
            if (c != null && c.clip() != null) {
                inspect.accept(c.clip());
            }
        });
        relabelTo.setId("cellRelabelTo");
        relabelTo.setPromptText("Move to label…");
        Button relabel = new Button("Move", new FontIcon(Feather.CORNER_DOWN_RIGHT));
        relabel.setId("cellRelabel");
        relabel.setTooltip(new Tooltip("Move the selected clips to the chosen label (undoable)"));
        relabel.setOnAction(e -> relabelSelected());
        Button delete = new Button("Delete", new FontIcon(Feather.TRASH_2));
        delete.setId("cellDelete");
        delete.setTooltip(new Tooltip("Move the selected clips to the dataset's trash (undoable)"));
        delete.setOnAction(e -> deleteSelected());
        cellClips.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        HBox actions = new HBox(6, play, open, relabelTo, relabel, delete);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(cellClips, Priority.ALWAYS);
        VBox box = new VBox(6, cellTitle, cellClips, actions);
        box.setPadding(new Insets(6));
        return box;
    }

    private static TableColumn<Object[], String> column(String title, int index, double width) {
        TableColumn<Object[], String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new javafx.beans.property.SimpleStringProperty(String.valueOf(r.getValue()[index])));
        c.setPrefWidth(width);
        return c;
    }

    // ------------------------------------------------------------------ actions

    private void startRun() {
        RunConfig cfg = form.configProperty().get();
        if (cfg == null) {
            status.setText("Fix the settings first: " + form.problemProperty().get());
            return;
        }
        if (vm.dataset() == null) {
            status.setText("Open a dataset to train on (File ▸ Open Dataset).");
            return;
        }
        controller.enqueue(cfg.withAppVersion(appVersion()), runName.getText().isBlank() ? null : runName.getText().strip(), List.of());
        runName.clear();
    }

    private static String appVersion() {
        String v = TrainView.class.getPackage().getImplementationVersion();
        return "KWS Studio " + (v == null ? "dev" : v);
    }

    private void updateButtons() {
        boolean running = controller.isRunning();
        Run current = controller.currentRunProperty().get();
        start.setText(running ? "Queue" : "Start");
        pause.setDisable(!running);
        resume.setDisable(running || current == null || !current.status().resumable());
        int queued = controller.queue().size();
        queueLabel.setText(queued == 0 ? "" : queued + " queued");
    }

    private void savePreset() {
        RunConfig cfg = form.configProperty().get();
        if (cfg == null) {
            status.setText("Fix the settings before saving them: " + form.problemProperty().get());
            return;
        }
        TextInputDialog d = new TextInputDialog(cfg.model().kind().jsonName() + " mine");
        d.setTitle("Save preset");
        d.setHeaderText("Save these settings as a preset");
        d.setContentText("Name:");
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.showAndWait().ifPresent(name -> {
            try {
                presets.save(name, cfg);
                refreshPresets();
                status.setText("Saved preset \"" + name.strip() + "\".");
            } catch (java.io.IOException ex) {
                status.setText("Could not save the preset: " + ex.getMessage());
            }
        });
    }

    private void refreshPresets() {
        TrainPresets.Preset selected = presetBox.getValue();
        presetBox.getItems().setAll(presets.all());
        if (selected != null) {
            presetBox.getItems().stream().filter(p -> p.name().equals(selected.name())).findFirst()
                    .ifPresent(p -> presetBox.getSelectionModel().select(p));
        }
    }

    /** Keeps the wanted words to those the dataset has; with none of them, offers its own labels. */
    private void adaptWordsTo(Dataset ds) {
        RunConfig cfg = form.configProperty().get();
        if (ds == null || cfg == null) {
            return;
        }
        List<String> labels = ds.labels().stream().filter(l -> !l.startsWith("_")).toList();
        List<String> kept = cfg.augment().wantedWords().stream().filter(labels::contains).toList();
        if (kept.isEmpty()) {
            kept = labels.stream().sorted(Comparator.comparingInt((String l) -> -ds.clips(l).size())).limit(10).toList();
        }
        if (!kept.isEmpty() && !kept.equals(cfg.augment().wantedWords())) {
            form.setConfig(cfg.withAugment(cfg.augment().withWantedWords(kept)));
        }
        relabelTo.getItems().setAll(ds.labels().stream().filter(l -> !l.startsWith("_")).toList());
    }

    private void updateCost(RunConfig c) {
        cost.getChildren().clear();
        if (c == null) {
            return;
        }
        int labels = c.augment().wantedWords().size() + 2;
        ModelSummary s;
        try {
            s = ModelZoo.summarize(c.model(), c.features().frames(), c.features().bins(), labels);
        } catch (RuntimeException e) {
            cost.add(new Label("Cannot size this model: " + e.getMessage()), 0, 0, 2, 1);
            return;
        }
        String[][] rows = {
                {"Input", c.features().frames() + " frames × " + c.features().bins() + " bins → " + labels + " labels"},
                {"Parameters", String.format(Locale.ROOT, "%,d", s.parameters())},
                {"Multiplies", String.format(Locale.ROOT, "%,d per inference", s.multiplies())},
                {"Flash", bytes(s.flashBytesFloat32()) + " float32 · " + bytes(s.flashBytesInt8()) + " int8"},
                {"RAM", bytes(s.activationBytes()) + " float32 · " + bytes(s.activationBytes() / 4) + " int8 activations"},
        };
        for (int i = 0; i < rows.length; i++) {
            Label k = new Label(rows[i][0]);
            k.getStyleClass().add("hint");
            Label v = new Label(rows[i][1]);
            v.setId("cost" + rows[i][0]);
            cost.add(k, 0, i);
            cost.add(v, 1, i);
        }
    }

    static String bytes(long b) {
        if (b >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
    }

    private void showCell(int truth, int predicted) {
        EvalSnapshot snap = lastEvaluation.get();
        if (snap == null) {
            return;
        }
        List<String> labels = snap.validation().labels();
        ObservableList<CellClip> rows = FXCollections.observableArrayList();
        for (int i : snap.examples(truth, predicted)) {
            rows.add(new CellClip(snap.clips().get(i), labels.get(truth), labels.get(predicted), snap.probabilities()[i][predicted],
                    snap.probabilities()[i][truth]));
        }
        cellClips.setItems(rows);
        cellTitle.setText(ConfusionMatrixView.describe(snap.validation(), truth, predicted)
                + " at step " + snap.step() + ". Double-click to play.");
        details.getSelectionModel().select(1);
    }

    private void play(CellClip c) {
        Dataset ds = vm.dataset();
        if (c == null || c.clip() == null || ds == null) {
            return;
        }
        java.nio.file.Path file = ds.path(c.clip());
        CompletableFuture.supplyAsync(() -> {
            try {
                return WavReader.read(file);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).whenComplete((AudioClip audio, Throwable err) -> Platform.runLater(() -> {
            if (err != null) {
                status.setText("Cannot play " + c.name() + ": " + err.getCause().getMessage());
            } else {
                player.play(audio, new ClipPlayer.PlaybackListener() { });
            }
        }));
    }

    private List<ClipRow> selectedRows() {
        List<String> paths = cellClips.getSelectionModel().getSelectedItems().stream()
                .filter(c -> c.clip() != null).map(c -> c.clip().relativePath()).toList();
        return vm.rows().stream().filter(r -> paths.contains(r.clip().relativePath())).toList();
    }

    private void relabelSelected() {
        String label = relabelTo.getValue();
        List<ClipRow> rows = selectedRows();
        if (label == null || rows.isEmpty()) {
            status.setText(label == null ? "Choose the label to move the clips to." : "Select clips in the list first.");
            return;
        }
        vm.relabel(rows, label);
        removeFromCell(rows);
    }

    private void deleteSelected() {
        List<ClipRow> rows = selectedRows();
        if (rows.isEmpty()) {
            status.setText("Select clips in the list first.");
            return;
        }
        vm.delete(rows);
        removeFromCell(rows);
    }

    private void removeFromCell(List<ClipRow> rows) {
        List<String> gone = rows.stream().map(r -> r.clip().relativePath()).toList();
        cellClips.getItems().removeIf(c -> c.clip() != null && gone.contains(c.clip().relativePath()));
    }

    // ------------------------------------------------------------------ training events (FX thread)

    @Override
    public void started(Run run, List<String> labels, ModelSummary summary, List<MetricRow> history) {
        smoothLoss = Double.NaN;
        smoothAcc = Double.NaN;
        runTitle.setText(run.info().name());
        List<StepEvent> past = new ArrayList<>();
        List<Double> valLossXy = new ArrayList<>();
        List<Double> valAccXy = new ArrayList<>();
        for (MetricRow r : history) {
            if (r.isEvaluation()) {
                valLossXy.addAll(List.of((double) r.step(), r.validationLoss()));
                valAccXy.addAll(List.of((double) r.step(), r.validationAccuracy()));
            } else {
                past.add(new StepEvent(r.step(), 0, r.trainLoss(), r.trainAccuracy(), r.learningRate(), r.examplesPerSecond(),
                        java.time.Duration.ZERO));
            }
        }
        // One redraw per chart: clearing and refilling series one by one would repaint each time.
        lossChart.clearLater();
        lossChart.appendLater(valLoss, valLossXy.stream().mapToDouble(Double::doubleValue).toArray());
        accuracyChart.clearLater();
        accuracyChart.appendLater(valAcc, valAccXy.stream().mapToDouble(Double::doubleValue).toArray());
        rateChart.clearLater();
        steps(past);
        if (history.isEmpty()) {
            confusion.setEvaluation(null);
            perClass.getItems().clear();
            cellClips.getItems().clear();
            lastEvaluation.set(null);
        }
    }

    @Override
    public void steps(List<StepEvent> events) {
        int n = events.size();
        if (n == 0) {
            return;
        }
        double[] loss = new double[2 * n];
        double[] lossSmooth = new double[2 * n];
        double[] acc = new double[2 * n];
        double[] accSmooth = new double[2 * n];
        double[] lr = new double[2 * n];
        for (int i = 0; i < n; i++) {
            StepEvent e = events.get(i);
            smoothLoss = Double.isNaN(smoothLoss) ? e.loss() : SMOOTHING * smoothLoss + (1 - SMOOTHING) * e.loss();
            smoothAcc = Double.isNaN(smoothAcc) ? e.accuracy() : SMOOTHING * smoothAcc + (1 - SMOOTHING) * e.accuracy();
            loss[2 * i] = lossSmooth[2 * i] = acc[2 * i] = accSmooth[2 * i] = lr[2 * i] = e.step();
            loss[2 * i + 1] = e.loss();
            lossSmooth[2 * i + 1] = smoothLoss;
            acc[2 * i + 1] = e.accuracy();
            accSmooth[2 * i + 1] = smoothAcc;
            lr[2 * i + 1] = e.learningRate();
        }
        lossChart.appendLater(trainLoss, loss);
        lossChart.appendLater(trainLossSmooth, lossSmooth);
        accuracyChart.appendLater(trainAcc, acc);
        accuracyChart.appendLater(trainAccSmooth, accSmooth);
        rateChart.appendLater(rate, lr);
    }

    @Override
    public void evaluated(EvalSnapshot e) {
        lastEvaluation.set(e);
        Evaluation v = e.validation();
        lossChart.appendLater(valLoss, new double[]{e.step(), v.loss()});
        accuracyChart.appendLater(valAcc, new double[]{e.step(), v.accuracy()});
        confusion.setEvaluation(v);
        confusion.selectedProperty().set(null);
        confusionTitle.setText(String.format(Locale.ROOT, "Validation · step %,d · accuracy %.1f%%%s", e.step(),
                100 * v.accuracy(), e.best() ? " (best so far)" : ""));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < v.labels().size(); i++) {
            int support = 0;
            for (int c : v.confusion()[i]) {
                support += c;
            }
            rows.add(new Object[]{v.labels().get(i), String.format(Locale.ROOT, "%.3f", v.precision()[i]),
                    String.format(Locale.ROOT, "%.3f", v.recall()[i]), String.format(Locale.ROOT, "%.3f", v.f1()[i]), support});
        }
        perClass.getItems().setAll(rows);
    }

    @Override
    public void finished(Run run, TrainResult result, Throwable error) {
        if (run != null) {
            runTitle.setText(run.info().name() + " · " + run.status().jsonName().replace('_', ' '));
        }
        updateButtons();
    }

    // ------------------------------------------------------------------ for tests and the studio

    public TrainForm form() {
        return form;
    }

    public MetricsChart lossChart() {
        return lossChart;
    }

    public MetricsChart accuracyChart() {
        return accuracyChart;
    }

    public ConfusionMatrixView confusion() {
        return confusion;
    }

    public TableView<CellClip> cellClips() {
        return cellClips;
    }

    public TableView<Object[]> perClassTable() {
        return perClass;
    }

    public Label statusLabel() {
        return status;
    }

    public EvalSnapshot lastEvaluation() {
        return lastEvaluation.get();
    }

    /** Puts a config in the form (from the Runs view's "Edit config"). */
    public void edit(RunConfig cfg) {
        form.setConfig(cfg);
        presetBox.getSelectionModel().clearSelection();
    }

    /** Series indexes, for tests. */
    public int validationAccuracySeries() {
        return valAcc;
    }

    public int trainingLossSeries() {
        return trainLoss;
    }
}
