package io.kwsstudio.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseBankTest {

    @TempDir
    Path dir;

    /** A recording whose sample i is i / length: any slice shows where it came from. */
    private static float[] ramp(int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = i / (float) n;
        }
        return r;
    }

    @Test
    void loadsAndResamplesRecordings() throws IOException {
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        WavWriter.writePcm16(a, new AudioClip(Signals.noise(32000, 0.5, 1), 16000));
        WavWriter.writePcm16(b, new AudioClip(Signals.noise(8000, 0.5, 2), 8000));

        NoiseBank bank = NoiseBank.load(List.of(a, b), 16000);

        assertThat(bank.size()).isEqualTo(2);
        assertThat(bank.isEmpty()).isFalse();
        assertThat(bank.sampleRate()).isEqualTo(16000);
        assertThat(bank.totalSeconds()).isCloseTo(3.0, within(1e-3));  // 2 s + 1 s resampled from 8 kHz
    }

    @Test
    void aFileThatIsNotAudioIsReportedByName() throws IOException {
        Path bad = Files.writeString(dir.resolve("broken.wav"), "not a wav file");
        Path empty = dir.resolve("empty.wav");
        WavWriter.writePcm16(empty, new AudioClip(new float[0], 16000));
        assertThatThrownBy(() -> NoiseBank.load(List.of(bad), 16000))
                .isInstanceOf(IOException.class).hasMessageContaining("broken.wav");
        assertThatThrownBy(() -> NoiseBank.load(List.of(empty), 16000))
                .isInstanceOf(IOException.class).hasMessageContaining("empty.wav");
    }

    @Test
    void loadingReportsProgressAndStopsWhenCancelled() throws IOException {
        Path a = dir.resolve("a.wav");
        WavWriter.writePcm16(a, new AudioClip(Signals.noise(1600, 0.5, 1), 16000));
        List<String> messages = new java.util.ArrayList<>();
        NoiseBank.load(List.of(a, a), 16000, (done, total, msg) -> messages.add(done + "/" + total), CancellationToken.NONE);
        assertThat(messages).containsExactly("0/2", "1/2", "2/2");

        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        assertThatThrownBy(() -> NoiseBank.load(List.of(a), 16000, ProgressListener.NONE, cancel))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void aSliceIsAContiguousPieceOfOneRecording() {
        NoiseBank bank = NoiseBank.of(List.of(new AudioClip(ramp(5000), 16000)), 16000);
        Random rnd = new Random(1);
        float[] out = new float[1000];
        Set<Float> starts = new HashSet<>();
        for (int t = 0; t < 50; t++) {
            bank.randomSlice(rnd, out);
            for (int i = 1; i < out.length; i++) {
                assertThat(out[i] - out[i - 1]).isCloseTo(1f / 5000, within(1e-6f));
            }
            assertThat(out[out.length - 1]).isLessThanOrEqualTo(4999f / 5000);
            starts.add(out[0]);
        }
        assertThat(starts.size()).as("offsets are random").isGreaterThan(40);
    }

    @Test
    void recordingsAreChosenUniformly() {
        float[] ones = new float[100];
        java.util.Arrays.fill(ones, 1f);
        NoiseBank bank = NoiseBank.of(List.of(new AudioClip(ones, 16000), new AudioClip(new float[100000], 16000)), 16000);
        Random rnd = new Random(2);
        float[] out = new float[10];
        int fromShort = 0;
        for (int t = 0; t < 2000; t++) {
            bank.randomSlice(rnd, out);
            fromShort += out[0] == 1f ? 1 : 0;
        }
        // Not weighted by length: the 100-sample file is picked about half the time.
        assertThat(fromShort).isBetween(900, 1100);
    }

    @Test
    void aRecordingShorterThanTheSliceIsRepeated() {
        NoiseBank bank = NoiseBank.of(List.of(new AudioClip(new float[] {1, 2, 3}, 16000)), 16000);
        float[] out = new float[8];
        bank.randomSlice(new Random(3), out);
        for (int i = 1; i < out.length; i++) {
            assertThat(out[i]).isEqualTo(out[i - 1] == 3 ? 1 : out[i - 1] + 1);
        }
    }

    @Test
    void anEmptyBankSaysSo() {
        assertThat(NoiseBank.empty().isEmpty()).isTrue();
        assertThat(NoiseBank.empty().size()).isZero();
        assertThatThrownBy(() -> NoiseBank.empty().randomSlice(new Random(), new float[4]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no background noise");
    }

    @Test
    void recordingsMustMatchTheBankRate() {
        assertThatThrownBy(() -> NoiseBank.of(List.of(new AudioClip(new float[10], 8000)), 16000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8000 Hz");
    }
}
