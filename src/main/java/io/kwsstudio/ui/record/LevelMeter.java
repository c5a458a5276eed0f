package io.kwsstudio.ui.record;

import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.Locale;

/**
 * Input level meter from -60 to 0 dBFS: RMS as the bar, a peak-hold tick, red from -3 dBFS. The
 * recorder thread posts levels into volatile fields; the meter redraws once per frame on the FX
 * thread, so a fast input never floods it.
 */
public final class LevelMeter extends Region {
    private static final double FLOOR_DB = -60;
    private final Canvas canvas = new Canvas();
    private volatile double rmsDb = FLOOR_DB;
    private volatile double peakDb = FLOOR_DB;
    private double heldPeak = FLOOR_DB;
    private long heldAt;

    public LevelMeter() {
        getChildren().add(canvas);
        setPrefHeight(26);
        setMinHeight(26);
        getStyleClass().add("level-meter");
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                draw(now);
            }
        }.start();
    }

    /** From any thread. */
    public void post(double peak, double rms, boolean clipping) {
        peakDb = peak;
        rmsDb = rms;
    }

    public double rmsDb() {
        return rmsDb;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    private double x(double db, double w) {
        return Math.max(0, Math.min(1, (db - FLOOR_DB) / -FLOOR_DB)) * w;
    }

    private void draw(long now) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 2) {
            return;
        }
        double p = peakDb;
        if (p >= heldPeak || now - heldAt > 1_000_000_000L) {
            heldPeak = p;
            heldAt = now;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#eaeef2"));
        g.fillRoundRect(0, 0, w, h, 6, 6);
        double rx = x(rmsDb, w);
        g.setFill(Color.web("#2da44e"));
        g.fillRoundRect(0, 0, Math.min(rx, x(-12, w)), h, 6, 6);
        if (rx > x(-12, w)) {
            g.setFill(Color.web("#bf8700"));
            g.fillRect(x(-12, w), 0, Math.min(rx, x(-3, w)) - x(-12, w), h);
        }
        if (rx > x(-3, w)) {
            g.setFill(Color.web("#cf222e"));
            g.fillRect(x(-3, w), 0, rx - x(-3, w), h);
        }
        double px = x(heldPeak, w);
        g.setFill(heldPeak > -1 ? Color.web("#cf222e") : Color.web("#24292f"));
        g.fillRect(Math.max(0, px - 2), 0, 3, h);
        g.setFill(Color.web("#24292f"));
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.fillText(String.format(Locale.ROOT, "%.0f dBFS", Math.max(FLOOR_DB, heldPeak)), w - 62, h / 2);
    }
}
