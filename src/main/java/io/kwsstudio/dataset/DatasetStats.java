package io.kwsstudio.dataset;

import io.kwsstudio.audio.AudioFileException;
import io.kwsstudio.audio.WavReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts and durations per label and split, class balance, and the clips that need attention
 * (unreadable, or not the dataset's clip duration), as shown by the Statistics view and
 * {@code dataset stats}.
 */
public record DatasetStats(Map<String, LabelStats> labels, Map<Split, Integer> clipsPerSplit, int totalClips,
                           double totalSeconds, int noiseFiles, double noiseSeconds, List<String> unreadable,
                           List<String> wrongLength, int skippedNonWav, List<String> scanProblems) {

    /** One label's figures; {@code share} is its fraction of all clips (class balance). */
    public record LabelStats(String label, int clips, double seconds, Map<Split, Integer> perSplit, double share) {
    }

    /**
     * Computes the statistics, reading clip headers through the store where not yet known. A length
     * counts as wrong when it differs from the clip duration by more than one millisecond.
     */
    public static DatasetStats compute(Dataset dataset, ClipDetailsStore store) {
        Map<String, List<Clip>> byLabel = new LinkedHashMap<>();
        for (String l : dataset.labels()) {
            byLabel.put(l, new ArrayList<>());
        }
        List<Clip> all = dataset.clips();
        for (Clip c : all) {
            byLabel.computeIfAbsent(c.label(), k -> new ArrayList<>()).add(c);
        }
        double expected = dataset.clipDurationMs() / 1000.0;
        Map<Split, Integer> perSplitTotal = emptySplitCounts();
        List<String> unreadable = new ArrayList<>();
        List<String> wrongLength = new ArrayList<>();
        Map<String, LabelStats> labels = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, List<Clip>> e : byLabel.entrySet()) {
            Map<Split, Integer> perSplit = emptySplitCounts();
            double seconds = 0;
            for (Clip c : e.getValue()) {
                perSplit.merge(c.split(), 1, Integer::sum);
                perSplitTotal.merge(c.split(), 1, Integer::sum);
                ClipDetails d = store.header(c);
                if (!d.ok()) {
                    unreadable.add(c.relativePath() + ": " + d.error());
                    continue;
                }
                seconds += d.durationSeconds();
                if (Math.abs(d.durationSeconds() - expected) > 0.001) {
                    wrongLength.add(c.relativePath() + String.format(Locale.ROOT, ": %.3f s", d.durationSeconds()));
                }
            }
            total += seconds;
            double share = all.isEmpty() ? 0 : (double) e.getValue().size() / all.size();
            labels.put(e.getKey(), new LabelStats(e.getKey(), e.getValue().size(), seconds, perSplit, share));
        }
        double noiseSeconds = 0;
        for (Path noise : dataset.noiseFiles()) {
            try {
                noiseSeconds += WavReader.readInfo(noise).durationSeconds();
            } catch (AudioFileException ex) {
                unreadable.add(dataset.root().relativize(noise) + ": " + ex.problem());
            }
        }
        return new DatasetStats(labels, perSplitTotal, all.size(), total, dataset.noiseFiles().size(), noiseSeconds,
                unreadable, wrongLength, dataset.skippedNonWav(), dataset.scanProblems());
    }

    private static Map<Split, Integer> emptySplitCounts() {
        Map<Split, Integer> m = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            m.put(s, 0);
        }
        return m;
    }
}
