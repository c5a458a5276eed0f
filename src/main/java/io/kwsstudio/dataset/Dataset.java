package io.kwsstudio.dataset;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.files.AtomicFiles;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A keyword dataset on disk in the Speech Commands layout: one folder per label holding WAV clips,
 * {@code _background_noise_/} with long noise recordings, optional {@code validation_list.txt} and
 * {@code testing_list.txt}. Opening indexes names and sizes only (no decoding), so even the 105,000
 * clips of Speech Commands open in a few seconds.
 *
 * <p>Every change is a file move or an atomic write inside the dataset folder and is recorded in
 * {@link #history()}: deletes go to {@code .trash/} and can be undone or restored. Methods are
 * synchronized; listeners hear about changes on the thread that made them.
 */
public final class Dataset {
    public static final String BACKGROUND_NOISE = "_background_noise_";
    public static final String TRASH_FOLDER = ".trash";
    public static final String VALIDATION_LIST = "validation_list.txt";
    public static final String TESTING_LIST = "testing_list.txt";
    public static final int DEFAULT_SAMPLE_RATE = 16000;
    public static final int DEFAULT_CLIP_MS = 1000;

    private static final String LABEL_BATCH_SUFFIX = "-label";
    private static final Pattern NOHASH_NUMBER = Pattern.compile("^(.*_nohash_)(\\d+)$");
    private static final DateTimeFormatter TRASH_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final Path root;
    private final int sampleRate;
    private final int clipDurationMs;
    private final SplitRule splitRule;
    private final TreeSet<String> labels = new TreeSet<>();
    private final LinkedHashMap<String, Clip> clips = new LinkedHashMap<>();
    private final List<Path> noiseFiles = new ArrayList<>();
    private final List<String> scanProblems = new ArrayList<>();
    private int skippedNonWav;
    private Set<String> validationList = Set.of();
    private Set<String> testingList = Set.of();
    private final EditHistory history = new EditHistory();
    private final List<Consumer<DatasetChange>> listeners = new CopyOnWriteArrayList<>();
    private long trashCounter;

    private Dataset(Path root, int sampleRate, int clipDurationMs, SplitRule splitRule) {
        this.root = root;
        this.sampleRate = sampleRate;
        this.clipDurationMs = clipDurationMs;
        this.splitRule = splitRule;
    }

    /** Opens with the reference defaults (16 kHz, 1 s clips, 10% / 10% split). */
    public static Dataset open(Path folder) throws DatasetException {
        return open(folder, ProgressListener.NONE, CancellationToken.NONE);
    }

    public static Dataset open(Path folder, ProgressListener progress, CancellationToken cancel) throws DatasetException {
        return open(folder, DEFAULT_SAMPLE_RATE, DEFAULT_CLIP_MS, SplitRule.DEFAULT, progress, cancel);
    }

    /**
     * Indexes a dataset folder. A folder that cannot be read at all is an error; a label folder that
     * cannot be read is reported in {@link #scanProblems()} and the rest opens.
     */
    public static Dataset open(Path folder, int sampleRate, int clipDurationMs, SplitRule rule,
                               ProgressListener progress, CancellationToken cancel) throws DatasetException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new DatasetException(root, "folder does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root, "is a file, not a dataset folder (choose the folder that holds one folder per word)");
        }
        if (!Files.isReadable(root)) {
            throw new DatasetException(root, "folder cannot be read (permission denied)");
        }
        Dataset ds = new Dataset(root, sampleRate, clipDurationMs, rule);
        ds.scan(progress, cancel);
        return ds;
    }

    // ---------------------------------------------------------------- reading

    public Path root() {
        return root;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int clipDurationMs() {
        return clipDurationMs;
    }

    public SplitRule splitRule() {
        return splitRule;
    }

    public EditHistory history() {
        return history;
    }

    public synchronized List<String> labels() {
        return List.copyOf(labels);
    }

    public synchronized List<Clip> clips() {
        return List.copyOf(clips.values());
    }

    public synchronized List<Clip> clips(String label) {
        return clips.values().stream().filter(c -> c.label().equals(label)).toList();
    }

    public synchronized Optional<Clip> clip(String relativePath) {
        return Optional.ofNullable(clips.get(relativePath));
    }

    public synchronized int clipCount() {
        return clips.size();
    }

    public synchronized List<Path> noiseFiles() {
        return List.copyOf(noiseFiles);
    }

    /** Folders or files found while indexing that could not be read; shown to the user, never hidden. */
    public synchronized List<String> scanProblems() {
        return List.copyOf(scanProblems);
    }

    /** Files in label folders that are not WAV files (README, .DS_Store, ...), counted not indexed. */
    public synchronized int skippedNonWav() {
        return skippedNonWav;
    }

    public synchronized boolean hasListFiles() {
        return !validationList.isEmpty() || !testingList.isEmpty();
    }

    public Path path(Clip clip) {
        return clip.path(root);
    }

    public void addListener(Consumer<DatasetChange> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<DatasetChange> listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- indexing

    private synchronized void scan(ProgressListener progress, CancellationToken cancel) throws DatasetException {
        validationList = readList(root.resolve(VALIDATION_LIST));
        testingList = readList(root.resolve(TESTING_LIST));
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                if (Files.isDirectory(p)) { // a symlinked label folder counts too
                    folders.add(p);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(root, "folder cannot be listed: " + describe(e), e);
        }
        folders.sort(Comparator.comparing(p -> p.getFileName().toString()));
        int done = 0;
        for (Path folder : folders) {
            cancel.throwIfCancelled();
            String name = folder.getFileName().toString();
            progress.progress(done++, folders.size(), "Indexing " + name);
            if (name.equals(BACKGROUND_NOISE)) {
                scanNoise(folder);
            } else if (isLabelFolderName(name)) {
                labels.add(name);
                scanLabel(name, cancel);
            }
        }
        progress.progress(folders.size(), folders.size(), "Indexed " + clips.size() + " clips");
    }

    private void scanLabel(String label, CancellationToken cancel) {
        Path folder = root.resolve(label);
        List<Clip> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if ((found.size() & 1023) == 0) {
                    cancel.throwIfCancelled();
                }
                String name = p.getFileName().toString();
                if (!isWavName(name)) {
                    if (!name.startsWith(".")) {
                        skippedNonWav++;
                    }
                    continue;
                }
                Clip clip = stat(label, name);
                if (clip != null) {
                    found.add(clip);
                }
            }
        } catch (IOException e) {
            scanProblems.add(folder + ": label folder cannot be read: " + describe(e));
        }
        found.sort(Comparator.comparing(Clip::fileName));
        for (Clip c : found) {
            clips.put(c.relativePath(), c);
        }
    }

    private Clip stat(String label, String name) {
        Path p = root.resolve(label).resolve(name);
        try {
            BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
            if (attrs.isDirectory()) {
                scanProblems.add(p + ": is a folder, not a WAV file");
                return null;
            }
            Split split = splitRule.assign(label, name, validationList, testingList);
            return new Clip(label, name, attrs.size(), attrs.lastModifiedTime().toMillis(), split);
        } catch (IOException e) {
            scanProblems.add(p + ": cannot be read: " + describe(e));
            return null;
        }
    }

    private void scanNoise(Path folder) {
        noiseFiles.clear();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> isWavName(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted()
                    .forEach(noiseFiles::add);
        } catch (IOException e) {
            scanProblems.add(folder + ": background noise folder cannot be read: " + describe(e));
        }
    }

    private static Set<String> readList(Path file) throws DatasetException {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            Set<String> entries = new HashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String s = line.strip().replace('\\', '/');
                if (!s.isEmpty()) {
                    entries.add(s);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new DatasetException(file, "split list cannot be read: " + describe(e), e);
        }
    }

    static boolean isWavName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    static boolean isLabelFolderName(String name) {
        return !name.startsWith(".") && !name.equals(BACKGROUND_NOISE);
    }

    // ---------------------------------------------------------------- operations

    /** Moves clips to another label's folder (created if needed), keeping names unique. */
    public synchronized Edit relabel(Collection<Clip> toMove, String newLabel) throws IOException {
        checkLabelName(newLabel);
        List<Move> moves = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Clip c : toMove) {
            if (c.label().equals(newLabel)) {
                continue;
            }
            String target = uniqueName(newLabel, c.fileName(), taken);
            taken.add(target);
            moves.add(new Move(c.relativePath(), newLabel + "/" + target));
        }
        if (moves.isEmpty()) {
            return null;
        }
        return doMoves("Relabel " + count(moves.size()) + " to " + newLabel, moves);
    }

    /** Renames one clip inside its label folder; ".wav" is added when missing. */
    public synchronized Edit rename(Clip clip, String newFileName) throws IOException {
        String name = newFileName.strip();
        if (!isWavName(name)) {
            name = name + ".wav";
        }
        checkFileName(name);
        if (name.equals(clip.fileName())) {
            return null;
        }
        if (Files.exists(root.resolve(clip.label()).resolve(name))) {
            throw new DatasetException(root.resolve(clip.label()).resolve(name), "a clip with this name already exists");
        }
        return doMoves("Rename " + clip.fileName() + " to " + name,
                List.of(new Move(clip.relativePath(), clip.label() + "/" + name)));
    }

    /** Moves clips to the dataset's trash; undo (or restore) puts them back. */
    public synchronized Edit delete(Collection<Clip> toDelete) throws IOException {
        if (toDelete.isEmpty()) {
            return null;
        }
        String batch = TRASH_FOLDER + "/" + newTrashBatch();
        List<Move> moves = new ArrayList<>();
        for (Clip c : toDelete) {
            moves.add(new Move(c.relativePath(), batch + "/" + c.relativePath()));
        }
        return doMoves("Delete " + count(moves.size()), moves);
    }

    /** Creates an empty label folder. */
    public synchronized Edit createLabel(String label) throws IOException {
        checkLabelName(label);
        Path folder = root.resolve(label);
        if (Files.exists(folder)) {
            throw new DatasetException(folder, "a label with this name already exists");
        }
        Files.createDirectory(folder);
        refresh(List.of(label));
        Edit edit = new Edit() {
            @Override
            public String description() {
                return "Create label " + label;
            }

            @Override
            public void undo() throws IOException {
                // Only an empty folder goes away; anything added since stays and is reported.
                try (Stream<Path> s = Files.list(folder)) {
                    if (s.findAny().isPresent()) {
                        throw new DatasetException(folder, "label is not empty any more; delete its clips first");
                    }
                }
                Files.delete(folder);
                refresh(List.of(label));
            }

            @Override
            public void redo() throws IOException {
                Files.createDirectory(folder);
                refresh(List.of(label));
            }
        };
        history.done(edit);
        return edit;
    }

    public synchronized Edit renameLabel(String label, String newLabel) throws IOException {
        checkLabelName(newLabel);
        requireLabel(label);
        if (Files.exists(root.resolve(newLabel))) {
            throw new DatasetException(root.resolve(newLabel), "a label with this name already exists");
        }
        return doMoves("Rename label " + label + " to " + newLabel, List.of(new Move(label, newLabel)));
    }

    /** Moves a whole label folder with its clips to the trash. */
    public synchronized Edit deleteLabel(String label) throws IOException {
        requireLabel(label);
        // The "-label" suffix tells the trash listing that this batch holds a whole label folder.
        String target = TRASH_FOLDER + "/" + newTrashBatch() + LABEL_BATCH_SUFFIX + "/" + label;
        return doMoves("Delete label " + label, List.of(new Move(label, target)));
    }

    /** Everything in the trash, newest first. */
    public synchronized List<TrashEntry> trash() throws IOException {
        Path trash = root.resolve(TRASH_FOLDER);
        List<TrashEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(trash)) {
            return entries;
        }
        try (DirectoryStream<Path> batches = Files.newDirectoryStream(trash)) {
            for (Path batch : batches) {
                if (!Files.isDirectory(batch)) {
                    continue;
                }
                Instant when = Files.getLastModifiedTime(batch).toInstant();
                try (DirectoryStream<Path> labelDirs = Files.newDirectoryStream(batch)) {
                    for (Path labelDir : labelDirs) {
                        collectTrash(batch, labelDir, when, entries);
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(TrashEntry::trashPath).reversed());
        return entries;
    }

    private void collectTrash(Path batch, Path labelDir, Instant when, List<TrashEntry> out) throws IOException {
        String batchRel = relative(batch);
        String label = labelDir.getFileName().toString();
        boolean wholeLabel = batchIsLabelDelete(batch);
        if (wholeLabel) {
            out.add(new TrashEntry(batchRel + "/" + label, label, true, when));
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(labelDir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                out.add(new TrashEntry(batchRel + "/" + label + "/" + name, label + "/" + name, false, when));
            }
        }
    }

    private static boolean batchIsLabelDelete(Path batch) {
        return batch.getFileName().toString().endsWith(LABEL_BATCH_SUFFIX);
    }

    /** Puts trashed clips or labels back where they were (with a fresh name if that one is taken). */
    public synchronized Edit restore(Collection<TrashEntry> entries) throws IOException {
        List<Move> moves = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (TrashEntry e : entries) {
            if (e.folder()) {
                if (Files.exists(root.resolve(e.originalPath()))) {
                    throw new DatasetException(root.resolve(e.originalPath()),
                            "cannot restore the label: a label with this name exists again; rename it first");
                }
                moves.add(new Move(e.trashPath(), e.originalPath()));
            } else {
                String label = e.originalPath().substring(0, e.originalPath().indexOf('/'));
                String name = e.originalPath().substring(label.length() + 1);
                String target = uniqueName(label, name, taken);
                taken.add(target);
                moves.add(new Move(e.trashPath(), label + "/" + target));
            }
        }
        if (moves.isEmpty()) {
            return null;
        }
        return doMoves("Restore " + count(moves.size()) + " from trash", moves);
    }

    /**
     * Writes new audio (a recording, a split-off utterance) into a label as 16-bit PCM under a unique
     * name based on {@code preferredName}; undo moves it to the trash.
     */
    public synchronized Clip addClip(String label, String preferredName, AudioClip audio) throws IOException {
        checkLabelName(label);
        String preferred = isWavName(preferredName) ? preferredName : preferredName + ".wav";
        checkFileName(preferred);
        Path labelDir = root.resolve(label);
        boolean labelExisted = Files.isDirectory(labelDir);
        Files.createDirectories(labelDir);
        String name = uniqueName(label, preferred, Set.of());
        String rel = label + "/" + name;
        try {
            WavWriter.writePcm16(labelDir.resolve(name), audio);
        } catch (IOException e) {
            throw new DatasetException(labelDir.resolve(name), "cannot be written: " + describe(e), e);
        }
        refresh(List.of(labelExisted ? rel : label));
        String batch = TRASH_FOLDER + "/" + newTrashBatch();
        List<Move> undoMoves = List.of(new Move(rel, batch + "/" + rel));
        history.done(new FileMoves(this, "Add " + name + " to " + label, FileMoves.reversedOf(undoMoves), undoMoves));
        return clips.get(rel);
    }

    /**
     * Replaces the audio of clips (alignment, trimming) as one undoable edit: each original goes to the
     * trash and the new audio is written under the same name. Undo puts the originals back (the new
     * versions wait in the trash for a redo).
     */
    public synchronized Edit replaceAudio(java.util.Map<Clip, AudioClip> replacements, String description) throws IOException {
        if (replacements.isEmpty()) {
            return null;
        }
        String originals = TRASH_FOLDER + "/" + newTrashBatch();
        String replaced = TRASH_FOLDER + "/" + newTrashBatch();
        List<Move> redo = new ArrayList<>();
        List<Move> undo = new ArrayList<>();
        List<String> done = new ArrayList<>();
        try {
            for (var e : replacements.entrySet()) {
                String rel = e.getKey().relativePath();
                Path target = root.resolve(rel);
                Path keep = root.resolve(originals).resolve(rel);
                Files.createDirectories(keep.getParent());
                Files.move(target, keep);
                done.add(rel);
                try {
                    WavWriter.writePcm16(target, e.getValue());
                } catch (IOException ex) {
                    Files.move(keep, target); // put the original back before reporting
                    done.remove(rel);
                    throw new DatasetException(target, "cannot be written: " + describe(ex), ex);
                }
                redo.add(new Move(rel, originals + "/" + rel));
                redo.add(new Move(replaced + "/" + rel, rel));
                undo.add(new Move(rel, replaced + "/" + rel));
                undo.add(new Move(originals + "/" + rel, rel));
            }
        } catch (IOException e) {
            // Undo the part already done so the dataset is as it was.
            for (String rel : done) {
                try {
                    Files.delete(root.resolve(rel));
                    Files.move(root.resolve(originals).resolve(rel), root.resolve(rel));
                } catch (IOException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            removeEmptyTrashBatches();
            refresh(done);
            throw e;
        }
        refresh(done);
        Edit edit = new FileMoves(this, description, redo, undo);
        history.done(edit);
        return edit;
    }

    /** Undoes the latest edit; returns what was undone. */
    public synchronized Optional<String> undo() throws IOException {
        return history.undo();
    }

    public synchronized Optional<String> redo() throws IOException {
        return history.redo();
    }

    /**
     * Imports WAV files, or every WAV file under given folders, into a label: each is decoded,
     * mixed to mono, resampled to the dataset rate and written as 16-bit PCM under a unique name.
     * Files that cannot be read are listed in the result with their reason; the others go on.
     */
    public ImportResult importFiles(List<Path> sources, String label, ProgressListener progress,
                                    CancellationToken cancel) throws IOException {
        checkLabelName(label);
        List<Path> files = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int[] skipped = {0};
        for (Path src : sources) {
            collectImportFiles(src, files, failures, skipped);
        }
        Path labelDir = root.resolve(label);
        boolean labelExisted = Files.isDirectory(labelDir);
        Files.createDirectories(labelDir);
        List<String> written = new ArrayList<>();
        boolean cancelled = false;
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            Path src = files.get(i);
            progress.progress(i, files.size(), "Importing " + src.getFileName());
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            try {
                AudioClip audio = WavReader.read(src, sampleRate);
                String name;
                synchronized (this) {
                    name = uniqueName(label, importName(src), taken);
                    taken.add(name);
                }
                WavWriter.writePcm16(labelDir.resolve(name), audio);
                written.add(label + "/" + name);
            } catch (AudioFileException e) {
                failures.add(e.getMessage());
            } catch (IOException e) {
                // A full disk or read-only folder: stop, keep what was written, and say so.
                failures.add(labelDir + ": cannot write: " + describe(e));
                break;
            }
        }
        progress.progress(files.size(), files.size(), "Imported " + written.size() + " clips");
        synchronized (this) {
            // A new label is scanned whole (which finds the written clips); otherwise just the new files.
            refresh(labelExisted ? written : List.of(label));
            if (!written.isEmpty()) {
                String batch = TRASH_FOLDER + "/" + newTrashBatch();
                List<Move> undoMoves = new ArrayList<>();
                for (String rel : written) {
                    undoMoves.add(new Move(rel, batch + "/" + rel));
                }
                history.done(new FileMoves(this, "Import " + count(written.size()) + " into " + label,
                        FileMoves.reversedOf(undoMoves), undoMoves));
            }
            List<Clip> imported = written.stream().map(clips::get).filter(c -> c != null).toList();
            return new ImportResult(imported, failures, skipped[0], cancelled);
        }
    }

    private void collectImportFiles(Path src, List<Path> files, List<String> failures, int[] skipped) {
        if (Files.isDirectory(src)) {
            try (Stream<Path> walk = Files.walk(src)) {
                walk.filter(Files::isRegularFile).sorted().forEach(p -> {
                    if (isWavName(p.getFileName().toString())) {
                        files.add(p);
                    } else {
                        skipped[0]++;
                    }
                });
            } catch (IOException | RuntimeException e) {
                failures.add(src + ": folder cannot be read: " + describe(e));
            }
        } else if (!Files.exists(src)) {
            failures.add(src + ": file does not exist");
        } else if (!isWavName(src.getFileName().toString())) {
            failures.add(src + ": not a .wav file");
        } else {
            files.add(src);
        }
    }

    private static String importName(Path src) {
        String name = src.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        // Keep names portable: no spaces or odd characters that other tools choke on.
        stem = stem.replaceAll("[^A-Za-z0-9._-]", "_");
        if (stem.isEmpty() || stem.startsWith(".")) {
            stem = "clip" + stem;
        }
        return stem + ".wav";
    }

    // ---------------------------------------------------------------- moves and index upkeep

    private Edit doMoves(String description, List<Move> moves) throws IOException {
        applyMoves(moves);
        Edit edit = new FileMoves(this, description, moves);
        history.done(edit);
        return edit;
    }

    /**
     * Performs moves in order; if one fails, those already done are moved back so the dataset is as
     * before, and the failure is reported.
     */
    synchronized void applyMoves(List<Move> moves) throws IOException {
        List<Move> done = new ArrayList<>();
        try {
            for (Move m : moves) {
                Path from = root.resolve(m.from());
                Path to = root.resolve(m.to());
                if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    throw new DatasetException(from, "is gone (moved or deleted outside the studio?)");
                }
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    throw new DatasetException(to, "already exists; not overwriting it");
                }
                Files.createDirectories(to.getParent());
                try {
                    Files.move(from, to);
                } catch (FileAlreadyExistsException e) {
                    throw new DatasetException(to, "already exists; not overwriting it", e);
                } catch (IOException e) {
                    throw new DatasetException(from, "cannot be moved to " + m.to() + ": " + describe(e), e);
                }
                done.add(m);
            }
        } catch (IOException e) {
            for (Move m : FileMoves.reversedOf(done)) {
                try {
                    Files.move(root.resolve(m.from()), root.resolve(m.to()));
                } catch (IOException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        } finally {
            removeEmptyTrashBatches();
        }
        updateListFiles(moves);
        Set<String> touched = new LinkedHashSet<>();
        for (Move m : moves) {
            touched.add(m.from());
            touched.add(m.to());
        }
        refresh(touched);
    }

    /** Keeps validation/testing list entries pointing at clips that were renamed or relabelled. */
    private void updateListFiles(List<Move> moves) throws IOException {
        if (!hasListFiles()) {
            return;
        }
        boolean changedVal = false;
        boolean changedTest = false;
        Set<String> val = new HashSet<>(validationList);
        Set<String> test = new HashSet<>(testingList);
        for (Move m : moves) {
            if (isTrashPath(m.from()) || isTrashPath(m.to())) {
                continue; // entries of trashed clips stay, so a restore finds its split again
            }
            changedVal |= renameEntries(val, m);
            changedTest |= renameEntries(test, m);
        }
        if (changedVal) {
            writeList(VALIDATION_LIST, val);
            validationList = val;
        }
        if (changedTest) {
            writeList(TESTING_LIST, test);
            testingList = test;
        }
    }

    private static boolean renameEntries(Set<String> entries, Move m) {
        boolean changed = false;
        if (entries.remove(m.from())) {
            entries.add(m.to());
            changed = true;
        }
        if (!m.from().contains("/")) { // a label folder moved: all its entries follow
            String prefix = m.from() + "/";
            List<String> hits = entries.stream().filter(s -> s.startsWith(prefix)).toList();
            for (String s : hits) {
                entries.remove(s);
                entries.add(m.to() + "/" + s.substring(prefix.length()));
                changed = true;
            }
        }
        return changed;
    }

    private void writeList(String name, Set<String> entries) throws IOException {
        List<String> sorted = new ArrayList<>(entries);
        Collections.sort(sorted);
        AtomicFiles.writeString(root.resolve(name), sorted.isEmpty() ? "" : String.join("\n", sorted) + "\n");
    }

    private static boolean isTrashPath(String rel) {
        return rel.startsWith(TRASH_FOLDER + "/") || rel.equals(TRASH_FOLDER);
    }

    /** Brings the index up to date for paths that changed on disk, and tells listeners. */
    private void refresh(Collection<String> relPaths) {
        List<Clip> removed = new ArrayList<>();
        List<Clip> added = new ArrayList<>();
        boolean labelsChanged = false;
        for (String rel : relPaths) {
            String[] parts = rel.split("/");
            if (parts.length == 0 || !isLabelFolderName(parts[0])) {
                if (parts.length > 0 && parts[0].equals(BACKGROUND_NOISE)) {
                    scanNoise(root.resolve(BACKGROUND_NOISE));
                }
                continue;
            }
            if (parts.length == 1) {
                String label = parts[0];
                String prefix = label + "/";
                List<String> old = clips.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
                for (String k : old) {
                    removed.add(clips.remove(k));
                }
                boolean exists = Files.isDirectory(root.resolve(label));
                labelsChanged |= exists ? labels.add(label) : labels.remove(label);
                if (exists) {
                    int before = clips.size();
                    scanLabel(label, CancellationToken.NONE);
                    clips.keySet().stream().skip(before).forEach(k -> added.add(clips.get(k)));
                }
            } else if (parts.length == 2 && isWavName(parts[1])) {
                Clip old = clips.remove(rel);
                if (old != null) {
                    removed.add(old);
                }
                if (Files.isRegularFile(root.resolve(rel))) {
                    labelsChanged |= labels.add(parts[0]);
                    Clip c = stat(parts[0], parts[1]);
                    if (c != null) {
                        clips.put(rel, c);
                        added.add(c);
                    }
                }
            }
        }
        DatasetChange change = new DatasetChange(removed, added, labelsChanged);
        if (!change.isEmpty()) {
            for (Consumer<DatasetChange> l : listeners) {
                l.accept(change);
            }
        }
    }

    private void removeEmptyTrashBatches() {
        Path trash = root.resolve(TRASH_FOLDER);
        if (!Files.isDirectory(trash)) {
            return;
        }
        try (DirectoryStream<Path> batches = Files.newDirectoryStream(trash)) {
            for (Path batch : batches) {
                deleteIfEmptyTree(batch);
            }
        } catch (IOException ignored) {
            // Leftover empty folders in the trash are harmless.
        }
    }

    private static boolean deleteIfEmptyTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        boolean empty = true;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path c : children) {
                empty &= deleteIfEmptyTree(c);
            }
        }
        if (empty) {
            Files.delete(dir);
        }
        return empty;
    }

    private String newTrashBatch() {
        return TRASH_STAMP.format(Instant.now()) + "-" + (++trashCounter);
    }

    /**
     * A name not yet used in the label folder: Speech Commands names count up their
     * {@code _nohash_<n>} part, other names get {@code -1}, {@code -2}, ... before ".wav".
     */
    synchronized String uniqueName(String label, String fileName, Set<String> alsoTaken) {
        Path dir = root.resolve(label);
        if (!Files.exists(dir.resolve(fileName)) && !alsoTaken.contains(fileName)) {
            return fileName;
        }
        String stem = fileName.substring(0, fileName.length() - 4);
        String ext = fileName.substring(fileName.length() - 4);
        Matcher m = NOHASH_NUMBER.matcher(stem);
        String base;
        int n;
        if (m.matches()) {
            base = m.group(1);
            n = Integer.parseInt(m.group(2)) + 1;
        } else {
            base = stem + "-";
            n = 1;
        }
        while (true) {
            String candidate = base + n + ext;
            if (!Files.exists(dir.resolve(candidate)) && !alsoTaken.contains(candidate)) {
                return candidate;
            }
            n++;
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private void requireLabel(String label) throws DatasetException {
        if (!labels.contains(label)) {
            throw new DatasetException(root.resolve(label), "no such label");
        }
    }

    /** Label names become folder names and class names, so keep them plain. */
    public static void checkLabelName(String label) throws DatasetException {
        String problem = labelNameProblem(label);
        if (problem != null) {
            throw new DatasetException(Path.of(label == null ? "" : label), problem);
        }
    }

    /** Why a label name is not allowed, or null when it is fine (for live validation in dialogs). */
    public static String labelNameProblem(String label) {
        if (label == null || label.isBlank()) {
            return "a label needs a name";
        }
        if (!label.equals(label.strip())) {
            return "label names cannot start or end with spaces";
        }
        if (label.startsWith(".")) {
            return "label names cannot start with a dot";
        }
        if (label.equals(BACKGROUND_NOISE)) {
            return "_background_noise_ holds noise recordings and cannot be a label";
        }
        if (label.equals("_silence_") || label.equals("_unknown_")) {
            return label + " is made by the trainer and cannot be a folder label";
        }
        if (!label.matches("[\\p{L}\\p{N}_\\- ]+")) {
            return "label names may use letters, digits, spaces, '_' and '-' only";
        }
        return null;
    }

    private static void checkFileName(String name) throws DatasetException {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.length() <= 4) {
            throw new DatasetException(Path.of(name), "not a valid clip file name");
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 clip" : n + " clips";
    }

    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof NotDirectoryException) {
            return "is not a folder";
        }
        if (e instanceof CancellationException) {
            return "cancelled";
        }
        String msg = e.getMessage();
        if (msg != null && msg.contains("No space left")) {
            return "the disk is full";
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    @Override
    public String toString() {
        return "Dataset[" + root + ", " + clips.size() + " clips]";
    }
}
