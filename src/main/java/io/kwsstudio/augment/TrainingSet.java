package io.kwsstudio.augment;

import io.kwsstudio.dataset.Clip;
import io.kwsstudio.dataset.Dataset;
import io.kwsstudio.dataset.Split;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The items a model trains and is evaluated on, per split, made as the reference trainer makes
 * them. Classes are {@code [_silence_, _unknown_, wanted words...]}. In each split, with n the
 * number of wanted-word clips there:
 * <ul>
 *   <li>every wanted-word clip is an item of its word's class;</li>
 *   <li>{@code ceil(n * silence% / 100)} silence items are added (no clip; the augmenter makes
 *       them from background noise);</li>
 *   <li>{@code ceil(n * unknown% / 100)} clips of the other label folders of that split are
 *       added as {@code _unknown_}, chosen by a seeded shuffle of all of them, taking the first
 *       ones (fewer when the split has fewer).</li>
 * </ul>
 * Then each split's items are shuffled with the seed, as the reference does. Label folders match
 * wanted words regardless of case (the reference lowercases folder names); wanted words without
 * any clip stay empty classes and are listed by {@link #missingWords()}. The same clips and
 * settings always give the same items, whatever order the clips come in.
 */
public final class TrainingSet {

    public static final String SILENCE_LABEL = "_silence_";
    public static final String UNKNOWN_LABEL = "_unknown_";
    public static final int SILENCE_INDEX = 0;
    public static final int UNKNOWN_INDEX = 1;

    private final List<String> classNames;
    private final Map<Split, List<Item>> items;
    private final Map<Split, Integer> unknownAvailable;
    private final List<String> missingWords;

    /**
     * One training or evaluation example.
     *
     * @param clip       the clip to load, or null for a silence item
     * @param classIndex index into {@link #classNames()}
     */
    public record Item(Clip clip, int classIndex) {
        /** @throws IllegalArgumentException if the index is negative or a silence item has a clip (or the reverse) */
        public Item {
            if (classIndex < 0) {
                throw new IllegalArgumentException("class index must not be negative, was " + classIndex);
            }
            if ((clip == null) != (classIndex == SILENCE_INDEX)) {
                throw new IllegalArgumentException(clip == null
                        ? "only silence items may be without a clip"
                        : "silence items have no clip");
            }
        }

        public boolean isSilence() {
            return clip == null;
        }
    }

    private TrainingSet(List<String> classNames, Map<Split, List<Item>> items,
                        Map<Split, Integer> unknownAvailable, List<String> missingWords) {
        this.classNames = classNames;
        this.items = items;
        this.unknownAvailable = unknownAvailable;
        this.missingWords = missingWords;
    }

    /** {@code ["_silence_", "_unknown_", wanted words...]}: the model's output order. */
    public static List<String> classNames(AugmentConfig cfg) {
        List<String> names = new ArrayList<>(cfg.wantedWords().size() + 2);
        names.add(SILENCE_LABEL);
        names.add(UNKNOWN_LABEL);
        names.addAll(cfg.wantedWords());
        return List.copyOf(names);
    }

    /** The items of {@code ds}'s current clips. */
    public static TrainingSet build(Dataset ds, AugmentConfig cfg) {
        Objects.requireNonNull(ds, "ds");
        return of(ds.clips(), cfg);
    }

    /** The items of {@code clips}, each in the split it carries. */
    public static TrainingSet of(Collection<Clip> clips, AugmentConfig cfg) {
        Objects.requireNonNull(clips, "clips");
        Objects.requireNonNull(cfg, "cfg");
        List<String> names = classNames(cfg);
        Map<String, Integer> classOf = classIndexes(cfg);
        List<Clip> sorted = sortedByPath(clips);
        Map<Split, List<Item>> wanted = new EnumMap<>(Split.class);
        Map<Split, List<Clip>> others = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            wanted.put(s, new ArrayList<>());
            others.put(s, new ArrayList<>());
        }
        Set<String> found = new TreeSet<>();
        for (Clip c : sorted) {
            if (c.label().equals(Dataset.BACKGROUND_NOISE)) {
                continue;  // noise recordings are never a class
            }
            Integer cls = classOf.get(key(c.label()));
            if (cls != null) {
                wanted.get(c.split()).add(new Item(c, cls));
                found.add(key(c.label()));
            } else {
                others.get(c.split()).add(c);
            }
        }

        Map<Split, List<Item>> items = new EnumMap<>(Split.class);
        Map<Split, Integer> available = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            Random rnd = new Random(splitSeed(cfg.seed(), s));
            List<Item> list = new ArrayList<>(wanted.get(s));
            int n = list.size();
            int silence = share(n, cfg.silencePercentage());
            for (int i = 0; i < silence; i++) {
                list.add(new Item(null, SILENCE_INDEX));
            }
            List<Clip> pool = others.get(s);
            available.put(s, pool.size());
            Collections.shuffle(pool, rnd);
            int unknown = Math.min(share(n, cfg.unknownPercentage()), pool.size());
            for (Clip c : pool.subList(0, unknown)) {
                list.add(new Item(c, UNKNOWN_INDEX));
            }
            Collections.shuffle(list, rnd);
            items.put(s, List.copyOf(list));
        }

        List<String> missing = cfg.wantedWords().stream().filter(w -> !found.contains(key(w))).toList();
        return new TrainingSet(names, items, available, missing);
    }

    /**
     * Every clip of {@code clips} (noise recordings aside) as a testing item, whatever split it
     * is in: wanted words get their class, any other folder counts as unknown. This is how a run
     * is evaluated on a folder it was not trained on, such as a new recording session.
     */
    public static TrainingSet forEvaluation(Collection<Clip> clips, AugmentConfig cfg) {
        Objects.requireNonNull(clips, "clips");
        List<String> names = classNames(cfg);
        Map<String, Integer> classOf = classIndexes(cfg);
        List<Clip> sorted = sortedByPath(clips);
        List<Item> all = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        int others = 0;
        for (Clip c : sorted) {
            if (c.label().equals(Dataset.BACKGROUND_NOISE)) {
                continue;
            }
            Integer cls = classOf.get(key(c.label()));
            if (cls != null) {
                found.add(key(c.label()));
            } else {
                others++;
            }
            all.add(new Item(c, cls != null ? cls : UNKNOWN_INDEX));
        }
        Map<Split, List<Item>> items = new EnumMap<>(Split.class);
        Map<Split, Integer> available = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            items.put(s, s == Split.TESTING ? List.copyOf(all) : List.of());
            available.put(s, s == Split.TESTING ? others : 0);
        }
        List<String> missing = cfg.wantedWords().stream().filter(w -> !found.contains(key(w))).toList();
        return new TrainingSet(names, items, available, missing);
    }

    /** Lower-cased wanted word -> its class index (after silence and unknown). */
    private static Map<String, Integer> classIndexes(AugmentConfig cfg) {
        Map<String, Integer> classOf = new HashMap<>();
        for (int i = 0; i < cfg.wantedWords().size(); i++) {
            classOf.put(key(cfg.wantedWords().get(i)), i + 2);
        }
        return classOf;
    }

    /** Sorted by path so seeded choices do not depend on the order the dataset was indexed in. */
    private static List<Clip> sortedByPath(Collection<Clip> clips) {
        List<Clip> sorted = new ArrayList<>(clips);
        sorted.sort(Comparator.comparing(Clip::relativePath));
        return sorted;
    }

    /** {@code ceil(n * percent / 100)}, evaluated in the same order as the reference's Python. */
    static int share(int n, double percent) {
        return (int) Math.ceil(n * percent / 100);
    }

    private static long splitSeed(long seed, Split split) {
        // Each split gets its own stream, so one split's size never changes another's choice.
        return seed ^ (0x9E3779B97F4A7C15L * (split.ordinal() + 1));
    }

    private static String key(String label) {
        return label.toLowerCase(Locale.ROOT);
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The items of {@code split} in their seeded random order. */
    public List<Item> items(Split split) {
        return items.get(Objects.requireNonNull(split, "split"));
    }

    /** Items per class name in class order, zeros included. */
    public Map<String, Integer> countsPerClass(Split split) {
        int[] counts = new int[classNames.size()];
        for (Item it : items(split)) {
            counts[it.classIndex()]++;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            out.put(classNames.get(i), counts[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Wanted words that have no clip in any split: their classes are empty. */
    public List<String> missingWords() {
        return missingWords;
    }

    /**
     * How many non-wanted clips {@code split} had to pick unknown items from; when fewer than
     * asked for, all of them were used.
     */
    public int unknownAvailable(Split split) {
        return unknownAvailable.get(Objects.requireNonNull(split, "split"));
    }

    @Override
    public String toString() {
        return "TrainingSet[" + classNames.size() + " classes, " + items(Split.TRAINING).size() + " training, "
                + items(Split.VALIDATION).size() + " validation, " + items(Split.TESTING).size() + " testing]";
    }
}
