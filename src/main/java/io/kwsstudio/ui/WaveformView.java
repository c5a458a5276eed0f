package io.kwsstudio.ui;

import io.kwsstudio.audio.AudioClip;
import io.kwsstudio.ui.inspector.TimeRange;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/**
 * A clip's waveform as a min/max envelope per pixel column, with a time axis and a play cursor.
 * Redraws on resize; drawing a 1 s clip is a single pass over its samples.
 */
public final class WaveformView extends Region {
    private static final double AXIS_HEIGHT = 18;
    private final Canvas canvas = new Canvas();
    private final DoubleProperty cursorSeconds = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty selectionStart = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty selectionEnd = new SimpleDoubleProperty(Double.NaN);
    private AudioClip clip;
    private String placeholder = "Select a clip to see its waveform";
    private TimeRange range;
    private double leftInset;

    public WaveformView() {
        getStyleClass().add("waveform-view");
        getChildren().add(canvas);
        setMinHeight(90);
        setPrefHeight(160);
        cursorSeconds.addListener((o, a, b) -> draw());
        selectionStart.addListener((o, a, b) -> draw());
        selectionEnd.addListener((o, a, b) -> draw());
    }

    public void setClip(AudioClip clip) {
        this.clip = clip;
        draw();
    }

    /**
     * Shows only the range's stretch of time and leaves {@code leftInset} pixels on the left, so the
     * waveform lines up with feature images that have a y axis there.
     */
    public void setTimeRange(TimeRange range, double leftInset) {
        this.range = range;
        this.leftInset = leftInset;
        range.addListener(this::draw);
        draw();
    }

    public AudioClip clip() {
        return clip;
    }

    /** Text shown when there is no clip (e.g. why a clip could not be read). */
    public void setPlaceholder(String text) {
        this.placeholder = text;
        this.clip = null;
        draw();
    }

    public String placeholder() {
        return placeholder;
    }

    /** Start of a shaded selection in seconds (trim handles); NaN for none. */
    public DoubleProperty selectionStartProperty() {
        return selectionStart;
    }

    public DoubleProperty selectionEndProperty() {
        return selectionEnd;
    }

    /** Position of the play cursor in seconds; NaN hides it. */
    public DoubleProperty cursorSecondsProperty() {
        return cursorSeconds;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#fbfcfd"));
        g.fillRect(0, 0, w, h);
        if (w < 2 || h < 2) {
            return;
        }
        double plotH = h - AXIS_HEIGHT;
        double mid = plotH / 2;
        if (clip == null || clip.frames() == 0) {
            g.setFill(Color.web("#57606a"));
            g.setFont(Font.font(13));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(placeholder, w / 2, plotH / 2);
            return;
        }
        g.setStroke(Color.web("#d0d7de"));
        g.setLineWidth(1);
        g.strokeLine(0, mid + 0.5, w, mid + 0.5);
        float[] s = clip.samples();
        double dur = clip.durationSeconds();
        double t0 = range == null ? 0 : range.start();
        double t1 = range == null ? dur : Math.min(range.end(), dur);
        double plotW = w - leftInset;
        int first = (int) Math.floor(t0 * clip.sampleRate());
        int last = Math.min(s.length, (int) Math.ceil(t1 * clip.sampleRate()));
        int cols = (int) plotW;
        double perCol = (double) (last - first) / Math.max(1, cols);
        g.setStroke(Color.web("#0969da"));
        for (int x = 0; x < cols; x++) {
            int from = first + (int) (x * perCol);
            int to = Math.max(from + 1, first + (int) ((x + 1) * perCol));
            float min = 1;
            float max = -1;
            for (int i = from; i < to && i < last; i++) {
                min = Math.min(min, s[i]);
                max = Math.max(max, s[i]);
            }
            if (min > max) {
                continue;
            }
            double y1 = mid - max * (mid - 2);
            double y2 = mid - min * (mid - 2);
            g.strokeLine(leftInset + x + 0.5, y1, leftInset + x + 0.5, Math.max(y2, y1 + 1));
        }
        double s0 = selectionStart.get();
        double s1 = selectionEnd.get();
        if (!Double.isNaN(s0) && !Double.isNaN(s1) && (s0 > t0 + 1e-6 || s1 < t1 - 1e-6)) {
            // Dim what a trim would cut away.
            g.setFill(Color.color(0.1, 0.1, 0.15, 0.18));
            double xs = leftInset + Math.max(0, (s0 - t0) / (t1 - t0)) * plotW;
            double xe = leftInset + Math.min(1, (s1 - t0) / (t1 - t0)) * plotW;
            g.fillRect(leftInset, 0, xs - leftInset, plotH);
            g.fillRect(xe, 0, leftInset + plotW - xe, plotH);
            g.setStroke(Color.web("#8250df"));
            g.setLineWidth(2);
            g.strokeLine(xs, 0, xs, plotH);
            g.strokeLine(xe, 0, xe, plotH);
            g.setLineWidth(1);
        }
        drawAxis(g, t0, t1, plotW, plotH);
        double cursor = cursorSeconds.get();
        if (!Double.isNaN(cursor) && cursor >= t0 && cursor <= t1) {
            double x = leftInset + (cursor - t0) / (t1 - t0) * plotW;
            g.setStroke(Color.web("#cf222e"));
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, plotH);
            g.setLineWidth(1);
        }
    }

    private void drawAxis(GraphicsContext g, double t0, double t1, double plotW, double plotH) {
        double span = t1 - t0;
        double step = span <= 0.15 ? 0.01 : span <= 0.4 ? 0.05 : span <= 1.5 ? 0.1 : span <= 5 ? 0.5 : span <= 20 ? 2 : 10;
        String fmt = step < 0.1 ? "%.2f s" : step < 1 ? "%.1f s" : "%.0f s";
        g.setStroke(Color.web("#8c959f"));
        g.setFill(Color.web("#57606a"));
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.strokeLine(leftInset, plotH + 0.5, leftInset + plotW, plotH + 0.5);
        long k0 = (long) Math.ceil(t0 / step - 1e-9);
        for (long k = k0; k * step <= t1 + 1e-9; k++) {
            double t = k * step;
            double x = leftInset + Math.round((t - t0) / span * plotW) + 0.5;
            g.strokeLine(x, plotH, x, plotH + 4);
            boolean labelled = step >= 0.5 || k % (step < 0.1 ? 2 : 1) == 0;
            if (labelled && x > leftInset + 12 && x < leftInset + plotW - 12) {
                g.fillText(String.format(Locale.ROOT, fmt, t), x, plotH + 4);
            }
        }
    }
}
