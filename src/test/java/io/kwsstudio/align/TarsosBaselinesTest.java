package io.kwsstudio.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kwsstudio.audio.AudioClip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The TarsosDSP baselines the benchmark compares against are wired up correctly. */
class TarsosBaselinesTest {

    private static final int RATE = 16000;

    /** Quiet noise with a sharp, loud noise burst at 0.5 s. */
    private static AudioClip burst() {
        float[] x = new float[RATE];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.001 * NoiseSignals.gaussian(rng));
        }
        for (int i = 8000; i < 9600; i++) {
            x[i] += (float) (0.5 * NoiseSignals.gaussian(rng));
        }
        return new AudioClip(x, RATE);
    }

    @Test
    void silenceDetectorsFindTheBurstBuffer() {
        assertThat(TarsosBaselines.silenceDetectorOnset(burst(), -70)).isEqualTo(8000);
        assertThat(TarsosBaselines.adaptiveSilenceDetectorOnset(burst(), 10, 9)).isEqualTo(8000);
        assertThat(TarsosBaselines.silenceDetectorOnset(new AudioClip(new float[RATE], RATE), -70))
                .isEqualTo(-1);
    }

    @Test
    void complexOnsetDetectorFindsTheBurst() {
        assertThat((double) TarsosBaselines.complexOnset(burst())).isCloseTo(8000, within(800.0));
    }

    @Test
    void percussionOnsetDetectorRunsAndStaysInTheClip() {
        // In TarsosDSP 2.4 it transforms only half of each buffer and needs 80 % of the bins to
        // jump 8 dB in one frame; it rarely fires even here, which the benchmark reports.
        int found = TarsosBaselines.percussionOnset(burst());
        assertThat(found).isBetween(-1, RATE);
    }
}
