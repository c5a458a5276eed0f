package io.kwsstudio.ui.inspector;

import java.util.ArrayList;
import java.util.List;

/**
 * The visible stretch of time shared by the inspector's waveform and feature images, so zooming or
 * panning one moves all of them together.
 */
public final class TimeRange {
    private static final double MIN_SPAN = 0.02;
    private double total = 1;
    private double start;
    private double end = 1;
    private final List<Runnable> listeners = new ArrayList<>();

    public double start() {
        return start;
    }

    public double end() {
        return end;
    }

    public double total() {
        return total;
    }

    /** Shows all of a clip of this length. */
    public void reset(double totalSeconds) {
        total = Math.max(totalSeconds, MIN_SPAN);
        start = 0;
        end = total;
        fire();
    }

    /** Zooms by {@code factor} (< 1 zooms in) keeping the time under {@code anchor} in place. */
    public void zoom(double factor, double anchor) {
        double span = Math.max(MIN_SPAN, Math.min(total, (end - start) * factor));
        double rel = (anchor - start) / (end - start);
        double s = anchor - rel * span;
        set(s, s + span);
    }

    /** Moves the view by {@code seconds}, staying inside the clip. */
    public void pan(double seconds) {
        set(start + seconds, end + seconds);
    }

    private void set(double s, double e) {
        double span = e - s;
        if (s < 0) {
            s = 0;
            e = span;
        }
        if (e > total) {
            e = total;
            s = Math.max(0, total - span);
        }
        start = s;
        end = e;
        fire();
    }

    public boolean zoomed() {
        return start > 1e-9 || end < total - 1e-9;
    }

    double xAt(double t, double width) {
        return (t - start) / (end - start) * width;
    }

    double timeAt(double x, double width) {
        return start + x / width * (end - start);
    }

    public void addListener(Runnable r) {
        listeners.add(r);
    }

    private void fire() {
        for (Runnable r : listeners) {
            r.run();
        }
    }
}
