package io.kwsstudio.audio;

/**
 * Audio from memory (a WAV file read up front, or a generated signal), delivered in real time like a
 * microphone, or as fast as asked when {@code realTime} is false. Lets recording, level meters and
 * streaming be used and tested without a microphone.
 */
public final class SignalSource implements AudioSource {
    private final String name;
    private final AudioClip audio;
    private final boolean realTime;
    private final boolean loop;
    private volatile boolean open;
    private int position;
    private long startNanos;
    private long delivered;

    public SignalSource(String name, AudioClip audio, boolean realTime, boolean loop) {
        this.name = name;
        this.audio = audio;
        this.realTime = realTime;
        this.loop = loop;
    }

    /** A WAV file as an input device. */
    public static SignalSource ofWav(java.nio.file.Path file, int sampleRate, boolean realTime) throws AudioFileException {
        return new SignalSource(file.getFileName().toString(), WavReader.read(file, sampleRate), realTime, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(int sampleRate) throws AudioUnavailableException {
        if (sampleRate != audio.sampleRate()) {
            throw new AudioUnavailableException(name + " is at " + audio.sampleRate() + " Hz, not " + sampleRate + " Hz");
        }
        position = 0;
        delivered = 0;
        startNanos = System.nanoTime();
        open = true;
    }

    @Override
    public int read(float[] buffer, int offset, int len) {
        if (!open) {
            return -1;
        }
        float[] s = audio.samples();
        if (position >= s.length) {
            if (!loop || s.length == 0) {
                return -1;
            }
            position = 0;
        }
        int n = Math.min(len, s.length - position);
        if (realTime) {
            // Hand out audio no faster than it would arrive from a sound card.
            long dueNanos = startNanos + (long) ((delivered + n) * 1e9 / audio.sampleRate());
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        System.arraycopy(s, position, buffer, offset, n);
        position += n;
        delivered += n;
        return n;
    }

    @Override
    public void close() {
        open = false;
    }
}
