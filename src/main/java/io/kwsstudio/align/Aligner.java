package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import java.util.Objects;

/**
 * Cuts or pads a single-word clip to a fixed length with the word where the model expects it
 * (see {@link AlignMode}). The output always has exactly {@link AlignSettings#clipDurationMs()}
 * (at the clip's own sample rate); padding is zeros.
 *
 * <ul>
 *   <li>ONSET / CENTRE: the word found by {@link OnsetDetector} is placed by the rule in
 *       {@link Alignment}'s terms: never cut when it fits; when it is longer than the clip its
 *       start is kept and {@code wordCut} is set. A clip without speech is only padded or trimmed
 *       (at the end) and flagged {@code silent}.</li>
 *   <li>LOUDEST: the reference {@link LoudestWindow}, with short clips padded at the end (as the
 *       reference trainer pads its input); the word is still detected so {@code wordCut} tells
 *       whether the window cut it.</li>
 * </ul>
 * Thread-safe.
 */
public final class Aligner {

    private final AlignSettings settings;
    private final OnsetDetector detector;

    public Aligner(AlignSettings settings) {
        this(settings, new OnsetDetector());
    }

    public Aligner(AlignSettings settings, OnsetDetector detector) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    public AlignSettings settings() {
        return settings;
    }

    public Alignment align(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        int rate = clip.sampleRate();
        int length = settings.clipSamples(rate);
        float[] x = clip.samples();
        WordBounds word = detector.detect(clip);

        if (settings.mode() == AlignMode.LOUDEST) {
            Alignment loudest = LoudestWindow.extract(clip, length);
            int shift = loudest.shiftSamples();
            AudioClip out = loudest.aligned().frames() == length ? loudest.aligned()
                    : new AudioClip(Placement.shifted(x, shift, length, 0, x.length), rate);
            boolean cut = word.speechFound()
                    && (word.onset() + shift < 0 || word.offset() + shift > length);
            return new Alignment(out, word, shift, cut, loudest.silent());
        }

        if (!word.speechFound()) {
            return new Alignment(new AudioClip(Placement.shifted(x, 0, length, 0, x.length), rate),
                    word, 0, false, true);
        }
        int start = Placement.wordStart(settings.mode(), word.lengthSamples(), length,
                settings.offsetSamples(rate));
        int shift = start - word.onset();
        AudioClip out = new AudioClip(Placement.shifted(x, shift, length, 0, x.length), rate);
        return new Alignment(out, word, shift, word.lengthSamples() > length, false);
    }
}
