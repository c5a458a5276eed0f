package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import java.util.SplittableRandom;

/**
 * Word-like test signals with exactly known bounds: voiced parts are harmonic tones with a
 * formant-like spectral tilt and a smooth envelope, fricatives are high-passed noise. A "word"
 * is a sequence of such parts; {@link #place} puts it into a clip and {@link #withNoise} adds
 * white or pink noise at an SNR measured over the word's span, like the benchmark does.
 */
final class SyntheticSpeech {

    static final int RATE = 16000;

    /** A word: samples plus where its first and last non-zero sample are. */
    record Word(float[] samples) {
        int length() {
            return samples.length;
        }
    }

    /** A clip with the true word span in it. */
    record Placed(AudioClip clip, int onset, int offset) {
        double onsetMs() {
            return onset * 1000.0 / clip.sampleRate();
        }

        double offsetMs() {
            return offset * 1000.0 / clip.sampleRate();
        }
    }

    private SyntheticSpeech() {
    }

    static int ms(double ms, int rate) {
        return (int) Math.round(ms * rate / 1000.0);
    }

    /** A vowel-like harmonic tone, {@code ms} long, with 15 ms attack and 30 ms release. */
    static float[] voiced(double ms, double f0, double amplitude, int rate) {
        int n = ms(ms, rate);
        float[] out = new float[n];
        double nyquist = rate / 2.0;
        for (int h = 1; h * f0 < nyquist * 0.9; h++) {
            double f = h * f0;
            // Strong below 1 kHz, falling 12 dB/octave above it, like a vowel's spectrum.
            double gain = f < 1000 ? 1.0 : Math.pow(1000 / f, 2);
            double phase = 0.7 * h;
            for (int i = 0; i < n; i++) {
                out[i] += (float) (gain * Math.sin(2 * Math.PI * f * i / rate + phase));
            }
        }
        normalise(out, amplitude);
        envelope(out, ms(15, rate), ms(30, rate));
        return out;
    }

    /** A fricative-like noise burst above about 3 kHz, {@code ms} long, with the given RMS. */
    static float[] fricative(double ms, double rms, int rate, long seed) {
        int n = ms(ms, rate);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[n];
        double previous = 0;
        double previous2 = 0;
        for (int i = 0; i < n; i++) {
            double w = NoiseSignals.gaussian(rng);
            // Second difference: a +12 dB/octave tilt that leaves mostly the upper kHz.
            out[i] = (float) (w - 2 * previous + previous2);
            previous2 = previous;
            previous = w;
        }
        double scale = rms / rms(out, 0, n);
        for (int i = 0; i < n; i++) {
            out[i] = (float) (out[i] * scale);
        }
        envelope(out, ms(10, rate), ms(10, rate));
        return out;
    }

    static float[] silence(double ms, int rate) {
        return new float[ms(ms, rate)];
    }

    static Word word(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return new Word(out);
    }

    /** "ah": a plain 300 ms vowel at 150 Hz. */
    static Word tone(int rate) {
        return word(voiced(300, 150, 0.5, rate));
    }

    /** "sa": 90 ms fricative 12 dB below the vowel's RMS (as in speech), then a 250 ms vowel. */
    static Word fricativeOnset(int rate) {
        float[] vowel = voiced(250, 210, 0.5, rate);
        double vowelRms = rms(vowel, 0, vowel.length);
        return word(fricative(90, vowelRms * Math.pow(10, -12 / 20.0), rate, 11), vowel);
    }

    /** "a-pa": 120 ms vowel, 60 ms closure (silence), 200 ms vowel. */
    static Word closureGap(int rate) {
        return word(voiced(120, 120, 0.5, rate), silence(60, rate), voiced(200, 120, 0.5, rate));
    }

    /** The word starting at {@code at} in a clip of {@code length} samples of digital silence. */
    static Placed place(Word w, int length, int at, int rate) {
        float[] out = new float[length];
        System.arraycopy(w.samples(), 0, out, at, w.length());
        return new Placed(new AudioClip(out, rate), at, at + w.length());
    }

    /** {@code p} plus noise scaled to {@code snrDb} over the word's span. */
    static Placed withNoise(Placed p, double snrDb, boolean pink, long seed) {
        float[] x = p.clip().samples();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] noise = pink ? NoiseSignals.pink(x.length, rng) : NoiseSignals.white(x.length, rng);
        double speech = rms(x, p.onset(), p.offset());
        double noiseRms = rms(noise, 0, noise.length);
        double k = speech / noiseRms / Math.pow(10, snrDb / 20);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.max(-1, Math.min(1, x[i] + k * noise[i]));
        }
        return new Placed(new AudioClip(out, p.clip().sampleRate()), p.onset(), p.offset());
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    private static void normalise(float[] x, double peak) {
        float max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        if (max > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] * peak / max);
            }
        }
    }

    /** Raised-cosine attack and release, so the word starts and ends at zero. */
    private static void envelope(float[] x, int attack, int release) {
        for (int i = 0; i < Math.min(attack, x.length); i++) {
            x[i] *= (float) (0.5 - 0.5 * Math.cos(Math.PI * (i + 1) / (attack + 1)));
        }
        for (int i = 0; i < Math.min(release, x.length); i++) {
            x[x.length - 1 - i] *= (float) (0.5 - 0.5 * Math.cos(Math.PI * (i + 1)
                    / (release + 1)));
        }
    }
}
