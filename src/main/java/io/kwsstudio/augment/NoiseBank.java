package io.kwsstudio.augment;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Long background noise recordings (the dataset's {@code _background_noise_} folder), decoded once
 * and resampled to the dataset rate, from which training takes random slices. Read-only after
 * loading, so one bank is shared by all augmentation threads.
 *
 * <p>As in the reference trainer a slice comes from a recording chosen uniformly (not weighted by
 * length) at a uniform offset. A recording shorter than the slice is repeated end to end, where
 * the reference would fail.
 */
public final class NoiseBank {

    private static final NoiseBank EMPTY = new NoiseBank(List.of(), 1);

    private final List<float[]> recordings;
    private final int sampleRate;

    private NoiseBank(List<float[]> recordings, int sampleRate) {
        this.recordings = recordings;
        this.sampleRate = sampleRate;
    }

    /** A bank without recordings: augmentation then adds no noise and silence stays silent. */
    public static NoiseBank empty() {
        return EMPTY;
    }

    /**
     * Decodes {@code files}, each downmixed to mono and resampled to {@code sampleRate}.
     *
     * @throws IOException naming the file and the problem, if one cannot be read or decoded
     *     (an empty WAV counts as broken, as everywhere in the studio)
     */
    public static NoiseBank load(List<Path> files, int sampleRate) throws IOException {
        return load(files, sampleRate, ProgressListener.NONE, CancellationToken.NONE);
    }

    /**
     * {@link #load(List, int)} reporting one step per file and stopping between files when cancelled.
     *
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public static NoiseBank load(List<Path> files, int sampleRate, ProgressListener progress,
                                 CancellationToken cancel) throws IOException {
        Objects.requireNonNull(files, "files");
        checkRate(sampleRate);
        List<float[]> loaded = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            cancel.throwIfCancelled();
            Path file = files.get(i);
            progress.progress(i, files.size(), "Loading noise " + file.getFileName());
            loaded.add(WavReader.read(file, sampleRate).samples());
        }
        progress.progress(files.size(), files.size(), "Loaded " + loaded.size() + " noise recordings");
        return new NoiseBank(List.copyOf(loaded), sampleRate);
    }

    /**
     * A bank of recordings already in memory (they are not copied: do not change them afterwards).
     *
     * @throws IllegalArgumentException if a recording has another sample rate than {@code sampleRate}
     */
    public static NoiseBank of(List<AudioClip> recordings, int sampleRate) {
        Objects.requireNonNull(recordings, "recordings");
        checkRate(sampleRate);
        List<float[]> kept = new ArrayList<>(recordings.size());
        for (AudioClip c : recordings) {
            if (c.sampleRate() != sampleRate) {
                throw new IllegalArgumentException("noise recording at " + c.sampleRate()
                        + " Hz does not match the bank's " + sampleRate + " Hz");
            }
            if (c.frames() > 0) {
                kept.add(c.samples());
            }
        }
        return new NoiseBank(List.copyOf(kept), sampleRate);
    }

    public boolean isEmpty() {
        return recordings.isEmpty();
    }

    /** Number of usable recordings. */
    public int size() {
        return recordings.size();
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Total length of all recordings in seconds. */
    public double totalSeconds() {
        long frames = 0;
        for (float[] r : recordings) {
            frames += r.length;
        }
        return frames / (double) sampleRate;
    }

    /**
     * Fills {@code out} with a random slice: a uniformly chosen recording, a uniform start offset.
     * Thread-safe (each thread passes its own Random).
     *
     * @throws IllegalStateException if the bank is empty
     */
    public void randomSlice(Random rnd, float[] out) {
        if (recordings.isEmpty()) {
            throw new IllegalStateException("no background noise recordings are loaded");
        }
        float[] rec = recordings.get(rnd.nextInt(recordings.size()));
        int n = out.length;
        if (rec.length >= n) {
            int offset = rnd.nextInt(rec.length - n + 1);
            System.arraycopy(rec, offset, out, 0, n);
            return;
        }
        // Short recording: loop it from a random start.
        int pos = rnd.nextInt(rec.length);
        int filled = 0;
        while (filled < n) {
            int len = Math.min(n - filled, rec.length - pos);
            System.arraycopy(rec, pos, out, filled, len);
            filled += len;
            pos = 0;
        }
    }

    private static void checkRate(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
    }

    @Override
    public String toString() {
        return "NoiseBank[" + recordings.size() + " recordings, "
                + String.format(java.util.Locale.ROOT, "%.1f", totalSeconds()) + " s at " + sampleRate + " Hz]";
    }
}
