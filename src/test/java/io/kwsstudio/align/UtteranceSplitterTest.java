package io.kwsstudio.align;

import static io.kwsstudio.align.SyntheticSpeech.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Long takes built from word-like bursts at known places, with clicks to ignore. */
class UtteranceSplitterTest {

    private static final int HANGOVER_MS = OnsetDetector.Settings.defaults().hangoverMs();

    /** A take and the true spans of its utterances. */
    private record Take(AudioClip clip, List<int[]> spans) {
    }

    /**
     * {@code count} bursts (tone, fricative onset or closure-gap words, 200-600 ms) separated by
     * random pauses of {@code minPauseMs}..{@code maxPauseMs}, a 20 ms click in the middle of
     * one long pause, in pink noise 20 dB below the words.
     */
    private static Take take(int count, int minPauseMs, int maxPauseMs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<float[]> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(switch (i % 3) {
                case 0 -> SyntheticSpeech.voiced(200 + rng.nextInt(400), 100 + rng.nextInt(150),
                        0.3 + 0.4 * rng.nextDouble(), RATE);
                case 1 -> SyntheticSpeech.fricativeOnset(RATE).samples();
                default -> SyntheticSpeech.closureGap(RATE).samples();
            });
        }
        int clickAfter = count / 2;
        int[] pauses = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            pauses[i] = SyntheticSpeech.ms(minPauseMs + rng.nextInt(maxPauseMs - minPauseMs + 1),
                    RATE);
        }
        pauses[clickAfter] = SyntheticSpeech.ms(1200, RATE);  // room for the click
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += pauses[i] + words.get(i).length;
        }
        n += pauses[count];
        float[] x = new float[n];
        List<int[]> spans = new ArrayList<>();
        int at = 0;
        int clickAt = -1;
        for (int i = 0; i < count; i++) {
            if (i == clickAfter) {
                clickAt = at + pauses[i] / 2;
            }
            at += pauses[i];
            float[] w = words.get(i);
            System.arraycopy(w, 0, x, at, w.length);
            spans.add(new int[] {at, at + w.length});
            at += w.length;
        }
        float[] noise = NoiseSignals.pink(n, rng);
        double wordRms = 0.1;
        for (int i = 0; i < n; i++) {
            x[i] += (float) (wordRms * 0.1 * noise[i]);
        }
        for (int i = clickAt; i < clickAt + SyntheticSpeech.ms(20, RATE); i++) {
            x[i] += (float) (0.6 * NoiseSignals.gaussian(rng));
        }
        return new Take(new AudioClip(x, RATE), spans);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void findsEveryUtteranceWithItsBoundsAndIgnoresTheClick(long seed) {
        Take t = take(9, 260, 900, seed);
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(),
                1000, AlignMode.ONSET, 100);

        List<UtteranceSplitter.Utterance> found = splitter.split(t.clip());

        assertThat(found).hasSize(t.spans().size());
        for (int i = 0; i < found.size(); i++) {
            UtteranceSplitter.Utterance u = found.get(i);
            int[] truth = t.spans().get(i);
            assertThat(ms(u.start())).as("start of %d", i).isCloseTo(ms(truth[0]), within(15.0));
            assertThat(ms(u.end()) - HANGOVER_MS).as("end of %d", i)
                    .isCloseTo(ms(truth[1]), within(15.0));
            assertThat(u.clip().frames()).isEqualTo(RATE);
            assertThat(u.wordCut()).isFalse();
        }
    }

    @Test
    void eachClipHoldsTheWordAtTheOffsetAndNothingOfItsNeighbours() {
        Take t = take(6, 260, 300, 7);
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(),
                new AlignSettings(AlignMode.ONSET, 1000, 100));
        float[] x = t.clip().samples();

        List<UtteranceSplitter.Utterance> found = splitter.split(t.clip());

        assertThat(found).hasSize(6);
        int offset = SyntheticSpeech.ms(100, RATE);
        for (int i = 0; i < found.size(); i++) {
            UtteranceSplitter.Utterance u = found.get(i);
            float[] c = u.clip().samples();
            // The detected word is copied unchanged to start at the offset.
            for (int k = 0; k < u.end() - u.start(); k += 7) {
                assertThat(c[offset + k]).isEqualTo(x[u.start() + k]);
            }
            // With ~300 ms pauses a 1 s window reaches into the next word: that part is silence.
            if (i + 1 < found.size()) {
                int nextInClip = found.get(i + 1).start() - u.start() + offset;
                if (nextInClip < c.length) {
                    for (int k = nextInClip; k < c.length; k++) {
                        assertThat(c[k]).isZero();
                    }
                }
            }
        }
    }

    @Test
    void centreModeCentresEachWord() {
        Take t = take(4, 600, 900, 5);
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(),
                1000, AlignMode.CENTRE, 0);

        List<UtteranceSplitter.Utterance> found = splitter.split(t.clip());

        assertThat(found).hasSize(4);
        for (UtteranceSplitter.Utterance u : found) {
            int length = u.end() - u.start();
            int start = (RATE - length) / 2;
            assertThat(u.clip().samples()[start + length / 2])
                    .isEqualTo(t.clip().samples()[u.start() + length / 2]);
        }
    }

    @Test
    void aMinutesLongTakeIsSplitQuickly() {
        Take t = take(80, 300, 1200, 11);
        assertThat(t.clip().durationSeconds()).isGreaterThan(60);
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(),
                1000, AlignMode.ONSET, 100);
        List<Long> progress = new ArrayList<>();

        long start = System.nanoTime();
        List<UtteranceSplitter.Utterance> found = splitter.split(t.clip(),
                (done, total, message) -> progress.add(done), CancellationToken.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(found).hasSize(80);
        assertThat(progress).isNotEmpty();
        assertThat(seconds).isLessThan(5.0);
    }

    @Test
    void aShortPauseKeepsTwoBurstsTogether() {
        float[] w = SyntheticSpeech.voiced(200, 150, 0.5, RATE);
        float[] x = new float[RATE * 2];
        System.arraycopy(w, 0, x, 4000, w.length);
        System.arraycopy(w, 0, x, 4000 + w.length + SyntheticSpeech.ms(150, RATE), w.length);
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(),
                1000, AlignMode.ONSET, 100);

        assertThat(splitter.split(new AudioClip(x, RATE))).hasSize(1);
    }

    @Test
    void silenceGivesNoUtterances() {
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(),
                1000, AlignMode.ONSET, 100);

        assertThat(splitter.split(new AudioClip(new float[5 * RATE], RATE))).isEmpty();
        assertThat(splitter.split(new AudioClip(new float[0], RATE))).isEmpty();
    }

    @Test
    void stopsWhenCancelled() {
        Take t = take(5, 300, 600, 2);
        UtteranceSplitter splitter = new UtteranceSplitter(OnsetDetector.Settings.defaults(),
                1000, AlignMode.ONSET, 100);
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();

        assertThatThrownBy(() -> splitter.split(t.clip(), ProgressListener.NONE, cancel))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void rejectsLoudestAndBadLimits() {
        OnsetDetector.Settings d = OnsetDetector.Settings.defaults();
        assertThatThrownBy(() -> new UtteranceSplitter(d, 1000, AlignMode.LOUDEST, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UtteranceSplitter(d, 1000, AlignMode.ONSET, 100, 0, 80))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UtteranceSplitter(d, 1000, AlignMode.ONSET, 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UtteranceSplitter.Utterance(5, 4,
                new AudioClip(new float[1], RATE))).isInstanceOf(IllegalArgumentException.class);
    }

    private static double ms(int samples) {
        return samples * 1000.0 / RATE;
    }
}
