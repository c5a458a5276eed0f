package io.kwsstudio.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The reference's smoothing and triggering of per-window scores (TensorFlow's RecognizeCommands):
 * results inside the averaging window are averaged; with fewer than {@code minimumCount} of them, or
 * spanning less than a quarter of the window, nothing new is reported. The top averaged label is a
 * new command when its score exceeds the threshold, it differs from the previous command, and the
 * previous command is older than the suppression time (at once after {@code _silence_}).
 */
public final class RecognizeCommands {
    /** Smoothing and triggering settings; the reference defaults are {@link #defaults()}. */
    public record Settings(int averageWindowMs, double detectionThreshold, int suppressionMs, int minimumCount) {
        public Settings {
            if (averageWindowMs < 1 || suppressionMs < 0 || minimumCount < 1 || !(detectionThreshold >= 0 && detectionThreshold <= 1)) {
                throw new IllegalArgumentException("averaging window >= 1 ms, suppression >= 0 ms, minimum count >= 1 and a "
                        + "threshold in [0, 1] are needed");
            }
        }

        public static Settings defaults() {
            return new Settings(1000, 0.2, 500, 3);
        }

        public Settings withThreshold(double t) {
            return new Settings(averageWindowMs, t, suppressionMs, minimumCount);
        }
    }

    /** What one result gave: the current top label and score, and whether it is a new command. */
    public record Result(String label, float score, boolean newCommand) {
    }

    private final List<String> labels;
    private final Settings settings;
    private final int silence;
    private final Deque<long[]> times = new ArrayDeque<>();
    private final Deque<float[]> scores = new ArrayDeque<>();
    private String previousTop;
    private long previousTopTime = Long.MIN_VALUE;

    public RecognizeCommands(List<String> labels, Settings settings) {
        this.labels = List.copyOf(labels);
        this.settings = settings;
        this.silence = labels.indexOf("_silence_");
        this.previousTop = silence >= 0 ? "_silence_" : labels.get(0);
    }

    public Settings settings() {
        return settings;
    }

    /** Feeds the scores of the window at {@code timeMs}; times must not go backwards. */
    public Result process(long timeMs, float[] latest) {
        if (latest.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " scores, got " + latest.length);
        }
        if (!times.isEmpty() && timeMs < times.peekLast()[0]) {
            throw new IllegalArgumentException("results must come in time order: " + timeMs + " ms after " + times.peekLast()[0] + " ms");
        }
        times.addLast(new long[]{timeMs});
        scores.addLast(latest.clone());
        long windowStart = timeMs - settings.averageWindowMs();
        while (!times.isEmpty() && times.peekFirst()[0] < windowStart) {
            times.removeFirst();
            scores.removeFirst();
        }
        long span = timeMs - times.peekFirst()[0];
        if (times.size() < settings.minimumCount() || span < settings.averageWindowMs() / 4) {
            return new Result(previousTop, 0f, false);
        }
        float[] average = new float[labels.size()];
        for (float[] s : scores) {
            for (int i = 0; i < average.length; i++) {
                average[i] += s[i];
            }
        }
        int top = 0;
        for (int i = 0; i < average.length; i++) {
            average[i] /= scores.size();
            if (average[i] > average[top]) {
                top = i;
            }
        }
        String topLabel = labels.get(top);
        long sinceLast = "_silence_".equals(previousTop) || previousTopTime == Long.MIN_VALUE ? Long.MAX_VALUE : timeMs - previousTopTime;
        boolean isNew = average[top] > settings.detectionThreshold() && !topLabel.equals(previousTop)
                && sinceLast > settings.suppressionMs();
        if (isNew) {
            previousTop = topLabel;
            previousTopTime = timeMs;
        }
        return new Result(topLabel, average[top], isNew);
    }
}
