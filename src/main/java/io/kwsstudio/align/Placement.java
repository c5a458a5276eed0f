package io.kwsstudio.align;

/**
 * The rule that decides where a word goes in an output clip of fixed length, shared by
 * {@link Aligner} and {@link UtteranceSplitter} so a split take and an aligned clip look alike.
 */
final class Placement {

    private Placement() {
    }

    /**
     * Where the word's first sample goes in an output of {@code clipSamples}.
     * ONSET prefers {@code offsetSamples} but moves the word earlier when its end would not fit
     * (the offset is a preference, a whole word is a rule); CENTRE centres it. A word longer than
     * the clip starts at 0, keeping its beginning.
     */
    static int wordStart(AlignMode mode, int wordSamples, int clipSamples, int offsetSamples) {
        int room = clipSamples - wordSamples;
        if (room <= 0) {
            return 0;
        }
        return switch (mode) {
            case ONSET -> Math.min(offsetSamples, room);
            case CENTRE -> room / 2;
            case LOUDEST -> throw new IllegalArgumentException(
                    "LOUDEST places a window, not a word");
        };
    }

    /**
     * {@code out[i] = in[i - shift]} for {@code i} in {@code [0, length)}, zero where that lies
     * outside {@code [from, to)} of the input.
     */
    static float[] shifted(float[] in, int shift, int length, int from, int to) {
        float[] out = new float[length];
        int lo = Math.max(0, from + shift);
        int hi = Math.min(length, to + shift);
        if (hi > lo) {
            System.arraycopy(in, lo - shift, out, lo, hi - lo);
        }
        return out;
    }
}
