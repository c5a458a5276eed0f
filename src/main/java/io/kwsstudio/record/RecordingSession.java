package io.kwsstudio.record;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * One person recording one word a number of times: each take is padded or cut to the dataset's
 * clip duration and saved atomically as {@code <speaker>_nohash_<n>.wav} in the label's folder,
 * where it shows up in the browser at once. The last take can be discarded (it goes to the trash).
 */
public final class RecordingSession {
    private final Dataset dataset;
    private final String label;
    private final String speaker;
    private final int count;
    private final Deque<Clip> saved = new ArrayDeque<>();

    public RecordingSession(Dataset dataset, String label, String speakerName, int count) throws IOException {
        Dataset.checkLabelName(label);
        if (count < 1) {
            throw new IllegalArgumentException("record at least one take");
        }
        this.dataset = dataset;
        this.label = label;
        this.speaker = speakerId(speakerName);
        this.count = count;
    }

    /**
     * The speaker part of file names: lower-case letters and digits of the name. The reference split
     * hashes this part, so all of one speaker's clips land in the same set.
     */
    public static String speakerId(String name) {
        String id = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return id.isEmpty() ? "speaker" : id;
    }

    public String label() {
        return label;
    }

    public String speaker() {
        return speaker;
    }

    public int count() {
        return count;
    }

    public int taken() {
        return saved.size();
    }

    public boolean done() {
        return saved.size() >= count;
    }

    /** What to show the speaker, e.g. "Say “yes”  (take 3 of 20)". */
    public String prompt() {
        return done() ? "Done: " + count + " takes of “" + label + "” recorded"
                : String.format(Locale.ROOT, "Say “%s”  (take %d of %d)", label, saved.size() + 1, count);
    }

    /** Saves a take; returns the new clip. */
    public Clip save(AudioClip take) throws IOException {
        int samples = dataset.sampleRate() * dataset.clipDurationMs() / 1000;
        AudioClip fitted = new AudioClip(Arrays.copyOf(take.samples(), samples), take.sampleRate());
        Clip clip = dataset.addClip(label, speaker + "_nohash_0.wav", fitted);
        saved.push(clip);
        return clip;
    }

    /** Moves the most recent take to the trash (undoable); empty when there is none. */
    public Optional<Clip> discardLast() throws IOException {
        Clip last = saved.poll();
        if (last == null) {
            return Optional.empty();
        }
        dataset.delete(java.util.List.of(last));
        return Optional.of(last);
    }
}
