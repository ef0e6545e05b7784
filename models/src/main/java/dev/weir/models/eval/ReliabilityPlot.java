package dev.weir.models.eval;

import java.util.Locale;

/**
 * A reliability diagram as a small standalone SVG: per probability bin the observed frequency
 * (a bar from 0, its width the bin) against the diagonal of perfect calibration, and the bin's
 * mean predicted probability as a dot; bins without decisions are left out and each bar is labelled
 * with its decision count. Fixed-precision coordinates: equal bins give equal bytes.
 *
 * <p>Stateless and thread-safe.
 */
final class ReliabilityPlot {
    private static final int SIZE_PX = 360;
    private static final int MARGIN_PX = 40;

    private ReliabilityPlot() {
    }

    /** The diagram of {@code bins} (per bin: count, mean probability, observed frequency). */
    static String svg(String title, double[][] bins) {
        int plot = SIZE_PX - 2 * MARGIN_PX;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"10\">%n", SIZE_PX, SIZE_PX));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"12\">%s</text>%n", MARGIN_PX,
                escape(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", MARGIN_PX, MARGIN_PX, plot, plot));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" "
                + "stroke-dasharray=\"4 3\"/>%n", MARGIN_PX, MARGIN_PX + plot, MARGIN_PX + plot, MARGIN_PX));
        double width = (double) plot / bins.length;
        for (int b = 0; b < bins.length; b++) {
            if (bins[b][0] == 0) {
                continue;
            }
            double x = MARGIN_PX + b * width;
            double height = bins[b][2] * plot;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#4c78a8\" fill-opacity=\"0.6\"/>%n", x + 1, MARGIN_PX + plot - height, width - 2, height));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#e45756\"/>%n",
                    MARGIN_PX + bins[b][1] * plot, MARGIN_PX + plot - bins[b][2] * plot));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" transform=\"rotate(-90 %.1f %d)\">"
                    + "%d</text>%n", x + width / 2 + 3, MARGIN_PX + plot - 4, x + width / 2 + 3, MARGIN_PX + plot - 4,
                    (long) bins[b][0]));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">predicted probability (bins of 1/%d); bars:"
                + " observed frequency, dots: bin mean</text>%n", MARGIN_PX, SIZE_PX - 12, bins.length));
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\">observed"
                + "</text>%n", MARGIN_PX + plot / 2, MARGIN_PX + plot / 2));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
