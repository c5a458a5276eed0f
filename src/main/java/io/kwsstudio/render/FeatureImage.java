package io.kwsstudio.render;

import io.kwsstudio.files.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a feature matrix (frames x bins, frame-major, as the features package produces it) into an
 * image: time to the right, bin 0 at the bottom. Shared by the clip inspector and the
 * {@code features --png} command so both show the same picture.
 */
public final class FeatureImage {
    private FeatureImage() {
    }

    /**
     * How values map to colours: values at or below {@code min} get the map's first colour, at or
     * above {@code max} its last. With {@code decibels}, values are powers shown as 10·log10.
     */
    public record ValueScale(double min, double max, boolean decibels) {
        double normalise(float v) {
            double x = decibels ? toDb(v) : v;
            return max > min ? (x - min) / (max - min) : 0.5;
        }
    }

    static double toDb(double power) {
        return 10 * Math.log10(Math.max(power, 1e-10));
    }

    /**
     * A scale that spans the data: for powers, the loudest value down to {@code dbRange} dB below it;
     * otherwise the data's minimum to maximum.
     */
    public static ValueScale autoScale(float[] data, int length, boolean decibels, double dbRange) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            double v = decibels ? toDb(data[i]) : data[i];
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!Double.isFinite(min)) {
            return new ValueScale(0, 1, decibels);
        }
        return decibels ? new ValueScale(max - dbRange, max, true) : new ValueScale(min, max, false);
    }

    /**
     * A scale for MFCCs that leaves out coefficient 0 (the overall loudness, tens of times larger than
     * the rest), so the other coefficients get the whole colour range; c0 is clamped.
     */
    public static ValueScale mfccScale(float[] data, int frames, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            for (int b = bins > 1 ? 1 : 0; b < bins; b++) {
                double v = data[f * bins + b];
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return Double.isFinite(min) ? new ValueScale(min, max, false) : new ValueScale(0, 1, false);
    }

    /** ARGB pixels, width = frames, height = bins, highest bin in the top row. */
    public static int[] render(float[] data, int frames, int bins, ValueScale scale, Colormap map) {
        int[] argb = new int[frames * bins];
        for (int f = 0; f < frames; f++) {
            int base = f * bins;
            for (int b = 0; b < bins; b++) {
                argb[(bins - 1 - b) * frames + f] = map.argb(scale.normalise(data[base + b]));
            }
        }
        return argb;
    }

    /** Writes pixels as a PNG, each pixel enlarged to {@code zoom} x {@code zoom}, atomically. */
    public static void writePng(Path file, int[] argb, int width, int height, int zoom) throws IOException {
        BufferedImage img = new BufferedImage(width * zoom, height * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height * zoom; y++) {
            for (int x = 0; x < width * zoom; x++) {
                img.setRGB(x, y, argb[(y / zoom) * width + x / zoom]);
            }
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException(file + ": no PNG writer available");
            }
        });
    }
}
