package io.kwsstudio.cli;

import io.kwsstudio.features.FeatureConfig;
import io.kwsstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FeaturesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printConfigGivesTheDefaultsAsJson() {
        DatasetCommandTest.Result r = DatasetCommandTest.run("features", "--print-config");
        assertThat(r.code()).isZero();
        assertThat(FeatureConfig.fromJson(r.out())).isEqualTo(FeatureConfig.defaults());
    }

    @Test
    void writesNpyArraysKeepingTheFolderLayoutAndPngs() throws Exception {
        Path root = Fixtures.smallDataset(tmp.resolve("ds"));
        Path cfg = Files.writeString(tmp.resolve("cfg.json"), "{\"window_stride_ms\": 20, \"feature_bin_count\": 13}");
        Path out = tmp.resolve("out");
        DatasetCommandTest.Result r = DatasetCommandTest.run("features", root.toString(), "--config", cfg.toString(),
                "--out", out.toString(), "--png");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 6 feature arrays (49 x 13, mfcc)");
        Path npy = out.resolve("yes/0a7c2a8d_nohash_0.npy");
        byte[] bytes = Files.readAllBytes(npy);
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat(new String(bytes, 10, headerLen, StandardCharsets.US_ASCII)).contains("'shape': (49, 13)");
        assertThat(bytes.length - 10 - headerLen).isEqualTo(49 * 13 * 4);
        float first = ByteBuffer.wrap(bytes, 10 + headerLen, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isFinite();
        assertThat(out.resolve("yes/0a7c2a8d_nohash_0.png")).exists();
        assertThat(out.resolve("_background_noise_/hum.npy")).exists();
    }

    @Test
    void badFilesAndConfigsAreNamed() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.wav"), "nope");
        DatasetCommandTest.Result r = DatasetCommandTest.run("features", bad.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.wav");
        Path cfg = Files.writeString(tmp.resolve("c.json"), "{\"upper_frequency_limit\": 12000}");
        DatasetCommandTest.Result c = DatasetCommandTest.run("features", "--print-config", "--config", cfg.toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("c.json").contains("half the sample rate");
    }
}
