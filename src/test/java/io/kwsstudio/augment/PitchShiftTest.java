package io.kwsstudio.augment;

import static io.kwsstudio.augment.Signals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitchShiftTest {

    @ParameterizedTest
    @ValueSource(doubles = {-12, -7, -2, -0.5, 0.5, 2, 5, 12})
    void movesAToneByTheSemitoneRatioAndKeepsTheLength(double semitones) {
        float[] in = Signals.tone(RATE, 440, 0.5);

        float[] out = PitchShift.shift(in, RATE, semitones);

        assertThat(out).hasSize(in.length);
        double expected = 440 * Math.pow(2, semitones / 12);
        assertThat(Signals.dominantHz(out, RATE / 8, RATE - RATE / 8, 150, 1000))
                .isCloseTo(expected, within(expected * 0.02));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, 2})
    void keepsTheLevel(double semitones) {
        float[] out = PitchShift.shift(Signals.tone(RATE, 440, 0.5), RATE, semitones);
        assertThat(Signals.rms(out, RATE / 8, RATE - RATE / 8)).isCloseTo(0.5 / Math.sqrt(2), within(0.02));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3, 3})
    void keepsSoundsWhereTheyWere(double semitones) {
        float[] in = new float[RATE];
        for (int i = RATE / 2 - 800; i < RATE / 2 + 800; i++) {
            in[i] = (float) (0.5 * Math.sin(2 * Math.PI * 500 * i / RATE));
        }

        float[] out = PitchShift.shift(in, RATE, semitones);

        assertThat(Signals.energyCentre(out)).isCloseTo(RATE / 2.0, within(0.01 * RATE));
    }

    @Test
    void zeroSemitonesCopies() {
        float[] in = Signals.noise(500, 0.5, 3);
        assertThat(PitchShift.shift(in, RATE, 0)).containsExactly(in).isNotSameAs(in);
    }

    @Test
    void rejectsShiftsBeyondAnOctave() {
        assertThatThrownBy(() -> PitchShift.shift(new float[10], RATE, 13))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("semitones");
        assertThatThrownBy(() -> PitchShift.shift(new float[10], RATE, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
