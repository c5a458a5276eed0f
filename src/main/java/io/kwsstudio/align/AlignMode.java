package io.kwsstudio.align;

/** How {@link Aligner} places the word in the output clip. */
public enum AlignMode {
    /** The reference rule: keep the loudest window of the clip length ({@link LoudestWindow}). */
    LOUDEST,
    /** The detected word starts {@code offsetMs} into the clip (earlier if it would not fit). */
    ONSET,
    /** The detected word sits in the middle of the clip. */
    CENTRE
}
