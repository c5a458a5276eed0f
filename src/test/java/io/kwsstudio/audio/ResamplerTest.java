package io.kwsstudio.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Frequency content survives resampling, and what cannot be represented is filtered out. */
class ResamplerTest {

    private static float[] sine(double hz, int rate, int frames, double amplitude) {
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    /**
     * Amplitude of the {@code hz} component, from a Hann-windowed DFT of the middle half (the
     * ends hold the filter's start-up transient).
     */
    private static double amplitudeAt(float[] x, int rate, double hz) {
        int from = x.length / 4;
        int n = x.length / 2;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            double phase = 2 * Math.PI * hz * (from + i) / rate;
            re += w * x[from + i] * Math.cos(phase);
            im += w * x[from + i] * Math.sin(phase);
            windowSum += w;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @Test
    void downsampledToneKeepsFrequencyAndLevel() {
        float[] in = sine(1000, 44100, 44100, 0.5);
        float[] out = Resampler.resample(in, 44100, 16000);
        assertThat(out).hasSize(16000);
        double level = amplitudeAt(out, 16000, 1000);
        assertThat(db(level / 0.5)).isCloseTo(0.0, within(1.0));
        // The energy is at 1 kHz, not beside it.
        assertThat(amplitudeAt(out, 16000, 1100)).isLessThan(level / 100);
        assertThat(amplitudeAt(out, 16000, 900)).isLessThan(level / 100);
    }

    @Test
    void toneAboveTheNewNyquistIsRemovedNotAliased() {
        float[] in = sine(10_000, 44100, 44100, 0.5);
        float[] out = Resampler.resample(in, 44100, 16000);
        // Without a filter 10 kHz folds to 16 - 10 = 6 kHz.
        assertThat(db(amplitudeAt(out, 16000, 6000) / 0.5)).isLessThan(-40);
        double rms = 0;
        for (int i = out.length / 4; i < 3 * out.length / 4; i++) {
            rms += out[i] * out[i];
        }
        rms = Math.sqrt(rms / (out.length / 2));
        assertThat(db(rms / (0.5 / Math.sqrt(2)))).isLessThan(-40);
    }

    @Test
    void upsamplingKeepsToneAndAddsNoImage() {
        float[] in = sine(1000, 8000, 8000, 0.8);
        float[] out = Resampler.resample(in, 8000, 16000);
        assertThat(out).hasSize(16000);
        assertThat(db(amplitudeAt(out, 16000, 1000) / 0.8)).isCloseTo(0.0, within(1.0));
        // The spectral image of 1 kHz around the old 8 kHz rate would sit at 7 kHz.
        assertThat(db(amplitudeAt(out, 16000, 7000) / 0.8)).isLessThan(-40);
        // Every second output sample lines up with an input sample.
        for (int i = 200; i < 7800; i += 97) {
            assertThat(out[2 * i]).isCloseTo(in[i], within(0.01f));
        }
    }

    @Test
    void ratiosWithoutSmallCommonFactorsUseTheDirectPathAndStillWork() {
        float[] in = sine(1000, 44100, 44100, 0.5);
        float[] out = Resampler.resample(in, 44100, 16001);
        assertThat(out).hasSize(16001);
        assertThat(db(amplitudeAt(out, 16001, 1000) / 0.5)).isCloseTo(0.0, within(1.0));
        float[] aliased = Resampler.resample(sine(10_000, 44100, 44100, 0.5), 44100, 16001);
        assertThat(db(amplitudeAt(aliased, 16001, 6001) / 0.5)).isLessThan(-40);
    }

    @Test
    void commonRatesPreserveDc() {
        for (int[] rates : new int[][] {{48000, 16000}, {22050, 16000}, {16000, 44100},
            {11025, 16000}, {44100, 16001}, {16000, 8000}}) {
            float[] in = new float[rates[0]];
            java.util.Arrays.fill(in, 0.5f);
            float[] out = Resampler.resample(in, rates[0], rates[1]);
            assertThat(out[out.length / 2]).as("%d -> %d", rates[0], rates[1])
                    .isCloseTo(0.5f, within(1e-4f));
        }
    }

    @Test
    void sameRateReturnsACopy() {
        float[] in = {0.1f, -0.2f, 0.3f};
        float[] out = Resampler.resample(in, 16000, 16000);
        assertThat(out).containsExactly(in).isNotSameAs(in);

        AudioClip clip = new AudioClip(in, 16000);
        AudioClip same = Resampler.resample(clip, 16000);
        assertThat(same).isEqualTo(clip);
        assertThat(same.samples()).isNotSameAs(in);
    }

    @Test
    void emptyAndTinyInputs() {
        assertThat(Resampler.resample(new float[0], 44100, 16000)).isEmpty();
        assertThat(Resampler.resample(new float[] {1f}, 44100, 16000)).hasSize(0);
        assertThat(Resampler.resample(new float[] {1f, 1f}, 44100, 16000)).hasSize(1);
        assertThat(Resampler.resample(new float[] {0.5f}, 8000, 48000)).hasSize(6);
    }

    @Test
    void clipVersionClipsOvershootToTheAudioClipRange() {
        // A full-scale square wave overshoots (Gibbs) after band-limiting.
        float[] square = new float[4410];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 50) % 2 == 0 ? 1f : -1f;
        }
        float[] raw = Resampler.resample(square, 44100, 16000);
        float max = 0;
        for (float v : raw) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isGreaterThan(1f);
        AudioClip clip = Resampler.resample(new AudioClip(square, 44100), 16000);
        assertThat(clip.peak()).isLessThanOrEqualTo(1f);
        assertThat(clip.sampleRate()).isEqualTo(16000);
    }

    @Test
    void invalidRatesAreRejected() {
        assertThatThrownBy(() -> Resampler.resample(new float[1], 0, 16000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> Resampler.resample(new float[1], 16000, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resampler.resample(new float[1_000_000], 1, 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
    }

    @Property(tries = 200)
    void outputLengthIsTheRoundedRatio(@ForAll @IntRange(max = 5000) int length,
            @ForAll @IntRange(min = 1000, max = 96000) int from,
            @ForAll @IntRange(min = 1000, max = 96000) int to) {
        float[] out = Resampler.resample(new float[length], from, to);
        assertThat(out).hasSize((int) Math.round(length * (double) to / from));
    }
}
