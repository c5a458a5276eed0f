package io.kwsstudio.align;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;
import io.kwsstudio.tasks.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Quality benchmark of word detection and alignment on clips with known word positions.
 *
 * <p>Clean words come from espeak-ng (12 command words, 6 voices; run once per pair and cached
 * under the work folder). The true onset/offset is the first/last sample above 1 % of the peak of
 * the clean speech. Each trial places a word at a random position in a 1 s clip at 16 kHz (at a
 * random level) and adds noise scaled to the wanted SNR over the word's span: white, pink, and
 * the recordings of a {@code _background_noise_} folder if one is given. Per SNR it reports:
 * <ul>
 *   <li>{@link OnsetDetector}'s onset/offset error (|error| median and 95th percentile; a missed
 *       word counts as an infinitely large error) and how often ONSET alignment cut the word;</li>
 *   <li>the same word in a 1.5 s recording aligned to 1 s by ONSET and by the reference
 *       {@link LoudestWindow}: how often the word is cut and how much lead-in is left;</li>
 *   <li>the onset error of TarsosDSP-based detectors on the same 1 s clips.</li>
 * </ul>
 * Every trial draws from its own seeded generator, so a run is reproducible from its seed.
 */
public final class AlignBenchmark {

    static final int RATE = 16000;
    static final List<String> WORDS = List.of("yes", "no", "up", "down", "left", "right", "on",
            "off", "stop", "go", "six", "seven");
    static final List<Voice> VOICES = List.of(
            new Voice("en-us+f3", 150, 50),
            new Voice("en-gb+m3", 170, 40),
            new Voice("en-gb-scotland+f2", 140, 60),
            new Voice("en-029+m1", 160, 35),
            new Voice("en-gb-x-rp+f4", 130, 55),
            new Voice("en-us-nyc+m2", 185, 45));
    static final double[] SNRS_DB = {20, 10, 5};
    /** Truth: first/last clean sample above this fraction of the clean peak (-40 dB). */
    static final double TRUTH_FRACTION = 0.01;
    /** Clean context kept around the word, so it does not start on a hard edge. */
    private static final int MARGIN_SAMPLES = RATE / 50;
    private static final int SHORT_SAMPLES = RATE;
    private static final int LONG_SAMPLES = RATE * 3 / 2;
    /** Lead-in beyond which a loudest-window clip wastes a third of its length on silence. */
    static final double LONG_LEAD_MS = 300;

    /** Target at 10 dB SNR (the acceptance criterion). */
    static final double TARGET_SNR_DB = 10;
    static final double TARGET_MEDIAN_MS = 15;
    static final double TARGET_P95_MS = 50;

    static final String OWN = "OnsetDetector (shipped)";
    static final String TARSOS_FIXED = "Tarsos SilenceDetector -70 dB";
    static final String TARSOS_ADAPTIVE = "Tarsos SilenceDetector, floor+9 dB";
    static final String TARSOS_COMPLEX = "Tarsos ComplexOnsetDetector";
    static final String TARSOS_PERCUSSION = "Tarsos PercussionOnsetDetector";
    static final List<String> METHODS = List.of(OWN, TARSOS_FIXED, TARSOS_ADAPTIVE, TARSOS_COMPLEX,
            TARSOS_PERCUSSION);

    private AlignBenchmark() {
    }

    /** An espeak-ng speaker: voice (with variant), words per minute, pitch. */
    public record Voice(String name, int speed, int pitch) {
        String fileStem() {
            return name.replaceAll("[^A-Za-z0-9]+", "_") + "_s" + speed + "_p" + pitch;
        }
    }

    /** One clean word at {@link #RATE}, peak 1, with its true bounds. */
    record Word(String word, Voice voice, float[] samples, int onset, int offset) {
    }

    /** Error statistics of one method at one SNR (ms; missed words count as infinite error). */
    public record ErrorStats(String method, double snrDb, int clips, double medianMs, double p95Ms,
            double biasMs, double missedShare) {
    }

