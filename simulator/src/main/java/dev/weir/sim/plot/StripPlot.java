package dev.weir.sim.plot;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-seed values of one metric as a small SVG strip plot: one row per estimator, a dot per seed
 * and a bar at the median, so spread and outliers show, not just a mean.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
final class StripPlot {
    private static final int WIDTH_PX = 300;
    private static final int ROW_PX = 16;
    private static final int LEFT_PX = 96;
    private static final int RIGHT_PX = 10;
    private static final int TOP_PX = 18;
    private static final int BOTTOM_PX = 16;

    private StripPlot() {
    }

    /** The plot of {@code values[e][seed]} for estimators {@code names}, colours by estimator index. */
    static String render(String metric, List<String> names, List<double[]> values, List<String> colors) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(min <= max)) {
            min = 0;
            max = 1;
        }
        if (max == min) {
            max = min + Math.max(1, Math.abs(min) * 0.1);
        }
        int height = TOP_PX + ROW_PX * names.size() + BOTTOM_PX;
        int plotWidth = WIDTH_PX - LEFT_PX - RIGHT_PX;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\"><text x=\"4\" y=\"12\" font-size=\"11\" font-weight=\"bold\">%s"
                        + "</text>", WIDTH_PX, height, WIDTH_PX, height, Html.escape(metric)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\">%s</text><text x=\"%d\" y=\"%d\" "
                + "font-size=\"9\" text-anchor=\"end\">%s</text>", LEFT_PX, height - 4, label(min),
                WIDTH_PX - RIGHT_PX, height - 4, label(max)));
        for (int e = 0; e < names.size(); e++) {
            double y = TOP_PX + ROW_PX * e + ROW_PX / 2.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s"
                    + "</text><line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT_PX - 4, y + 3,
                    Html.escape(names.get(e)), LEFT_PX, WIDTH_PX - RIGHT_PX, y, y));
            double[] finite = Arrays.stream(values.get(e)).filter(Double::isFinite).sorted().toArray();
            for (double v : finite) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\" "
                        + "fill-opacity=\"0.6\"/>", LEFT_PX + (v - min) / (max - min) * plotWidth, y, colors.get(e)));
            }
            if (finite.length > 0) {
                int m = finite.length;
                double median = m % 2 == 1 ? finite[m / 2] : 0.5 * (finite[m / 2 - 1] + finite[m / 2]);
                double x = LEFT_PX + (median - min) / (max - min) * plotWidth;
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\""
                        + " stroke-width=\"1.5\"/>", x, x, y - 6, y + 6));
            }
        }
        return sb.append("</svg>").toString();
    }

    private static String label(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
