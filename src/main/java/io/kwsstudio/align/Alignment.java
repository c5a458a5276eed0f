package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import java.util.Objects;

/**
 * Result of aligning one clip.
 *
 * @param aligned the new audio, exactly the requested duration (except {@link LoudestWindow}'s
 *     reference rule, which returns short clips as they are)
 * @param bounds where the word was found in the <em>input</em> clip
 * @param shiftSamples how far the input moved: {@code aligned[i] = input[i - shiftSamples]}
 *     (zero outside the input); the word in the output is at {@code bounds} plus this
 * @param wordCut the word did not fit in the output (it is longer than the clip, or the
 *     loudest window cut it), so part of it is missing
 * @param silent no speech was found; the clip was only padded or trimmed
 */
public record Alignment(AudioClip aligned, WordBounds bounds, int shiftSamples, boolean wordCut,
        boolean silent) {

    public Alignment {
        Objects.requireNonNull(aligned, "aligned");
        Objects.requireNonNull(bounds, "bounds");
    }

    /** Where the word lies in {@link #aligned()}; not clamped to the clip. */
    public WordBounds boundsInAligned() {
        return bounds.shifted(shiftSamples);
    }
}
