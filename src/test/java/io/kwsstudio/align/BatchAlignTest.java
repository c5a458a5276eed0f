package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.audio.WavWriter;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BatchAlignTest {
    @TempDir
    Path tmp;

    /** 1 s of low noise with a 250 ms voiced burst starting at {@code onset} seconds. */
    static AudioClip word(double onset, long seed) {
        Random rnd = new Random(seed);
        float[] s = new float[16000];
        for (int i = 0; i < s.length; i++) {
            double t = i / 16000.0;
            double v = rnd.nextGaussian() * 0.002;
            if (t >= onset && t < onset + 0.25) {
                double p = (t - onset) / 0.25;
                v += 0.4 * Math.sin(2 * Math.PI * 220 * t) * Math.sin(Math.PI * Math.min(1, p * 4)) * (p < 0.75 ? 1 : (1 - p) * 4);
            }
            s[i] = (float) v;
        }
        return new AudioClip(s, 16000);
    }

    static int firstLoud(AudioClip c) {
        for (int i = 0; i < c.frames(); i++) {
            if (Math.abs(c.samples()[i]) > 0.05) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void alignsALabelAsOneUndoableEdit() throws Exception {
        Path root = tmp.resolve("ds");
        Files.createDirectories(root.resolve("yes"));
        double[] onsets = {0.1, 0.45, 0.7};
        for (int i = 0; i < onsets.length; i++) {
            WavWriter.writePcm16(root.resolve("yes/s" + i + "_nohash_0.wav"), word(onsets[i], i));
        }
        WavWriter.writePcm16(root.resolve("yes/silent_nohash_0.wav"), new AudioClip(new float[16000], 16000));
        Dataset ds = Dataset.open(root);
        List<BatchAlign.Result> plan = BatchAlign.plan(ds, ds.clips("yes"), new AlignSettings(AlignMode.ONSET, 1000, 100),
                ProgressListener.NONE, CancellationToken.NONE);
        BatchAlign.Summary sum = BatchAlign.summarize(plan);
        assertThat(sum.clips()).isEqualTo(4);
        assertThat(sum.silent()).isEqualTo(1);
        assertThat(sum.wordCut()).isZero();
        // the dry run wrote nothing
        assertThat(firstLoud(WavReader.read(root.resolve("yes/s2_nohash_0.wav")))).isGreaterThan(11000);

        BatchAlign.apply(ds, plan, "Align yes");
        for (int i = 0; i < onsets.length; i++) {
            AudioClip a = WavReader.read(root.resolve("yes/s" + i + "_nohash_0.wav"));
            assertThat(a.frames()).isEqualTo(16000);
            assertThat(firstLoud(a)).as("clip %d", i).isBetween(1600 - 480, 1600 + 800);
        }
        assertThat(ds.undo()).contains("Align yes");
        assertThat(firstLoud(WavReader.read(root.resolve("yes/s2_nohash_0.wav")))).isGreaterThan(11000);
    }
}
