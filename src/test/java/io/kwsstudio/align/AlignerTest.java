package io.kwsstudio.align;

import static io.kwsstudio.align.SyntheticSpeech.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kwsstudio.audio.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where each mode puts the word, and that a word that fits is never cut. */
class AlignerTest {

    private static final double TOLERANCE_MS = 10;

    private static SyntheticSpeech.Placed noisyWord(int clipMs, int atMs, double wordMs) {
        SyntheticSpeech.Word w = SyntheticSpeech.word(SyntheticSpeech.voiced(wordMs, 140, 0.5,
                RATE));
        return SyntheticSpeech.withNoise(SyntheticSpeech.place(w, SyntheticSpeech.ms(clipMs, RATE),
                SyntheticSpeech.ms(atMs, RATE), RATE), 20, true, clipMs + atMs);
    }

    /** Where the true word lies in the output. */
    private static int[] trueSpanInOutput(SyntheticSpeech.Placed p, Alignment a) {
        return new int[] {p.onset() + a.shiftSamples(), p.offset() + a.shiftSamples()};
    }

    @ParameterizedTest(name = "input {0} ms, word at {1} ms")
    @CsvSource({"1000, 40", "1000, 500", "600, 250", "2000, 1300", "1500, 10"})
    void onsetModePutsTheWordAtTheOffsetAndKeepsTheLength(int clipMs, int atMs) {
        SyntheticSpeech.Placed p = noisyWord(clipMs, atMs, 350);
        Aligner aligner = new Aligner(AlignSettings.defaults());

        Alignment a = aligner.align(p.clip());

        assertThat(a.aligned().frames()).isEqualTo(RATE);
        assertThat(a.aligned().sampleRate()).isEqualTo(RATE);
        assertThat(a.silent()).isFalse();
        assertThat(a.wordCut()).isFalse();
        int[] span = trueSpanInOutput(p, a);
        assertThat(span[0] * 1000.0 / RATE).isCloseTo(100, within(TOLERANCE_MS));
        assertThat(a.boundsInAligned().onset()).isEqualTo(SyntheticSpeech.ms(100, RATE));
        // The output really is the input moved by shiftSamples.
        float[] in = p.clip().samples();
        float[] out = a.aligned().samples();
        for (int i = 0; i < out.length; i += 97) {
            int j = i - a.shiftSamples();
            assertThat(out[i]).isEqualTo(j >= 0 && j < in.length ? in[j] : 0f);
        }
    }

    @Test
    void aWordThatWouldNotFitAtTheOffsetIsMovedEarlierNotCut() {
        // 850 ms word: at 100 ms it would end at 950 ms plus its detected tail; the rule moves
        // it earlier so all of it stays in the clip.
        SyntheticSpeech.Placed p = noisyWord(2000, 700, 880);
        Aligner aligner = new Aligner(new AlignSettings(AlignMode.ONSET, 1000, 300));

        Alignment a = aligner.align(p.clip());

        int[] span = trueSpanInOutput(p, a);
        assertThat(a.wordCut()).isFalse();
        assertThat(span[0]).isGreaterThanOrEqualTo(0).isLessThan(SyntheticSpeech.ms(300, RATE));
        assertThat(span[1]).isLessThanOrEqualTo(RATE);
        assertThat(a.boundsInAligned().offset()).isLessThanOrEqualTo(RATE);
    }

    @Test
    void aWordLongerThanTheClipKeepsItsStartAndIsFlagged() {
        SyntheticSpeech.Placed p = noisyWord(2000, 300, 1300);
        Aligner aligner = new Aligner(AlignSettings.defaults());

        Alignment a = aligner.align(p.clip());

        assertThat(a.wordCut()).isTrue();
        assertThat(a.aligned().frames()).isEqualTo(RATE);
        assertThat(trueSpanInOutput(p, a)[0] * 1000.0 / RATE).isCloseTo(0, within(TOLERANCE_MS));
    }

    @ParameterizedTest(name = "input {0} ms, word at {1} ms")
    @CsvSource({"1000, 40", "1800, 1200", "700, 100"})
    void centreModeCentresTheWord(int clipMs, int atMs) {
        SyntheticSpeech.Placed p = noisyWord(clipMs, atMs, 400);
        Aligner aligner = new Aligner(new AlignSettings(AlignMode.CENTRE, 1000, 0));

        Alignment a = aligner.align(p.clip());

        int[] span = trueSpanInOutput(p, a);
        double centreMs = (span[0] + span[1]) / 2.0 * 1000 / RATE;
        // The detected end carries the hangover, so the centre sits up to half of it early.
        assertThat(centreMs).isCloseTo(500 - OnsetDetector.Settings.defaults().hangoverMs() / 2.0,
                within(TOLERANCE_MS));
        assertThat(a.aligned().frames()).isEqualTo(RATE);
    }

