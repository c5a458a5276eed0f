package io.kwsstudio.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The sound card, through a javax.sound {@link SourceDataLine} (16-bit little-endian mono). The
 * line buffer holds about 100 ms, so the play cursor stays close to what is heard and stopping is
 * immediate.
 */
public final class JavaSoundSink implements AudioSink {

    private static final int BUFFER_MILLIS = 100;

    private volatile SourceDataLine line;

    @Override
    public void open(int sampleRate) throws AudioUnavailableException {
        close();
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        int bufferBytes = Math.max(2, (int) ((long) sampleRate * BUFFER_MILLIS / 1000) * 2);
        SourceDataLine opened = null;
        try {
            opened = AudioSystem.getSourceDataLine(format);
            opened.open(format, bufferBytes);
            opened.start();
            line = opened;
        } catch (LineUnavailableException e) {
            closeQuietly(opened);
            throw new AudioUnavailableException("Audio output is busy or refuses " + sampleRate
                    + " Hz 16-bit mono (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | SecurityException e) {
            // getSourceDataLine throws IllegalArgumentException when no mixer has such a line,
            // which is what a machine without a sound card gives.
            closeQuietly(opened);
            throw new AudioUnavailableException("No audio output device available ("
                    + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // Some sound system providers fail in their own ways on broken setups.
            closeQuietly(opened);
            throw new AudioUnavailableException("No audio output device available (" + e + ")", e);
        }
    }

    @Override
    public int write(byte[] pcm16le, int off, int len) {
        SourceDataLine l = line;
        if (l == null) {
            return 0;
        }
        // Whole frames only, as the line requires.
        return l.write(pcm16le, off, len & ~1);
    }

    @Override
    public void drain() {
        SourceDataLine l = line;
        if (l != null) {
            l.drain();
        }
    }

    @Override
    public void stop() {
        SourceDataLine l = line;
        if (l != null) {
            l.stop();
            l.flush();  // also releases a write() that is blocked on a full buffer
        }
    }

    @Override
    public void close() {
        SourceDataLine l = line;
        line = null;
        closeQuietly(l);
    }

    @Override
    public long framePosition() {
        SourceDataLine l = line;
        return l == null ? 0 : l.getLongFramePosition();
    }

    private static void closeQuietly(SourceDataLine l) {
        if (l != null) {
            try {
                l.close();
            } catch (RuntimeException ignored) {
                // Closing a broken line must not hide the original problem.
            }
        }
    }
}
