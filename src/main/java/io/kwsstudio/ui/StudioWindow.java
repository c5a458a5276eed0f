package io.kwsstudio.ui;

import io.kwsstudio.audio.AudioSource;
import io.kwsstudio.audio.ClipPlayer;
import io.kwsstudio.audio.MicrophoneSource;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.TrashEntry;
import io.kwsstudio.ui.align.AlignPane;
import io.kwsstudio.ui.augment.AugmentView;
import io.kwsstudio.ui.inspector.InspectorView;
import io.kwsstudio.ui.record.RecordView;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The studio's main window content: menus, the dataset browser and statistics as tabs, and a status
 * bar with background-task progress and cancel. Keyboard: a label's key relabels the selection and
 * moves to the next clip, Space plays or stops, Delete moves to the trash, Ctrl+Z / Ctrl+Shift+Z undo
 * and redo.
 */
public final class StudioWindow extends BorderPane {
    private final BackgroundTasks tasks;
    private final DatasetViewModel vm;
    private final StudioSettings settings;
    private final DatasetBrowser browser;
    private final StatsView statsView;
    private final InspectorView inspector = new InspectorView();
    private final RecordView recordView;
    private final AugmentView augmentView;
    private final io.kwsstudio.ui.train.TrainingController training;
    private final io.kwsstudio.ui.train.TrainView trainView;
    private final io.kwsstudio.ui.runs.RunsView runsView;
    private final io.kwsstudio.ui.live.LiveView liveView;
    private final Label statusText = new Label("Ready");
    private final Menu recentMenu = new Menu("Open Recent");
    private final TabPane tabs = new TabPane();

    /** The studio with the real microphone as the recording input. */
    public StudioWindow(StudioSettings settings, ClipPlayer player) {
        this(settings, player, MicrophoneSource::new, MicrophoneSource::inputDevices);
    }

