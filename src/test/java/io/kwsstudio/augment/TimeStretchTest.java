package io.kwsstudio.augment;

import static io.kwsstudio.augment.Signals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimeStretchTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.85, 0.9, 1.1, 1.15, 1.2, 2.0})
    void lengthScalesByTheFactorAndA440HzToneStaysAt440Hz(double factor) {
        float[] in = Signals.tone(RATE, 440, 0.5);

        float[] out = TimeStretch.stretch(in, RATE, factor);

        assertThat((double) out.length).isCloseTo(factor * in.length, within(0.01 * factor * in.length));
        int n = out.length;
        assertThat(Signals.dominantHz(out, n / 8, n - n / 8, 300, 600)).isCloseTo(440, within(440 * 0.02));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.85, 1.15})
    void keepsTheLevelOfASteadyTone(double factor) {
        float[] in = Signals.tone(RATE, 440, 0.5);

        float[] out = TimeStretch.stretch(in, RATE, factor);

        // Well-aligned frames add up in phase; misaligned ones would partly cancel.
        int n = out.length;
        assertThat(Signals.rms(out, n / 8, n - n / 8)).isCloseTo(0.5 / Math.sqrt(2), within(0.02));
    }

    @Test
    void keepsTheFundamentalOfAHarmonicVoiceLikeSound() {
        float[] in = new float[RATE];
        for (int i = 0; i < in.length; i++) {
            double t = i / (double) RATE;
            for (int h = 1; h <= 8; h++) {
                in[i] += (float) (0.3 / h * Math.sin(2 * Math.PI * 130 * h * t));
            }
        }

        float[] out = TimeStretch.stretch(in, RATE, 1.15);

        int n = out.length;
        assertThat(Signals.dominantHz(out, n / 8, n - n / 8, 80, 200)).isCloseTo(130, within(130 * 0.02));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.8, 1.25})
    void soundsMoveToTheirStretchedTimes(double factor) {
        // Two short tone bursts at 0.25 s and 0.75 s must land near 0.25 s * f and 0.75 s * f.
        float[] in = new float[RATE];
        for (int centre : new int[] {RATE / 4, 3 * RATE / 4}) {
            for (int i = centre - 400; i < centre + 400; i++) {
                in[i] = (float) (0.5 * Math.sin(2 * Math.PI * 500 * i / RATE));
            }
        }

        float[] out = TimeStretch.stretch(in, RATE, factor);

        int half = out.length / 2;
        float[] first = java.util.Arrays.copyOf(out, half);
        float[] second = java.util.Arrays.copyOfRange(out, half, out.length);
        double tolerance = 0.01 * RATE;  // 10 ms
        assertThat(Signals.energyCentre(first)).isCloseTo(factor * RATE / 4, within(tolerance));
        assertThat(half + Signals.energyCentre(second)).isCloseTo(factor * 3 * RATE / 4, within(tolerance));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.85, 1.2})
    void aSoundAfterSilenceStartsAtItsStretchedTime(double factor) {
        // Frames in silence have nothing to align to; they must not drift and delay the onset.
        float[] in = new float[RATE];
        for (int i = RATE / 2; i < RATE; i++) {
            in[i] = (float) (0.5 * Math.sin(2 * Math.PI * 300 * i / RATE));
        }

        float[] out = TimeStretch.stretch(in, RATE, factor);

        int onset = 0;
        while (Math.abs(out[onset]) < 0.01) {
            onset++;
        }
        assertThat((double) onset).isCloseTo(factor * RATE / 2, within(0.002 * RATE));
    }

    @Test
    void factorOneCopiesAndEmptyStaysEmpty() {
        float[] in = Signals.noise(1000, 0.5, 1);
        float[] out = TimeStretch.stretch(in, RATE, 1.0);
        assertThat(out).containsExactly(in).isNotSameAs(in);
        assertThat(TimeStretch.stretch(new float[0], RATE, 1.3)).isEmpty();
    }

    @Test
    void veryShortInputsStillGetTheRightLength() {
        float[] in = Signals.tone(100, 440, 0.5);
        float[] out = TimeStretch.stretch(in, RATE, 1.5);
        assertThat(out).hasSize(150);
        for (float v : out) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void rejectsFactorsOutsideTheUsefulRange() {
        float[] in = new float[100];
        assertThatThrownBy(() -> TimeStretch.stretch(in, RATE, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stretch factor");
        assertThatThrownBy(() -> TimeStretch.stretch(in, RATE, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeStretch.stretch(in, 0, 1.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample rate");
    }
}
