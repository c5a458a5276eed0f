package io.kwsstudio.augment;

import static io.kwsstudio.augment.Signals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kwsstudio.audio.AudioClip;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AugmenterTest {

    /** Only what a test switches on runs. */
    private static final AugmentConfig OFF = AugmentConfig.none();

    private static AugmentConfig everythingOn() {
        return AugmentConfig.defaults()
                .withTimeStretch(true).withStretchProbability(1)
                .withPitchShift(true).withPitchProbability(1)
                .withGain(true).withGainProbability(1)
                .withBackgroundFrequency(1);
    }

    private static NoiseBank whiteNoise() {
        return NoiseBank.of(List.of(new AudioClip(Signals.noise(3 * RATE, 0.5, 11), RATE),
                new AudioClip(Signals.noise(2 * RATE, 0.3, 12), RATE)), RATE);
    }

    /** A ±0.5 square wave: every slice has RMS exactly 0.5, so added noise levels can be read back. */
    private static NoiseBank squareNoise() {
        float[] sq = new float[2 * RATE];
        for (int i = 0; i < sq.length; i++) {
            sq[i] = (i / 8) % 2 == 0 ? 0.5f : -0.5f;
        }
        return NoiseBank.of(List.of(new AudioClip(sq, RATE)), RATE);
    }

    private static float[] run(AugmentConfig cfg, NoiseBank bank, float[] fg, long seed) {
        float[] out = new float[RATE];
        new Augmenter(cfg, bank, RATE, RATE).augment(fg, false, new Random(seed), out);
        return out;
    }

    private static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    @Test
    void sameSeedGivesTheSameOutputAndAnotherSeedDoesNot() {
        float[] fg = Signals.tone(RATE, 300, 0.4);
        Augmenter a = new Augmenter(everythingOn(), whiteNoise(), RATE, RATE);
        Augmenter b = new Augmenter(everythingOn(), whiteNoise(), RATE, RATE);
        float[] x = new float[RATE];
        float[] y = new float[RATE];
        float[] z = new float[RATE];
        Random r1 = new Random(42);
        Random r2 = new Random(42);
        for (int clip = 0; clip < 5; clip++) {  // the whole stream of clips repeats, not just the first
            a.augment(fg, clip == 3, r1, x);
            b.augment(fg, clip == 3, r2, y);
            assertThat(y).containsExactly(x);
        }
        a.augment(fg, false, new Random(43), z);
        b.augment(fg, false, new Random(42 + 1000), y);
        assertThat(z).isNotEqualTo(y);
        assertThat(run(everythingOn(), whiteNoise(), fg, 1)).isNotEqualTo(run(everythingOn(), whiteNoise(), fg, 2));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 5, 10, 20})
    void noiseIsAddedAtTheRequestedSnr(double snrDb) {
        AugmentConfig cfg = OFF.withBackgroundNoise(true).withBackgroundFrequency(1)
                .withUseSnr(true).withSnrDb(snrDb, snrDb);
        float[] fg = Signals.tone(RATE, 440, 0.1);

        for (long seed = 0; seed < 5; seed++) {
            float[] out = run(cfg, whiteNoise(), fg, seed);
            double measured = 20 * Math.log10(Signals.rms(fg) / Signals.rms(minus(out, fg)));
            assertThat(measured).isCloseTo(snrDb, within(0.5));
        }
    }

    @Test
    void snrIsDrawnWithinItsRange() {
        AugmentConfig cfg = OFF.withBackgroundNoise(true).withBackgroundFrequency(1).withUseSnr(true).withSnrDb(3, 15);
        float[] fg = Signals.tone(RATE, 440, 0.1);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (long seed = 0; seed < 40; seed++) {
            float[] out = run(cfg, squareNoise(), fg, seed);
            double snr = 20 * Math.log10(Signals.rms(fg) / Signals.rms(minus(out, fg)));
            lo = Math.min(lo, snr);
            hi = Math.max(hi, snr);
        }
        assertThat(lo).isGreaterThan(3 - 0.01).isLessThan(6);
        assertThat(hi).isLessThan(15 + 0.01).isGreaterThan(12);
    }

    @Test
    void volumeModeScalesTheAddedNoiseByTheDrawnVolume() {
        float[] fg = Signals.tone(RATE, 440, 0.2);
        for (double v : new double[] {0.02, 0.1, 0.4}) {
            AugmentConfig cfg = OFF.withBackgroundNoise(true).withBackgroundFrequency(1).withBackgroundVolume(v, v);
            float[] out = run(cfg, squareNoise(), fg, 7);
            assertThat(Signals.rms(minus(out, fg))).isCloseTo(0.5 * v, within(1e-4));
        }
    }

    @Test
    void backgroundFrequencyIsTheShareOfClipsThatGetNoise() {
        AugmentConfig cfg = OFF.withBackgroundNoise(true).withBackgroundFrequency(0.3).withBackgroundVolume(0.1, 0.1);
        Augmenter aug = new Augmenter(cfg, squareNoise(), RATE, 64);
        Random rnd = new Random(5);
        float[] out = new float[64];
        int noisy = 0;
        for (int t = 0; t < 2000; t++) {
            aug.augment(new float[64], false, rnd, out);
            noisy += Signals.rms(out) > 0 ? 1 : 0;
        }
        assertThat(noisy).isBetween(540, 660);
        AugmentConfig never = cfg.withBackgroundFrequency(0);
        assertThat(run(never, squareNoise(), Signals.tone(RATE, 440, 0.2), 1)).containsExactly(Signals.tone(RATE, 440, 0.2));
    }

    @Test
    void timeShiftMovesTheClipByAUniformWholeNumberOfSamplesWithZeroPadding() {
        // 1 kHz clips of 100 samples, 10 ms shift = 10 samples either way.
        AugmentConfig cfg = OFF.withTimeShift(true).withTimeShiftMs(10);
        Augmenter aug = new Augmenter(cfg, NoiseBank.empty(), 1000, 100);
        assertThat(aug.shiftSamples()).isEqualTo(10);
        float[] in = new float[100];
        for (int i = 20; i < 80; i++) {
            in[i] = (float) Math.sin(i * 0.37);
        }
        Random rnd = new Random(9);
        float[] out = new float[100];
        Set<Integer> seen = new TreeSet<>();
        for (int t = 0; t < 600; t++) {
            aug.augment(in, false, rnd, out);
            int d = matchingShift(in, out);
            assertThat(d).as("output is the input shifted, zero padded").isBetween(-10, 10);
            seen.add(d);
        }
        assertThat(seen).hasSize(21);  // every shift in [-10, +10], both ends included
    }

    /** The d in [-50, 50] with out[i] == in[i - d] everywhere (zero outside), or MIN_VALUE. */
    private static int matchingShift(float[] in, float[] out) {
        for (int d = -50; d <= 50; d++) {
            boolean ok = true;
            for (int i = 0; i < out.length && ok; i++) {
                int j = i - d;
                float expected = j >= 0 && j < in.length ? in[j] : 0f;
                ok = out[i] == expected;
            }
            if (ok) {
                return d;
            }
        }
        return Integer.MIN_VALUE;
    }

    @Test
    void anImpulseStaysWithinTheShiftRangeAndNothingWrapsAround() {
        Augmenter aug = new Augmenter(OFF.withTimeShift(true).withTimeShiftMs(100), NoiseBank.empty(), RATE, RATE);
        float[] impulse = new float[RATE];
        impulse[800] = 0.9f;
        Random rnd = new Random(4);
        float[] out = new float[RATE];
        int gone = 0;
        for (int t = 0; t < 200; t++) {
            aug.augment(impulse, false, rnd, out);
            int nonZero = 0;
            for (float v : out) {
                nonZero += v != 0 ? 1 : 0;
            }
            if (nonZero == 0) {
                gone++;  // shifted left past the start: lost, not wrapped to the end
                continue;
            }
            assertThat(nonZero).isEqualTo(1);
            int at = Signals.peakIndex(out);
            assertThat(out[at]).isEqualTo(0.9f);
            assertThat(at).isBetween(0, 800 + 1600);
        }
        assertThat(gone).as("shifts beyond -800 samples drop the impulse").isBetween(30, 70);
    }

    @Test
    void gainScalesByTheDrawnDecibels() {
        float[] fg = Signals.tone(RATE, 440, 0.1);
        float[] out = run(OFF.withGain(true).withGainProbability(1).withGainDb(6, 6), NoiseBank.empty(), fg, 1);
        float g = (float) Math.pow(10, 6 / 20.0);
        for (int i = 0; i < fg.length; i++) {
            assertThat(out[i]).isCloseTo(fg[i] * g, within(1e-6f));
        }

        AugmentConfig range = OFF.withGain(true).withGainProbability(1).withGainDb(-9, 3);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (long seed = 0; seed < 60; seed++) {
            double db = 20 * Math.log10(Signals.rms(run(range, NoiseBank.empty(), fg, seed)) / Signals.rms(fg));
            lo = Math.min(lo, db);
            hi = Math.max(hi, db);
        }
        assertThat(lo).isBetween(-9.0, -7.0);
        assertThat(hi).isBetween(1.0, 3.0);
    }

    @Test
    void outputIsAlwaysFiniteAndWithinFullScale() {
        AugmentConfig loud = everythingOn().withGainDb(20, 40).withBackgroundVolume(1, 1);
        Augmenter aug = new Augmenter(loud, whiteNoise(), RATE, RATE);
        float[] fg = Signals.tone(RATE, 200, 0.9);
        fg[100] = Float.NaN;
        fg[200] = Float.POSITIVE_INFINITY;
        Random rnd = new Random(8);
        float[] out = new float[RATE];
        for (int t = 0; t < 10; t++) {
            aug.augment(fg, t % 4 == 0, rnd, out);
            for (float v : out) {
                assertThat(Float.isFinite(v)).isTrue();
                assertThat(v).isBetween(-1f, 1f);
            }
        }
    }

    @Test
    void silenceIsNoiseAtAUniformVolumeEvenWithNoiseSwitchedOff() {
        Augmenter aug = new Augmenter(OFF, squareNoise(), RATE, RATE);
        Random rnd = new Random(6);
        float[] out = new float[RATE];
        double lo = 1;
        double hi = 0;
        for (int t = 0; t < 100; t++) {
            aug.augment(null, true, rnd, out);
            double volume = Signals.rms(out) / 0.5;
            assertThat(volume).isBetween(0.0, 1.0);
            lo = Math.min(lo, volume);
            hi = Math.max(hi, volume);
        }
        assertThat(lo).isLessThan(0.05);
        assertThat(hi).isGreaterThan(0.95);

        Augmenter quiet = new Augmenter(OFF, NoiseBank.empty(), RATE, RATE);
        Arrays.fill(out, 0.3f);
        quiet.augment(Signals.tone(RATE, 440, 0.5), true, rnd, out);
        assertThat(out).containsOnly(0f);
    }

    @Test
    void stretchKeepsTheClipLengthAndItsCentre() {
        float[] fg = new float[RATE];
        for (int i = RATE / 2 - 2000; i < RATE / 2 + 2000; i++) {
            fg[i] = (float) (0.5 * Math.sin(2 * Math.PI * 400 * i / RATE));
        }
        AugmentConfig cfg = OFF.withTimeStretch(true).withStretchProbability(1).withStretchRange(1.2, 1.2);

        float[] out = run(cfg, NoiseBank.empty(), fg, 3);

        assertThat(Signals.energyCentre(out)).isCloseTo(RATE / 2.0, within(0.005 * RATE));
        int first = 0;
        while (out[first] == 0) {
            first++;
        }
        // The 4000-sample burst is now 4800 long around the centre (within the WSOLA tolerance).
        assertThat(first).isCloseTo(RATE / 2 - 2400, within(200));
    }

    @Test
    void shortForegroundsArePaddedAndLongOnesCut() {
        Augmenter aug = new Augmenter(OFF, NoiseBank.empty(), RATE, 100);
        float[] out = new float[100];
        float[] shortClip = Signals.noise(60, 0.5, 1);
        aug.augment(shortClip, false, new Random(1), out);
        assertThat(Arrays.copyOf(out, 60)).containsExactly(shortClip);
        assertThat(Arrays.copyOfRange(out, 60, 100)).containsOnly(0f);
        float[] longClip = Signals.noise(150, 0.5, 2);
        aug.augment(longClip, false, new Random(1), out);
        assertThat(out).containsExactly(Arrays.copyOf(longClip, 100));
    }

    @Test
    void withNothingSwitchedOnTheClipPassesUnchanged() {
        float[] fg = Signals.tone(RATE, 440, 0.5);
        assertThat(run(OFF, whiteNoise(), fg, 1)).containsExactly(fg);
    }

    @Test
    void rejectsMismatchedBuffersAndRates() {
        Augmenter aug = new Augmenter(OFF, NoiseBank.empty(), RATE, RATE);
        assertThatThrownBy(() -> aug.augment(new float[RATE], false, new Random(), new float[10]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 16000");
        assertThatThrownBy(() -> new Augmenter(OFF, whiteNoise(), 8000, 8000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16000 Hz");
    }
}
