package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.tasks.CancellationToken;
import io.kwsstudio.tasks.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds where speech is in a clip: a multi-band energy voice-activity detector with its own
 * noise-floor estimate, accurate to a few milliseconds at 10 dB SNR (bench/README-align.md).
 *
 * <p>How it decides:
 * <ol>
 *   <li>Energy in a few bands ({@link BandFrames}: 16 ms Hann frames every 5 ms) in dB, smoothed
 *       over five frames (fine scale) and over thirteen (coarse scale).</li>
 *   <li>Per band a noise floor (a low percentile of its frame levels) and a noise spread (the
 *       sigma of those levels, from the quietest frames), over the whole clip or, in long takes,
 *       per second from the 5 s before and after it, so a changing background is followed.</li>
 *   <li>Hysteresis on the fine scale: a stretch where some band is above its floor by
 *       {@code max(continueDb, continueSigmas * sigma)} is speech if some band also reaches
 *       {@code max(startDb, startSigmas * sigma)} for at least two frames. Thresholds in sigmas
 *       make a steady hiss band sensitive to a 3 dB rise while a rumbling low band needs much
 *       more. Thresholds are never lower than {@code peakRangeDb} under the band's loudest frame,
 *       so breaths under a very clean recording do not count. Since every band is judged on its
 *       own, the "s" of "six" counts as soon as the high band rises.</li>
 *   <li>Weak onsets: from each stretch's start the detector walks back while the coarse scale
 *       still shows speech in some band (bridging a stop closure), which finds the quiet "s" of
 *       "stop" or the murmur of "no" that the fine scale cannot tell from noise.</li>
 *   <li>Stretches closer than {@code maxGapMs} are joined (the closure in "stop", the pause before
 *       the "ks" of "six"); what is then shorter than {@code minSpeechMs} is dropped (clicks);
 *       {@code hangoverMs} is added at the end for decaying releases.</li>
 * </ol>
 * {@link #detect} returns the stretch with the most evidence (the word); {@link #detectAll} all of
 * them in order (for splitting long takes).
 *
 * <p>Own implementation rather than TarsosDSP's {@code SilenceDetector} (one broadband level
 * against a fixed absolute threshold) or its onset detectors (they mark note attacks, not where
 * a word begins): the benchmark measures all of them on the same clips, see
 * {@code bench/README-align.md}.
 *
 * <p>Immutable and thread-safe.
 */
public final class OnsetDetector {

    /** Frames averaged on each side before thresholding: trades time resolution for noise. */
    private static final int SMOOTH_HALF = 2;
    /** The coarse scale (65 ms): finds weak onsets the fine scale cannot tell from noise. */
    private static final int LONG_HALF = 6;
    /** A frame is weak speech when a coarse band level is this many sigmas above its floor ... */
    private static final double EXTEND_SIGMAS = 5.0;
    /** ... and at least this many dB (guards against a spread estimated too small). */
    private static final double EXTEND_DB = 0.5;
    /** Dropouts in the weak mask shorter than this many frames are filled. */
    private static final int WEAK_DROPOUT_FRAMES = 2;
    /** Gaps in the weak mask bridged when walking back (a stop closure, 50 ms). */
    private static final int EXTEND_GAP_FRAMES = 10;
    /** An earlier weak run beyond a gap must last this long to count (45 ms, coarse frames). */
    private static final int MIN_WEAK_RUN_FRAMES = 9;
    /** Frames that must reach the start threshold: one lucky noise frame is not a word. */
    private static final int MIN_SEED_FRAMES = 2;
    /** Long takes get a floor per block of this length ... */
    private static final double FLOOR_BLOCK_SECONDS = 1.0;
    /** ... estimated from half this much audio before it and half after it. */
    private static final double FLOOR_SPAN_SECONDS = 10.0;
    /** Where in its smoothing span a threshold crossing puts the onset/offset (toSamples). */
    private static final double ONSET_WINDOW_FRACTION = 0.5;
    private static final double OFFSET_WINDOW_FRACTION = 0.5;
    /** Even digital silence gets some spread, so thresholds never collapse onto the floor. */
    private static final double MIN_NOISE_SIGMA_DB = 0.25;

