package io.kwsstudio.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kwsstudio.audio.AudioClip;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The reference loudest-section rule, checked against a brute-force version of it. */
class LoudestWindowTest {

    private static final int RATE = 16000;

    /** The rule written the slow, obvious way: every window's sum, first maximum wins. */
    private static int bruteForceStart(float[] x, int window) {
        int best = 0;
        double bestSum = -1;
        for (int s = 0; s + window <= x.length; s++) {
            double sum = 0;
            for (int i = s; i < s + window; i++) {
                sum += Math.abs(x[i]);
            }
            if (sum > bestSum + 1e-9) {
                bestSum = sum;
                best = s;
            }
        }
        return best;
    }

    @Test
    void returnsTheOneSecondWindowHoldingALoudBurst() {
        float[] x = new float[2 * RATE];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.01 * NoiseSignals.gaussian(rng));
        }
        int burstFrom = 21000;
        int burstTo = 24000;
        for (int i = burstFrom; i < burstTo; i++) {
            x[i] = (float) (0.5 * Math.sin(i * 0.3));
        }
        AudioClip clip = new AudioClip(x, RATE);

        Alignment a = LoudestWindow.extract(clip, RATE);

        int start = -a.shiftSamples();
        assertThat(start).isLessThanOrEqualTo(burstFrom);
        assertThat(start + RATE).isGreaterThanOrEqualTo(burstTo);
        assertThat(start).isEqualTo(bruteForceStart(x, RATE));
        assertThat(a.aligned()).isEqualTo(clip.slice(start, start + RATE));
        assertThat(a.silent()).isFalse();
        assertThat(a.wordCut()).isFalse();
        assertThat(a.bounds().onset()).isEqualTo(start);
        assertThat(a.bounds().offset()).isEqualTo(start + RATE);
        assertThat(a.bounds().speechLevelDb()).isGreaterThan(a.bounds().noiseFloorDb() + 10);
    }

    @Test
    void onTiesTheEarliestWindowWins() {
        float[] x = new float[2 * RATE];
        for (int i = 20000; i < 20100; i++) {
            x[i] = 0.9f;
        }

        Alignment a = LoudestWindow.extract(new AudioClip(x, RATE), RATE);

        // Every window containing the burst has the same sum; the first ends with it.
        assertThat(-a.shiftSamples()).isEqualTo(20100 - RATE);
    }

    @Property(tries = 60)
    void matchesTheBruteForceRule(@ForAll @IntRange(min = 1, max = 400) int length,
            @ForAll @IntRange(min = 1, max = 120) int window,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            // Quantised values make exact ties likely, which is where rules differ.
            x[i] = (rng.nextInt(5) - 2) / 4f;
        }

        Alignment a = LoudestWindow.extract(new AudioClip(x, RATE), window);

        if (length <= window) {
            assertThat(a.shiftSamples()).isZero();
            assertThat(a.aligned().frames()).isEqualTo(length);
        } else {
            assertThat(-a.shiftSamples()).isEqualTo(bruteForceStart(x, window));
            assertThat(a.aligned().frames()).isEqualTo(window);
        }
    }

    @Test
    void aClipNotLongerThanTheWindowComesBackAsItIs() {
        float[] x = new float[RATE / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.05));
        }
        AudioClip clip = new AudioClip(x, RATE);

        Alignment shorter = LoudestWindow.extract(clip, RATE);
        Alignment same = LoudestWindow.extract(clip, x.length);

        assertThat(shorter.aligned()).isSameAs(clip);
        assertThat(same.aligned()).isSameAs(clip);
        assertThat(shorter.shiftSamples()).isZero();
        assertThat(shorter.silent()).isFalse();
        assertThat(shorter.bounds().noiseFloorDb()).isEqualTo(shorter.bounds().speechLevelDb());
    }

    @Test
    void aQuietClipIsSilentAtTheReferenceThreshold() {
        float[] quiet = new float[2 * RATE];
        float[] audible = new float[2 * RATE];
        java.util.Arrays.fill(quiet, 0.003f);
        java.util.Arrays.fill(audible, 0.005f);

        Alignment q = LoudestWindow.extract(new AudioClip(quiet, RATE), RATE);
        Alignment l = LoudestWindow.extract(new AudioClip(audible, RATE), RATE);
        Alignment shortQuiet = LoudestWindow.extract(new AudioClip(new float[100], RATE), RATE);

        assertThat(q.silent()).isTrue();
        assertThat(q.bounds().speechFound()).isFalse();
        assertThat(l.silent()).isFalse();
        assertThat(shortQuiet.silent()).isTrue();
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> LoudestWindow.extract(new AudioClip(new float[10], RATE), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
