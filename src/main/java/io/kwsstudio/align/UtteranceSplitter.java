package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits one long take in which a word is said many times ("yes ... yes ... yes") into one clip
 * per utterance, so a user can record a batch in one go.
 *
 * <p>Utterances are what {@link OnsetDetector} finds with gaps shorter than the minimum pause
 * bridged (a closure inside a word is not a pause) and anything shorter than the minimum
 * utterance dropped (clicks, a bumped microphone). Each clip has the requested duration with the
 * word placed by the same rule as {@link Aligner} (ONSET or CENTRE). Around the word it keeps the
 * take's own background, but never audio of a neighbouring utterance: that part is silence, with
 * a 5 ms fade so the cut does not click.
 *
 * <p>Thread-safe.
 */
public final class UtteranceSplitter {

    /** Pauses at least this long separate utterances. */
    public static final int DEFAULT_MIN_PAUSE_MS = 250;
    /** Detections shorter than this are not utterances. */
    public static final int DEFAULT_MIN_UTTERANCE_MS = 80;
    private static final double FADE_SECONDS = 0.005;

    /**
     * One utterance.
     *
     * @param start first sample of the word in the take
     * @param end one past its last sample in the take
     * @param clip the utterance as a clip of the requested duration
     */
    public record Utterance(int start, int end, AudioClip clip) {

        public Utterance {
            Objects.requireNonNull(clip, "clip");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad utterance span [" + start + ", " + end
                        + ")");
            }
        }

        /** Whether the word is longer than the clip, so its end is missing from {@link #clip}. */
        public boolean wordCut() {
            return end - start > clip.frames();
        }
    }

    private final OnsetDetector detector;
    private final AlignMode mode;
    private final int clipDurationMs;
    private final int offsetMs;

    /**
     * @param detector detector tuning; its gap and minimum length are replaced by the pause and
     *     utterance limits below
     * @param clipDurationMs length of every output clip
     * @param mode ONSET or CENTRE
     * @param offsetMs where the word starts for ONSET
     * @param minPauseMs quieter gaps shorter than this stay inside one utterance
     * @param minUtteranceMs shorter detections are ignored
     * @throws IllegalArgumentException for LOUDEST (a take has no single loudest word) or values
     *     out of range
     */
    public UtteranceSplitter(OnsetDetector.Settings detector, int clipDurationMs, AlignMode mode,
            int offsetMs, int minPauseMs, int minUtteranceMs) {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(mode, "mode");
        if (mode == AlignMode.LOUDEST) {
            throw new IllegalArgumentException("a take is split by word, not by loudest window: "
                    + "use ONSET or CENTRE");
        }
        new AlignSettings(mode, clipDurationMs, offsetMs);  // validates duration and offset
        if (minPauseMs <= 0 || minUtteranceMs < 0) {
            throw new IllegalArgumentException("need a positive pause and a non-negative "
                    + "utterance length, were " + minPauseMs + " / " + minUtteranceMs + " ms");
        }
        this.detector = new OnsetDetector(detector.withMaxGapMs(minPauseMs - 1)
                .withMinSpeechMs(minUtteranceMs));
        this.mode = mode;
        this.clipDurationMs = clipDurationMs;
        this.offsetMs = offsetMs;
    }

    /** Default pause (250 ms) and minimum utterance (80 ms). */
    public UtteranceSplitter(OnsetDetector.Settings detector, int clipDurationMs, AlignMode mode,
            int offsetMs) {
        this(detector, clipDurationMs, mode, offsetMs, DEFAULT_MIN_PAUSE_MS,
                DEFAULT_MIN_UTTERANCE_MS);
    }

    /** Places words like an {@link Aligner} with these settings would (ONSET or CENTRE). */
    public UtteranceSplitter(OnsetDetector.Settings detector, AlignSettings placement) {
        this(detector, placement.clipDurationMs(), placement.mode(), placement.offsetMs());
    }

    public List<Utterance> split(AudioClip take) {
        return split(take, ProgressListener.NONE, CancellationToken.NONE);
    }

    /**
     * The utterances of {@code take} in order.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancel} is set
     */
    public List<Utterance> split(AudioClip take, ProgressListener progress,
            CancellationToken cancel) {
        Objects.requireNonNull(take, "take");
        List<WordBounds> words = detector.detectAll(take, progress, cancel);
        int rate = take.sampleRate();
        int length = AlignSettings.msToSamples(clipDurationMs, rate);
        int offset = AlignSettings.msToSamples(offsetMs, rate);
        int fade = Math.max(1, (int) Math.round(FADE_SECONDS * rate));
        float[] x = take.samples();
        List<Utterance> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            cancel.throwIfCancelled();
            WordBounds w = words.get(i);
            int from = i > 0 ? words.get(i - 1).offset() : 0;
            int to = i + 1 < words.size() ? words.get(i + 1).onset() : x.length;
            int start = Placement.wordStart(mode, w.lengthSamples(), length, offset);
            int shift = start - w.onset();
            float[] clip = Placement.shifted(x, shift, length, from, to);
            int wordEnd = Math.min(length, start + w.lengthSamples());
            fadeEdges(clip, Math.max(0, from + shift), Math.min(length, to + shift), start,
                    wordEnd, fade);
            out.add(new Utterance(w.onset(), w.offset(), new AudioClip(clip, rate)));
        }
        return out;
    }

    /**
     * Fades the kept context {@code [lo, hi)} in and out where it borders silence, without
     * touching the word {@code [wordStart, wordEnd)}.
     */
    private static void fadeEdges(float[] clip, int lo, int hi, int wordStart, int wordEnd,
            int fade) {
        if (lo > 0) {
            int n = Math.min(fade, wordStart - lo);
            for (int k = 0; k < n; k++) {
                clip[lo + k] *= (k + 1) / (float) (n + 1);
            }
        }
        if (hi < clip.length) {
            int n = Math.min(fade, hi - wordEnd);
            for (int k = 0; k < n; k++) {
                clip[hi - 1 - k] *= (k + 1) / (float) (n + 1);
            }
        }
    }
}
