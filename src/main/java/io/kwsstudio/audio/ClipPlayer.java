package io.kwsstudio.audio;

import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one clip at a time on a daemon thread, for auditioning dataset clips and detections.
 * {@link #play} never blocks the caller, {@link #stop()} is immediate, and the listener gets the
 * play position every 20-30 ms for a play cursor.
 *
 * <p>Each {@code play} ends with exactly one of {@link PlaybackListener#finished()},
 * {@link PlaybackListener#stopped()} or {@link PlaybackListener#failed(String)}. Listener
 * callbacks run on the player thread (UI code must hand them to its own thread); an exception
 * thrown by a listener is logged and does not affect playback. Playback problems, such as having
 * no sound card, are reported through {@code failed}, never thrown.
 *
 * <p>If the output refuses the clip's sample rate, the clip is resampled to 48 kHz or 44.1 kHz
 * and played at that rate; positions are still in seconds of the clip.
 */
public final class ClipPlayer implements AutoCloseable {

    /** Receives playback progress; all methods are called on the player thread. */
    public interface PlaybackListener {
        /** Seconds from the start of the clip that have been played so far; non-decreasing. */
        default void position(double seconds) {
        }

        /** The clip played to the end. */
        default void finished() {
        }

        /** Playback could not start or broke off; {@code message} is meant for the user. */
        default void failed(String message) {
        }

        /** Playback was ended early by {@link #stop()}, a new {@link #play} or {@link #close()}. */
        default void stopped() {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClipPlayer.class);

    /** Audio handed to the sink per write; also paces the position updates. */
    static final int CHUNK_MILLIS = 20;
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(15);
    private static final long POLL_MILLIS = 20;
    /** After all audio is written, how long beyond its duration to wait for the device. */
    private static final long TAIL_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long a sink may accept nothing before playback is declared broken. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int[] FALLBACK_RATES = {48_000, 44_100};

    private enum Outcome { FINISHED, STOPPED, FAILED }

    private final Supplier<AudioSink> sinks;
    private final ThreadPoolExecutor worker;
    private final Object lock = new Object();
    private Session current;  // guarded by lock
    private boolean closed;   // guarded by lock

    /** A player for the default sound card. */
    public ClipPlayer() {
        this(JavaSoundSink::new);
    }

    /** A player that gets a fresh sink from {@code sinks} for every clip it plays. */
    public ClipPlayer(Supplier<AudioSink> sinks) {
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        // One thread so playbacks never overlap on the device; it ends when idle.
        this.worker = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread t = new Thread(runnable, "kws-clip-player");
                    t.setDaemon(true);
                    return t;
                });
        this.worker.allowCoreThreadTimeOut(true);
    }

    /**
     * Stops any current playback (its listener gets {@code stopped()}) and starts playing
     * {@code clip}. Returns at once.
     *
     * @throws IllegalStateException if the player has been closed
     */
    public void play(AudioClip clip, PlaybackListener listener) {
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(listener, "listener");
        Session session = new Session(clip, listener);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("ClipPlayer is closed");
            }
            if (current != null) {
                current.cancel();
            }
            current = session;
            worker.execute(() -> run(session));
        }
    }

    /** Stops the current playback, if any, at once. */
    public void stop() {
        synchronized (lock) {
            if (current != null) {
                current.cancel();
                current = null;
            }
        }
    }

    /** True from {@link #play} until the clip finishes, fails or is stopped. */
    public boolean isPlaying() {
        synchronized (lock) {
            return current != null && current.active();
        }
    }

    /** Stops playback and lets the player thread end; {@link #play} is refused afterwards. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            worker.shutdown();
        }
    }

    private void run(Session session) {
        Outcome outcome;
        String message = null;
        AudioSink sink = null;
        try {
            if (session.cancelled()) {
                outcome = Outcome.STOPPED;
            } else {
                sink = sinks.get();
                if (sink == null) {
                    throw new AudioUnavailableException("No audio output available");
                }
                outcome = play(session, sink);
            }
        } catch (AudioUnavailableException e) {
            outcome = Outcome.FAILED;
            message = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.STOPPED;
        } catch (RuntimeException e) {
            LOG.warn("Playback failed", e);
            outcome = Outcome.FAILED;
            message = "Playback failed: " + e;
        } finally {
            if (sink != null) {
                closeQuietly(sink);
            }
        }
        if (outcome == Outcome.FAILED && session.cancelled()) {
            // Errors caused by the stop itself are not the user's concern.
            outcome = Outcome.STOPPED;
        }
        session.markDone();
        synchronized (lock) {
            if (current == session) {
                current = null;
            }
        }
        PlaybackListener listener = session.listener;
        switch (outcome) {
            case FINISHED -> notify(listener::finished);
            case STOPPED -> notify(listener::stopped);
            default -> {
                String m = message;
                notify(() -> listener.failed(m));
            }
        }
    }

    private Outcome play(Session session, AudioSink sink)
            throws AudioUnavailableException, InterruptedException {
        AudioClip clip = session.clip;
        int rate = openSink(sink, clip.sampleRate());
        float[] samples = rate == clip.sampleRate()
                ? clip.samples()
                : Resampler.resample(clip, rate).samples();
        if (!session.attach(sink)) {
            return Outcome.STOPPED;
        }
        Position position = new Position(session.listener, rate, samples.length);
        position.report(0, true);
        int chunk = Math.max(1, rate * CHUNK_MILLIS / 1000);
        byte[] buffer = new byte[2 * chunk];
        for (int next = 0; next < samples.length; next += chunk) {
            int n = Math.min(chunk, samples.length - next);
            WavWriter.encodeSamples(samples, next, n, buffer, 0);
            if (!writeFully(session, sink, buffer, 2 * n)) {
                return Outcome.STOPPED;
            }
            position.report(sink.framePosition(), false);
        }
        // Everything is queued; follow the device until it has played it. The deadline covers
        // devices whose frame position never quite reaches the end.
        long queued = samples.length - Math.min(samples.length, sink.framePosition());
        long deadline = System.nanoTime() + queued * 1_000_000_000L / rate + TAIL_GRACE_NANOS;
        while (!session.cancelled()) {
            long played = sink.framePosition();
            position.report(played, false);
            if (played >= samples.length || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (session.cancelled()) {
            return Outcome.STOPPED;
        }
        sink.drain();
        position.report(samples.length, true);
        return Outcome.FINISHED;
    }

    /** Opens the sink at the clip's rate, or at a common rate if the device refuses that one. */
    private static int openSink(AudioSink sink, int rate) throws AudioUnavailableException {
        try {
            sink.open(rate);
            return rate;
        } catch (AudioUnavailableException first) {
            for (int fallback : FALLBACK_RATES) {
                if (fallback == rate) {
                    continue;
                }
                try {
                    sink.open(fallback);
                    return fallback;
                } catch (AudioUnavailableException e) {
                    first.addSuppressed(e);
                }
            }
            throw first;
        }
    }

    /** Writes all of {@code len} bytes; false if playback was stopped meanwhile. */
    private static boolean writeFully(Session session, AudioSink sink, byte[] buffer, int len)
            throws AudioUnavailableException, InterruptedException {
        int off = 0;
        long idleSince = 0;
        while (off < len) {
            if (session.cancelled()) {
                return false;
            }
            int written = sink.write(buffer, off, len - off);
            if (written > 0) {
                off += written;
                idleSince = 0;
                continue;
            }
            if (session.cancelled()) {
                return false;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            } else if (now - idleSince > STALL_NANOS) {
                throw new AudioUnavailableException("The audio output stopped accepting sound");
            }
            Thread.sleep(5);
        }
        return true;
    }

    private static void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("Playback listener threw an exception", e);
        }
    }

    private static void closeQuietly(AudioSink sink) {
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the audio sink failed", e);
        }
    }

    /** Turns frame positions into throttled, non-decreasing listener calls. */
    private static final class Position {
        private final PlaybackListener listener;
        private final int rate;
        private final long total;
        private long lastNanos;
        private double lastSeconds = -1;

        Position(PlaybackListener listener, int rate, long total) {
            this.listener = listener;
            this.rate = rate;
            this.total = total;
        }

        void report(long frames, boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastNanos < REPORT_INTERVAL_NANOS) {
                return;
            }
            double seconds = Math.min(Math.max(frames, 0), total) / (double) rate;
            if (seconds <= lastSeconds) {
                return;
            }
            lastNanos = now;
            lastSeconds = seconds;
            ClipPlayer.notify(() -> listener.position(seconds));
        }
    }

    /** One call to {@link #play}: its clip, listener and how far it got. */
    private static final class Session {
        final AudioClip clip;
        final PlaybackListener listener;
        private volatile boolean cancelled;
        private volatile boolean done;
        private AudioSink sink;  // guarded by this

        Session(AudioClip clip, PlaybackListener listener) {
            this.clip = clip;
            this.listener = listener;
        }

        /** Marks the session stopped and silences its sink right away, from any thread. */
        void cancel() {
            AudioSink s;
            synchronized (this) {
                cancelled = true;
                s = sink;
            }
            if (s != null) {
                try {
                    s.stop();
                } catch (RuntimeException e) {
                    LOG.debug("Stopping the audio sink failed", e);
                }
            }
        }

        /** Lets {@link #cancel} reach the sink; false if already cancelled. */
        synchronized boolean attach(AudioSink s) {
            if (cancelled) {
                return false;
            }
            sink = s;
            return true;
        }

        boolean cancelled() {
            return cancelled;
        }

        boolean active() {
            return !cancelled && !done;
        }

        void markDone() {
            done = true;
        }
    }
}
