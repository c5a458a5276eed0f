package io.kwsstudio.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import java.util.ArrayList;
import java.util.List;

/**
 * A real input device through javax.sound: 16-bit mono at the requested rate (16 kHz for
 * keyword clips), read in small blocks so level meters stay live.
 */
public final class MicrophoneSource implements AudioSource {
    /** Name of the system's default input in {@link #inputDevices()}. */
    public static final String DEFAULT_DEVICE = "Default input";
    private final String device;
    private volatile TargetDataLine line;
    private byte[] bytes = new byte[0];

    /** @param device a name from {@link #inputDevices()}, or {@link #DEFAULT_DEVICE} */
    public MicrophoneSource(String device) {
        this.device = device == null ? DEFAULT_DEVICE : device;
    }

    /** Input devices that can record 16-bit mono, default first; only the default when none are listed. */
    public static List<String> inputDevices() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT_DEVICE);
        try {
            DataLine.Info wanted = new DataLine.Info(TargetDataLine.class, new AudioFormat(16000, 16, 1, true, false));
            for (Mixer.Info info : AudioSystem.getMixerInfo()) {
                Mixer mixer = AudioSystem.getMixer(info);
                if (mixer.isLineSupported(wanted)) {
                    names.add(info.getName());
                }
            }
        } catch (RuntimeException e) {
            // A broken sound system lists nothing; opening will say what is wrong.
        }
        return names;
    }

    @Override
    public String name() {
        return device;
    }

    @Override
    public void open(int sampleRate) throws AudioUnavailableException {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
        try {
            TargetDataLine l;
            if (DEFAULT_DEVICE.equals(device)) {
                l = (TargetDataLine) AudioSystem.getLine(info);
            } else {
                Mixer.Info chosen = null;
                for (Mixer.Info m : AudioSystem.getMixerInfo()) {
                    if (m.getName().equals(device)) {
                        chosen = m;
                    }
                }
                if (chosen == null) {
                    throw new AudioUnavailableException("The input device \"" + device + "\" is not connected any more; choose another one.");
                }
                l = (TargetDataLine) AudioSystem.getMixer(chosen).getLine(info);
            }
            // ~50 ms buffer: small enough for a responsive meter, large enough not to drop audio.
            l.open(format, Math.max(1600, sampleRate / 10) * 2);
            l.start();
            line = l;
        } catch (LineUnavailableException e) {
            throw new AudioUnavailableException("The microphone \"" + device + "\" is busy (another program may be using it) or refuses "
                    + sampleRate + " Hz 16-bit mono: " + e.getMessage(), e);
        } catch (IllegalArgumentException | SecurityException e) {
            throw new AudioUnavailableException("No microphone available (" + e.getMessage() + "). Connect one, or import WAV files instead.", e);
        }
    }

    @Override
    public int read(float[] buffer, int offset, int len) {
        TargetDataLine l = line;
        if (l == null) {
            return -1;
        }
        if (bytes.length < len * 2) {
            bytes = new byte[len * 2];
        }
        int got = l.read(bytes, 0, len * 2);
        if (got <= 0) {
            return line == null ? -1 : 0;
        }
        int frames = got / 2;
        for (int i = 0; i < frames; i++) {
            short s = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            buffer[offset + i] = s / 32768f;
        }
        return frames;
    }

    @Override
    public void close() {
        TargetDataLine l = line;
        line = null;
        if (l != null) {
            l.stop();
            l.close();
        }
    }
}
