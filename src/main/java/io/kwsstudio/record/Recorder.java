package io.kwsstudio.record;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioSource;
import io.kwsstudio.audio.AudioUnavailableException;

import java.util.Arrays;

/**
 * Captures from an {@link AudioSource} on its own thread: reports the input level every 20 ms (for a
 * meter with a clipping warning) and records takes on request, each up to a length or, optionally,
 * until the speaker has finished (speech followed by 300 ms of quiet).
 */
public final class Recorder implements AutoCloseable {
    /** Level of each 20 ms block: peak and RMS in dBFS, and whether it touched full scale. */
    public interface Listener {
        default void level(double peakDb, double rmsDb, boolean clipping) {
        }

        /** A take ended (full length, silence after speech, or {@link #stopTake()}). */
        default void takeFinished(AudioClip take) {
        }

        /** The source failed or ended; the recorder has stopped. */
        default void stopped(String reasonOrNull) {
        }
    }

    private static final double CLIP_LEVEL = 0.999;
    private final AudioSource source;
    private final int sampleRate;
    private final int block;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile float[] take;
    private volatile int takeLength;
    private volatile boolean stopOnSilence;
    private volatile boolean stopRequested;
    private double noiseFloorDb = -60;

    public Recorder(AudioSource source, int sampleRate) {
        this.source = source;
        this.sampleRate = sampleRate;
        this.block = sampleRate / 50;
    }

    public AudioSource source() {
        return source;
    }

    /** Opens the source and starts metering; callbacks come on the recorder's thread. */
    public synchronized void start(Listener listener) throws AudioUnavailableException {
        if (running) {
            return;
        }
        source.open(sampleRate);
        running = true;
        Thread t = new Thread(() -> loop(listener), "recorder");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Starts recording a take of at most {@code maxSamples}. */
    public void startTake(int maxSamples, boolean stopWhenQuiet) {
        stopOnSilence = stopWhenQuiet;
        stopRequested = false;
        takeLength = 0;
        take = new float[maxSamples];
    }

    /** Ends the current take now; what was captured so far is delivered. */
    public void stopTake() {
        stopRequested = true;
    }

    public boolean isTakeRunning() {
        return take != null;
    }

    public boolean isRunning() {
        return running;
    }

    private void loop(Listener listener) {
        float[] buf = new float[block];
        String reason = null;
        int quietBlocks = 0;
        boolean heardSpeech = false;
        float[] current = null;
        try {
            while (running) {
                int n = source.read(buf, 0, block);
                if (n < 0) {
                    reason = "The input \"" + source.name() + "\" ended.";
                    break;
                }
                if (n == 0) {
                    continue;
                }
                double peak = 0;
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double a = Math.abs(buf[i]);
                    peak = Math.max(peak, a);
                    sum += buf[i] * buf[i];
                }
                double rmsDb = 10 * Math.log10(Math.max(sum / n, 1e-12));
                double peakDb = 20 * Math.log10(Math.max(peak, 1e-6));
                listener.level(peakDb, rmsDb, peak >= CLIP_LEVEL);
                float[] t = take;
                if (t == null) {
                    // Between takes the quietest recent level is the room's noise floor.
                    noiseFloorDb = Math.min(rmsDb, noiseFloorDb + 0.5);
                    heardSpeech = false;
                    quietBlocks = 0;
                    continue;
                }
                if (t != current) {
                    // A new take: speech heard in the previous one must not end this one.
                    current = t;
                    heardSpeech = false;
                    quietBlocks = 0;
                }
                int copy = Math.min(n, t.length - takeLength);
                System.arraycopy(buf, 0, t, takeLength, copy);
                takeLength += copy;
                if (rmsDb > noiseFloorDb + 12) {
                    heardSpeech = true;
                    quietBlocks = 0;
                } else if (heardSpeech) {
                    quietBlocks++;
                }
                boolean finishedSpeaking = stopOnSilence && heardSpeech && quietBlocks * block >= 0.3 * sampleRate;
                if (takeLength >= t.length || stopRequested || finishedSpeaking) {
                    take = null;
                    listener.takeFinished(new AudioClip(Arrays.copyOf(t, takeLength), sampleRate));
                }
            }
        } catch (RuntimeException e) {
            reason = "Recording failed: " + e.getMessage();
        } finally {
            running = false;
            source.close();
            listener.stopped(reason);
        }
    }

    /** Stops metering and recording and releases the device. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
