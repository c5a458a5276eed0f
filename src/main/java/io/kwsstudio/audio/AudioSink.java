package io.kwsstudio.audio;

/**
 * Where played audio goes: 16-bit little-endian mono PCM. The real one is the sound card
 * ({@link JavaSoundSink}); tests use a fake. {@link ClipPlayer} uses one sink per playback and
 * calls {@link #stop()} from another thread to interrupt a blocked {@link #write}.
 */
public interface AudioSink extends AutoCloseable {

    /**
     * Prepares the output for {@code sampleRate} Hz mono 16-bit audio and starts it. May be called
     * again with another rate after it failed.
     *
     * @throws AudioUnavailableException if there is no device or it refuses the format
     */
    void open(int sampleRate) throws AudioUnavailableException;

    /**
     * Queues audio, blocking while the output buffer is full, like
     * {@code SourceDataLine.write}. Returns the number of bytes taken, which is less than
     * {@code len} only if the sink was stopped or closed meanwhile.
     */
    int write(byte[] pcm16le, int off, int len);

    /** Blocks until everything written has been played. */
    void drain();

    /** Stops output at once and discards queued audio; safe to call from any thread. */
    void stop();

    /** Releases the device; safe to call more than once. */
    @Override
    void close();

    /** Frames played since {@link #open}: drives the play cursor. */
    long framePosition();
}
