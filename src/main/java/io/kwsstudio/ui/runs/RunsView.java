package io.kwsstudio.ui.runs;

import io.kwsstudio.runs.Run;
import io.kwsstudio.runs.RunConfig;
import io.kwsstudio.runs.RunInfo;
import io.kwsstudio.runs.RunStore;
import io.kwsstudio.ui.train.TrainingController;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Runs tab: every run beside the open dataset in a table (newest first; sortable), with rename,
 * tags, note, delete (undoable), open folder, resume, re-run and "edit config" in the Train tab. The
 * selected runs are compared below. A sweep filter ranks one sweep's runs by validation accuracy under
 * an optional size budget. Files are read on a background thread.
 */
public final class RunsView extends BorderPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final String ALL_RUNS = "All runs";

    private final TrainingController controller;
    private final Supplier<RunConfig> currentForm;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runs-view");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<Run> runs = FXCollections.observableArrayList();
    private final FilteredList<Run> filtered = new FilteredList<>(runs);
    private final TableView<Run> table = new TableView<>();
    private final CompareView compare = new CompareView();
    private final ComboBox<String> sweepFilter = new ComboBox<>();
    private final TextField maxSize = new TextField();
    private final Label message = new Label();
    private final Button undo = new Button("Undo");
    private final HBox messageBar;
    private Runnable undoAction;
    private int loads;

    public RunsView(TrainingController controller, Supplier<RunConfig> currentForm) {
        this.controller = controller;
        this.currentForm = currentForm;
        setId("runsView");
        table.setId("runsTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet. Train one in the Train tab; runs are kept in the runs folder next to the dataset."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                text("Name", 150, r -> r.info().name()),
                text("Date", 120, r -> WHEN.format(r.info().created())),
                text("Model", 110, r -> r.info().model()),
                text("Status", 90, r -> r.status().jsonName().replace('_', ' ')),
                number("Best val", 70, r -> r.info().bestValidation(), true),
                number("Test", 60, r -> r.info().testAccuracy(), true),
                number("Params", 80, r -> (double) r.info().parameters(), false),
                number("Multiplies", 100, r -> (double) r.info().multiplies(), false),
                number("int8 KB", 70, r -> r.info().flashInt8Bytes() > 0 ? r.info().flashInt8Bytes() / 1024.0 : Double.NaN, false),
                text("Tags", 90, r -> String.join(", ", r.info().tags())),
                text("Settings", 260, r -> r.info().hyperParameters())));
        SortedList<Run> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Run>) c -> showSelection());
        table.setRowFactory(tv -> {
            javafx.scene.control.TableRow<Run> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    rename();
                }
            });
            return row;
        });

        undo.setId("undoDelete");
        undo.setOnAction(e -> {
            if (undoAction != null) {
                undoAction.run();
                undoAction = null;
            }
            hideMessage();
        });
        message.setId("runsMessage");
        messageBar = new HBox(10, new FontIcon(Feather.INFO), message, undo);
        messageBar.setAlignment(Pos.CENTER_LEFT);
        messageBar.getStyleClass().add("runs-message");
        messageBar.setPadding(new Insets(4, 10, 4, 10));
        hideMessage();

        VBox top = new VBox(buildToolbar(), messageBar);
        SplitPane split = new SplitPane(table, compare);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        setTop(top);
        setCenter(split);

        controller.runsChangedProperty().addListener((o, a, b) -> refresh());
        controller.storeProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private Region buildToolbar() {
        Button refresh = button("Refresh", Feather.REFRESH_CW, "Read the runs folder again", this::refresh);
        Button rename = button("Rename", Feather.EDIT_2, "Rename the selected run (or double-click it)", this::rename);
        Button tags = button("Tags", Feather.TAG, "Set the selected runs' tags, comma separated", this::tags);
        Button note = button("Note", Feather.FILE_TEXT, "Add a note to the selected run", this::note);
        Button delete = button("Delete", Feather.TRASH_2, "Move the selected runs to the runs folder's trash (undoable)", this::delete);
        Button open = button("Open folder", Feather.FOLDER, "Show the run's files", this::openFolder);
        Button resume = button("Resume", Feather.SKIP_FORWARD, "Continue a paused or interrupted run", this::resume);
        Button rerun = button("Re-run", Feather.REPEAT, "Train the selected runs again with the same settings", this::rerun);
        Button edit = button("Edit config", Feather.SLIDERS, "Open the run's settings in the Train tab to change and start them", this::editConfig);
        Button sweep = button("Sweep…", Feather.GRID, "Queue a grid or random search around the Train tab's settings", this::sweep);
        for (Button b : List.of(rename, note, open, resume, edit)) {
            b.disableProperty().bind(javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        }
        for (Button b : List.of(tags, delete, rerun)) {
            b.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        }
        sweepFilter.setId("sweepFilter");
        sweepFilter.getItems().add(ALL_RUNS);
        sweepFilter.setValue(ALL_RUNS);
        sweepFilter.setTooltip(new Tooltip("Show one sweep's runs, best validation accuracy first"));
        sweepFilter.setOnAction(e -> applyFilter());
        maxSize.setId("maxSize");
        maxSize.setPromptText("max int8 KB");
        maxSize.setPrefColumnCount(7);
        maxSize.setTooltip(new Tooltip("Hide runs whose int8 model is larger than this many KB (a flash budget)"));
        maxSize.textProperty().addListener((o, a, b) -> applyFilter());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, refresh, rename, tags, note, delete, open, resume, rerun, edit, sweep, spacer, sweepFilter, maxSize);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 6, 10));
        return bar;
    }

    private static Button button(String text, Feather icon, String tip, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId("runs" + text.replaceAll("[^A-Za-z]", ""));
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TableColumn<Run, String> text(String title, double width, Function<Run, String> value) {
        TableColumn<Run, String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new SimpleStringProperty(value.apply(r.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<Run, Double> number(String title, double width, Function<Run, Double> value, boolean percent) {
        TableColumn<Run, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new SimpleObjectProperty<>(value.apply(r.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v.isNaN() ? (empty ? null : "-")
                        : percent ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : String.format(Locale.ROOT, "%,.0f", v));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        c.setComparator(Comparator.nullsFirst(Comparator.comparingDouble(d -> d.isNaN() ? Double.NEGATIVE_INFINITY : d)));
        c.setPrefWidth(width);
        return c;
    }

    // ------------------------------------------------------------------ loading

    /** Re-reads the runs folder in the background, keeping the selection. */
    public void refresh() {
        RunStore store = controller.storeProperty().get();
        int load = ++loads;
        List<String> selected = table.getSelectionModel().getSelectedItems().stream().map(Run::id).toList();
        if (store == null) {
            runs.clear();
            return;
        }
        io.submit(() -> {
            try {
                RunStore.Listing listing = store.list();
                Platform.runLater(() -> {
                    if (load != loads) {
                        return;  // a newer refresh is on its way
                    }
                    runs.setAll(listing.runs());
                    updateSweeps();
                    for (Run r : table.getItems()) {
                        if (selected.contains(r.id())) {
                            table.getSelectionModel().select(r);
                        }
                    }
                    if (!listing.problems().isEmpty()) {
                        showMessage(listing.problems().size() + " run folder(s) could not be read: " + listing.problems().get(0), null);
                    }
                });
            } catch (Exception e) {
                Platform.runLater(() -> showMessage("Cannot read the runs folder: " + e.getMessage(), null));
            }
        });
    }

    private void updateSweeps() {
        String chosen = sweepFilter.getValue();
        List<String> sweeps = runs.stream().flatMap(r -> r.info().tags().stream()).filter(t -> t.startsWith("sweep:"))
                .distinct().sorted(Comparator.reverseOrder()).toList();
        List<String> items = new ArrayList<>();
        items.add(ALL_RUNS);
        items.addAll(sweeps);
        sweepFilter.getItems().setAll(items);
        sweepFilter.setValue(items.contains(chosen) ? chosen : ALL_RUNS);
        applyFilter();
    }

    private void applyFilter() {
        String sweep = sweepFilter.getValue();
        double budgetKb;
        try {
            budgetKb = maxSize.getText().isBlank() ? Double.POSITIVE_INFINITY : Double.parseDouble(maxSize.getText().trim());
        } catch (NumberFormatException e) {
            budgetKb = Double.POSITIVE_INFINITY;
        }
        double budget = budgetKb;
        filtered.setPredicate(r -> (sweep == null || ALL_RUNS.equals(sweep) || r.info().tags().contains(sweep))
                && int8Kb(r.info()) <= budget);
        if (sweep != null && !ALL_RUNS.equals(sweep)) {
            // A sweep is read as a ranking: best validation accuracy first.
            TableColumn<Run, ?> best = table.getColumns().get(4);  // "Best val"
            best.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(best));
        }
    }

    static double int8Kb(RunInfo i) {
        return i.flashInt8Bytes() / 1024.0;
    }

    private void showSelection() {
        List<Run> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        io.submit(() -> {
            List<RunDetails> details = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Run r : selected) {
                try {
                    details.add(RunDetails.read(r));
                } catch (Exception e) {
                    problems.add(r.info().name() + ": " + e.getMessage());
                }
            }
            Platform.runLater(() -> {
                if (selected.equals(table.getSelectionModel().getSelectedItems())) {
                    compare.show(details);
                }
                if (!problems.isEmpty()) {
                    showMessage("Cannot read " + String.join("; ", problems), null);
                }
            });
        });
    }

    // ------------------------------------------------------------------ actions

    private Run single() {
        List<Run> s = table.getSelectionModel().getSelectedItems();
        return s.size() == 1 ? s.get(0) : null;
    }

    private void rename() {
        Run r = single();
        if (r == null) {
            return;
        }
        ask("Rename run", "New name for " + r.info().name() + ":", r.info().name(), name -> {
            if (!name.isBlank()) {
                change(List.of(r), i -> i.withName(name.strip()), "Renamed to " + name.strip());
            }
        });
    }

    private void tags() {
        List<Run> s = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (s.isEmpty()) {
            return;
        }
        ask("Tags", "Tags, comma separated:", String.join(", ", s.get(0).info().tags()), text -> {
            List<String> tags = java.util.Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
            change(s, i -> i.withTags(tags), "Tags set on " + s.size() + " run(s)");
        });
    }

    private void note() {
        Run r = single();
        if (r != null) {
            ask("Note", "Note for " + r.info().name() + ":", r.info().note(), text -> change(List.of(r), i -> i.withNote(text.strip()), "Note saved"));
        }
    }

    private void change(List<Run> targets, UnaryOperator<RunInfo> edit, String done) {
        io.submit(() -> {
            try {
                for (Run r : targets) {
                    RunStore.update(r, edit);
                }
                Platform.runLater(() -> {
                    showMessage(done + ".", null);
                    refresh();
                });
            } catch (Exception e) {
                Platform.runLater(() -> showMessage("Could not change the run: " + e.getMessage(), null));
            }
        });
    }

    private void delete() {
        List<Run> s = List.copyOf(table.getSelectionModel().getSelectedItems());
        RunStore store = controller.storeProperty().get();
        if (s.isEmpty() || store == null) {
            return;
        }
        io.submit(() -> {
            List<Path> trashed = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            String problem = null;
            for (Run r : s) {
                try {
                    trashed.add(store.delete(r));
                    ids.add(r.id());
                } catch (Exception e) {
                    problem = e.getMessage();
                }
            }
            String p = problem;
            Platform.runLater(() -> {
                refresh();
                String text = "Moved " + trashed.size() + " run(s) to the trash" + (p == null ? "." : "; " + p);
                showMessage(text, trashed.isEmpty() ? null : () -> io.submit(() -> {
                    String failed = null;
                    for (int i = 0; i < trashed.size(); i++) {
                        try {
                            store.restore(trashed.get(i), ids.get(i));
                        } catch (Exception e) {
                            failed = e.getMessage();
                        }
                    }
                    String f = failed;
                    Platform.runLater(() -> {
                        refresh();
                        showMessage(f == null ? "Restored " + trashed.size() + " run(s)." : "Could not restore: " + f, null);
                    });
                }));
            });
        });
    }

    private void openFolder() {
        Run r = single();
        if (r == null) {
            return;
        }
        Path dir = r.dir();
        io.submit(() -> {
            try {
                if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
                    java.awt.Desktop.getDesktop().open(dir.toFile());
                } else {
                    new ProcessBuilder(opener(), dir.toString()).inheritIO().start();
                }
            } catch (Exception e) {
                Platform.runLater(() -> showMessage("Cannot open " + dir + ": " + e.getMessage(), null));
            }
        });
    }

    private static String opener() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "open" : os.contains("win") ? "explorer" : "xdg-open";
    }

    private void resume() {
        Run r = single();
        if (r == null) {
            return;
        }
        if (!r.status().resumable()) {
            showMessage(r.info().name() + " is " + r.status().jsonName() + "; only paused or interrupted runs can be resumed.", null);
            return;
        }
        controller.resume(r);
        showMessage("Resuming " + r.info().name() + " (see the Train tab).", null);
    }

    private void rerun() {
        List<Run> s = List.copyOf(table.getSelectionModel().getSelectedItems());
        io.submit(() -> {
            List<Object[]> configs = new ArrayList<>();
            for (Run r : s) {
                try {
                    configs.add(new Object[]{r.config(), r.info().name() + " again", r.info().tags()});
                } catch (Exception e) {
                    Platform.runLater(() -> showMessage("Cannot read " + r.info().name() + "'s config: " + e.getMessage(), null));
                    return;
                }
            }
            Platform.runLater(() -> {
                for (Object[] c : configs) {
                    @SuppressWarnings("unchecked")
                    List<String> tags = (List<String>) c[2];
                    controller.enqueue((RunConfig) c[0], (String) c[1], tags);
                }
                showMessage("Queued " + configs.size() + " run(s) with the same settings (see the Train tab).", null);
            });
        });
    }

    private void editConfig() {
        Run r = single();
        if (r == null) {
            return;
        }
        io.submit(() -> {
            try {
                RunConfig cfg = r.config();
                Platform.runLater(() -> controller.editConfig(cfg));
            } catch (Exception e) {
                Platform.runLater(() -> showMessage("Cannot read " + r.info().name() + "'s config: " + e.getMessage(), null));
            }
        });
    }

    private void sweep() {
        RunConfig base = currentForm.get();
        if (base == null) {
            showMessage("Fix the Train tab's settings first: the sweep varies them.", null);
            return;
        }
        SweepDialog d = new SweepDialog(base);
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.showAndWait().ifPresent(plan -> {
            for (var t : plan.trials()) {
                controller.enqueue(t.config(), t.name(), List.of(plan.tag()));
            }
            showMessage("Queued " + plan.trials().size() + " sweep runs tagged " + plan.tag()
                    + ". Choose it in the sweep filter to rank them as they finish.", null);
            sweepFilter.getItems().add(plan.tag());
        });
    }

    // ------------------------------------------------------------------ messages

    private void ask(String title, String prompt, String initial, java.util.function.Consumer<String> then) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.showAndWait().ifPresent(then);
    }

    private void showMessage(String text, Runnable undoable) {
        message.setText(text);
        undoAction = undoable;
        undo.setVisible(undoable != null);
        undo.setManaged(undoable != null);
        messageBar.setVisible(true);
        messageBar.setManaged(true);
    }

    private void hideMessage() {
        messageBar.setVisible(false);
        messageBar.setManaged(false);
    }

    // ------------------------------------------------------------------ for tests

    public TableView<Run> table() {
        return table;
    }

    public CompareView compareView() {
        return compare;
    }

    public Label messageLabel() {
        return message;
    }

    public ComboBox<String> sweepFilter() {
        return sweepFilter;
    }

    public void shutdown() {
        io.shutdownNow();
    }
}
