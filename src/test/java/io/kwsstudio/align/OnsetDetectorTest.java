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
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Word bounds on synthetic words with known positions, in white and pink noise. */
class OnsetDetectorTest {

    private static final double TOLERANCE_MS = 15;
    private static final int HANGOVER_MS = OnsetDetector.Settings.defaults().hangoverMs();
    private final OnsetDetector detector = new OnsetDetector();

    static Stream<Arguments> words() {
        List<Arguments> out = new ArrayList<>();
        String[] names = {"tone burst", "fricative onset", "60 ms closure gap"};
        List<IntFunction<SyntheticSpeech.Word>> makers = List.of(SyntheticSpeech::tone,
                SyntheticSpeech::fricativeOnset, SyntheticSpeech::closureGap);
        for (int w = 0; w < names.length; w++) {
            for (double snr : new double[] {20, 10}) {
                for (boolean pink : new boolean[] {false, true}) {
                    out.add(Arguments.of(names[w], makers.get(w), snr, pink));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {2} dB SNR, pink={3}")
    @MethodSource("words")
    void findsOnsetAndOffsetWithin15Ms(String name, IntFunction<SyntheticSpeech.Word> maker,
            double snr, boolean pink) {
        SyntheticSpeech.Word word = maker.apply(RATE);
        for (int trial = 0; trial < 6; trial++) {
            int at = SyntheticSpeech.ms(40 + 90 * trial, RATE);
            SyntheticSpeech.Placed p = SyntheticSpeech.withNoise(
                    SyntheticSpeech.place(word, RATE, at, RATE), snr, pink, 100 + trial);

            WordBounds b = detector.detect(p.clip());

            assertThat(b.speechFound()).as("trial %d", trial).isTrue();
            assertThat(ms(b.onset())).as("onset, trial %d", trial)
                    .isCloseTo(p.onsetMs(), within(TOLERANCE_MS));
            // The detector adds a hangover after the end it measured.
            assertThat(ms(b.offset()) - HANGOVER_MS).as("offset, trial %d", trial)
                    .isCloseTo(p.offsetMs(), within(TOLERANCE_MS));
        }
    }

    @Test
    void closureGapDoesNotSplitTheWord() {
        SyntheticSpeech.Placed p = SyntheticSpeech.withNoise(SyntheticSpeech.place(
                SyntheticSpeech.closureGap(RATE), RATE, 3000, RATE), 20, false, 5);

        List<WordBounds> all = detector.detectAll(p.clip());

        assertThat(all).hasSize(1);
    }

    @Test
    void digitalSilenceIsNotSpeech() {
        WordBounds b = detector.detect(new AudioClip(new float[RATE], RATE));

        assertThat(b.speechFound()).isFalse();
        assertThat(b.onset()).isZero();
        assertThat(b.offset()).isZero();
        assertThat(b.noiseFloorDb()).isEqualTo(WordBounds.MIN_DB);
    }

    @ParameterizedTest(name = "pink={0}")
    @ValueSource(booleans = {false, true})
    void pureNoiseIsNotSpeech(boolean pink) {
        for (int seed = 0; seed < 10; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            float[] noise = pink ? NoiseSignals.pink(RATE, rng) : NoiseSignals.white(RATE, rng);
            double gain = Math.pow(10, (-70 + 6 * seed) / 20.0);  // -70 .. -16 dBFS
            for (int i = 0; i < noise.length; i++) {
                noise[i] *= (float) gain;
            }

            WordBounds b = detector.detect(new AudioClip(noise, RATE));

            assertThat(b.speechFound()).as("seed %d", seed).isFalse();
            assertThat(b.noiseFloorDb()).isCloseTo(20 * Math.log10(gain), within(3.0));
        }
    }

    @Test
    void aShortClickIsNotAWord() {
        float[] x = new float[RATE];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.001 * NoiseSignals.gaussian(rng));
        }
        for (int i = 8000; i < 8000 + SyntheticSpeech.ms(20, RATE); i++) {
            x[i] += (float) (0.5 * NoiseSignals.gaussian(rng));
        }

        assertThat(detector.detect(new AudioClip(x, RATE)).speechFound()).isFalse();
    }

    @Test
    void levelsAreTheNoiseAndWordRms() {
        SyntheticSpeech.Placed clean = SyntheticSpeech.place(SyntheticSpeech.tone(RATE), RATE,
                4000, RATE);
        SyntheticSpeech.Placed p = SyntheticSpeech.withNoise(clean, 20, false, 9);
        double wordDb = 20 * Math.log10(SyntheticSpeech.rms(clean.clip().samples(), p.onset(),
                p.offset()));

        WordBounds b = detector.detect(p.clip());

        assertThat(b.speechLevelDb()).isCloseTo(wordDb, within(2.0));
        assertThat(b.noiseFloorDb()).isCloseTo(wordDb - 20, within(3.0));
        assertThat(b.snrDb()).isCloseTo(20, within(4.0));
    }

    @Test
    void picksTheLoudestOfSeveralSoundsAndListsThemAllInOrder() {
        float[] x = new float[2 * RATE];
        float[] quiet = SyntheticSpeech.voiced(200, 180, 0.05, RATE);
        float[] loud = SyntheticSpeech.voiced(300, 140, 0.5, RATE);
        System.arraycopy(quiet, 0, x, 3200, quiet.length);
        System.arraycopy(loud, 0, x, 16000, loud.length);
        AudioClip clip = SyntheticSpeech.withNoise(new SyntheticSpeech.Placed(
                new AudioClip(x, RATE), 16000, 16000 + loud.length), 30, false, 2).clip();

        WordBounds word = detector.detect(clip);
        List<WordBounds> all = detector.detectAll(clip);

        assertThat(ms(word.onset())).isCloseTo(1000, within(TOLERANCE_MS));
        assertThat(all).hasSize(2);
        assertThat(ms(all.get(0).onset())).isCloseTo(200, within(TOLERANCE_MS));
        assertThat(all.get(1).onset()).isEqualTo(word.onset());
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {8000, 22050, 44100})
    void worksAtOtherSampleRates(int rate) {
        SyntheticSpeech.Placed p = SyntheticSpeech.withNoise(SyntheticSpeech.place(
                SyntheticSpeech.fricativeOnset(rate), rate, SyntheticSpeech.ms(300, rate), rate),
                20, true, 4);

        WordBounds b = detector.detect(p.clip());

        assertThat(b.onsetSeconds(rate) * 1000).isCloseTo(300, within(TOLERANCE_MS));
        assertThat(b.offsetSeconds(rate) * 1000 - HANGOVER_MS)
                .isCloseTo(p.offsetMs(), within(TOLERANCE_MS));
    }

    @Test
    void wordAtTheVeryStartAndEnd() {
        SyntheticSpeech.Word w = SyntheticSpeech.tone(RATE);
        SyntheticSpeech.Placed start = SyntheticSpeech.withNoise(
                SyntheticSpeech.place(w, RATE, 0, RATE), 20, false, 1);
        SyntheticSpeech.Placed end = SyntheticSpeech.withNoise(
                SyntheticSpeech.place(w, RATE, RATE - w.length(), RATE), 20, false, 1);

        WordBounds b1 = detector.detect(start.clip());
        WordBounds b2 = detector.detect(end.clip());

        assertThat(ms(b1.onset())).isLessThan(TOLERANCE_MS);
        assertThat(b2.offset()).isEqualTo(RATE);
        assertThat(ms(b2.onset())).isCloseTo(end.onsetMs(), within(TOLERANCE_MS));
    }

    @Test
    void emptyAndTinyClips() {
        assertThat(detector.detect(new AudioClip(new float[0], RATE)).speechFound()).isFalse();
        assertThat(detector.detect(new AudioClip(new float[] {0.5f, -0.5f}, RATE)).speechFound())
                .isFalse();
    }

    @Test
    void followsANoiseFloorThatChangesInALongTake() {
        // 30 s: quiet first half, 20 dB louder second half, a word in each half at 10 dB SNR
        // against the local noise. A single floor for the whole take would miss the first word
        // (or take the loud half for speech).
        int n = 30 * RATE;
        float[] x = new float[n];
        SplittableRandom rng = new SplittableRandom(8);
        float[] noise = NoiseSignals.pink(n, rng);
        float[] word = SyntheticSpeech.voiced(300, 160, 1.0, RATE);
        double wordRms = SyntheticSpeech.rms(word, 0, word.length);
        for (int i = 0; i < n; i++) {
            double level = i < n / 2 ? 0.001 : 0.01;
            x[i] = (float) (level * noise[i]);
        }
        int[] at = {5 * RATE, 25 * RATE};
        for (int k = 0; k < 2; k++) {
            double level = k == 0 ? 0.001 : 0.01;
            double gain = level * Math.pow(10, 10 / 20.0) / wordRms;
            for (int i = 0; i < word.length; i++) {
                x[at[k] + i] += (float) (gain * word[i]);
            }
        }

        List<WordBounds> all = detector.detectAll(new AudioClip(x, RATE));

        assertThat(all).hasSize(2);
        assertThat(all.get(0).onset() / (double) RATE).isCloseTo(5.0, within(0.015));
        assertThat(all.get(1).onset() / (double) RATE).isCloseTo(25.0, within(0.015));
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        AudioClip take = new AudioClip(new float[60 * RATE], RATE);
        List<Long> done = new ArrayList<>();
        detector.detectAll(take, (d, total, message) -> done.add(d), CancellationToken.NONE);
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();

        assertThat(done).isNotEmpty().isSorted();
        assertThatThrownBy(() -> detector.detectAll(take, ProgressListener.NONE, cancel))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void settingsAreValidated() {
        OnsetDetector.Settings d = OnsetDetector.Settings.defaults();
        assertThatThrownBy(() -> new OnsetDetector.Settings(2, 4, 6, 3, 45, 10, 50, 200, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OnsetDetector.Settings(4, 2, 2, 3, 45, 10, 50, 200, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OnsetDetector.Settings(4, 2, 6, 3, 3, 10, 50, 200, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OnsetDetector.Settings(4, 2, 6, 3, 45, 0, 50, 200, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OnsetDetector.Settings(4, 2, 6, 3, 45, 10, -1, 200, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withMaxGapMs(99).maxGapMs()).isEqualTo(99);
        assertThat(d.withMinSpeechMs(7).minSpeechMs()).isEqualTo(7);
        assertThat(d.withMaxGapMs(99).startDb()).isEqualTo(d.startDb());
    }

    @Test
    void wordBoundsHelpers() {
        WordBounds b = new WordBounds(1600, 4800, -60, -20, true);

        assertThat(b.lengthSamples()).isEqualTo(3200);
        assertThat(b.onsetSeconds(16000)).isEqualTo(0.1);
        assertThat(b.snrDb()).isEqualTo(40);
        assertThat(b.shifted(-100).onset()).isEqualTo(1500);
        assertThatThrownBy(() -> new WordBounds(10, 5, 0, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double ms(int samples) {
        return samples * 1000.0 / RATE;
    }
}
