package io.kwsstudio.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kwsstudio.audio.AudioClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's own arithmetic, and a small end-to-end run when espeak-ng is installed. */
class AlignBenchmarkTest {

    @Test
    void mixHitsTheRequestedSnrOverTheWord() {
        float[] samples = SyntheticSpeech.voiced(300, 150, 1.0, AlignBenchmark.RATE);
        AlignBenchmark.Word w = new AlignBenchmark.Word("ah", AlignBenchmark.VOICES.get(0),
                samples, 0, samples.length);
        float[] noise = NoiseSignals.white(5 * AlignBenchmark.RATE, new SplittableRandom(1));

        AlignBenchmark.Mix m = AlignBenchmark.mix(w, 0.1, noise, 10, AlignBenchmark.RATE,
                new SplittableRandom(2));

        float[] x = m.samples();
        double wordPower = 0;
        for (int i = m.onset(); i < m.offset(); i++) {
            double v = 0.1 * samples[i - m.onset()];
            wordPower += v * v;
        }
        wordPower /= m.offset() - m.onset();
        double noisePower = 0;
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (i < m.onset() || i >= m.offset()) {
                noisePower += (double) x[i] * x[i];
                count++;
            }
        }
        noisePower /= count;
        assertThat(10 * Math.log10(wordPower / noisePower)).isCloseTo(10, within(0.5));
        assertThat(m.offset() - m.onset()).isEqualTo(samples.length);
    }

    @Test
    void prepareFindsTheTrueBoundsAtOnePercentOfThePeak() throws IOException {
        float[] x = new float[4000];
        for (int i = 1000; i < 3000; i++) {
            x[i] = (float) (0.5 * Math.sin(i * 0.2));
        }
        x[990] = 0.004f;  // below 1 % of the peak: not part of the word
        x[995] = 0.006f;  // above: the word starts here

        AlignBenchmark.Word w = AlignBenchmark.prepare("ah", AlignBenchmark.VOICES.get(0),
                new AudioClip(x, AlignBenchmark.RATE));

        int peakIndex = 0;
        for (int i = 0; i < w.samples().length; i++) {
            if (Math.abs(w.samples()[i]) > Math.abs(w.samples()[peakIndex])) {
                peakIndex = i;
            }
        }
        assertThat(Math.abs(w.samples()[peakIndex])).isEqualTo(1f);
        assertThat(w.onset()).isEqualTo(AlignBenchmark.RATE / 50);  // the 20 ms margin
        assertThat(w.samples()[w.onset()]).isEqualTo(0.006f / 0.5f, within(1e-3f));
        assertThat(w.offset() - w.onset()).isEqualTo(3000 - 995);
    }

    @Test
    void statsCountMissesAsInfiniteErrors() {
        double[] errors = {1, -2, 3, -4, Double.POSITIVE_INFINITY};

        AlignBenchmark.ErrorStats s = AlignBenchmark.stats("x", 10, errors);

        assertThat(s.medianMs()).isEqualTo(3);
        assertThat(s.p95Ms()).isInfinite();
        assertThat(s.missedShare()).isEqualTo(0.2);
        assertThat(s.biasMs()).isEqualTo(-2);
        assertThat(AlignBenchmark.percentile(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2);
    }

    @Test
    void smallRunWithEspeak(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(espeakInstalled(), "espeak-ng is not installed");

        AlignBenchmark.Report report = AlignBenchmark.run(work, 24, 7);

        assertThat(report.onset()).hasSize(3);
        assertThat(report.alignment()).hasSize(3);
        assertThat(report.methods()).hasSize(3 * AlignBenchmark.METHODS.size());
        assertThat(report.noises()).containsExactly("white", "pink");
        AlignBenchmark.ErrorStats tenDb = report.onset().get(1);
        assertThat(tenDb.snrDb()).isEqualTo(10);
        assertThat(tenDb.medianMs()).isLessThanOrEqualTo(AlignBenchmark.TARGET_MEDIAN_MS);
        assertThat(report.table()).contains("| 10 dB |", "LOUDEST", "Tarsos", "Target at 10 dB");
        try (Stream<Path> files = Files.list(work.resolve("espeak"))) {
            assertThat(files.count()).isEqualTo(
                    (long) AlignBenchmark.WORDS.size() * AlignBenchmark.VOICES.size());
        }
        // The second run reuses the cached speech and gives the same numbers.
        assertThat(AlignBenchmark.run(work, 24, 7)).isEqualTo(report);
        assertThatThrownBy(() -> AlignBenchmark.run(work, 0, 7))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean espeakInstalled() {
        try {
            Process p = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
