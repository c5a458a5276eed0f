package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    private static AudioClip ramp(int frames, int rate) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (float) Math.sin(i * 0.01) * 0.9f;
        }
        return new AudioClip(s, rate);
    }

    @Test
    void canonicalHeader() {
        byte[] wav = WavWriter.encodePcm16(new AudioClip(new float[] {0.5f, -0.5f, 1f}, 22050));
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(wav).hasSize(44 + 6);
        assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(36 + 6);
        assertThat(new String(wav, 8, 8)).isEqualTo("WAVEfmt ");
        assertThat(b.getInt(16)).isEqualTo(16);
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(22050);
        assertThat(b.getInt(28)).isEqualTo(44100);
        assertThat(b.getShort(32)).isEqualTo((short) 2);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(wav, 36, 4)).isEqualTo("data");
        assertThat(b.getInt(40)).isEqualTo(6);
        assertThat(b.getShort(44)).isEqualTo((short) 16384);
        assertThat(b.getShort(46)).isEqualTo((short) -16384);
        assertThat(b.getShort(48)).isEqualTo((short) 32767);
    }

    @Test
    void samplesAreClampedAndRounded() {
        assertThat(WavWriter.toPcm16(1f)).isEqualTo(32767);
        assertThat(WavWriter.toPcm16(1.7f)).isEqualTo(32767);
        assertThat(WavWriter.toPcm16(Float.POSITIVE_INFINITY)).isEqualTo(32767);
        assertThat(WavWriter.toPcm16(-1f)).isEqualTo(-32768);
        assertThat(WavWriter.toPcm16(-5f)).isEqualTo(-32768);
        assertThat(WavWriter.toPcm16(Float.NEGATIVE_INFINITY)).isEqualTo(-32768);
        assertThat(WavWriter.toPcm16(Float.NaN)).isEqualTo(0);
        assertThat(WavWriter.toPcm16(0.5f)).isEqualTo(16384);
        assertThat(WavWriter.toPcm16(1.6f / 32768f)).isEqualTo(2);
        assertThat(WavWriter.toPcm16(1.4f / 32768f)).isEqualTo(1);
        assertThat(WavWriter.toPcm16(-1.6f / 32768f)).isEqualTo(-2);
    }

    @Test
    void fileRoundTripIsWithinOneStep() throws IOException {
        AudioClip clip = ramp(40_000, 16000);  // spans several write blocks
        Path file = dir.resolve("out.wav");
        WavWriter.writePcm16(file, clip);
        assertThat(Files.size(file)).isEqualTo(44 + 2L * clip.frames());
        AudioClip back = WavReader.read(file);
        assertThat(back.sampleRate()).isEqualTo(16000);
        assertThat(back.frames()).isEqualTo(clip.frames());
        for (int i = 0; i < clip.frames(); i++) {
            assertThat(back.samples()[i]).isCloseTo(clip.samples()[i], within(1f / 32768f));
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(WavWriter.encodePcm16(clip));
    }

    @Test
    void javaSoundReadsWhatWeWrite() throws Exception {
        AudioClip clip = ramp(1000, 8000);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(
                new ByteArrayInputStream(WavWriter.encodePcm16(clip)))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(8000f);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(in.getFrameLength()).isEqualTo(1000);
        }
    }

    @Test
    void readsFilesWrittenByJavaSound() throws Exception {
        // Cross-check with an independent writer: 16-bit stereo little-endian PCM.
        byte[] pcm = new byte[8];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 16384).putShort((short) 0)
                .putShort((short) -32768).putShort((short) -32768);
        AudioFormat format = new AudioFormat(44100f, 16, 2, true, false);
        Path file = dir.resolve("javasound.wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, 2)) {
            AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        }
        AudioClip clip = WavReader.read(file);
        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.samples()).containsExactly(0.25f, -1f);
    }

    @Test
    void emptyClipGivesHeaderOnly() {
        assertThat(WavWriter.encodePcm16(new AudioClip(new float[0], 16000))).hasSize(44);
    }

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemp() throws IOException {
        Path file = dir.resolve("keep.wav");
        WavWriter.writePcm16(file, ramp(100, 16000));
        byte[] before = Files.readAllBytes(file);
        // A failure during the write itself is covered by AtomicFilesTest; here the target
        // folder has vanished, and the message must still name the file.
        Path gone = dir.resolve("gone");
        Files.createDirectory(gone);
        Files.delete(gone);
        assertThatThrownBy(() -> WavWriter.writePcm16(gone.resolve("x.wav"), ramp(10, 16000)))
                .isInstanceOf(IOException.class).hasMessageContaining("x.wav");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.wav");
        }
    }
}
