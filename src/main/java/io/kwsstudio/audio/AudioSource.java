package io.kwsstudio.audio;

/**
 * Where recorded audio comes from: the microphone on a desktop, a WAV file or a generated signal in
 * tests and on machines without one. Samples are mono floats in [-1, 1] at the rate asked for.
 */
public interface AudioSource extends AutoCloseable {
    /** What the user sees in the device list, e.g. "Built-in Microphone" or "take.wav". */
    String name();

    /** Starts capturing; a missing or busy device gives a message the user can act on. */
    void open(int sampleRate) throws AudioUnavailableException;

    /**
     * Blocks until some audio is available and copies up to {@code len} samples; returns how many,
     * or -1 when the source has ended (a file source at its end).
     */
    int read(float[] buffer, int offset, int len);

    @Override
    void close();
}
