package io.kwsstudio.ui;

import io.kwsstudio.audio.AudioClip;
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
    private AudioClip clip;
    private String placeholder = "Select a clip to see its waveform";

    public WaveformView() {
        getStyleClass().add("waveform-view");
        getChildren().add(canvas);
        setMinHeight(90);
        setPrefHeight(160);
        cursorSeconds.addListener((o, a, b) -> draw());
    }

    public void setClip(AudioClip clip) {
        this.clip = clip;
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
        int cols = (int) w;
        double perCol = (double) s.length / cols;
        g.setStroke(Color.web("#0969da"));
        for (int x = 0; x < cols; x++) {
            int from = (int) (x * perCol);
            int to = Math.max(from + 1, (int) ((x + 1) * perCol));
            float min = 1;
            float max = -1;
            for (int i = from; i < to && i < s.length; i++) {
                min = Math.min(min, s[i]);
                max = Math.max(max, s[i]);
            }
            double y1 = mid - max * (mid - 2);
            double y2 = mid - min * (mid - 2);
            g.strokeLine(x + 0.5, y1, x + 0.5, Math.max(y2, y1 + 1));
        }
        drawAxis(g, w, h, plotH);
        double cursor = cursorSeconds.get();
        if (!Double.isNaN(cursor)) {
            double x = cursor / clip.durationSeconds() * w;
            g.setStroke(Color.web("#cf222e"));
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, plotH);
            g.setLineWidth(1);
        }
    }

    private void drawAxis(GraphicsContext g, double w, double h, double plotH) {
        double dur = clip.durationSeconds();
        double step = dur <= 1.5 ? 0.1 : dur <= 5 ? 0.5 : dur <= 20 ? 2 : 10;
        g.setStroke(Color.web("#8c959f"));
        g.setFill(Color.web("#57606a"));
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.strokeLine(0, plotH + 0.5, w, plotH + 0.5);
        for (double t = 0; t <= dur + 1e-9; t += step) {
            double x = Math.round(t / dur * w) + 0.5;
            g.strokeLine(x, plotH, x, plotH + 4);
            boolean major = Math.abs(Math.round(t / step) % 5) == 0 || step >= 0.5;
            if (major && x > 10 && x < w - 10) {
                g.fillText(String.format(Locale.ROOT, step < 1 ? "%.1f s" : "%.0f s", t), x, plotH + 4);
            }
        }
    }
}
