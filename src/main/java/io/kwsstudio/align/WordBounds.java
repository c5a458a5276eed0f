package io.kwsstudio.align;

/**
 * Where the spoken word is in a clip: {@code [onset, offset)} in samples, plus the estimated
 * noise floor and speech level (dBFS, RMS) so a view can show how clean the recording is.
 *
 * <p>When no speech was found, {@code onset == offset == 0} and {@code speechLevelDb} is the
 * level of the loudest short frame, so the user can still see how loud the loudest sound was.
 *
 * @param onset first sample of the word
 * @param offset one past the last sample of the word
 * @param noiseFloorDb RMS level of the background, dBFS (at least -120)
 * @param speechLevelDb RMS level over the word, dBFS (at least -120)
 * @param speechFound whether a word was found at all
 */
public record WordBounds(int onset, int offset, double noiseFloorDb, double speechLevelDb,
        boolean speechFound) {

    /** Levels are clamped to this so digital silence gives a number, not -infinity. */
    public static final double MIN_DB = -120.0;

    /** @throws IllegalArgumentException if the span is negative or reversed */
    public WordBounds {
        if (onset < 0 || offset < onset) {
            throw new IllegalArgumentException("bad word span [" + onset + ", " + offset + ")");
        }
    }

    /** Bounds for a clip in which no word was found. */
    public static WordBounds none(double noiseFloorDb, double loudestDb) {
        return new WordBounds(0, 0, noiseFloorDb, loudestDb, false);
    }

    /** Length of the word in samples. */
    public int lengthSamples() {
        return offset - onset;
    }

    public double onsetSeconds(int sampleRate) {
        return onset / (double) sampleRate;
    }

    public double offsetSeconds(int sampleRate) {
        return offset / (double) sampleRate;
    }

    /** Speech level above the noise floor, dB; 0 when no speech was found. */
    public double snrDb() {
        return speechFound ? speechLevelDb - noiseFloorDb : 0.0;
    }

    /** The same bounds moved by {@code samples} (positive = later), e.g. into an aligned clip. */
    WordBounds shifted(int samples) {
        if (!speechFound) {
            return this;
        }
        return new WordBounds(onset + samples, offset + samples, noiseFloorDb, speechLevelDb, true);
    }
}
