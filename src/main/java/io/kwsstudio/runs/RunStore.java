package io.kwsstudio.runs;

import io.kwsstudio.files.AtomicFiles;
import io.kwsstudio.train.ModelSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A folder of runs, {@code runs/<date-time>-<model>-<id>/}, kept next to (not inside) a dataset so
 * that dataset edits never touch them. Deleted runs move to {@code runs/.trash/} and can be restored.
 */
public final class RunStore {
    public static final String TRASH = ".trash";
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());
    private static final SecureRandom RANDOM = new SecureRandom();
    // run.json is read-modified-written by the trainer and by user edits: one at a time in this process.
    private static final Object INFO_LOCK = new Object();

    private final Path dir;

    /** The runs, and any folders that look like runs but could not be read. */
    public record Listing(List<Run> runs, List<String> problems) {
    }

    public RunStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    /** The store beside a dataset: {@code <dataset's parent>/runs}. */
    public static RunStore besideDataset(Path datasetRoot) {
        Path root = datasetRoot.toAbsolutePath().normalize();
        Path parent = root.getParent() != null ? root.getParent() : root;
        return new RunStore(parent.resolve("runs"));
    }

    public Path dir() {
        return dir;
    }

    /** Every run, newest first. Reads only each folder's {@code run.json}. A missing store is empty. */
    public Listing list() throws IOException {
        List<Run> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Listing(runs, problems);
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path folder : folders) {
                if (folder.getFileName().toString().startsWith(".")) {
                    continue;
                }
                Path info = folder.resolve(Run.INFO);
                if (!Files.exists(info)) {
                    continue;  // not a run (or one whose creation was interrupted before anything was written)
                }
                try {
                    runs.add(new Run(folder, RunInfo.fromJson(Files.readString(info, StandardCharsets.UTF_8))));
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(info + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read the runs folder " + dir + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing((Run r) -> r.info().created()).reversed().thenComparing(Run::id));
        return new Listing(runs, problems);
    }

    /** A run by folder name (or a unique prefix of it), or by path. */
    public Run open(String idOrPath) throws IOException {
        Path asPath = Path.of(idOrPath);
        if (Files.isRegularFile(asPath.resolve(Run.INFO))) {
            return read(asPath.toAbsolutePath().normalize());
        }
        if (Files.isRegularFile(dir.resolve(idOrPath).resolve(Run.INFO))) {
            return read(dir.resolve(idOrPath));
        }
        List<Run> matches = list().runs().stream()
                .filter(r -> r.id().startsWith(idOrPath) || r.info().name().equals(idOrPath)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new IOException(matches.isEmpty()
                ? "no run \"" + idOrPath + "\" in " + dir + " (see `runs list`)"
                : "\"" + idOrPath + "\" matches " + matches.size() + " runs in " + dir + "; give more of the name");
    }

    /** Reads a run folder (which need not be in this store). */
    public static Run read(Path runDir) throws IOException {
        Path info = runDir.resolve(Run.INFO);
        try {
            return new Run(runDir, RunInfo.fromJson(Files.readString(info, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            throw new IOException(runDir + " is not a run folder (no " + Run.INFO + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(info + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a new run folder with its {@code config.json}, {@code labels.txt} and {@code run.json}
     * (status running, owned by this process). {@code name} may be null for a generated one.
     */
    public Run create(RunConfig config, List<String> labels, ModelSummary summary, String name) throws IOException {
        Instant now = Instant.now();
        String model = config.model().kind().jsonName();
        Files.createDirectories(dir);
        Path folder;
        String shortId;
        do {
            byte[] b = new byte[3];
            RANDOM.nextBytes(b);
            shortId = HexFormat.of().formatHex(b);
            folder = dir.resolve(FOLDER_TIME.format(now) + "-" + model + "-" + shortId);
        } while (Files.exists(folder));
        Files.createDirectory(folder);
        AtomicFiles.writeString(folder.resolve(Run.CONFIG), config.toJson());
        AtomicFiles.writeString(folder.resolve(Run.LABELS), String.join("\n", labels) + "\n");
        RunInfo info = new RunInfo(name == null || name.isBlank() ? model + " " + shortId : name.strip(), model,
                HyperParameters.summary(config), now, null, RunStatus.RUNNING, "", 0, 0, 0, 0, 0, Double.NaN, Double.NaN,
                summary.parameters(), summary.multiplies(), summary.flashBytesInt8(), 0, List.of(), "").running(ProcessHandle.current());
        // run.json last: a folder without it is not listed, so a half-made run never shows up.
        AtomicFiles.writeString(folder.resolve(Run.INFO), info.toJson());
        return new Run(folder, info);
    }

    /** Changes {@code run.json} atomically, starting from what is on disk now; returns the run as changed. */
    public static Run update(Run run, UnaryOperator<RunInfo> change) throws IOException {
        synchronized (INFO_LOCK) {
            Run current = read(run.dir());
            RunInfo next = change.apply(current.info());
            AtomicFiles.writeString(run.dir().resolve(Run.INFO), next.toJson());
            return new Run(run.dir(), next);
        }
    }

    /** Moves a run to the store's trash; {@link #restore} brings it back. A running run cannot be deleted. */
    public Path delete(Run run) throws IOException {
        if (run.status() == RunStatus.RUNNING) {
            throw new IOException("run " + run.info().name() + " is still training; cancel it first");
        }
        Path trash = dir.resolve(TRASH);
        Files.createDirectories(trash);
        Path target = trash.resolve(run.id());
        int n = 1;
        while (Files.exists(target)) {
            target = trash.resolve(run.id() + "." + n++);
        }
        move(run.dir(), target);
        return target;
    }

    /** Removes a run that never trained (its folder holds only what {@link #create} wrote). */
    void discard(Run run) {
        try (var files = Files.list(run.dir())) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(run.dir());
        } catch (IOException ignored) {
            // best effort: a leftover folder lists as an interrupted run the user can delete
        }
    }

    /** Puts a trashed run back under its original folder name. */
    public Run restore(Path trashed, String id) throws IOException {
        Path target = dir.resolve(id);
        if (Files.exists(target)) {
            throw new IOException("cannot restore " + id + ": a run with that folder name exists again");
        }
        move(trashed, target);
        return read(target);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