    /**
     * @param sources makes a recording input for a device name; tests pass WAV or generated sources
     * @param devices lists the input device names
     */
    public StudioWindow(StudioSettings settings, ClipPlayer player, Function<String, AudioSource> sources,
                        Supplier<List<String>> devices) {
        this.settings = settings;
        this.tasks = new BackgroundTasks();
        this.vm = new DatasetViewModel(tasks);
        this.browser = new DatasetBrowser(vm, player);
        this.statsView = new StatsView(vm);
        getStyleClass().add("studio-window");
        vm.setMessageSinks(this::showInfo, this::showError);
        browser.setErrorSink(this::showInfo);
        browser.setOnDropImport(vm::importFiles);

        Tab clipsTab = new Tab("Clips", browser);
        clipsTab.setGraphic(new FontIcon(Feather.LIST));
        Tab statsTab = new Tab("Statistics", statsView);
        statsTab.setGraphic(new FontIcon(Feather.BAR_CHART_2));
        statsTab.setOnSelectionChanged(e -> {
            if (statsTab.isSelected()) {
                vm.computeStats();
            }
        });
        inspector.audioProperty().bind(vm.currentAudioProperty());
        inspector.bindCursor(vm.playCursorProperty());
        Tab inspectorTab = new Tab("Inspector", inspector);
        inspectorTab.setGraphic(new FontIcon(Feather.ACTIVITY));
        recordView = new RecordView(vm, player, sources, devices);
        Tab recordTab = new Tab("Record", recordView);
        recordTab.setGraphic(new FontIcon(Feather.MIC));
        recordTab.setOnSelectionChanged(e -> {
            if (recordTab.isSelected()) {
                recordView.activate();
            } else {
                recordView.deactivate();
            }
        });
        augmentView = new AugmentView(vm, tasks, player);
        Tab augmentTab = new Tab("Augment", augmentView);
        augmentTab.setGraphic(new FontIcon(Feather.LAYERS));
        training = new io.kwsstudio.ui.train.TrainingController(vm);
        trainView = new io.kwsstudio.ui.train.TrainView(training, vm, player, settings.folder(), clip -> {
            if (browser.reveal(clip.relativePath())) {
                tabs.getSelectionModel().select(1);
            } else {
                showInfo(clip.relativePath() + " is no longer in the dataset (moved or deleted).");
            }
        });
        Tab trainTab = new Tab("Train", trainView);
        trainTab.setGraphic(new FontIcon(Feather.CPU));
        training.setOnEditConfig(cfg -> {
            trainView.edit(cfg);
            tabs.getSelectionModel().select(trainTab);
        });
        runsView = new io.kwsstudio.ui.runs.RunsView(training, () -> trainView.form().configProperty().get());
        Tab runsTab = new Tab("Runs", runsView);
        runsTab.setGraphic(new FontIcon(Feather.ARCHIVE));
        liveView = new io.kwsstudio.ui.live.LiveView(vm, training, player, sources, devices);
        Tab liveTab = new Tab("Live", liveView);
        liveTab.setGraphic(new FontIcon(Feather.RADIO));
        liveTab.setOnSelectionChanged(e -> {
            if (liveTab.isSelected()) {
                liveView.activate();
            } else {
                liveView.deactivate();
            }
        });
        tabs.getTabs().addAll(clipsTab, inspectorTab, recordTab, augmentTab, trainTab, runsTab, liveTab, statsTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        setTop(buildMenus());
        setCenter(tabs);
        setBottom(buildStatusBar());
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        });
        setOnDragDropped(this::onDropOnWindow);
        vm.datasetProperty().addListener((o, a, ds) -> rebuildRecent());
        rebuildRecent();
    }

    // ------------------------------------------------------------------ menus

    private MenuBar buildMenus() {
        MenuItem open = item("Open Dataset…", "Shortcut+O", Feather.FOLDER, e -> chooseDataset());
        MenuItem reload = item("Reload", "F5", Feather.REFRESH_CW, e -> reload());
        MenuItem importFiles = item("Import Clips…", "Shortcut+I", Feather.DOWNLOAD, e -> chooseImportFiles());
        MenuItem importFolder = item("Import Folder…", null, null, e -> chooseImportFolder());
        MenuItem quit = item("Quit", "Shortcut+Q", null, e -> getScene().getWindow().hide());
        Menu file = new Menu("File", null, open, recentMenu, reload, new SeparatorMenuItem(), importFiles, importFolder,
                new SeparatorMenuItem(), quit);

        MenuItem undo = item("Undo", "Shortcut+Z", Feather.ROTATE_CCW, e -> vm.undo());
        undo.textProperty().bind(vm.undoTextProperty());
        undo.disableProperty().bind(vm.canUndoProperty().not());
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", Feather.ROTATE_CW, e -> vm.redo());
        redo.textProperty().bind(vm.redoTextProperty());
        redo.disableProperty().bind(vm.canRedoProperty().not());
        MenuItem play = item("Play / Stop", null, Feather.PLAY, e -> browser.togglePlay());
        play.setAccelerator(null);
        MenuItem rename = item("Rename Clip…", "F2", Feather.EDIT_2, e -> renameSelected());
        MenuItem delete = item("Move to Trash", null, Feather.TRASH_2, e -> deleteSelected());
        Menu relabel = new Menu("Relabel Selected To");
        vm.labelRows().addListener((ListChangeListener<LabelRow>) c -> rebuildRelabelMenu(relabel));
        MenuItem align = item("Align Clips…", "Shortcut+L", Feather.ALIGN_CENTER, e -> showAlign());
        MenuItem trash = item("Trash…", null, Feather.TRASH, e -> showTrash());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), play, rename, relabel, delete,
                new SeparatorMenuItem(), align, trash);

        MenuItem newLabel = item("New Label…", "Shortcut+N", Feather.PLUS, e -> newLabel());
        MenuItem renameLabel = item("Rename Label…", null, null, e -> renameLabel());
        MenuItem deleteLabel = item("Delete Label…", null, null, e -> deleteLabel());
        Menu labels = new Menu("Labels", null, newLabel, renameLabel, deleteLabel);

        MenuItem keys = item("Keyboard Shortcuts", "F1", Feather.HELP_CIRCLE, e -> showShortcuts());
        Menu help = new Menu("Help", null, keys);
        MenuBar bar = new MenuBar(file, edit, labels, help);
        bar.setId("menuBar");
        return bar;
    }

    private static MenuItem item(String text, String accel, Feather icon, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        MenuItem mi = new MenuItem(text);
        if (accel != null) {
            mi.setAccelerator(KeyCombination.keyCombination(accel));
        }
        if (icon != null) {
            mi.setGraphic(new FontIcon(icon));
        }
        mi.setOnAction(action);
        return mi;
    }

    private void rebuildRelabelMenu(Menu menu) {
        menu.getItems().clear();
        for (LabelRow r : vm.labelRows()) {
            if (r.isAll()) {
                continue;
            }
            MenuItem mi = new MenuItem(r.name() + (r.key().isEmpty() ? "" : "    (" + r.key().toUpperCase(Locale.ROOT) + ")"));
            mi.setOnAction(e -> relabelSelected(r.name()));
            menu.getItems().add(mi);
        }
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : settings.recentDatasets()) {
            MenuItem mi = new MenuItem(p.toString());
            mi.setOnAction(e -> openDataset(p));
            recentMenu.getItems().add(mi);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private Node buildStatusBar() {
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(180);
        progress.progressProperty().bind(tasks.progressProperty());
        progress.visibleProperty().bind(tasks.runningProperty());
        Button cancel = new Button(null, new FontIcon(Feather.X));
        cancel.getStyleClass().add("flat");
        cancel.setTooltip(new Tooltip("Cancel the running task"));
        cancel.visibleProperty().bind(tasks.runningProperty());
        cancel.setOnAction(e -> tasks.cancelCurrent());
        cancel.setId("cancelTask");
        Label taskText = new Label();
        taskText.textProperty().bind(tasks.messageProperty());
        taskText.getStyleClass().add("hint");
        statusText.setId("statusText");
        Label datasetText = new Label();
        datasetText.textProperty().bind(Bindings.createStringBinding(() -> {
            Dataset ds = vm.dataset();
            return ds == null ? "No dataset open" : ds.root().toString();
        }, vm.datasetProperty()));
        datasetText.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, statusText, spacer, taskText, progress, cancel, datasetText);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    // ------------------------------------------------------------------ keyboard

    private void onKey(KeyEvent e) {
        // Typing in a text field must never relabel or delete clips.
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE && tabs.getSelectionModel().getSelectedIndex() <= 1) {
            browser.togglePlay(); // the inspector plays too: same clip, cursor on all its plots
            e.consume();
            return;
        }
        if (tabs.getSelectionModel().getSelectedIndex() != 0) {
            return;
        }
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            deleteSelected();
            e.consume();
        } else if (e.getCode().isLetterKey() || e.getCode().isDigitKey()) {
            String key = e.getText() == null || e.getText().isEmpty() ? e.getCode().getChar() : e.getText();
            String label = vm.labelForKey(key.toLowerCase(Locale.ROOT));
            if (label != null && !browser.selectedRows().isEmpty()) {
                relabelSelected(label);
                e.consume();
            }
        }
    }

    private void relabelSelected(String label) {
        List<ClipRow> rows = browser.selectedRows();
        if (rows.isEmpty()) {
            return;
        }
        int index = browser.table().getSelectionModel().getSelectedIndices().stream().mapToInt(Integer::intValue).max().orElse(-1);
        boolean leavesView = vm.labelFilterProperty().get() != null && !label.equals(vm.labelFilterProperty().get());
        vm.relabel(rows, label);
        // Auto-advance: when the clip stays in view, move to the next one; otherwise the next one
        // slides into the same position once the relabel lands.
        browser.selectNextAfter(leavesView ? index - rows.size() : index);
    }

    private void deleteSelected() {
        List<ClipRow> rows = browser.selectedRows();
        if (!rows.isEmpty()) {
            int index = browser.table().getSelectionModel().getSelectedIndex();
            vm.delete(rows);
            browser.selectNextAfter(index - 1);
        }
    }

    // ------------------------------------------------------------------ actions

    /** Opens a dataset folder in the background and remembers it in the recent list. */
    public void openDataset(Path folder) {
        vm.open(folder, ds -> {
            settings.addRecent(ds.root());
            if (!browser.table().getItems().isEmpty()) {
                browser.table().getSelectionModel().clearAndSelect(0);
            }
            rebuildRecent();
            org.slf4j.LoggerFactory.getLogger(StudioWindow.class).info("Opened dataset {}: {} clips in {} labels", ds.root(),
                    ds.clipCount(), ds.labels().size());
            showInfo(String.format(Locale.ROOT, "Opened %s: %,d clips in %d labels", ds.root().getFileName(), ds.clipCount(),
                    ds.labels().size()));
            Window w = getScene() == null ? null : getScene().getWindow();
            if (w instanceof javafx.stage.Stage stage) {
                stage.setTitle("KWS Studio — " + ds.root().getFileName());
            }
        });
    }

    private void reload() {
        if (vm.dataset() != null) {
            openDataset(vm.dataset().root());
        }
    }

    private void chooseDataset() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a dataset folder (one folder per word)");
        if (vm.dataset() != null && vm.dataset().root().getParent() != null) {
            chooser.setInitialDirectory(vm.dataset().root().getParent().toFile());
        }
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            openDataset(dir.toPath());
        }
    }

    private void chooseImportFiles() {
        if (vm.dataset() == null) {
            showError("Open a dataset before importing clips.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import WAV clips");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WAV audio", "*.wav", "*.WAV"));
        List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            askLabel("Import " + files.size() + " file(s)").ifPresent(l -> vm.importFiles(files.stream().map(File::toPath).toList(), l));
        }
    }

    private void chooseImportFolder() {
        if (vm.dataset() == null) {
            showError("Open a dataset before importing clips.");
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Import every WAV file in a folder");
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            askLabel("Import folder " + dir.getName()).ifPresent(l -> vm.importFiles(List.of(dir.toPath()), l));
        }
    }

    /** Asks which label to import into, defaulting to the label being viewed; new names are allowed. */
    private Optional<String> askLabel(String title) {
        List<String> labels = vm.dataset().labels();
        String current = vm.labelFilterProperty().get();
        ChoiceDialog<String> d = new ChoiceDialog<>(current != null ? current : labels.isEmpty() ? null : labels.get(0), labels);
        d.setTitle(title);
        d.setHeaderText("Which label should the clips go to?\nFiles are converted to 16 kHz mono 16-bit.");
        d.setContentText("Label:");
        d.getDialogPane().setExpandableContent(null);
        if (labels.isEmpty()) {
            TextInputDialog t = new TextInputDialog();
            t.setTitle(title);
            t.setHeaderText("Name the label (folder) for these clips");
            return t.showAndWait().map(String::strip);
        }
        return d.showAndWait();
    }

    private void onDropOnWindow(javafx.scene.input.DragEvent e) {
        List<File> files = e.getDragboard().getFiles();
        if (files == null || files.isEmpty()) {
            return;
        }
        Path first = files.get(0).toPath();
        if (files.size() == 1 && Files.isDirectory(first) && looksLikeDataset(first)) {
            openDataset(first);
        } else if (vm.dataset() != null) {
            String label = vm.labelFilterProperty().get();
            List<Path> paths = files.stream().map(File::toPath).toList();
            if (label != null) {
                vm.importFiles(paths, label);
            } else {
                askLabel("Import " + files.size() + " item(s)").ifPresent(l -> vm.importFiles(paths, l));
            }
        } else {
            openDataset(first);
        }
        e.setDropCompleted(true);
        e.consume();
    }

    /** A folder with sub-folders is taken as a dataset to open; a folder of WAVs as clips to import. */
    private static boolean looksLikeDataset(Path dir) {
        try (var s = Files.list(dir)) {
            return s.anyMatch(Files::isDirectory);
        } catch (java.io.IOException ex) {
            return true; // let opening report the problem
        }
    }

    private void renameSelected() {
        List<ClipRow> rows = browser.selectedRows();
        if (rows.size() != 1) {
            showInfo("Select one clip to rename.");
            return;
        }
        ClipRow row = rows.get(0);
        TextInputDialog d = new TextInputDialog(row.clip().fileName());
        d.setTitle("Rename clip");
        d.setHeaderText("New file name for " + row.clip().relativePath());
        d.showAndWait().map(String::strip).filter(s -> !s.isEmpty()).ifPresent(n -> vm.rename(row, n));
    }

    private void newLabel() {
        if (vm.dataset() == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog();
        d.setTitle("New label");
        d.setHeaderText("Name of the new label (a word such as \"yes\")");
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        Label problem = new Label();
        problem.getStyleClass().add("problem");
        d.getEditor().textProperty().addListener((o, a, t) -> {
            String p = Dataset.labelNameProblem(t.strip());
            problem.setText(t.isBlank() || p == null ? "" : p);
            ok.setDisable(p != null);
        });
        ok.setDisable(true);
        d.getDialogPane().setContent(new javafx.scene.layout.VBox(8, d.getEditor(), problem));
        d.showAndWait().map(String::strip).ifPresent(vm::createLabel);
    }

    private String currentLabelOrAsk(String title) {
        String label = vm.labelFilterProperty().get();
        if (label != null) {
            return label;
        }
        List<String> labels = vm.dataset() == null ? List.of() : vm.dataset().labels();
        if (labels.isEmpty()) {
            return null;
        }
        ChoiceDialog<String> d = new ChoiceDialog<>(labels.get(0), labels);
        d.setTitle(title);
        d.setHeaderText("Which label?");
        return d.showAndWait().orElse(null);
    }

    private void renameLabel() {
        String label = currentLabelOrAsk("Rename label");
        if (label == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog(label);
        d.setTitle("Rename label");
        d.setHeaderText("New name for the label \"" + label + "\"");
        d.showAndWait().map(String::strip).filter(s -> !s.equals(label)).ifPresent(n -> vm.renameLabel(label, n));
    }

    private void deleteLabel() {
        String label = currentLabelOrAsk("Delete label");
        if (label == null) {
            return;
        }
        long n = vm.rows().stream().filter(r -> r.clip().label().equals(label)).count();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The label \"" + label + "\" and its " + n
                + " clips move to the dataset's trash. Undo or Edit ▸ Trash brings them back.", ButtonType.OK, ButtonType.CANCEL);
        a.setTitle("Delete label");
        a.setHeaderText("Delete the label \"" + label + "\"?");
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.deleteLabel(label));
    }

    private void showAlign() {
        if (vm.dataset() == null) {
            return;
        }
        List<io.kwsstudio.dataset.Clip> selected = browser.selectedRows().stream().map(ClipRow::clip).toList();
        AlignPane pane = new AlignPane(vm, selected, vm.labelFilterProperty().get());
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Align clips");
        d.setHeaderText("Place the word consistently in every clip. Originals go to the trash; Undo restores them.");
        d.getDialogPane().setContent(pane);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.initOwner(getScene().getWindow());
        d.show();
    }

    private void showTrash() {
        Dataset ds = vm.dataset();
        if (ds == null) {
            return;
        }
        tasks.submit("Listing trash", (p, c) -> ds.trash(), this::showTrashDialog, e -> showError(e.getMessage()));
    }

    private void showTrashDialog(List<TrashEntry> entries) {
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
        ListView<TrashEntry> list = new ListView<>();
        list.getItems().setAll(entries);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label("The trash is empty."));
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(TrashEntry t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null
                        : (t.folder() ? "Label " : "") + t.originalPath() + "    deleted " + fmt.format(t.deletedAt()));
            }
        });
        list.setPrefSize(560, 360);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Trash");
        d.setHeaderText("Deleted clips and labels stay here until you delete the .trash folder yourself.\n"
                + "Select items and press Restore to put them back where they were.");
        ButtonType restore = new ButtonType("Restore", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(restore, ButtonType.CLOSE);
        d.getDialogPane().setContent(list);
        d.getDialogPane().lookupButton(restore).disableProperty()
                .bind(Bindings.isEmpty(list.getSelectionModel().getSelectedItems()));
        d.showAndWait().filter(b -> b == restore).ifPresent(b -> vm.restore(List.copyOf(list.getSelectionModel().getSelectedItems())));
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText("""
                1-9, 0, A-Z   move the selected clips to the label with that key, then go to the next clip
                Space         play / stop the selected clip
                Delete        move the selected clips to the trash
                Ctrl+Z        undo        Ctrl+Shift+Z   redo
                F2            rename the selected clip
                Ctrl+O        open a dataset    Ctrl+I   import clips    Ctrl+N   new label
                Drop a dataset folder on the window to open it; drop WAV files on a label to import them.""");
        a.getDialogPane().setPrefWidth(620);
        a.showAndWait();
    }

    // ------------------------------------------------------------------ messages

    void showInfo(String message) {
        statusText.setText(message);
        statusText.getStyleClass().remove("problem");
    }

    void showError(String message) {
        statusText.setText(message.lines().findFirst().orElse(message));
        if (!statusText.getStyleClass().contains("problem")) {
            statusText.getStyleClass().add("problem");
        }
        if (getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing()) {
            Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            a.setHeaderText("Something needs your attention");
            a.initOwner(getScene().getWindow());
            a.getDialogPane().setPrefWidth(620);
            a.show();
        }
    }

    public DatasetViewModel viewModel() {
        return vm;
    }

    public DatasetBrowser browser() {
        return browser;
    }

    public InspectorView inspector() {
        return inspector;
    }

    public RecordView recordView() {
        return recordView;
    }

    public AugmentView augmentView() {
        return augmentView;
    }

    public io.kwsstudio.ui.train.TrainingController training() {
        return training;
    }

    public io.kwsstudio.ui.train.TrainView trainView() {
        return trainView;
    }

    public io.kwsstudio.ui.runs.RunsView runsView() {
        return runsView;
    }

    public io.kwsstudio.ui.live.LiveView liveView() {
        return liveView;
    }

    public StatsView statsView() {
        return statsView;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public Label statusText() {
        return statusText;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** Saves state and stops background threads; call when the window closes. */
    public void shutdown() {
        training.shutdown();
        runsView.shutdown();
        liveView.shutdown();
        vm.close();
        recordView.shutdown();
        browser.shutdown();
        tasks.shutdown();
    }
}
