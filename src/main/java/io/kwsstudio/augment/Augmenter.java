package io.kwsstudio.augment;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Applies an {@link AugmentConfig} to training clips, one clip at a time. Every random choice
 * comes from the {@link Random} passed in, so the same clip, settings and seed give the same
 * output. Holds its own work buffers: use one instance per thread (the {@link NoiseBank} may be
 * shared).
 *
 * <p>Order of operations, each switched and drawn independently:
 * <ol>
 *   <li>time stretch (probability {@code stretchProbability}, factor U(stretchMin, stretchMax)),
 *       cut or zero padded around the clip centre to keep the clip length;</li>
 *   <li>pitch shift (probability {@code pitchProbability}, U(-pitchSemitones, +pitchSemitones));</li>
 *   <li>gain (probability {@code gainProbability}, U(gainMinDb, gainMaxDb) dB);</li>
 *   <li>time shift by a uniform integer in [-shift, +shift] samples, zero padded, positive
 *       moving the audio later (shift = timeShiftMs * rate / 1000 rounded down, as the reference);</li>
 *   <li>background noise with probability {@code backgroundFrequency}: a random slice times a
 *       volume U(min, max), or scaled so that foreground RMS / noise RMS is U(snrMin, snrMax) dB;</li>
 *   <li>clipping to [-1, 1].</li>
 * </ol>
 * A silence item is a zero foreground plus a noise slice at volume U(0, 1), whether or not
 * background noise is switched on, as the reference does (it stays silent when there is no noise).
 */
public final class Augmenter {

    private final AugmentConfig cfg;
    private final NoiseBank noise;
    private final int sampleRate;
    private final int clipSamples;
    private final int shiftSamples;
    private final float[] work;
    private final float[] noiseSlice;

