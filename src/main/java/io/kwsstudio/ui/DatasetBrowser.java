package io.kwsstudio.ui;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.ClipDetails;
import io.kwsstudio.dataset.Dataset;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The dataset browser: labels with counts and balance bars on the left, a virtualized clip table,
 * and the selected clip's waveform with play/stop below it. Files dropped on a label are imported
 * into it.
 */
public final class DatasetBrowser extends SplitPane {
    private final DatasetViewModel vm;
    private final ListView<LabelRow> labels = new ListView<>();
    private final TableView<ClipRow> table = new TableView<>();
    private final TextField search = new TextField();
    private final WaveformView waveform = new WaveformView();
    private final Label clipTitle = new Label("No clip selected");
    private final Label clipInfo = new Label("");
    private final Button playButton = new Button("Play", new FontIcon(Feather.PLAY));
    private final org.controlsfx.control.RangeSlider trim = new org.controlsfx.control.RangeSlider(0, 1, 0, 1);
    private final Label trimLabel = new Label();
    private final ClipPlayer player;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "clip-loader");
        t.setDaemon(true);
        return t;
    });
    private volatile Clip loading;
    private Consumer<String> errors = s -> { };
    private BiConsumer<List<Path>, String> onDropImport = (f, l) -> { };

    public DatasetBrowser(DatasetViewModel vm, ClipPlayer player) {
        this.vm = vm;
        this.player = player;
        getStyleClass().add("dataset-browser");
        getItems().addAll(buildLabelPane(), buildClipPane());
        setDividerPositions(0.22);
        SplitPane.setResizableWithParent(getItems().get(0), false);
    }

    public void setErrorSink(Consumer<String> errors) {
        this.errors = errors;
    }

    /** What to do when files are dropped on a label: import them there. */
    public void setOnDropImport(BiConsumer<List<Path>, String> handler) {
        this.onDropImport = handler;
    }

    // ------------------------------------------------------------------ labels

    private Region buildLabelPane() {
        Label title = new Label("Labels");
        title.getStyleClass().add("pane-title");
        labels.setId("labelList");
        labels.setItems(vm.labelRows());
        labels.setCellFactory(lv -> new LabelCell());
        labels.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                vm.labelFilterProperty().set(row.name());
            }
        });
        vm.labelFilterProperty().addListener((o, a, name) -> selectLabelRow(name));
        vm.labelRows().addListener((javafx.collections.ListChangeListener<LabelRow>) c ->
                Platform.runLater(() -> selectLabelRow(vm.labelFilterProperty().get())));
        Label hint = new Label("Press a label's key to move the selected clips to it.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox box = new VBox(6, title, labels, hint);
        box.setPadding(new Insets(10, 6, 10, 10));
        VBox.setVgrow(labels, Priority.ALWAYS);
        box.setMinWidth(190);
        return box;
    }

    private void selectLabelRow(String name) {
        for (int i = 0; i < labels.getItems().size(); i++) {
            LabelRow r = labels.getItems().get(i);
            if (r.isAll() ? name == null : r.name().equals(name)) {
                if (labels.getSelectionModel().getSelectedIndex() != i) {
                    labels.getSelectionModel().select(i);
                }
                return;
            }
        }
    }

    /** A label with its key badge, name, count and a bar showing its size relative to the largest. */
    private final class LabelCell extends ListCell<LabelRow> {
        private final Label key = new Label();
        private final Label name = new Label();
        private final Label count = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final VBox box;

        LabelCell() {
            key.getStyleClass().add("key-badge");
            count.getStyleClass().add("count");
            bar.getStyleClass().add("balance-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setPrefHeight(5);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(8, key, name, spacer, count);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(3, top, bar);
            setOnDragOver(e -> {
                if (getItem() != null && !getItem().isAll() && e.getDragboard().hasFiles()) {
                    e.acceptTransferModes(TransferMode.COPY);
                    e.consume();
                }
            });
            setOnDragDropped(e -> {
                if (getItem() != null && !getItem().isAll() && e.getDragboard().hasFiles()) {
                    List<Path> files = e.getDragboard().getFiles().stream().map(File::toPath).toList();
                    onDropImport.accept(files, getItem().name());
                    e.setDropCompleted(true);
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(LabelRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(row.isAll() ? "All clips" : row.name());
            count.setText(String.format(Locale.ROOT, "%,d", row.clips()));
            key.setText(row.key().toUpperCase(Locale.ROOT));
            key.setVisible(!row.key().isEmpty());
            key.setManaged(!row.key().isEmpty());
            bar.setVisible(!row.isAll());
            bar.setManaged(!row.isAll());
            bar.setProgress(row.relativeSize());
            setTooltip(row.isAll() ? null : new Tooltip("Press " + row.key().toUpperCase(Locale.ROOT)
                    + " to move the selected clips to \"" + row.name() + "\". Drop WAV files here to import them."));
            setGraphic(box);
        }
    }

    // ------------------------------------------------------------------ clips

    private Region buildClipPane() {
        search.setPromptText("Filter by file name");
        search.textProperty().bindBidirectional(vm.searchTextProperty());
        search.setId("clipSearch");
        HBox.setHgrow(search, Priority.ALWAYS);
        Label shown = new Label();
        shown.getStyleClass().add("hint");
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<ClipRow>) c ->
                shown.setText(String.format(Locale.ROOT, "%,d clips", vm.visibleRows().size())));
        HBox searchBar = new HBox(8, new FontIcon(Feather.SEARCH), search, shown);
        searchBar.setAlignment(Pos.CENTER_LEFT);
        searchBar.setPadding(new Insets(10, 10, 6, 6));

        table.setId("clipTable");
        SortedList<ClipRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No clips. Open a dataset (File ▸ Open Dataset) or drop WAV files on a label."));
        table.getColumns().add(textColumn("Name", 260, r -> r.clip().fileName()));
        table.getColumns().add(textColumn("Label", 110, r -> r.clip().label()));
        table.getColumns().add(textColumn("Split", 90, r -> r.clip().split().displayName()));
        table.getColumns().add(durationColumn());
        table.getColumns().add(peakColumn());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> showClip(row));
        VBox.setVgrow(table, Priority.ALWAYS);

        clipTitle.getStyleClass().add("clip-title");
        clipInfo.getStyleClass().add("hint");
        playButton.setId("playButton");
        playButton.setTooltip(new Tooltip("Play or stop the selected clip (Space)"));
        playButton.setOnAction(e -> togglePlay());
        playButton.setContentDisplay(ContentDisplay.LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox clipBar = new HBox(10, clipTitle, clipInfo, spacer, playButton);
        clipBar.setAlignment(Pos.CENTER_LEFT);
        StackPane wavePane = new StackPane(waveform);
        wavePane.getStyleClass().add("waveform-pane");
        waveform.setId("waveform");
        vm.playCursorProperty().addListener((o, a, t) -> waveform.cursorSecondsProperty().set(t.doubleValue()));
        trim.setId("trimSlider");
        trim.setShowTickLabels(false);
        trim.setTooltip(new Tooltip("Drag the handles to choose the part of the clip to keep"));
        waveform.selectionStartProperty().bind(trim.lowValueProperty());
        waveform.selectionEndProperty().bind(trim.highValueProperty());
        Button playSelection = new Button("Play selection", new FontIcon(Feather.PLAY_CIRCLE));
        playSelection.setOnAction(e -> playSelection());
        Button applyTrim = new Button("Trim to selection", new FontIcon(Feather.SCISSORS));
        applyTrim.setId("applyTrim");
        applyTrim.setTooltip(new Tooltip("Keep only the selected part (the original goes to the trash; Undo restores it)"));
        applyTrim.setOnAction(e -> applyTrim());
        trimLabel.getStyleClass().add("hint");
        HBox.setHgrow(trim, Priority.ALWAYS);
        HBox trimBar = new HBox(8, new Label("Trim"), trim, trimLabel, playSelection, applyTrim);
        trimBar.setAlignment(Pos.CENTER_LEFT);
        trim.lowValueProperty().addListener((o, a, b) -> updateTrimLabel());
        trim.highValueProperty().addListener((o, a, b) -> updateTrimLabel());
        VBox bottom = new VBox(6, clipBar, wavePane, trimBar);
        bottom.setPadding(new Insets(8, 10, 10, 6));

        VBox top = new VBox(searchBar, table);
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        return new BorderPane(split);
    }

    private static TableColumn<ClipRow, String> textColumn(String title, double width, java.util.function.Function<ClipRow, String> f) {
        TableColumn<ClipRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private TableColumn<ClipRow, Double> durationColumn() {
        TableColumn<ClipRow, Double> c = new TableColumn<>("Duration");
        c.setCellValueFactory(cd -> javafx.beans.binding.Bindings.createObjectBinding(() -> {
            ClipDetails d = cd.getValue().details();
            if (d == null) {
                Dataset ds = vm.dataset();
                return -cd.getValue().clip().estimatedSeconds(ds == null ? 16000 : ds.sampleRate()); // negative: estimate
            }
            return d.ok() ? d.durationSeconds() : Double.NaN;
        }, cd.getValue().detailsProperty()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().remove("problem");
                if (empty || v == null) {
                    setText(null);
                } else if (Double.isNaN(v)) {
                    setText("unreadable");
                    getStyleClass().add("problem");
                } else if (v < 0) {
                    setText(String.format(Locale.ROOT, "≈%.2f s", -v));
                } else {
                    setText(String.format(Locale.ROOT, "%.3f s", v));
                }
            }
        });
        c.setComparator((a, b) -> Double.compare(Math.abs(a), Math.abs(b)));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(90);
        return c;
    }

    private TableColumn<ClipRow, Double> peakColumn() {
        TableColumn<ClipRow, Double> c = new TableColumn<>("Peak");
        c.setCellValueFactory(cd -> javafx.beans.binding.Bindings.createObjectBinding(() -> {
            ClipDetails d = cd.getValue().details();
            return d != null && d.ok() && d.hasPeak() ? d.peakDbfs() : null;
        }, cd.getValue().detailsProperty()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeAll("problem", "warning");
                if (empty || v == null) {
                    setText(empty ? null : "…");
                    setTooltip(null);
                } else {
                    setText(Double.isInfinite(v) ? "silent" : String.format(Locale.ROOT, "%.1f dBFS", v));
                    if (v > -0.1) {
                        getStyleClass().add("warning");
                        setTooltip(new Tooltip("Peak at full scale: the clip is probably clipped."));
                    } else if (v < -40) {
                        getStyleClass().add("warning");
                        setTooltip(new Tooltip("Very quiet: the clip may be silent or the word missing."));
                    } else {
                        setTooltip(null);
                    }
                }
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(100);
        return c;
    }

    /** Loads and shows the selected clip's waveform in the background; the latest selection wins. */
    private void showClip(ClipRow row) {
        stopPlayback();
        if (row == null) {
            loading = null;
            vm.currentAudioProperty().set(null);
            clipTitle.setText("No clip selected");
            clipInfo.setText("");
            waveform.setPlaceholder("Select a clip to see its waveform");
            return;
        }
        Clip clip = row.clip();
        Dataset ds = vm.dataset();
        loading = clip;
        clipTitle.setText(clip.relativePath());
        clipInfo.setText("");
        loader.submit(() -> {
            if (loading != clip) {
                return;
            }
            try {
                AudioClip audio = WavReader.read(ds.path(clip), ds.sampleRate());
                Platform.runLater(() -> {
                    if (loading == clip) {
                        resetTrim(audio.durationSeconds());
                        waveform.setClip(audio);
                        vm.currentAudioProperty().set(audio);
                        clipInfo.setText(String.format(Locale.ROOT, "%.3f s · peak %.1f dBFS · %s set", audio.durationSeconds(),
                                20 * Math.log10(audio.peak()), clip.split().displayName()));
                    }
                });
            } catch (AudioFileException e) {
                Platform.runLater(() -> {
                    if (loading == clip) {
                        waveform.setPlaceholder("Cannot read this clip: " + e.problem());
                        vm.currentAudioProperty().set(null);
                        clipInfo.setText("");
                    }
                });
            }
        });
    }

    /** Plays the shown clip, or stops it if it is playing. */
    public void togglePlay() {
        if (player.isPlaying()) {
            stopPlayback();
            return;
        }
        AudioClip audio = waveform.clip();
        if (audio == null) {
            return;
        }
        playButton.setText("Stop");
        playButton.setGraphic(new FontIcon(Feather.SQUARE));
        player.play(audio, new ClipPlayer.PlaybackListener() {
            @Override
            public void position(double seconds) {
                Platform.runLater(() -> vm.playCursorProperty().set(seconds));
            }

            @Override
            public void finished() {
                Platform.runLater(DatasetBrowser.this::playbackEnded);
            }

            @Override
            public void stopped() {
                Platform.runLater(DatasetBrowser.this::playbackEnded);
            }

            @Override
            public void failed(String message) {
                Platform.runLater(() -> {
                    playbackEnded();
                    errors.accept(message);
                });
            }
        });
    }

    private void stopPlayback() {
        player.stop();
        playbackEnded();
    }

    private void playbackEnded() {
        vm.playCursorProperty().set(Double.NaN);
        playButton.setText("Play");
        playButton.setGraphic(new FontIcon(Feather.PLAY));
    }

    private void resetTrim(double seconds) {
        trim.setMax(Math.max(seconds, 0.001));
        trim.setLowValue(0);
        trim.setHighValue(trim.getMax());
        updateTrimLabel();
    }

    private void updateTrimLabel() {
        trimLabel.setText(String.format(Locale.ROOT, "%.2f–%.2f s", trim.getLowValue(), trim.getHighValue()));
    }

    private AudioClip selection() {
        AudioClip audio = waveform.clip();
        if (audio == null) {
            return null;
        }
        int from = (int) Math.round(trim.getLowValue() * audio.sampleRate());
        int to = (int) Math.round(trim.getHighValue() * audio.sampleRate());
        from = Math.max(0, Math.min(from, audio.frames()));
        to = Math.max(from, Math.min(to, audio.frames()));
        return to - from < audio.sampleRate() / 100 ? null : audio.slice(from, to);
    }

    private void playSelection() {
        AudioClip sel = selection();
        if (sel != null) {
            stopPlayback();
            player.play(sel, new ClipPlayer.PlaybackListener() {
                @Override
                public void failed(String message) {
                    Platform.runLater(() -> errors.accept(message));
                }
            });
        }
    }

    /** Sets the trim handles (seconds); for tests and keyboard use. */
    public void setTrim(double from, double to) {
        trim.setLowValue(from);
        trim.setHighValue(to);
    }

    private void applyTrim() {
        AudioClip sel = selection();
        ClipRow row = table.getSelectionModel().getSelectedItem();
        if (sel == null || row == null) {
            errors.accept("Select at least 10 ms of a clip to keep.");
            return;
        }
        vm.replaceAudio(java.util.Map.of(row.clip(), sel), "Trim " + row.clip().fileName());
    }

    /** Selects the row after the current selection (auto-advance after relabelling). */
    public void selectNextAfter(int index) {
        int next = Math.min(index + 1, table.getItems().size() - 1);
        if (next >= 0) {
            table.getSelectionModel().clearAndSelect(next);
            table.scrollTo(Math.max(0, next - 3));
        }
    }

    /**
     * Shows one clip: clears the label filter and search if they hide it, selects it (which loads it
     * for the inspector) and scrolls to it. Returns false when the clip is no longer in the dataset.
     */
    public boolean reveal(String relativePath) {
        ClipRow row = vm.rows().stream().filter(r -> r.clip().relativePath().equals(relativePath)).findFirst().orElse(null);
        if (row == null) {
            return false;
        }
        if (!vm.visibleRows().contains(row)) {
            search.clear();
            vm.labelFilterProperty().set(null);
        }
        table.getSelectionModel().clearAndSelect(table.getItems().indexOf(row));
        table.scrollTo(Math.max(0, table.getItems().indexOf(row) - 3));
        return true;
    }

    public List<ClipRow> selectedRows() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    public TableView<ClipRow> table() {
        return table;
    }

    public ListView<LabelRow> labelList() {
        return labels;
    }

    public WaveformView waveform() {
        return waveform;
    }

    public TextField searchField() {
        return search;
    }

    public void shutdown() {
        loader.shutdownNow();
    }
}