    @Test
    void aSilentClipIsOnlyPaddedOrTrimmed() {
        float[] quiet = new float[SyntheticSpeech.ms(700, RATE)];
        quiet[5] = 1e-4f;
        Aligner aligner = new Aligner(AlignSettings.defaults());

        Alignment padded = aligner.align(new AudioClip(quiet, RATE));
        Alignment trimmed = aligner.align(new AudioClip(new float[2 * RATE], RATE));

        assertThat(padded.silent()).isTrue();
        assertThat(padded.shiftSamples()).isZero();
        assertThat(padded.aligned().frames()).isEqualTo(RATE);
        assertThat(padded.aligned().samples()[5]).isEqualTo(1e-4f);
        assertThat(trimmed.silent()).isTrue();
        assertThat(trimmed.aligned().frames()).isEqualTo(RATE);
    }

    @Test
    void loudestModeIsTheReferenceWindowPlusAWordCheck() {
        SyntheticSpeech.Placed p = noisyWord(2000, 1000, 400);
        Aligner aligner = new Aligner(new AlignSettings(AlignMode.LOUDEST, 1000, 100));

        Alignment a = aligner.align(p.clip());
        Alignment reference = LoudestWindow.extract(p.clip(), RATE);

        assertThat(a.aligned()).isEqualTo(reference.aligned());
        assertThat(a.shiftSamples()).isEqualTo(reference.shiftSamples());
        assertThat(a.bounds().speechFound()).isTrue();
        assertThat(a.wordCut()).isFalse();
    }

    @Test
    void loudestModeFlagsAWordTheWindowCuts() {
        // A 700 ms word cannot fit in a 500 ms loudest window; the reference rule cannot tell.
        SyntheticSpeech.Placed p = noisyWord(2000, 500, 700);
        Aligner aligner = new Aligner(new AlignSettings(AlignMode.LOUDEST, 500, 100));

        Alignment a = aligner.align(p.clip());

        assertThat(a.aligned().frames()).isEqualTo(SyntheticSpeech.ms(500, RATE));
        assertThat(a.wordCut()).isTrue();
    }

    @Test
    void loudestModePadsShortClipsAtTheEnd() {
        SyntheticSpeech.Placed p = noisyWord(600, 100, 300);
        Aligner aligner = new Aligner(new AlignSettings(AlignMode.LOUDEST, 1000, 100));

        Alignment a = aligner.align(p.clip());

        assertThat(a.aligned().frames()).isEqualTo(RATE);
        assertThat(a.shiftSamples()).isZero();
        assertThat(a.aligned().samples()[p.onset() + 100]).isEqualTo(
                p.clip().samples()[p.onset() + 100]);
        assertThat(a.aligned().samples()[RATE - 1]).isZero();
    }

    @Test
    void worksAtTheClipsOwnSampleRate() {
        int rate = 44100;
        SyntheticSpeech.Placed p = SyntheticSpeech.withNoise(SyntheticSpeech.place(
                SyntheticSpeech.tone(rate), rate, SyntheticSpeech.ms(400, rate), rate), 20, false,
                3);

        Alignment a = new Aligner(AlignSettings.defaults()).align(p.clip());

        assertThat(a.aligned().frames()).isEqualTo(rate);
        assertThat((p.onset() + a.shiftSamples()) * 1000.0 / rate).isCloseTo(100,
                within(TOLERANCE_MS));
    }

    @Test
    void settingsAreValidatedAndConvertToSamples() {
        AlignSettings d = AlignSettings.defaults();

        assertThat(d).isEqualTo(new AlignSettings(AlignMode.ONSET, 1000, 100));
        assertThat(d.clipSamples(16000)).isEqualTo(16000);
        assertThat(d.offsetSamples(44100)).isEqualTo(4410);
        assertThatThrownBy(() -> new AlignSettings(AlignMode.ONSET, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlignSettings(AlignMode.ONSET, 1000, 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlignSettings(AlignMode.ONSET, 1000, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placementRule() {
        assertThat(Placement.wordStart(AlignMode.ONSET, 300, 1000, 100)).isEqualTo(100);
        assertThat(Placement.wordStart(AlignMode.ONSET, 950, 1000, 100)).isEqualTo(50);
        assertThat(Placement.wordStart(AlignMode.ONSET, 1200, 1000, 100)).isZero();
        assertThat(Placement.wordStart(AlignMode.CENTRE, 400, 1000, 100)).isEqualTo(300);
        assertThat(Placement.wordStart(AlignMode.CENTRE, 1400, 1000, 100)).isZero();
        assertThat(Placement.shifted(new float[] {1, 2, 3, 4}, 2, 5, 0, 4))
                .containsExactly(0, 0, 1, 2, 3);
        assertThat(Placement.shifted(new float[] {1, 2, 3, 4}, -1, 5, 0, 3))
                .containsExactly(2, 3, 0, 0, 0);
    }
}