    /**
     * @param sampleRate  rate of the clips (and of the noise bank, unless it is empty)
     * @param clipSamples length of every output, e.g. 16000 for 1 s at 16 kHz
     * @throws IllegalArgumentException if the rates disagree or a size is not positive
     */
    public Augmenter(AugmentConfig cfg, NoiseBank noise, int sampleRate, int clipSamples) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.noise = Objects.requireNonNull(noise, "noise");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        if (clipSamples <= 0) {
            throw new IllegalArgumentException("clip length must be positive, was " + clipSamples);
        }
        if (!noise.isEmpty() && noise.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("noise is at " + noise.sampleRate() + " Hz but clips are at "
                    + sampleRate + " Hz");
        }
        this.sampleRate = sampleRate;
        this.clipSamples = clipSamples;
        this.shiftSamples = cfg.timeShift() ? (int) ((long) cfg.timeShiftMs() * sampleRate / 1000) : 0;
        this.work = new float[clipSamples];
        this.noiseSlice = new float[clipSamples];
    }

    public AugmentConfig config() {
        return cfg;
    }

    public int clipSamples() {
        return clipSamples;
    }

    /** The largest time shift either way, in samples (0 when time shift is off). */
    public int shiftSamples() {
        return shiftSamples;
    }

    /**
     * Writes the augmented clip to {@code out}.
     *
     * @param foreground the clip's samples; shorter clips are zero padded at the end and longer
     *                   ones cut to {@code clipSamples}, as the reference decoder does; samples
     *                   are taken as within [-1, 1] (NaN as 0). Ignored
     *                   (and may be null) for silence.
     * @param isSilence  make a silence item instead of augmenting {@code foreground}
     * @param rnd        source of every random choice
     * @param out        receives {@code clipSamples} samples in [-1, 1]
     * @throws IllegalArgumentException if {@code out} has the wrong length
     */
    public void augment(float[] foreground, boolean isSilence, Random rnd, float[] out) {
        Objects.requireNonNull(rnd, "rnd");
        Objects.requireNonNull(out, "out");
        if (out.length != clipSamples) {
            throw new IllegalArgumentException("output buffer has " + out.length + " samples, expected "
                    + clipSamples);
        }
        if (isSilence) {
            silence(rnd, out);
            return;
        }
        Objects.requireNonNull(foreground, "foreground");
        int n = Math.min(foreground.length, clipSamples);
        for (int i = 0; i < n; i++) {
            float v = foreground[i];
            // One broken sample must not turn the whole clip into NaN through stretch or SNR.
            work[i] = v != v ? 0f : Math.max(-1f, Math.min(1f, v));
        }
        Arrays.fill(work, n, clipSamples, 0f);

        if (cfg.timeStretch() && rnd.nextDouble() < cfg.stretchProbability()) {
            double factor = uniform(rnd, cfg.stretchMin(), cfg.stretchMax());
            centre(TimeStretch.stretch(work, sampleRate, factor), work);
        }
        if (cfg.pitchShift() && rnd.nextDouble() < cfg.pitchProbability()) {
            double semitones = uniform(rnd, -cfg.pitchSemitones(), cfg.pitchSemitones());
            System.arraycopy(PitchShift.shift(work, sampleRate, semitones), 0, work, 0, clipSamples);
        }
        if (cfg.gain() && rnd.nextDouble() < cfg.gainProbability()) {
            float g = (float) Math.pow(10, uniform(rnd, cfg.gainMinDb(), cfg.gainMaxDb()) / 20);
            for (int i = 0; i < clipSamples; i++) {
                work[i] *= g;
            }
        }
        int shift = shiftSamples > 0 ? rnd.nextInt(2 * shiftSamples + 1) - shiftSamples : 0;
        shift(work, shift, out);
        if (cfg.backgroundNoise() && !noise.isEmpty() && rnd.nextDouble() < cfg.backgroundFrequency()) {
            addNoise(rnd, out);
        }
        clip(out);
    }

    private void silence(Random rnd, float[] out) {
        if (noise.isEmpty()) {
            Arrays.fill(out, 0f);
            return;
        }
        noise.randomSlice(rnd, noiseSlice);
        float volume = (float) rnd.nextDouble();
        for (int i = 0; i < clipSamples; i++) {
            out[i] = volume * noiseSlice[i];
        }
        clip(out);
    }

    private void addNoise(Random rnd, float[] out) {
        noise.randomSlice(rnd, noiseSlice);
        double volume;
        if (cfg.useSnr()) {
            double snrDb = uniform(rnd, cfg.snrMinDb(), cfg.snrMaxDb());
            double signal = rms(out);
            double noiseRms = rms(noiseSlice);
            // A silent clip has no level to measure an SNR against: it gets no noise.
            volume = signal > 0 && noiseRms > 0 ? signal / (noiseRms * Math.pow(10, snrDb / 20)) : 0;
        } else {
            volume = uniform(rnd, cfg.backgroundVolumeMin(), cfg.backgroundVolumeMax());
        }
        float v = (float) volume;
        for (int i = 0; i < clipSamples; i++) {
            out[i] += v * noiseSlice[i];
        }
    }

    /** Places {@code stretched} so its centre sits on the clip centre, cutting or zero padding. */
    private static void centre(float[] stretched, float[] clip) {
        int offset = Math.floorDiv(clip.length - stretched.length, 2);
        Arrays.fill(clip, 0f);
        int from = Math.max(0, -offset);
        int to = Math.min(stretched.length, clip.length - offset);
        if (to > from) {
            System.arraycopy(stretched, from, clip, from + offset, to - from);
        }
    }

    /** out[i] = in[i - amount], zero where that is outside the clip. */
    static void shift(float[] in, int amount, float[] out) {
        int n = in.length;
        Arrays.fill(out, 0f);
        if (Math.abs(amount) >= n) {
            return;
        }
        if (amount >= 0) {
            System.arraycopy(in, 0, out, amount, n - amount);
        } else {
            System.arraycopy(in, -amount, out, 0, n + amount);
        }
    }

    private static void clip(float[] x) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (v > 1f) {
                x[i] = 1f;
            } else if (v < -1f) {
                x[i] = -1f;
            } else if (v != v) {  // NaN from a broken input must not reach training
                x[i] = 0f;
            }
        }
    }

    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return x.length == 0 ? 0 : Math.sqrt(sum / x.length);
    }

    private static double uniform(Random rnd, double min, double max) {
        return min == max ? min : min + (max - min) * rnd.nextDouble();
    }
}