    /**
     * Detector tuning.
     *
     * @param startDb level above the band's noise floor that starts a word
     * @param continueDb level above the floor that keeps a started word going (hysteresis)
     * @param startSigmas the start threshold is at least this many noise sigmas above the floor
     * @param continueSigmas the same for the continue threshold
     * @param peakRangeDb thresholds are at least this far below the band's loudest frame
     * @param floorPercentile percentile of frame levels taken as the noise floor, in (0, 50]
     * @param minSpeechMs shorter detections (after joining) are dropped as clicks
     * @param maxGapMs quieter gaps up to this long inside a word are bridged
     * @param hangoverMs added after the detected end, for releases that fade into the noise
     */
    public record Settings(double startDb, double continueDb, double startSigmas,
            double continueSigmas, double peakRangeDb, double floorPercentile, int minSpeechMs,
            int maxGapMs, int hangoverMs) {

        /** @throws IllegalArgumentException for inconsistent or out-of-range values */
        public Settings {
            if (!(continueDb > 0) || !(startDb >= continueDb)) {
                throw new IllegalArgumentException("need 0 < continueDb <= startDb, was "
                        + continueDb + " / " + startDb);
            }
            if (!(startSigmas >= continueSigmas) || !(continueSigmas >= 0)) {
                throw new IllegalArgumentException("need 0 <= continueSigmas <= startSigmas, was "
                        + continueSigmas + " / " + startSigmas);
            }
            if (!(peakRangeDb > startDb)) {
                throw new IllegalArgumentException("peakRangeDb must exceed startDb, was "
                        + peakRangeDb);
            }
            if (!(floorPercentile > 0 && floorPercentile <= 50)) {
                throw new IllegalArgumentException("floor percentile must be in (0, 50], was "
                        + floorPercentile);
            }
            if (minSpeechMs < 0 || maxGapMs < 0 || hangoverMs < 0) {
                throw new IllegalArgumentException("durations must not be negative");
            }
        }

        /** Tuned on the alignment benchmark (bench/README-align.md). */
        public static Settings defaults() {
            return new Settings(4.0, 2.0, 6.0, 3.0, 45.0, 10.0, 50, 200, 20);
        }

        public Settings withMaxGapMs(int ms) {
            return new Settings(startDb, continueDb, startSigmas, continueSigmas, peakRangeDb,
                    floorPercentile, minSpeechMs, ms, hangoverMs);
        }

        public Settings withMinSpeechMs(int ms) {
            return new Settings(startDb, continueDb, startSigmas, continueSigmas, peakRangeDb,
                    floorPercentile, ms, maxGapMs, hangoverMs);
        }
    }

    private final Settings settings;

    public OnsetDetector() {
        this(Settings.defaults());
    }

