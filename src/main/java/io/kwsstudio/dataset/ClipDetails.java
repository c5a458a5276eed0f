package io.kwsstudio.dataset;

/**
 * What reading a clip revealed: its format and length, its peak level, or why it cannot be read.
 * {@code peak} is NaN when only the header has been read.
 */
public record ClipDetails(long sizeBytes, long modifiedMillis, int sampleRate, int channels, int bitsPerSample,
                          long frames, float peak, String error) {

    public static ClipDetails failed(long sizeBytes, long modifiedMillis, String error) {
        return new ClipDetails(sizeBytes, modifiedMillis, 0, 0, 0, 0, Float.NaN, error);
    }

    public boolean ok() {
        return error == null;
    }

    public double durationSeconds() {
        return sampleRate > 0 ? (double) frames / sampleRate : 0;
    }

    public boolean hasPeak() {
        return !Float.isNaN(peak);
    }

    /** Peak in dB full scale; -inf for digital silence. */
    public double peakDbfs() {
        return 20 * Math.log10(peak);
    }

    /** Still valid for a file with this size and modification time? */
    public boolean matches(Clip clip) {
        return clip.sizeBytes() == sizeBytes && clip.modifiedMillis() == modifiedMillis;
    }
}
