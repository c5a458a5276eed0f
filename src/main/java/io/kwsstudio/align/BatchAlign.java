package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Edit;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aligning many clips of a dataset: first a plan (detect and align every clip, nothing written, so the
 * user can preview and the CLI can do a dry run), then one undoable edit that replaces the clips
 * whose audio changes, with the originals kept in the trash.
 */
public final class BatchAlign {
    private BatchAlign() {
    }

    /** One clip's outcome: its alignment, or why it could not be read. */
    public record Result(Clip clip, Alignment alignment, String error) {
        public boolean ok() {
            return error == null;
        }

        /** Worth writing: read fine, speech found, and the word actually moves. */
        public boolean writes() {
            return ok() && !alignment.silent() && alignment.shiftSamples() != 0;
        }
    }

    /** Counts for a summary line. */
    public record Summary(int clips, int changed, int silent, int wordCut, int unreadable) {
    }

    /** Aligns every clip in memory; reports progress and can be cancelled between clips. */
    public static List<Result> plan(Dataset ds, List<Clip> clips, AlignSettings settings, ProgressListener progress,
                                    CancellationToken cancel) {
        Aligner aligner = new Aligner(settings);
        int window = settings.clipSamples(ds.sampleRate());
        List<Result> results = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            cancel.throwIfCancelled();
            Clip c = clips.get(i);
            if ((i & 15) == 0) {
                progress.progress(i, clips.size(), "Aligning " + c.relativePath());
            }
            try {
                AudioClip audio = WavReader.read(ds.path(c), ds.sampleRate());
                Alignment a = settings.mode() == AlignMode.LOUDEST ? LoudestWindow.extract(audio, window) : aligner.align(audio);
                results.add(new Result(c, a, null));
            } catch (AudioFileException e) {
                results.add(new Result(c, null, e.getMessage()));
            }
        }
        progress.progress(clips.size(), clips.size(), "Aligned " + clips.size() + " clips");
        return results;
    }

    public static Summary summarize(List<Result> results) {
        int changed = 0;
        int silent = 0;
        int cut = 0;
        int bad = 0;
        for (Result r : results) {
            if (!r.ok()) {
                bad++;
                continue;
            }
            silent += r.alignment().silent() ? 1 : 0;
            cut += r.alignment().wordCut() ? 1 : 0;
            changed += r.writes() ? 1 : 0;
        }
        return new Summary(results.size(), changed, silent, cut, bad);
    }

    /** Writes the planned alignments of clips with speech as one undoable edit; null when nothing changes. */
    public static Edit apply(Dataset ds, List<Result> results, String description) throws IOException {
        Map<Clip, AudioClip> replacements = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.writes()) {
                replacements.put(r.clip(), r.alignment().aligned());
            }
        }
        return ds.replaceAudio(replacements, description);
    }
}