    public OnsetDetector(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /** The word in a single-word clip: the detected stretch with the most evidence of speech. */
    public WordBounds detect(AudioClip clip) {
        Analysis a = analyse(clip, ProgressListener.NONE, CancellationToken.NONE);
        Region best = a.regions.stream().max(Comparator.comparingDouble(r -> r.evidence))
                .orElse(null);
        if (best == null) {
            return WordBounds.none(a.noiseFloorDb, a.loudestDb);
        }
        return a.bounds(clip, best);
    }

    /** Every detected utterance, in order; empty when there is no speech. */
    public List<WordBounds> detectAll(AudioClip clip) {
        return detectAll(clip, ProgressListener.NONE, CancellationToken.NONE);
    }

    /**
     * Every detected utterance, in order, reporting progress (in frames analysed) and stopping
     * with a {@link java.util.concurrent.CancellationException} when {@code cancel} is set.
     */
    public List<WordBounds> detectAll(AudioClip clip, ProgressListener progress,
            CancellationToken cancel) {
        Analysis a = analyse(clip, progress, cancel);
        List<WordBounds> out = new ArrayList<>(a.regions.size());
        for (Region r : a.regions) {
            out.add(a.bounds(clip, r));
        }
        return out;
    }

    /** A detected stretch in samples, with its summed level above the floor (dB x frames). */
    private record Region(int onset, int offset, double evidence) {
    }

    private record Analysis(List<Region> regions, double noiseFloorDb, double loudestDb) {
        WordBounds bounds(AudioClip clip, Region r) {
            double level = Math.max(WordBounds.MIN_DB, meanSquareDb(clip.samples(), r.onset,
                    r.offset));
            return new WordBounds(r.onset, r.offset, noiseFloorDb, level, true);
        }
    }

    private Analysis analyse(AudioClip clip, ProgressListener progress, CancellationToken cancel) {
        Objects.requireNonNull(clip, "clip");
        BandFrames bf = BandFrames.of(clip, cancel);
        int frames = bf.frames;
        int bands = bf.bands();
        progress.progress(frames / 2, frames, "Analysing audio");

        Scale fine = Scale.of(bf, SMOOTH_HALF, settings.floorPercentile(), cancel);
        Scale coarse = Scale.of(bf, LONG_HALF, settings.floorPercentile(), cancel);

        // Per frame: whether some band reaches the start / continue threshold, and by how much.
        boolean[] start = new boolean[frames];
        boolean[] keep = new boolean[frames];
        boolean[] weak = new boolean[frames];
        float[] above = new float[frames];
        double gap = settings.startDb() - settings.continueDb();
        for (int t = 0; t < frames; t++) {
            float most = 0;
            for (int b = 0; b < bands; b++) {
                double floor = fine.floor[b][t];
                double sigma = fine.spread[b][t];
                double startThreshold = Math.max(floor
                        + Math.max(settings.startDb(), settings.startSigmas() * sigma),
                        fine.peak[b] - settings.peakRangeDb());
                double keepThreshold = Math.max(floor
                        + Math.max(settings.continueDb(), settings.continueSigmas() * sigma),
                        fine.peak[b] - settings.peakRangeDb() - gap);
                float v = fine.level[b][t];
                if (v >= startThreshold) {
                    start[t] = true;
                }
                if (v >= keepThreshold) {
                    keep[t] = true;
                    most = Math.max(most, (float) (v - floor));
                }
                double weakThreshold = Math.max(coarse.floor[b][t]
                        + Math.max(EXTEND_DB, EXTEND_SIGMAS * coarse.spread[b][t]),
                        coarse.peak[b] - settings.peakRangeDb() - gap);
                if (coarse.level[b][t] >= weakThreshold) {
                    weak[t] = true;
                }
            }
            above[t] = most;
        }

        // A weak "s" flickers around its threshold; 10 ms dropouts do not end it.
        closeGaps(weak, WEAK_DROPOUT_FRAMES);

        List<Region> raw = new ArrayList<>();
        int t = 0;
        int previousEnd = -1;
        while (t < frames) {
            if (!keep[t]) {
                t++;
                continue;
            }
            int first = t;
            int seeds = 0;
            double evidence = 0;
            while (t < frames && keep[t]) {
                seeds += start[t] ? 1 : 0;
                evidence += above[t];
                t++;
            }
            if (seeds >= MIN_SEED_FRAMES) {
                // A weak onset (the "s" of "stop", the murmur of "no") can hide under the fine
                // thresholds yet stand out when averaged over longer: walk back while it does.
                int early = earliestWeakFrame(weak, first, previousEnd);
                Region r = toSamples(first, t - 1, evidence, bf, clip.frames());
                if (early < first) {
                    int extended = (int) Math.round((early + LONG_HALF) * (double) bf.hop
                            + ONSET_WINDOW_FRACTION * bf.window);
                    if (extended < r.onset) {
                        r = new Region(Math.max(0, extended), r.offset, r.evidence);
                    }
                }
                raw.add(r);
                previousEnd = t - 1;
            }
        }
        cancel.throwIfCancelled();

        List<Region> regions = joinAndFilter(raw, clip.sampleRate(), clip.frames());
        progress.progress(frames, frames, "Analysing audio");

        // The noise floor shown to the user: the mean level of everything that is not speech.
        boolean[] speech = new boolean[frames];
        for (Region r : regions) {
            int first = Math.max(0, (r.onset - bf.window) / bf.hop);
            int last = Math.min(frames - 1, r.offset / bf.hop);
            Arrays.fill(speech, first, last + 1, true);
        }
        float[] broadDb = new float[frames];
        float loudest = (float) WordBounds.MIN_DB;
        double quietSum = 0;
        int quietCount = 0;
        for (int i = 0; i < frames; i++) {
            broadDb[i] = (float) toDb(bf.broadband[i]);
            loudest = Math.max(loudest, broadDb[i]);
            if (!speech[i]) {
                quietSum += bf.broadband[i];
                quietCount++;
            }
        }
        double noiseFloor = quietCount > 0 ? toDb(quietSum / quietCount)
                : percentile(broadDb, settings.floorPercentile());
        return new Analysis(regions, noiseFloor, loudest);
    }

    /** Fills runs of at most {@code longest} false frames between true ones. */
    private static void closeGaps(boolean[] mask, int longest) {
        int lastTrue = -1;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t]) {
                if (lastTrue >= 0 && t - lastTrue - 1 <= longest) {
                    Arrays.fill(mask, lastTrue + 1, t, true);
                }
                lastTrue = t;
            }
        }
    }

    /**
     * How far back from {@code first} (exclusive of {@code previousEnd}) the coarse "weak speech"
     * mask reaches: the run touching {@code first}, then earlier runs across gaps of up to
     * {@link #EXTEND_GAP_FRAMES} (a closure such as the one between "s" and "t") if they last at
     * least {@link #MIN_WEAK_RUN_FRAMES}, since a shorter one is a single noise swell smeared by
     * the coarse smoothing.
     */
    private static int earliestWeakFrame(boolean[] weak, int first, int previousEnd) {
        int early = first;
        int t = first - 1;
        while (t > previousEnd) {
            int gapStart = t;
            while (t > previousEnd && !weak[t] && gapStart - t < EXTEND_GAP_FRAMES) {
                t--;
            }
            if (t <= previousEnd || !weak[t]) {
                break;
            }
            int runEnd = t;
            while (t > previousEnd && weak[t]) {
                t--;
            }
            if (runEnd != early - 1 && runEnd - t < MIN_WEAK_RUN_FRAMES) {
                break;
            }
            early = t + 1;
        }
        return early;
    }

    /**
     * Converts a run of smoothed frames {@code [first, last]} to samples. A smoothed frame sees
     * samples {@code [(t-k)*hop, (t+k)*hop + window)}; the run starts when the word has entered
     * that span far enough to lift the average, which is near its end.
     */
    private static Region toSamples(int first, int last, double evidence, BandFrames bf, int n) {
        int onset = (int) Math.round((first + SMOOTH_HALF) * (double) bf.hop
                + ONSET_WINDOW_FRACTION * bf.window);
        int offset = (int) Math.round((last - SMOOTH_HALF) * (double) bf.hop
                + OFFSET_WINDOW_FRACTION * bf.window);
        // Speech already in the first frame started somewhere in the first ~25 ms (the clipped
        // smoothing span): take the middle. Speech still in the last frame runs to the end.
        if (first == 0) {
            onset /= 2;
        }
        if (last == bf.frames - 1) {
            offset = n;
        }
        onset = Math.max(0, Math.min(onset, n));
        offset = Math.max(onset, Math.min(offset, n));
        return new Region(onset, offset, evidence);
    }

    private List<Region> joinAndFilter(List<Region> raw, int rate, int n) {
        int maxGap = AlignSettings.msToSamples(settings.maxGapMs(), rate);
        int minLength = AlignSettings.msToSamples(settings.minSpeechMs(), rate);
        int hangover = AlignSettings.msToSamples(settings.hangoverMs(), rate);
        List<Region> joined = new ArrayList<>();
        for (Region r : raw) {
            if (!joined.isEmpty()) {
                Region last = joined.get(joined.size() - 1);
                if (r.onset - last.offset <= maxGap) {
                    joined.set(joined.size() - 1, new Region(last.onset,
                            Math.max(last.offset, r.offset), last.evidence + r.evidence));
                    continue;
                }
            }
            joined.add(r);
        }
        List<Region> out = new ArrayList<>();
        for (int i = 0; i < joined.size(); i++) {
            Region r = joined.get(i);
            if (r.offset - r.onset < minLength) {
                continue;
            }
            // The hangover never runs into the next utterance.
            int limit = i + 1 < joined.size() ? joined.get(i + 1).onset : n;
            out.add(new Region(r.onset, Math.min(r.offset + hangover, limit), r.evidence));
        }
        return out;
    }

    /** Band levels smoothed at one time scale, with their noise floors, spreads and peaks. */
    private record Scale(float[][] level, float[][] floor, float[][] spread, float[] peak) {
        static Scale of(BandFrames bf, int half, double percentile, CancellationToken cancel) {
            int bands = bf.bands();
            float[][] level = new float[bands][];
            float[][] floor = new float[bands][];
            float[][] spread = new float[bands][];
            float[] peak = new float[bands];
            for (int b = 0; b < bands; b++) {
                cancel.throwIfCancelled();
                level[b] = smoothedDb(bf.energy[b], half, half);
                float[][] fs = floors(level[b], bf.hop, bf.sampleRate, percentile);
                floor[b] = fs[0];
                spread[b] = fs[1];
                float p = Float.NEGATIVE_INFINITY;
                for (float v : level[b]) {
                    p = Math.max(p, v);
                }
                peak[b] = p;
            }
            return new Scale(level, floor, spread, peak);
        }
    }

    /** Moving average of {@code 2k+1} frames of energy, then dB. */
    /**
     * Moving average of energy over frames {@code [t - behind, t + ahead]} (clipped to the clip),
     * in dB. A running sum keeps this linear in the number of frames.
     */
    static float[] smoothedDb(float[] energy, int behind, int ahead) {
        int n = energy.length;
        float[] out = new float[n];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < Math.min(ahead, n); i++) {
            sum += energy[i];
            count++;
        }
        for (int t = 0; t < n; t++) {
            int enter = t + ahead;
            if (enter < n) {
                sum += energy[enter];
                count++;
            }
            int leave = t - behind - 1;
            if (leave >= 0) {
                sum -= energy[leave];
                count--;
            }
            out[t] = (float) toDb(Math.max(0, sum) / count);
        }
        return out;
    }

    /**
     * Noise floor and noise spread per frame: one estimate for short clips, block-wise for long
     * takes. The spread is the standard deviation of the noise's frame levels, estimated from the
     * quietest frames (the 5th to 20th percentile span, which is 0.8 sigma for Gaussian levels):
     * rumble in a narrow low band wobbles by several dB where broadband hiss is steady to half a
     * dB, so a fixed margin would be either too tight for one or too loose for the other.
     */
    private static float[][] floors(float[] levelDb, int hop, int rate, double percentile) {
        int n = levelDb.length;
        float[] floor = new float[n];
        float[] spread = new float[n];
        int span = (int) Math.round(FLOOR_SPAN_SECONDS * rate / hop);
        if (n <= span) {
            float[] sorted = levelDb.clone();
            Arrays.sort(sorted);
            Arrays.fill(floor, (float) sortedPercentile(sorted, percentile));
            Arrays.fill(spread, noiseSigma(sorted));
            return new float[][] {floor, spread};
        }
        // Each block takes the higher of the floors before and after it, so where the
        // background steps up (a fan switched on) the louder part is not taken for speech.
        int block = Math.max(1, (int) Math.round(FLOOR_BLOCK_SECONDS * rate / hop));
        int half = span / 2;
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            int before = Math.max(0, Math.min(to - half, n - half));
            int after = Math.min(n, Math.max(from + half, half)) - half;
            float[] left = Arrays.copyOfRange(levelDb, before, before + half);
            float[] right = Arrays.copyOfRange(levelDb, after, after + half);
            Arrays.sort(left);
            Arrays.sort(right);
            double leftFloor = sortedPercentile(left, percentile);
            double rightFloor = sortedPercentile(right, percentile);
            boolean useLeft = leftFloor >= rightFloor;
            Arrays.fill(floor, from, to, (float) Math.max(leftFloor, rightFloor));
            Arrays.fill(spread, from, to, noiseSigma(useLeft ? left : right));
        }
        return new float[][] {floor, spread};
    }

    private static float noiseSigma(float[] sorted) {
        double p5 = sortedPercentile(sorted, 5);
        double p20 = sortedPercentile(sorted, 20);
        return (float) Math.max(MIN_NOISE_SIGMA_DB, (p20 - p5) / 0.8);
    }

    /** Nearest-rank percentile; sorts {@code values}. */
    static double percentile(float[] values, double percentile) {
        Arrays.sort(values);
        return sortedPercentile(values, percentile);
    }

    private static double sortedPercentile(float[] values, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, index))];
    }

    static double toDb(double meanSquare) {
        return meanSquare <= 1e-12 ? WordBounds.MIN_DB : Math.max(WordBounds.MIN_DB,
                10 * Math.log10(meanSquare));
    }

    /** RMS level of {@code x[from, to)} in dBFS. */
    static double meanSquareDb(float[] x, int from, int to) {
        if (to <= from) {
            return WordBounds.MIN_DB;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return toDb(sum / (to - from));
    }
}
