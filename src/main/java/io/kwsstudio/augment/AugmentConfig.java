package io.kwsstudio.augment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How training clips are augmented and how the class list is made: which augmentations run, with
 * which ranges and probabilities, the share of silence and unknown items, the wanted words and the
 * seed. Immutable and validated on construction; saved with every training run as JSON
 * (snake_case names, see {@link #toJson()}) so a run can be repeated exactly.
 *
 * <p>Background noise follows the reference trainer: with probability {@code backgroundFrequency}
 * a random slice of a noise recording is added, scaled either by a volume drawn from
 * [{@code backgroundVolumeMin}, {@code backgroundVolumeMax}] (1 = as recorded) or, when
 * {@code useSnr} is set, to a signal-to-noise ratio drawn from [{@code snrMinDb},
 * {@code snrMaxDb}] against the clip's own level. Time shift moves the clip by a uniform integer
 * number of samples within ±{@code timeShiftMs}. Stretch, pitch and gain are extras the reference
 * does not have; each runs with its own probability.
 *
 * @param backgroundNoise     add background noise to training clips
 * @param backgroundFrequency probability in [0,1] that a clip gets noise
 * @param backgroundVolumeMin lower end of the noise volume (multiplier of the recording, 0..1)
 * @param backgroundVolumeMax upper end of the noise volume
 * @param useSnr              scale noise to an SNR range instead of a volume range
 * @param snrMinDb            lowest signal-to-noise ratio in dB (noisiest)
 * @param snrMaxDb            highest signal-to-noise ratio in dB (cleanest)
 * @param timeShift           shift clips in time
 * @param timeShiftMs         largest shift either way, in milliseconds
 * @param timeStretch         change clip speed keeping the pitch
 * @param stretchProbability  probability in [0,1] that a clip is stretched
 * @param stretchMin          smallest length factor (below 1 = faster, shorter)
 * @param stretchMax          largest length factor (above 1 = slower, longer)
 * @param pitchShift          change pitch keeping the length
 * @param pitchProbability    probability in [0,1] that a clip is pitch shifted
 * @param pitchSemitones      largest shift either way, in semitones
 * @param gain                change clip loudness
 * @param gainProbability     probability in [0,1] that the gain changes
 * @param gainMinDb           lowest gain in dB
 * @param gainMaxDb           highest gain in dB
 * @param silencePercentage   silence items per split, as a percentage of its wanted-word clips
 * @param unknownPercentage   unknown items per split, as a percentage of its wanted-word clips
 * @param wantedWords         the words to recognise, in class order after silence and unknown
 * @param seed                seed for everything random (unknown selection, augmentation)
 */
public record AugmentConfig(
        boolean backgroundNoise, double backgroundFrequency, double backgroundVolumeMin, double backgroundVolumeMax,
        boolean useSnr, double snrMinDb, double snrMaxDb,
        boolean timeShift, int timeShiftMs,
        boolean timeStretch, double stretchProbability, double stretchMin, double stretchMax,
        boolean pitchShift, double pitchProbability, double pitchSemitones,
        boolean gain, double gainProbability, double gainMinDb, double gainMaxDb,
        double silencePercentage, double unknownPercentage, List<String> wantedWords,
        long seed) {

    /** The reference trainer's default words. */
    public static final List<String> DEFAULT_WANTED_WORDS =
            List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go");
    /** The reference trainer's fixed seed for picking unknown clips. */
    public static final long DEFAULT_SEED = 59185;

    /** Stretch factors outside this range make WSOLA audibly smear speech. */
    public static final double STRETCH_LIMIT_MIN = 0.5;
    public static final double STRETCH_LIMIT_MAX = 2.0;
    public static final double PITCH_LIMIT_SEMITONES = 12;
    public static final double SNR_LIMIT_MIN_DB = -30;
    public static final double SNR_LIMIT_MAX_DB = 80;
    public static final double GAIN_LIMIT_DB = 40;
    public static final int TIME_SHIFT_LIMIT_MS = 10_000;
    public static final double PERCENTAGE_LIMIT = 10_000;

    private static final Set<String> RESERVED_WORDS = Set.of("_silence_", "_unknown_", "_background_noise_");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // A run saved by a newer version may carry settings this one does not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Checks every value and copies the word list.
     *
     * @throws IllegalArgumentException with a message in plain words when a value makes no sense
     */
    public AugmentConfig {
        probability("background frequency", backgroundFrequency);
        range("background volume", backgroundVolumeMin, backgroundVolumeMax, 0, 1);
        range("SNR (dB)", snrMinDb, snrMaxDb, SNR_LIMIT_MIN_DB, SNR_LIMIT_MAX_DB);
        if (timeShiftMs < 0 || timeShiftMs > TIME_SHIFT_LIMIT_MS) {
            throw new IllegalArgumentException("time shift must be between 0 and " + TIME_SHIFT_LIMIT_MS
                    + " ms, was " + timeShiftMs + " ms");
        }
        probability("stretch probability", stretchProbability);
        range("stretch factor", stretchMin, stretchMax, STRETCH_LIMIT_MIN, STRETCH_LIMIT_MAX);
        probability("pitch probability", pitchProbability);
        if (!(pitchSemitones >= 0 && pitchSemitones <= PITCH_LIMIT_SEMITONES)) {
            throw new IllegalArgumentException("pitch shift must be between 0 and " + fmt(PITCH_LIMIT_SEMITONES)
                    + " semitones, was " + fmt(pitchSemitones));
        }
        probability("gain probability", gainProbability);
        range("gain (dB)", gainMinDb, gainMaxDb, -GAIN_LIMIT_DB, GAIN_LIMIT_DB);
        percentage("silence percentage", silencePercentage);
        percentage("unknown percentage", unknownPercentage);
        wantedWords = checkWords(wantedWords);
    }

    /**
     * The reference trainer's settings: noise on (frequency 0.8, volume 0..0.1), time shift on
     * (100 ms), stretch, pitch and gain off (their ranges preset for when they are switched on),
     * 10 % silence, 10 % unknown, the ten default words and the reference seed.
     */
    public static AugmentConfig defaults() {
        return new AugmentConfig(
                true, 0.8, 0.0, 0.1,
                false, 5.0, 20.0,
                true, 100,
                false, 0.5, 0.85, 1.15,
                false, 0.5, 2.0,
                false, 0.5, -6.0, 6.0,
                10.0, 10.0, DEFAULT_WANTED_WORDS,
                DEFAULT_SEED);
    }

    /** Defaults with every augmentation off, as used for validation and testing. */
    public static AugmentConfig none() {
        return defaults().withoutAugmentation();
    }

    /**
     * This configuration with every augmentation switched off but the same class list settings
     * (words, silence and unknown shares, seed): what validation and testing of a run use.
     */
    public AugmentConfig withoutAugmentation() {
        return new AugmentConfig(false, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, false, timeShiftMs,
                false, stretchProbability, stretchMin, stretchMax,
                false, pitchProbability, pitchSemitones,
                false, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    /** Whether any augmentation is switched on. */
    public boolean anyAugmentation() {
        return backgroundNoise || timeShift || timeStretch || pitchShift || gain;
    }

    // ---------------------------------------------------------------- JSON

    /** Indented JSON with snake_case names, e.g. {@code "background_volume_max": 0.1}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("augmentation settings could not be written as JSON", e);
        }
    }

    /**
     * Reads {@link #toJson()} output. Missing or null fields take their {@link #defaults()} value,
     * so settings saved by older versions still load; unknown fields are ignored.
     *
     * @throws IllegalArgumentException if the text is not a JSON object, a field has the wrong
     *     type, or a value is out of range
     */
    public static AugmentConfig fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode given;
        try {
            given = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("augmentation settings are not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (given == null || !given.isObject()) {
            throw new IllegalArgumentException("augmentation settings must be a JSON object");
        }
        ObjectNode merged = JSON.valueToTree(defaults());
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                merged.set(e.getKey(), e.getValue());
            }
        }
        try {
            return JSON.treeToValue(merged, AugmentConfig.class);
        } catch (ValueInstantiationException e) {
            // Our constructor's check failed: pass its plain message on unchanged.
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("augmentation settings are invalid: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(m.getPath().size() - 1).getFieldName() : null;
            throw new IllegalArgumentException("augmentation setting "
                    + (field == null ? "" : "'" + field + "' ") + "has the wrong type: " + e.getOriginalMessage(), e);
        }
    }

    // ---------------------------------------------------------------- copies for the editor

    public AugmentConfig withBackgroundNoise(boolean on) {
        return new AugmentConfig(on, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withBackgroundFrequency(double probability) {
        return new AugmentConfig(backgroundNoise, probability, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withBackgroundVolume(double min, double max) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, min, max,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    /** Chooses between the volume range ({@code false}) and the SNR range ({@code true}). */
    public AugmentConfig withUseSnr(boolean snr) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                snr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withSnrDb(double minDb, double maxDb) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, minDb, maxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withTimeShift(boolean on) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, on, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withTimeShiftMs(int ms) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, ms,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withTimeStretch(boolean on) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                on, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withStretchProbability(double probability) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, probability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withStretchRange(double min, double max) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, min, max,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withPitchShift(boolean on) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                on, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withPitchProbability(double probability) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, probability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withPitchSemitones(double semitones) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, semitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withGain(boolean on) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, on, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withGainProbability(double probability) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, probability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withGainDb(double minDb, double maxDb) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, minDb, maxDb,
                silencePercentage, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withSilencePercentage(double percent) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                percent, unknownPercentage, wantedWords, seed);
    }

    public AugmentConfig withUnknownPercentage(double percent) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, percent, wantedWords, seed);
    }

    public AugmentConfig withWantedWords(List<String> words) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, words, seed);
    }

    public AugmentConfig withSeed(long newSeed) {
        return new AugmentConfig(backgroundNoise, backgroundFrequency, backgroundVolumeMin, backgroundVolumeMax,
                useSnr, snrMinDb, snrMaxDb, timeShift, timeShiftMs,
                timeStretch, stretchProbability, stretchMin, stretchMax,
                pitchShift, pitchProbability, pitchSemitones, gain, gainProbability, gainMinDb, gainMaxDb,
                silencePercentage, unknownPercentage, wantedWords, newSeed);
    }

    // ---------------------------------------------------------------- checks

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {  // also rejects NaN
            throw new IllegalArgumentException(name + " must be a probability between 0 and 1, was " + fmt(p));
        }
    }

    private static void range(String name, double min, double max, double lowest, double highest) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(name + " range needs two numbers, was "
                    + fmt(min) + " to " + fmt(max));
        }
        if (min > max) {
            throw new IllegalArgumentException(name + " range is backwards: minimum " + fmt(min)
                    + " is above maximum " + fmt(max));
        }
        if (min < lowest || max > highest) {
            throw new IllegalArgumentException(name + " must stay between " + fmt(lowest) + " and "
                    + fmt(highest) + ", was " + fmt(min) + " to " + fmt(max));
        }
    }

    private static void percentage(String name, double pct) {
        if (!(pct >= 0 && pct <= PERCENTAGE_LIMIT)) {
            throw new IllegalArgumentException(name + " must be between 0 and " + fmt(PERCENTAGE_LIMIT)
                    + ", was " + fmt(pct));
        }
    }

    private static List<String> checkWords(List<String> words) {
        if (words == null || words.isEmpty()) {
            throw new IllegalArgumentException("choose at least one wanted word");
        }
        Set<String> seen = new HashSet<>();
        List<String> copy = new ArrayList<>(words.size());
        for (String w : words) {
            if (w == null || w.isBlank()) {
                throw new IllegalArgumentException("wanted words cannot be empty");
            }
            if (!w.equals(w.strip())) {
                throw new IllegalArgumentException("wanted word '" + w + "' starts or ends with spaces");
            }
            String key = w.toLowerCase(Locale.ROOT);
            if (RESERVED_WORDS.contains(key)) {
                throw new IllegalArgumentException(w + " is made by the trainer and cannot be a wanted word");
            }
            // Label folders are matched without regard to case, as the reference lowercases them.
            if (!seen.add(key)) {
                throw new IllegalArgumentException("wanted word '" + w + "' is listed twice");
            }
            copy.add(w);
        }
        return List.copyOf(copy);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
    }
}
