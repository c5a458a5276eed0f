package io.kwsstudio.testing;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small generated datasets and clips for tests: tones with a known pitch and length. */
public final class Fixtures {
    private Fixtures() {
    }

    public static AudioClip tone(double seconds, double hz, int rate, float amplitude) {
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new AudioClip(s, rate);
    }

    public static Path writeTone(Path file, double seconds, double hz) throws IOException {
        Files.createDirectories(file.getParent());
        WavWriter.writePcm16(file, tone(seconds, hz, 16000, 0.5f));
        return file;
    }

    /**
     * A dataset with labels yes (3 clips), no (2 clips), a noise file, and one clip of the wrong length
     * in "no"; names follow the Speech Commands pattern.
     */
    public static Path smallDataset(Path root) throws IOException {
        writeTone(root.resolve("yes/0a7c2a8d_nohash_0.wav"), 1.0, 440);
        writeTone(root.resolve("yes/1b4c9b89_nohash_0.wav"), 1.0, 660);
        writeTone(root.resolve("yes/5eb561a4_nohash_0.wav"), 1.0, 880);
        writeTone(root.resolve("no/3cfc6b3a_nohash_0.wav"), 1.0, 300);
        writeTone(root.resolve("no/bd76a7fd_nohash_0.wav"), 0.5, 350);
        writeTone(root.resolve("_background_noise_/hum.wav"), 3.0, 50);
        return root;
    }
}