    /** What happened to the words when aligning at one SNR. */
    public record AlignmentStats(double snrDb, int clips, double onsetCutShort,
            double onsetCutLong, double onsetLeadMedianMs, double loudestCutLong,
            double loudestLeadMedianMs, double loudestLongLeadShare) {
    }

    /**
     * Results of a run.
     *
     * @param onset OnsetDetector onset error per SNR (1 s clips)
     * @param offset OnsetDetector offset error per SNR
     * @param alignment cut/lead statistics per SNR
     * @param methods onset error of every method per SNR (OWN first)
     * @param perWord OnsetDetector onset error per word at {@link #TARGET_SNR_DB}
     * @param perNoise OnsetDetector onset error per noise at {@link #TARGET_SNR_DB}
     * @param falseAlarmShare share of noise-only 1 s clips in which OnsetDetector found speech
     */
    public record Report(int clipsPerSnr, long seed, List<String> noises, List<ErrorStats> onset,
            List<ErrorStats> offset, List<AlignmentStats> alignment, List<ErrorStats> methods,
            List<ErrorStats> perWord, List<ErrorStats> perNoise, double falseAlarmShare) {

        /** Whether the 10 dB target holds: median <= 15 ms, p95 <= 50 ms, no word cut. */
        public boolean meetsTarget() {
            for (int i = 0; i < onset.size(); i++) {
                if (onset.get(i).snrDb() == TARGET_SNR_DB) {
                    return onset.get(i).medianMs() <= TARGET_MEDIAN_MS
                            && onset.get(i).p95Ms() <= TARGET_P95_MS
                            && alignment.get(i).onsetCutShort() == 0
                            && alignment.get(i).onsetCutLong() == 0;
                }
            }
            return false;
        }

        /** The report as Markdown tables. */
        public String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%d clips per SNR, seed %d, noise: %s%n%n",
                    clipsPerSnr, seed, String.join(", ", noises)));
            s.append("OnsetDetector on 1 s clips (|error| in ms; bias = median signed error; "
                    + "ONSET cut = word cut after ONSET alignment)\n\n");
            s.append("| SNR | clips | onset median | onset p95 | onset bias | offset median "
                    + "| offset p95 | missed | ONSET cut |\n");
            s.append("|---|---|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < onset.size(); i++) {
                ErrorStats on = onset.get(i);
                ErrorStats off = offset.get(i);
                s.append(String.format(Locale.ROOT,
                        "| %.0f dB | %d | %s | %s | %+.1f | %s | %s | %s | %s |%n", on.snrDb(),
                        on.clips(), ms(on.medianMs()), ms(on.p95Ms()), on.biasMs(),
                        ms(off.medianMs()), ms(off.p95Ms()), pct(on.missedShare()),
                        pct(alignment.get(i).onsetCutShort())));
            }
            s.append("\n1.5 s recordings aligned to 1 s: ONSET (word at 100 ms) vs reference "
                    + "LOUDEST window (lead = where the true onset ends up)\n\n");
            s.append("| SNR | ONSET cut | ONSET lead median | LOUDEST cut | LOUDEST lead median "
                    + "| LOUDEST lead > 300 ms |\n");
            s.append("|---|---|---|---|---|---|\n");
            for (AlignmentStats a : alignment) {
                s.append(String.format(Locale.ROOT,
                        "| %.0f dB | %s | %.0f ms | %s | %.0f ms | %s |%n", a.snrDb(),
                        pct(a.onsetCutLong()), a.onsetLeadMedianMs(), pct(a.loudestCutLong()),
                        a.loudestLeadMedianMs(), pct(a.loudestLongLeadShare())));
            }
            s.append("\nOnset |error| by detector on the same 1 s clips "
                    + "(median / p95 / missed)\n\n");
            s.append("| detector |");
            for (double snr : SNRS_DB) {
                s.append(String.format(Locale.ROOT, " %.0f dB |", snr));
            }
            s.append("\n|---|---|---|---|\n");
            for (String method : METHODS) {
                s.append("| ").append(method).append(" |");
                for (ErrorStats e : methods) {
                    if (e.method().equals(method)) {
                        s.append(String.format(Locale.ROOT, " %s / %s / %s |", ms(e.medianMs()),
                                ms(e.p95Ms()), pct(e.missedShare())));
                    }
                }
                s.append('\n');
            }
            s.append(String.format(Locale.ROOT, "%nNoise-only 1 s clips (%d, same noises) where "
                    + "OnsetDetector found speech: %s%n", clipsPerSnr, pct(falseAlarmShare)));
            appendBreakdown(s, "word", perWord);
            appendBreakdown(s, "noise", perNoise);
            s.append(String.format(Locale.ROOT, "%nTarget at %.0f dB (median <= %.0f ms, p95 <= "
                    + "%.0f ms, no word cut): %s%n", TARGET_SNR_DB, TARGET_MEDIAN_MS,
                    TARGET_P95_MS, meetsTarget() ? "met" : "NOT met"));
            return s.toString();
        }

        private static void appendBreakdown(StringBuilder s, String what, List<ErrorStats> rows) {
            s.append(String.format(Locale.ROOT, "%nOnsetDetector at %.0f dB by %s: onset median / "
                    + "p95 / bias (clips)%n%n", TARGET_SNR_DB, what));
            s.append("| ").append(what).append(" | median | p95 | bias | clips |\n");
            s.append("|---|---|---|---|---|\n");
            for (ErrorStats e : rows) {
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %+.1f | %d |%n", e.method(),
                        ms(e.medianMs()), ms(e.p95Ms()), e.biasMs(), e.clips()));
            }
        }

        private static String ms(double v) {
            return Double.isInfinite(v) ? "miss" : String.format(Locale.ROOT, "%.1f", v);
        }

        private static String pct(double share) {
            return String.format(Locale.ROOT, "%.1f %%", 100 * share);
        }
    }

    /** {@link #run(Path, int, long, Path, ProgressListener)} with white and pink noise only. */
    public static Report run(Path workDir, int clipsPerSnr, long seed) throws IOException {
        return run(workDir, clipsPerSnr, seed, null, ProgressListener.NONE);
    }

    /**
     * Runs the benchmark.
     *
     * @param workDir where the espeak-ng speech is cached (created if missing)
     * @param clipsPerSnr trials per SNR
     * @param seed seed of the trial generator
     * @param backgroundNoiseDir a {@code _background_noise_} folder whose WAVs are added to the
     *     noises, or null
     * @throws IOException if espeak-ng is missing or fails, or a file cannot be read/written
     */
    public static Report run(Path workDir, int clipsPerSnr, long seed, Path backgroundNoiseDir,
            ProgressListener progress) throws IOException {
        if (clipsPerSnr <= 0) {
            throw new IllegalArgumentException("clips per SNR must be positive, was "
                    + clipsPerSnr);
        }
        List<Word> words = cleanWords(workDir, progress);
        Map<String, float[]> noises = noises(backgroundNoiseDir, seed);
        List<String> noiseNames = new ArrayList<>(noises.keySet());

        OnsetDetector detector = new OnsetDetector();
        Aligner onsetAligner = new Aligner(AlignSettings.defaults(), detector);
        int offsetSamples = AlignSettings.defaults().offsetSamples(RATE);

        List<ErrorStats> onset = new ArrayList<>();
        List<ErrorStats> offset = new ArrayList<>();
        List<AlignmentStats> alignment = new ArrayList<>();
        List<ErrorStats> methods = new ArrayList<>();
        List<ErrorStats> perWord = new ArrayList<>();
        List<ErrorStats> perNoise = new ArrayList<>();
        long total = (long) SNRS_DB.length * clipsPerSnr;
        long done = 0;
        for (int si = 0; si < SNRS_DB.length; si++) {
            double snr = SNRS_DB[si];
            Map<String, double[]> methodErrors = new LinkedHashMap<>();
            for (String m : METHODS) {
                methodErrors.put(m, new double[clipsPerSnr]);
            }
            double[] offsetErrors = new double[clipsPerSnr];
            String[] trialWord = new String[clipsPerSnr];
            String[] trialNoise = new String[clipsPerSnr];
            int cutShort = 0;
            int cutLong = 0;
            int loudestCut = 0;
            int loudestLongLead = 0;
            double[] onsetLead = new double[clipsPerSnr];
            double[] loudestLead = new double[clipsPerSnr];
            for (int i = 0; i < clipsPerSnr; i++) {
                SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + si * 100_003L + i);
                Word w = words.get(rng.nextInt(words.size()));
                String noiseName = noiseNames.get(rng.nextInt(noiseNames.size()));
                float[] noise = noises.get(noiseName);
                double gain = Math.pow(10, rng.nextDouble(-20, -6) / 20);
                trialWord[i] = w.word();
                trialNoise[i] = noiseName;

                Mix mix = mix(w, gain, noise, snr, SHORT_SAMPLES, rng);
                AudioClip clip = new AudioClip(mix.samples, RATE);
                WordBounds found = detector.detect(clip);
                methodErrors.get(OWN)[i] = found.speechFound()
                        ? ms(found.onset() - mix.onset) : Double.POSITIVE_INFINITY;
                offsetErrors[i] = found.speechFound()
                        ? ms(found.offset() - mix.offset) : Double.POSITIVE_INFINITY;
                measure(methodErrors.get(TARSOS_FIXED), i, mix,
                        c -> TarsosBaselines.silenceDetectorOnset(c, -70.0), clip);
                measure(methodErrors.get(TARSOS_ADAPTIVE), i, mix,
                        c -> TarsosBaselines.adaptiveSilenceDetectorOnset(c, 10, 9), clip);
                measure(methodErrors.get(TARSOS_COMPLEX), i, mix, TarsosBaselines::complexOnset,
                        clip);
                measure(methodErrors.get(TARSOS_PERCUSSION), i, mix,
                        TarsosBaselines::percussionOnset, clip);
                Alignment a = onsetAligner.align(clip);
                if (cut(mix, a.shiftSamples(), SHORT_SAMPLES)) {
                    cutShort++;
                }

                Mix longMix = mix(w, gain, noise, snr, LONG_SAMPLES, rng);
                AudioClip longClip = new AudioClip(longMix.samples, RATE);
                Alignment onsetLong = onsetAligner.align(longClip);
                if (cut(longMix, onsetLong.shiftSamples(), SHORT_SAMPLES)) {
                    cutLong++;
                }
                onsetLead[i] = ms(longMix.onset + onsetLong.shiftSamples());
                Alignment loudest = LoudestWindow.extract(longClip, SHORT_SAMPLES);
                if (cut(longMix, loudest.shiftSamples(), SHORT_SAMPLES)) {
                    loudestCut++;
                }
                loudestLead[i] = ms(longMix.onset + loudest.shiftSamples());
                if (loudestLead[i] > LONG_LEAD_MS) {
                    loudestLongLead++;
                }
                progress.progress(++done, total, "Benchmark trials");
            }
            double n = clipsPerSnr;
            onset.add(stats(OWN, snr, methodErrors.get(OWN)));
            offset.add(stats(OWN, snr, offsetErrors));
            for (String m : METHODS) {
                methods.add(stats(m, snr, methodErrors.get(m)));
            }
            alignment.add(new AlignmentStats(snr, clipsPerSnr, cutShort / n, cutLong / n,
                    median(onsetLead), loudestCut / n, median(loudestLead), loudestLongLead / n));
            if (snr == TARGET_SNR_DB) {
                for (String word : WORDS) {
                    perWord.add(stats(word, snr, select(methodErrors.get(OWN), trialWord, word)));
                }
                for (String noiseName : noiseNames) {
                    perNoise.add(stats(noiseName, snr,
                            select(methodErrors.get(OWN), trialNoise, noiseName)));
                }
            }
        }
        int falseAlarms = 0;
        for (int i = 0; i < clipsPerSnr; i++) {
            SplittableRandom rng = new SplittableRandom(~(seed * 1_000_003L + i));
            float[] noise = noises.get(noiseNames.get(rng.nextInt(noiseNames.size())));
            int from = rng.nextInt(noise.length - SHORT_SAMPLES + 1);
            double gain = Math.pow(10, rng.nextDouble(-50, -20) / 20);
            float[] x = new float[SHORT_SAMPLES];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) Math.max(-1, Math.min(1, gain * noise[from + k]));
            }
            if (detector.detect(new AudioClip(x, RATE)).speechFound()) {
                falseAlarms++;
            }
        }
        return new Report(clipsPerSnr, seed, noiseNames, onset, offset, alignment, methods, perWord,
                perNoise, falseAlarms / (double) clipsPerSnr);
    }

    /** A noisy clip with the true word span in it. */
    record Mix(float[] samples, int onset, int offset) {
    }

    /**
     * The word at a random place in {@code length} samples (scaled by {@code gain}) plus a random
     * stretch of {@code noise} scaled to {@code snrDb} over the true word span.
     */
    static Mix mix(Word w, double gain, float[] noise, double snrDb, int length,
            SplittableRandom rng) {
        int place = rng.nextInt(length - w.samples().length + 1);
        double speechPower = 0;
        for (int i = w.onset(); i < w.offset(); i++) {
            double v = gain * w.samples()[i];
            speechPower += v * v;
        }
        speechPower /= Math.max(1, w.offset() - w.onset());
        int from = rng.nextInt(noise.length - length + 1);
        double noisePower = 0;
        for (int i = 0; i < length; i++) {
            noisePower += (double) noise[from + i] * noise[from + i];
        }
        noisePower /= length;
        double k = noisePower > 0 ? Math.sqrt(speechPower / (noisePower
                * Math.pow(10, snrDb / 10))) : 0;
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) (k * noise[from + i]);
        }
        for (int i = 0; i < w.samples().length; i++) {
            out[place + i] += (float) (gain * w.samples()[i]);
        }
        for (int i = 0; i < length; i++) {
            out[i] = Math.max(-1f, Math.min(1f, out[i]));
        }
        return new Mix(out, place + w.onset(), place + w.offset());
    }

    private static void measure(double[] errors, int i, Mix mix, ToIntFunction<AudioClip> method,
            AudioClip clip) {
        int found = method.applyAsInt(clip);
        errors[i] = found < 0 ? Double.POSITIVE_INFINITY : ms(found - mix.onset);
    }

    /** Whether the true word, moved by {@code shift}, sticks out of {@code [0, length)}. */
    private static boolean cut(Mix mix, int shift, int length) {
        return mix.onset + shift < 0 || mix.offset + shift > length;
    }

    private static double ms(int samples) {
        return samples * 1000.0 / RATE;
    }

    private static double[] select(double[] values, String[] keys, String key) {
        return java.util.stream.IntStream.range(0, values.length)
                .filter(i -> keys[i].equals(key)).mapToDouble(i -> values[i]).toArray();
    }

    /** |error| median and p95 (misses infinite), signed median of the found ones, miss share. */
    static ErrorStats stats(String method, double snr, double[] signedErrors) {
        int n = signedErrors.length;
        double[] abs = new double[n];
        double[] found = Arrays.stream(signedErrors).filter(Double::isFinite).toArray();
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(signedErrors[i]);
        }
        Arrays.sort(abs);
        double missed = n == 0 ? 0 : (n - found.length) / (double) n;
        return new ErrorStats(method, snr, n, percentile(abs, 50), percentile(abs, 95),
                found.length == 0 ? Double.NaN : median(found), missed);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    /** Every (word, voice) pair, synthesised once and cached as WAV under {@code workDir}. */
    static List<Word> cleanWords(Path workDir, ProgressListener progress) throws IOException {
        Path dir = workDir.resolve("espeak");
        Files.createDirectories(dir);
        List<Word> out = new ArrayList<>();
        int total = WORDS.size() * VOICES.size();
        for (Voice voice : VOICES) {
            for (String word : WORDS) {
                Path wav = dir.resolve(voice.fileStem() + "_" + word + ".wav");
                if (!Files.isRegularFile(wav)) {
                    synthesise(voice, word, wav);
                }
                out.add(prepare(word, voice, WavReader.read(wav, RATE)));
                progress.progress(out.size(), total, "Speech for the benchmark");
            }
        }
        return out;
    }

    /** Trims to the word plus a margin, scales the peak to 1, and finds the true bounds. */
    static Word prepare(String word, Voice voice, AudioClip clip) throws AudioFileException {
        float[] x = clip.samples();
        float peak = clip.peak();
        if (peak == 0f) {
            throw new IllegalStateException("espeak-ng produced silence for '" + word + "' ("
                    + voice.name() + ")");
        }
        double threshold = TRUTH_FRACTION * peak;
        int first = 0;
        while (Math.abs(x[first]) <= threshold) {
            first++;
        }
        int last = x.length - 1;
        while (Math.abs(x[last]) <= threshold) {
            last--;
        }
        int from = Math.max(0, first - MARGIN_SAMPLES);
        int to = Math.min(x.length, last + 1 + MARGIN_SAMPLES);
        float[] samples = new float[to - from];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = x[from + i] / peak;
        }
        if (samples.length > SHORT_SAMPLES) {
            throw new IllegalStateException("'" + word + "' by " + voice.name()
                    + " is longer than a 1 s clip");
        }
        return new Word(word, voice, samples, first - from, last + 1 - from);
    }

    private static void synthesise(Voice voice, String word, Path wav) throws IOException {
        Path tmp = Files.createTempFile(wav.getParent(), "espeak", ".wav");
        try {
            Process p;
            try {
                p = new ProcessBuilder("espeak-ng", "-v", voice.name(), "-s",
                        Integer.toString(voice.speed()), "-p", Integer.toString(voice.pitch()),
                        "-w", tmp.toString(), word).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IOException("espeak-ng is needed for the alignment benchmark (Debian/"
                        + "Ubuntu: apt-get install espeak-ng): " + e.getMessage(), e);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("espeak-ng did not finish for '" + word + "'");
            }
            if (p.exitValue() != 0) {
                throw new IOException("espeak-ng failed (exit " + p.exitValue() + ") for '" + word
                        + "' with voice " + voice.name());
            }
            Files.move(tmp, wav, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running espeak-ng", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** 30 s each of white and pink noise, plus the WAVs of {@code backgroundDir} at 16 kHz. */
    static Map<String, float[]> noises(Path backgroundDir, long seed) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        out.put("white", NoiseSignals.white(30 * RATE, rng));
        out.put("pink", NoiseSignals.pink(30 * RATE, rng));
        if (backgroundDir != null && Files.isDirectory(backgroundDir)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(backgroundDir)) {
                files = list.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                        .endsWith(".wav")).sorted().toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (Path f : files) {
                float[] x = WavReader.read(f, RATE).samples();
                if (x.length >= LONG_SAMPLES) {
                    out.put(f.getFileName().toString().replaceFirst("(?i)\\.wav$", ""), x);
                }
            }
        }
        return out;
    }

    /**
     * Prints the report. Options: {@code --work DIR} (speech cache, default
     * {@code bench/out/align}), {@code --clips N} (per SNR, default 300), {@code --seed S}
     * (default 1), {@code --noise DIR} (a {@code _background_noise_} folder). Exits with 1 when
     * the 10 dB target is not met.
     */
    public static void main(String[] args) throws IOException {
        Path work = Path.of("bench", "out", "align");
        int clips = 300;
        long seed = 1;
        Path noise = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--work" -> work = Path.of(required(args[i], value));
                case "--clips" -> clips = Integer.parseInt(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--noise" -> noise = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --work DIR --clips N --seed S --noise DIR)");
            }
            i++;
        }
        long start = System.nanoTime();
        Report report = run(work, clips, seed, noise, ProgressListener.NONE);
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "%n%s, %.1f s%n", LocalDate.now(),
                (System.nanoTime() - start) / 1e9);
        if (!report.meetsTarget()) {
            System.exit(1);
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
