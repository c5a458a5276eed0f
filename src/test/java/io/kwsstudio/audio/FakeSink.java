package io.kwsstudio.audio;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An {@link AudioSink} that behaves like a sound card playing in real time (or faster): it plays
 * from the moment it is opened, holds a small buffer, blocks writers while the buffer is full,
 * and reports played frames. Records what happens for the tests to check.
 */
final class FakeSink implements AudioSink {

    private final String name;
    private final List<String> events;
    private final double speed;
    private final int bufferMillis;
    private IntPredicate acceptsRate = rate -> true;
    private boolean acceptNothing;

    private volatile int rate;
    private volatile long startNanos;
    private volatile long framesWritten;
    private volatile boolean stopped;
    private volatile boolean closed;
    private volatile long frozenPosition = -1;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    /** @param events shared, synchronized log of open/stop/close calls across sinks */
    FakeSink(String name, List<String> events, double speed, int bufferMillis) {
        this.name = name;
        this.events = events;
        this.speed = speed;
        this.bufferMillis = bufferMillis;
    }

    FakeSink acceptingRates(IntPredicate accepts) {
        this.acceptsRate = accepts;
        return this;
    }

    /** A broken device: open works but write never takes anything. */
    FakeSink acceptingNothing() {
        this.acceptNothing = true;
        return this;
    }

    @Override
    public void open(int sampleRate) throws AudioUnavailableException {
        events.add(name + " open " + sampleRate);
        if (!acceptsRate.test(sampleRate)) {
            throw new AudioUnavailableException("No audio output device available (fake refuses "
                    + sampleRate + " Hz)");
        }
        rate = sampleRate;
        startNanos = System.nanoTime();
    }

    private long bufferFrames() {
        return Math.max(1, (long) rate * bufferMillis / 1000);
    }

    private long played() {
        if (frozenPosition >= 0) {
            return frozenPosition;
        }
        long elapsed = (long) ((System.nanoTime() - startNanos) * speed * rate / 1e9);
        return Math.min(elapsed, framesWritten);
    }

    @Override
    public int write(byte[] pcm16le, int off, int len) {
        if (acceptNothing) {
            return 0;
        }
        int done = 0;
        while (done < len && !stopped && !closed) {
            long room = bufferFrames() - (framesWritten - played());
            if (room <= 0) {
                sleep();
                continue;
            }
            int n = (int) Math.min(room * 2, len - done);
            synchronized (received) {
                received.write(pcm16le, off + done, n);
            }
            done += n;
            framesWritten += n / 2;
        }
        return done;
    }

    @Override
    public void drain() {
        while (!stopped && !closed && played() < framesWritten) {
            sleep();
        }
    }

    @Override
    public void stop() {
        frozenPosition = played();
        stopped = true;
        events.add(name + " stop");
    }

    @Override
    public void close() {
        closed = true;
        events.add(name + " close");
    }

    @Override
    public long framePosition() {
        return rate == 0 ? 0 : played();
    }

    int rate() {
        return rate;
    }

    long framesWritten() {
        return framesWritten;
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    boolean stopped() {
        return stopped;
    }

    boolean closed() {
        return closed;
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
