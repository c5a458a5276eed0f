package io.kwsstudio.cli;

import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.testing.Fixtures;
import io.kwsstudio.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RecordCommandTest {
    @TempDir
    Path tmp;

    @Test
    void recordsTakesFromAWavStandingInForTheMicrophone() throws Exception {
        Path root = Fixtures.smallDataset(tmp.resolve("ds"));
        Path take = tmp.resolve("take.wav");
        WavWriter.writePcm16(take, Signals.bursts(6, 1.0, 0.4, 16000));
        DatasetCommandTest.Result r = DatasetCommandTest.run("record", "--label", "stop", "--count", "2", "--into", root.toString(),
                "--speaker", "Bob", "--from-wav", take.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("saved stop/bob_nohash_0.wav").contains("saved stop/bob_nohash_1.wav");
        assertThat(root.resolve("stop/bob_nohash_1.wav")).exists();
    }

    @Test
    void anInputThatEndsIsReported() throws Exception {
        Path root = Fixtures.smallDataset(tmp.resolve("ds"));
        Path take = tmp.resolve("short.wav");
        WavWriter.writePcm16(take, Fixtures.tone(0.2, 300, 16000, 0.1f));
        DatasetCommandTest.Result r = DatasetCommandTest.run("record", "--label", "stop", "--count", "3", "--into", root.toString(),
                "--from-wav", take.toString(), "--full-length");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("short.wav").contains("ended");
    }
}
