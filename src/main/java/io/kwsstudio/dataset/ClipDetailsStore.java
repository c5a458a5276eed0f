package io.kwsstudio.dataset;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavInfo;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.files.AtomicFiles;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Durations, formats and peak levels of a dataset's clips, filled in the background after opening
 * and kept in {@code .kws-studio/clip-details.tsv} inside the dataset so the next opening is instant.
 * An entry is reused only while the file's size and modification time are unchanged.
 */
public final class ClipDetailsStore {
    public static final String FOLDER = ".kws-studio";
    public static final String FILE = "clip-details.tsv";
    private static final String HEADER = "# path\tsize\tmodified\trate\tchannels\tbits\tframes\tpeak\terror";

    private final Dataset dataset;
    private final Map<String, ClipDetails> details = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    public ClipDetailsStore(Dataset dataset) {
        this.dataset = dataset;
    }

    /** Loads the saved details; a missing or damaged file just means everything is read again. */
    public ClipDetailsStore load() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return this;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 9) {
                    continue;
                }
                try {
                    details.put(f[0], new ClipDetails(Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]), Float.parseFloat(f[7]),
                            f[8].isEmpty() ? null : f[8]));
                } catch (NumberFormatException ignored) {
                    // a damaged line is simply read again from the clip
                }
            }
        } catch (IOException ignored) {
            // unreadable cache: recompute
        }
        return this;
    }

    public Optional<ClipDetails> get(Clip clip) {
        ClipDetails d = details.get(clip.relativePath());
        return d != null && d.matches(clip) ? Optional.of(d) : Optional.empty();
    }

    /** Header-level details (format, duration) for a clip; reads the header if needed. */
    public ClipDetails header(Clip clip) {
        Optional<ClipDetails> known = get(clip);
        if (known.isPresent()) {
            return known.get();
        }
        ClipDetails d;
        try {
            WavInfo info = WavReader.readInfo(dataset.path(clip));
            d = new ClipDetails(clip.sizeBytes(), clip.modifiedMillis(), info.sampleRate(), info.channels(),
                    info.bitsPerSample(), info.frames(), Float.NaN, null);
        } catch (AudioFileException e) {
            d = ClipDetails.failed(clip.sizeBytes(), clip.modifiedMillis(), e.problem());
        }
        put(clip, d);
        return d;
    }

    /** Full details including the peak level: decodes the clip unless already known. */
    public ClipDetails full(Clip clip) {
        Optional<ClipDetails> known = get(clip);
        if (known.isPresent() && (known.get().hasPeak() || !known.get().ok())) {
            return known.get();
        }
        ClipDetails d;
        try {
            Path path = dataset.path(clip);
            // Stats usually read the header already; only the peak needs the samples.
            ClipDetails h = known.isPresent() ? known.get() : header(clip);
            if (!h.ok()) {
                return h;
            }
            AudioClip audio = WavReader.read(path);
            d = new ClipDetails(h.sizeBytes(), h.modifiedMillis(), h.sampleRate(), h.channels(), h.bitsPerSample(), h.frames(),
                    audio.peak(), null);
        } catch (AudioFileException e) {
            d = ClipDetails.failed(clip.sizeBytes(), clip.modifiedMillis(), e.problem());
        }
        put(clip, d);
        return d;
    }

    private void put(Clip clip, ClipDetails d) {
        details.put(clip.relativePath(), d);
        dirty = true;
    }

    /**
     * Fills in details for every clip that lacks them, reporting progress; call from a background
     * thread. {@code decode} also computes peak levels (slower than reading headers).
     */
    public void fill(List<Clip> clips, boolean decode, ProgressListener progress, CancellationToken cancel) {
        int n = clips.size();
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) {
                cancel.throwIfCancelled();
                progress.progress(i, n, (decode ? "Reading clips " : "Reading headers ") + i + " / " + n);
            }
            Clip c = clips.get(i);
            if (decode) {
                full(c);
            } else {
                header(c);
            }
        }
        progress.progress(n, n, "Read " + n + " clips");
    }

    /** Saves what is known, atomically; a read-only dataset simply is not cached. */
    public void save() {
        if (!dirty) {
            return;
        }
        StringBuilder sb = new StringBuilder(details.size() * 64).append(HEADER).append('\n');
        details.forEach((rel, d) -> sb.append(rel).append('\t').append(d.sizeBytes()).append('\t')
                .append(d.modifiedMillis()).append('\t').append(d.sampleRate()).append('\t').append(d.channels())
                .append('\t').append(d.bitsPerSample()).append('\t').append(d.frames()).append('\t')
                .append(String.format(Locale.ROOT, "%.6g", d.peak())).append('\t')
                .append(d.error() == null ? "" : d.error().replace('\t', ' ').replace('\n', ' ')).append('\n'));
        try {
            Files.createDirectories(file().getParent());
            AtomicFiles.writeString(file(), sb.toString());
            dirty = false;
        } catch (IOException ignored) {
            // caching is an optimisation; the dataset itself is untouched
        }
    }

    private Path file() {
        return dataset.root().resolve(FOLDER).resolve(FILE);
    }
}
