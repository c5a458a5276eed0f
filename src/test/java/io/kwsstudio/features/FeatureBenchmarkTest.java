package io.kwsstudio.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void reportsAPositiveRateForTheClipsItTimed() {
        FeatureBenchmark.Result r = FeatureBenchmark.run(FeatureConfig.defaults(), 40, 2, 0, 1);
        assertThat(r.clips()).isEqualTo(40);
        assertThat(r.threads()).isEqualTo(2);
        assertThat(r.seconds()).isPositive();
        assertThat(r.clipsPerSecond()).isEqualTo(40 / r.seconds());
        assertThat(r.toString()).contains("mfcc 98x40, 2 thread(s)").contains("clips/s");
    }

    @Test
    void writesTheFeaturesOfAnNpyClipForTheNumpyParityCheck() throws Exception {
        float[] clip = ReferenceFeatures.speechLike(16000, 16000, 77);
        Path in = dir.resolve("clip.npy");
        Path out = dir.resolve("java_mfcc.npy");
        NpyWriter.write(in, clip);
        FeatureBenchmark.main(new String[] {"--features-of", in.toString(), out.toString()});
        NpyReader.Array features = NpyReader.read(out);
        assertThat(features.shape()).containsExactly(98, 40);
        assertThat(features.data()).isEqualTo(new FeatureExtractor(FeatureConfig.defaults()).extract(clip));
    }
}
