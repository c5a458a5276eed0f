package io.kwsstudio.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Detection rate against false triggers per hour as the detection threshold varies (a DET-style
 * curve), from one scored recording with its ground truth, and the threshold to use for a target
 * number of false triggers per hour.
 */
public final class ThresholdSweep {
    /** One threshold's outcome. */
    public record Point(double threshold, double detectionPercent, double falseTriggersPerHour, StreamingAccuracy accuracy) {
    }

    private ThresholdSweep() {
    }

    /** Thresholds from 0.05 to 0.95 in steps of 0.05. */
    public static List<Point> run(ScoreTrack track, List<GroundTruth.Word> truth, RecognizeCommands.Settings base, long toleranceMs) {
        List<Point> points = new ArrayList<>();
        long upTo = Math.round(track.audioSeconds() * 1000);
        for (int i = 1; i <= 19; i++) {
            double t = i * 0.05;
            StreamingAccuracy a = StreamingAccuracy.compute(truth, track.detect(base.withThreshold(t)), upTo, toleranceMs);
            points.add(new Point(t, a.correctPercent(), a.falsePositivesPerHour(), a));
        }
        return points;
    }

    /**
     * The threshold with the best detection rate among those at or under {@code maxFalsePerHour};
     * among equals, the highest threshold (fewest triggers). Empty if none is that quiet.
     */
    public static Optional<Point> suggest(List<Point> points, double maxFalsePerHour) {
        Point best = null;
        for (Point p : points) {
            if (p.falseTriggersPerHour() <= maxFalsePerHour
                    && (best == null || p.detectionPercent() > best.detectionPercent()
                    || (p.detectionPercent() == best.detectionPercent() && p.threshold() > best.threshold()))) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }
}
