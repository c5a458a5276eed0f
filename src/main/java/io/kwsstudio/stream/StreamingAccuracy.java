package io.kwsstudio.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streaming accuracy as the reference computes it (accuracy_utils CalculateAccuracyStats): each
 * detection is matched to the first not-yet-matched ground-truth word within the tolerance; a match
 * is correct when the labels agree and wrong otherwise, and a detection with no word in reach is a
 * false positive. Percentages are of the ground-truth words up to {@code upToMs}.
 */
public record StreamingAccuracy(int words, int matched, int correct, int wrong, int falsePositives, double hours) {

    public static StreamingAccuracy compute(List<GroundTruth.Word> truth, List<Detection> found, long upToMs, long toleranceMs) {
        long latestPossible = upToMs + toleranceMs;
        int words = 0;
        for (GroundTruth.Word w : truth) {
            if (w.timeMs() <= latestPossible) {
                words++;
            }
        }
        Set<Long> matchedTimes = new HashSet<>();
        int correct = 0;
        int wrong = 0;
        int falsePositives = 0;
        for (Detection d : found) {
            long earliest = d.timeMs() - toleranceMs;
            long latest = d.timeMs() + toleranceMs;
            boolean match = false;
            for (GroundTruth.Word w : truth) {
                if (w.timeMs() > latest || w.timeMs() > upToMs + toleranceMs) {
                    break;
                }
                if (w.timeMs() < earliest || matchedTimes.contains(w.timeMs())) {
                    continue;
                }
                if (w.label().equals(d.label())) {
                    correct++;
                } else {
                    wrong++;
                }
                matchedTimes.add(w.timeMs());
                match = true;
                break;
            }
            if (!match) {
                falsePositives++;
            }
        }
        return new StreamingAccuracy(words, matchedTimes.size(), correct, wrong, falsePositives, upToMs / 3_600_000.0);
    }

    public double matchedPercent() {
        return percent(matched);
    }

    public double correctPercent() {
        return percent(correct);
    }

    public double wrongPercent() {
        return percent(wrong);
    }

    public double falsePositivePercent() {
        return percent(falsePositives);
    }

    /** False positives per hour of audio. */
    public double falsePositivesPerHour() {
        return hours > 0 ? falsePositives / hours : 0;
    }

    private double percent(int n) {
        return words == 0 ? 0 : 100.0 * n / words;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.1f%% matched, %.1f%% correct, %.1f%% wrong, %.1f%% false positives "
                        + "(%d words; %d false positives = %.1f per hour)", matchedPercent(), correctPercent(), wrongPercent(),
                falsePositivePercent(), words, falsePositives, falsePositivesPerHour());
    }
}
