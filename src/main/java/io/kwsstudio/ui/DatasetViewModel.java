package io.kwsstudio.ui;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.ClipDetails;
import io.kwsstudio.dataset.ClipDetailsStore;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.DatasetChange;
import io.kwsstudio.dataset.DatasetStats;
import io.kwsstudio.dataset.Edit;
import io.kwsstudio.dataset.ImportResult;
import io.kwsstudio.dataset.TrashEntry;
import io.kwsstudio.tasks.CancellationToken;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * State and actions of the dataset browser, free of any control: the views bind to its properties
 * and call its methods; it runs disk work through {@link BackgroundTasks} and applies the resulting
 * {@link DatasetChange}s to the row list on the FX thread.
 */
public final class DatasetViewModel {
    /** Keys that relabel, in label order: digits first, then letters. */
    static final String LABEL_KEYS = "1234567890abcdefghijklmnopqrstuvwxyz";

    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ClipRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ClipRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final ObservableList<LabelRow> labelRows = FXCollections.observableArrayList();
    private final ObjectProperty<String> labelFilter = new SimpleObjectProperty<>();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<DatasetStats> stats = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<AudioClip> currentAudio = new SimpleObjectProperty<>();
    private final DoubleProperty playCursor = new SimpleDoubleProperty(Double.NaN);
    private final Map<String, ClipRow> rowByPath = new HashMap<>();
    private final Consumer<DatasetChange> changeListener = c -> BackgroundTasks.onFx(() -> apply(c));
    private ClipDetailsStore details;
    private CancellationToken detailsToken = CancellationToken.NONE;
    private Consumer<String> info = s -> { };
    private Consumer<String> errors = s -> { };

    public DatasetViewModel(BackgroundTasks tasks) {
        this.tasks = tasks;
        labelFilter.addListener((o, a, b) -> updateFilter());
        searchText.addListener((o, a, b) -> updateFilter());
    }

    /** Where short confirmations ("Relabelled 2 clips to yes") and errors go; set by the window. */
    public void setMessageSinks(Consumer<String> info, Consumer<String> errors) {
        this.info = info;
        this.errors = errors;
    }

    // ------------------------------------------------------------------ opening

    /** Opens a dataset in the background; {@code onOpened} runs on the FX thread once it is shown. */
    public void open(Path folder, Consumer<Dataset> onOpened) {
        detailsToken.cancel();
        tasks.submit("Opening " + folder, (progress, cancel) -> {
            Dataset ds = Dataset.open(folder, progress, cancel);
            ClipDetailsStore store = new ClipDetailsStore(ds).load();
            return new Object[] {ds, store};
        }, result -> {
            show((Dataset) result[0], (ClipDetailsStore) result[1]);
            onOpened.accept((Dataset) result[0]);
        }, e -> errors.accept("Could not open the dataset. " + e.getMessage()));
    }

    private void show(Dataset ds, ClipDetailsStore store) {
        Dataset old = dataset.get();
        if (old != null) {
            old.removeListener(changeListener);
            if (details != null) {
                details.save();
            }
        }
        details = store;
        rowByPath.clear();
        List<ClipRow> list = new ArrayList<>(ds.clipCount());
        for (Clip c : ds.clips()) {
            ClipRow r = new ClipRow(c, store.get(c).orElse(null));
            list.add(r);
            rowByPath.put(c.relativePath(), r);
        }
        rows.setAll(list);
        labelFilter.set(null);
        dataset.set(ds);
        ds.addListener(changeListener);
        refreshLabels();
        refreshHistory();
        for (String p : ds.scanProblems()) {
            errors.accept(p);
        }
        fillDetails();
    }

    /** Reads durations and peak levels of all clips in the background, updating rows as it goes. */
    private void fillDetails() {
        Dataset ds = dataset.get();
        ClipDetailsStore store = details;
        List<ClipRow> todo = rows.stream().filter(r -> r.details() == null || !r.details().hasPeak() && r.details().ok()).toList();
        if (todo.isEmpty()) {
            computeStats();
            return;
        }
        detailsToken = tasks.submit("Reading clip details", (progress, cancel) -> {
            List<Object[]> batch = new ArrayList<>();
            long lastFlush = System.nanoTime();
            for (int i = 0; i < todo.size(); i++) {
                cancel.throwIfCancelled();
                ClipRow r = todo.get(i);
                batch.add(new Object[] {r, store.full(r.clip())});
                if (System.nanoTime() - lastFlush > 100_000_000L) {
                    progress.progress(i, todo.size(), "Reading clip details " + i + " / " + todo.size());
                    publish(batch);
                    batch = new ArrayList<>();
                    lastFlush = System.nanoTime();
                }
            }
            publish(batch);
            store.save();
            return ds;
        }, done -> computeStats(), e -> errors.accept("Reading clip details failed: " + e.getMessage()));
    }

