package io.kwsstudio.testing;

import io.kwsstudio.audio.AudioSink;
import io.kwsstudio.audio.AudioUnavailableException;

import java.util.concurrent.atomic.AtomicLong;

/** An audio output that accepts PCM as fast as a real one would (real time) and counts what it got. */
public final class FakeAudioSink implements AudioSink {
    public final AtomicLong bytesWritten = new AtomicLong();
    public volatile int openedRate;
    private volatile long startNanos;

    @Override
    public void open(int sampleRate) throws AudioUnavailableException {
        openedRate = sampleRate;
        startNanos = System.nanoTime();
    }

    @Override
    public int write(byte[] pcm16le, int off, int len) {
        bytesWritten.addAndGet(len);
        // pace like a sound card so playback takes as long as the clip
        long dueNanos = startNanos + (long) (bytesWritten.get() / 2.0 / Math.max(1, openedRate) * 1e9);
        long wait = dueNanos - System.nanoTime() - 50_000_000L;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return len;
    }

    @Override
    public void drain() {
    }

    @Override
    public void stop() {
    }

    @Override
    public void close() {
    }

    @Override
    public long framePosition() {
        return (long) ((System.nanoTime() - startNanos) / 1e9 * openedRate);
    }
}
