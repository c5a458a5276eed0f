package io.kwsstudio.render;

/**
 * Colour maps for spectrogram and MFCC images. Viridis and magma are perceptually uniform (equal
 * steps in value look like equal steps in colour, and they read correctly in grey), so they are the
 * default rather than "jet". Computed from 6th-degree polynomial fits of the matplotlib maps
 * (max error well under one 8-bit step), so no lookup tables need shipping.
 */
public enum Colormap {
    VIRIDIS("Viridis", new double[][] {
            {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
            {0.1050930431085774, 1.404613529898575, 1.384590162594685},
            {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
            {-4.634230498983486, -5.799100973351585, -19.33244095627987},
            {6.228269936347081, 14.17993336680509, 56.69055260068105},
            {4.776384997670288, -13.74514537774601, -65.35303263337234},
            {-5.435455855934631, 4.645852612178535, 26.3124352495832}}),
    MAGMA("Magma", new double[][] {
            {-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
            {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
            {8.353717279216625, -3.577719514958484, 0.3144679030132573},
            {-27.66873308576866, 14.26473078096533, -13.64921318813922},
            {52.17613981234068, -27.94360607168351, 12.94416944238394},
            {-50.76852536473588, 29.04658282127291, 4.23415299384598},
            {18.65570506591883, -11.48977351997711, -5.601961508734096}}),
    GREY("Grey", null);

    private final String displayName;
    private final int[] lut = new int[256];

    Colormap(String displayName, double[][] coefficients) {
        this.displayName = displayName;
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0;
            int r;
            int g;
            int b;
            if (coefficients == null) {
                r = g = b = i;
            } else {
                r = channel(coefficients, 0, t);
                g = channel(coefficients, 1, t);
                b = channel(coefficients, 2, t);
            }
            lut[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
    }

    private static int channel(double[][] c, int ch, double t) {
        double v = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            v = v * t + c[k][ch];
        }
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    /** ARGB colour for a value in [0, 1] (clamped). */
    public int argb(double t) {
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return lut[i];
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