    private static void publish(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            Platform.runLater(() -> {
                for (Object[] o : batch) {
                    ((ClipRow) o[0]).detailsProperty().set((ClipDetails) o[1]);
                }
            });
        }
    }

    /** Recomputes the statistics view's figures in the background. */
    public void computeStats() {
        Dataset ds = dataset.get();
        ClipDetailsStore store = details;
        if (ds == null) {
            return;
        }
        tasks.submit("Computing statistics", (p, c) -> DatasetStats.compute(ds, store), stats::set,
                e -> errors.accept("Statistics failed: " + e.getMessage()));
    }

    // ------------------------------------------------------------------ edits

    public void relabel(List<ClipRow> selection, String label) {
        List<Clip> clips = selection.stream().map(ClipRow::clip).filter(c -> !c.label().equals(label)).toList();
        if (!clips.isEmpty()) {
            edit("Relabelling", ds -> ds.relabel(clips, label));
        }
    }

    public void delete(List<ClipRow> selection) {
        List<Clip> clips = selection.stream().map(ClipRow::clip).toList();
        if (!clips.isEmpty()) {
            edit("Moving to trash", ds -> ds.delete(clips));
        }
    }

    public void rename(ClipRow row, String newName) {
        edit("Renaming", ds -> ds.rename(row.clip(), newName));
    }

    public void createLabel(String label) {
        edit("Creating label", ds -> ds.createLabel(label));
    }

    public void renameLabel(String label, String newLabel) {
        edit("Renaming label", ds -> ds.renameLabel(label, newLabel));
    }

    public void deleteLabel(String label) {
        edit("Deleting label", ds -> ds.deleteLabel(label));
    }

    public void restore(List<TrashEntry> entries) {
        edit("Restoring", ds -> ds.restore(entries));
    }

    /** Replaces clips' audio (trim, align) as one undoable edit. */
    public void replaceAudio(Map<Clip, io.kwsstudio.audio.AudioClip> replacements, String description) {
        edit(description, ds -> ds.replaceAudio(replacements, description));
    }

    public void undo() {
        run("Undoing", ds -> ds.undo().map(d -> "Undid: " + d).orElse("Nothing to undo"));
    }

    public void redo() {
        run("Redoing", ds -> ds.redo().map(d -> "Redid: " + d).orElse("Nothing to redo"));
    }

    /** Imports files or folders into a label in the background, with progress and cancel. */
    public void importFiles(List<Path> sources, String label) {
        Dataset ds = dataset.get();
        if (ds == null) {
            errors.accept("Open a dataset before importing clips.");
            return;
        }
        String problem = Dataset.labelNameProblem(label);
        if (problem != null) {
            errors.accept("Cannot import into \"" + label + "\": " + problem);
            return;
        }
        tasks.submit("Importing into " + label, (p, c) -> ds.importFiles(sources, label, p, c), r -> {
            refreshHistory();
            reportImport(r, label);
            fillDetails();
        }, e -> errors.accept("Import failed: " + e.getMessage()));
    }

    private void reportImport(ImportResult r, String label) {
        String msg = String.format(Locale.ROOT, "Imported %d clip%s into %s", r.imported().size(),
                r.imported().size() == 1 ? "" : "s", label);
        if (r.cancelled()) {
            msg += " (cancelled part-way; Undo removes what was imported)";
        }
        if (r.skippedNonWav() > 0) {
            msg += "; " + r.skippedNonWav() + " non-WAV files skipped";
        }
        info.accept(msg);
        if (!r.failures().isEmpty()) {
            errors.accept(r.failures().size() + " file(s) could not be imported:\n" + String.join("\n", r.failures()));
        }
    }

    /** A dataset action that may fail with a message for the user. */
    @FunctionalInterface
    public interface DatasetAction<T> {
        T apply(Dataset ds) throws Exception;
    }

    private void edit(String title, DatasetAction<Edit> action) {
        run(title, ds -> {
            Edit e = action.apply(ds);
            return e == null ? "" : e.description();
        });
    }

    /**
     * Runs a dataset action in the background; its message goes to the status bar and the Undo menu
     * is refreshed afterwards (used by dialogs such as batch align).
     */
    public void perform(String title, DatasetWork action) {
        Dataset ds = dataset.get();
        if (ds == null) {
            return;
        }
        tasks.submit(title, (p, c) -> action.apply(ds, p, c), msg -> {
            refreshHistory();
            if (!msg.isEmpty()) {
                info.accept(msg);
            }
        }, e -> {
            refreshHistory();
            errors.accept(e.getMessage());
        });
    }

    /** Long dataset work with progress and cancel; returns the message for the status bar. */
    @FunctionalInterface
    public interface DatasetWork {
        String apply(Dataset ds, io.kwsstudio.tasks.ProgressListener progress, CancellationToken cancel) throws Exception;
    }

    private void run(String title, DatasetAction<String> action) {
        perform(title, (ds, progress, cancel) -> action.apply(ds));
    }

    // ------------------------------------------------------------------ applying changes

    /** Applies index changes in place: a moved clip keeps its row position so the table does not jump. */
    void apply(DatasetChange change) {
        List<Clip> removed = change.removed();
        List<Clip> added = change.added();
        int pairs = Math.min(removed.size(), added.size());
        // Big edits (aligning a whole dataset) look rows up through one index, not a scan per clip.
        // Replacing one by one would fire a list change per clip through the filtered and sorted views;
        // big edits are applied to a copy and set in one change.
        java.util.Map<ClipRow, Integer> position = null;
        List<ClipRow> copy = null;
        if (pairs > 32) {
            copy = new ArrayList<>(rows);
            position = new java.util.IdentityHashMap<>(rows.size() * 2);
            for (int i = 0; i < copy.size(); i++) {
                position.put(copy.get(i), i);
            }
        }
        List<ClipRow> toRemove = new ArrayList<>();
        for (int i = 0; i < removed.size(); i++) {
            ClipRow old = rowByPath.remove(removed.get(i).relativePath());
            if (old == null) {
                continue;
            }
            if (i < pairs) {
                Clip c = added.get(i);
                ClipRow fresh = new ClipRow(c, details == null ? old.details() : details.get(c).orElse(old.details()));
                if (copy != null) {
                    copy.set(position.get(old), fresh);
                } else {
                    rows.set(rows.indexOf(old), fresh);
                }
                rowByPath.put(c.relativePath(), fresh);
            } else {
                toRemove.add(old);
            }
        }
        if (copy != null) {
            rows.setAll(copy);
        }
        if (!toRemove.isEmpty()) {
            rows.removeAll(new java.util.HashSet<>(toRemove));
        }
        List<ClipRow> appended = new ArrayList<>();
        for (int i = pairs; i < added.size(); i++) {
            Clip c = added.get(i);
            ClipRow r = new ClipRow(c, details == null ? null : details.get(c).orElse(null));
            rowByPath.put(c.relativePath(), r);
            appended.add(r);
        }
        rows.addAll(appended);
        refreshLabels();
        if (labelFilter.get() != null && !dataset.get().labels().contains(labelFilter.get())) {
            labelFilter.set(null);
        }
    }

    private void refreshLabels() {
        Dataset ds = dataset.get();
        if (ds == null) {
            labelRows.clear();
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String l : ds.labels()) {
            counts.put(l, 0);
        }
        for (ClipRow r : rows) {
            counts.merge(r.clip().label(), 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<LabelRow> list = new ArrayList<>();
        list.add(new LabelRow(null, rows.size(), 1, ""));
        int i = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String key = i < LABEL_KEYS.length() ? String.valueOf(LABEL_KEYS.charAt(i)) : "";
            list.add(new LabelRow(e.getKey(), e.getValue(), max == 0 ? 0 : (double) e.getValue() / max, key));
            i++;
        }
        labelRows.setAll(list);
    }

    private void refreshHistory() {
        Dataset ds = dataset.get();
        if (ds == null) {
            return;
        }
        canUndo.set(ds.history().canUndo());
        canRedo.set(ds.history().canRedo());
        undoText.set(ds.history().nextUndo().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(ds.history().nextRedo().map(d -> "Redo " + d).orElse("Redo"));
    }

    private void updateFilter() {
        String label = labelFilter.get();
        String text = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
        visibleRows.setPredicate(r -> (label == null || r.clip().label().equals(label))
                && (text.isEmpty() || r.clip().fileName().toLowerCase(Locale.ROOT).contains(text)));
    }

    /** The label whose relabel key is {@code key}, if any. */
    public String labelForKey(String key) {
        for (LabelRow r : labelRows) {
            if (!r.isAll() && r.key().equalsIgnoreCase(key)) {
                return r.name();
            }
        }
        return null;
    }

    /** Saves cached details; called when the window closes. */
    public void close() {
        detailsToken.cancel();
        if (details != null) {
            details.save();
        }
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public Dataset dataset() {
        return dataset.get();
    }

    public ObservableList<ClipRow> rows() {
        return rows;
    }

    public FilteredList<ClipRow> visibleRows() {
        return visibleRows;
    }

    public ObservableList<LabelRow> labelRows() {
        return labelRows;
    }

    public ObjectProperty<String> labelFilterProperty() {
        return labelFilter;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DatasetStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The decoded audio of the selected clip, shared by the browser and the inspector (null: none). */
    public ObjectProperty<AudioClip> currentAudioProperty() {
        return currentAudio;
    }

    /** Where playback is, in seconds; NaN when nothing plays. Drives every play cursor. */
    public DoubleProperty playCursorProperty() {
        return playCursor;
    }

    public ClipDetailsStore details() {
        return details;
    }
}
