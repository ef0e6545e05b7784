package dev.weir.sim.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One time-series panel as inline SVG: a shared time axis, a y axis from 0 (or the data's
 * minimum when negative) to a rounded maximum, polylines, shaded spans and a legend. Output is
 * plain text with fixed-precision coordinates, so equal inputs give equal bytes.
 *
 * <p>Long series are reduced to the minimum and maximum per horizontal pixel bucket, which keeps
 * spikes (a delay burst, a loss event) that plain decimation would drop.
 *
 * <p>Not thread-safe: build one chart per thread.
 */
final class SvgChart {
    static final int WIDTH_PX = 960;
    private static final int LEFT_PX = 96;
    private static final int RIGHT_PX = 12;
    private static final int TOP_PX = 22;
    private static final int BOTTOM_PX = 22;
    /** Buckets across the plot area; each keeps its minimum and maximum sample. */
    private static final int BUCKETS = 440;
    private static final int Y_TICKS = 4;

    private final String title;
    private final int heightPx;
    private final double x0;
    private final double x1;
    private final List<String> layers = new ArrayList<>();
    private final List<String> legend = new ArrayList<>();
    private double yMin = 0;
    private double yMax = Double.NEGATIVE_INFINITY;
    private final List<Runnable> pending = new ArrayList<>();

    SvgChart(String title, int heightPx, double x0, double x1) {
        this.title = title;
        this.heightPx = heightPx;
        this.x0 = x0;
        this.x1 = x1 > x0 ? x1 : x0 + 1;
    }

    /** Adds a line; its points are placed once the y range is known. */
    SvgChart line(String name, double[] x, double[] y, String color, boolean dashed, boolean step) {
        for (double v : y) {
            if (Double.isFinite(v)) {
                yMax = Math.max(yMax, v);
                yMin = Math.min(yMin, v);
            }
        }
        pending.add(() -> layers.add(polyline(x, y, color, dashed, step)));
        if (name != null) {
            legend.add(legendEntry(name, color, dashed));
        }
        return this;
    }

    /** Shades [x[i] - width, x[i]] where {@code on[i]} is true, within the vertical band [top, bottom) (0..1). */
    SvgChart spans(double[] x, boolean[] on, double rowWidthS, double top, double bottom, String color) {
        pending.add(() -> {
            StringBuilder sb = new StringBuilder("<g fill=\"" + color + "\">");
            double y = TOP_PX + top * plotHeight();
            double h = (bottom - top) * plotHeight();
            for (int i = 0; i < x.length; i++) {
                if (on[i]) {
                    double left = px(x[i] - rowWidthS);
                    sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                            left, y, Math.max(0.6, px(x[i]) - left), h));
                }
            }
            layers.add(sb.append("</g>").toString());
        });
        return this;
    }

    /** A text label at the left of a band (0..1 from the top), for strip rows. */
    SvgChart rowLabel(String text, double top) {
        pending.add(() -> layers.add(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", LEFT_PX - 4,
                TOP_PX + top * plotHeight() + 9, Html.escape(text))));
        return this;
    }

    /** Forces the y range to [0, max] (strip charts with rows instead of values). */
    SvgChart yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    String render(boolean yAxis) {
        if (!(yMax > yMin)) {
            yMax = yMin + 1;
        }
        double step = niceStep((yMax - yMin) / Y_TICKS);
        if (yAxis) {
            yMax = Math.ceil(yMax / step) * step;
            yMin = Math.floor(yMin / step) * step;
        }
        pending.forEach(Runnable::run);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">", WIDTH_PX, heightPx, WIDTH_PX, heightPx));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\" font-weight=\"bold\">%s</text>",
                LEFT_PX, Html.escape(title)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#999\"/>", LEFT_PX, TOP_PX, plotWidth(), plotHeight()));
        if (yAxis) {
            for (double v = yMin; v <= yMax + step / 2; v += step) {
                double y = py(v);
                sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", LEFT_PX,
                        LEFT_PX + plotWidth(), y, y, LEFT_PX - 4, y + 3, tickLabel(v)));
            }
        }
        double xStep = niceStep((x1 - x0) / 10);
        for (double t = Math.ceil(x0 / xStep) * xStep; t <= x1 + 1e-9; t += xStep) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">"
                    + "%s</text>", px(t), heightPx - 6, tickLabel(t)));
        }
        layers.forEach(sb::append);
        for (int i = 0; i < legend.size(); i++) {
            sb.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,4)\">%s</g>",
                    LEFT_PX + 200 + i * 110, legend.get(i)));
        }
        return sb.append("</svg>").toString();
    }

    private String polyline(double[] x, double[] y, String color, boolean dashed, boolean step) {
        StringBuilder points = new StringBuilder();
        int n = Math.min(x.length, y.length);
        int perBucket = Math.max(1, (int) Math.ceil(n / (double) BUCKETS));
        double previousY = Double.NaN;
        for (int start = 0; start < n; start += perBucket) {
            int end = Math.min(n, start + perBucket);
            int lo = start;
            int hi = start;
            for (int i = start; i < end; i++) {
                if (y[i] < y[lo]) {
                    lo = i;
                }
                if (y[i] > y[hi]) {
                    hi = i;
                }
            }
            for (int i : lo <= hi ? new int[] {lo, hi} : new int[] {hi, lo}) {
                if (!Double.isFinite(y[i])) {
                    continue;
                }
                if (step && Double.isFinite(previousY)) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x[i]), py(previousY)));
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x[i]), py(y[i])));
                previousY = y[i];
                if (lo == hi) {
                    break;
                }
            }
        }
        return "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.3\""
                + (dashed ? " stroke-dasharray=\"4 3\" stroke-opacity=\"0.6\"" : "") + " points=\"" + points.toString().trim() + "\"/>";
    }

    private static String legendEntry(String name, String color, boolean dashed) {
        return "<line x1=\"0\" x2=\"18\" y1=\"6\" y2=\"6\" stroke=\"" + color + "\" stroke-width=\"2\""
                + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/><text x=\"22\" y=\"10\" font-size=\"10\">"
                + Html.escape(name) + "</text>";
    }

    private int plotWidth() {
        return WIDTH_PX - LEFT_PX - RIGHT_PX;
    }

    private double plotHeight() {
        return heightPx - TOP_PX - BOTTOM_PX;
    }

    private double px(double x) {
        return LEFT_PX + (x - x0) / (x1 - x0) * plotWidth();
    }

    private double py(double y) {
        return TOP_PX + (yMax - y) / (yMax - yMin) * plotHeight();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String tickLabel(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a == Math.rint(a)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
