package io.kwsstudio.ui.inspector;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.function.Consumer;

/**
 * A feature image (spectrogram, MFCC, log-mel) drawn on a time axis shared with the waveform: frame i
 * is centred at {@code firstCentre + i * frameStep} seconds, so the pictures line up with the sound.
 * Shows the visible time range of a {@link TimeRange}, a play cursor, y-axis labels, and reports the
 * frame and bin under the mouse.
 */
public final class FeaturePlot extends Region {
    static final double AXIS_WIDTH = 52;
    private final Canvas canvas = new Canvas();
    private final TimeRange range;
    private final DoubleProperty cursorSeconds = new SimpleDoubleProperty(Double.NaN);
    private WritableImage image;
    private int frames;
    private int bins;
    private double firstCentre;
    private double frameStep;
    private String[] yLabels = new String[0];
    private String title = "";
    private Consumer<int[]> onHover = fb -> { };

    public FeaturePlot(TimeRange range) {
        this.range = range;
        getChildren().add(canvas);
        setMinHeight(80);
        setPrefHeight(170);
        range.addListener(this::draw);
        cursorSeconds.addListener((o, a, b) -> draw());
        canvas.setOnMouseMoved(e -> {
            int[] fb = frameAndBinAt(e.getX(), e.getY());
            onHover.accept(fb);
        });
        canvas.setOnMouseExited(e -> onHover.accept(null));
    }

    /**
     * Shows pixels (width = frames, height = bins, highest bin on top). {@code yLabels} are spread
     * evenly from bottom to top (e.g. "0 Hz" ... "8 kHz").
     */
    public void setImage(int[] argb, int frames, int bins, double firstCentre, double frameStep, String title, String... yLabels) {
        this.frames = frames;
        this.bins = bins;
        this.firstCentre = firstCentre;
        this.frameStep = frameStep;
        this.title = title;
        this.yLabels = yLabels;
        if (frames <= 0 || bins <= 0) {
            image = null;
        } else {
            if (image == null || (int) image.getWidth() != frames || (int) image.getHeight() != bins) {
                image = new WritableImage(frames, bins);
            }
            image.getPixelWriter().setPixels(0, 0, frames, bins, PixelFormat.getIntArgbInstance(), argb, 0, frames);
        }
        draw();
    }

    public void clear(String message) {
        image = null;
        title = message;
        draw();
    }

    /** The image as drawn, one pixel per frame and bin (tests check its size). */
    public WritableImage image() {
        return image;
    }

    public DoubleProperty cursorSecondsProperty() {
        return cursorSeconds;
    }

    /** Called with {frame, bin} under the mouse, or null when it leaves. */
    public void setOnHover(Consumer<int[]> onHover) {
        this.onHover = onHover;
    }

    int[] frameAndBinAt(double x, double y) {
        if (image == null || x < AXIS_WIDTH) {
            return null;
        }
        double t = range.timeAt(x - AXIS_WIDTH, canvas.getWidth() - AXIS_WIDTH);
        int frame = (int) Math.round((t - firstCentre) / frameStep);
        int bin = (int) ((1 - y / canvas.getHeight()) * bins);
        if (frame < 0 || frame >= frames || bin < 0 || bin >= bins) {
            return null;
        }
        return new int[] {frame, bin};
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    }

    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#fbfcfd"));
        g.fillRect(0, 0, w, h);
        double plotW = w - AXIS_WIDTH;
        if (plotW < 2 || h < 2) {
            return;
        }
        if (image != null) {
            g.setImageSmoothing(false);
            // Each frame covers [centre - step/2, centre + step/2]; map that strip into the view.
            double start = firstCentre - frameStep / 2;
            double end = firstCentre + (frames - 0.5) * frameStep;
            double x0 = AXIS_WIDTH + range.xAt(start, plotW);
            double x1 = AXIS_WIDTH + range.xAt(end, plotW);
            g.save();
            g.beginPath();
            g.rect(AXIS_WIDTH, 0, plotW, h);
            g.clip();
            g.drawImage(image, 0, 0, frames, bins, x0, 0, x1 - x0, h);
            g.restore();
        }
        g.setFill(Color.web("#57606a"));
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.RIGHT);
        for (int i = 0; i < yLabels.length; i++) {
            double y = yLabels.length == 1 ? h / 2 : h - i * (h - 1) / (yLabels.length - 1);
            g.setTextBaseline(i == 0 ? VPos.BOTTOM : i == yLabels.length - 1 ? VPos.TOP : VPos.CENTER);
            g.fillText(yLabels[i], AXIS_WIDTH - 6, y);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(Font.font(11));
        if (image != null && !title.isEmpty()) {
            // A dark tab behind the title keeps it readable over any colour of the image.
            javafx.scene.text.Text probe = new javafx.scene.text.Text(title);
            probe.setFont(g.getFont());
            g.setFill(Color.color(0, 0, 0, 0.55));
            g.fillRoundRect(AXIS_WIDTH + 2, 2, probe.getLayoutBounds().getWidth() + 10, 17, 6, 6);
        }
        g.setFill(image == null ? Color.web("#57606a") : Color.WHITE);
        g.fillText(title, AXIS_WIDTH + 7, 4);
        double cursor = cursorSeconds.get();
        if (!Double.isNaN(cursor)) {
            double x = AXIS_WIDTH + range.xAt(cursor, plotW);
            g.setStroke(Color.web("#ff5252"));
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, h);
        }
    }
}
