package dev.weir.sim.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders one simulated call as a PNG of stacked panels sharing the time axis: rates in kbps
 * (capacity, estimator target, received), delay in ms, loss in percent and, for a steering
 * estimator, its network type. Uses XChart, headless.
 *
 * <p>Non-finite samples (e.g. no delay measured in an interval) are drawn as gaps.
 *
 * <p>Thread-safe: every call builds its own charts and image.
 */
public final class CallPlot {
    /** Image width in pixels: readable on a laptop screen and in a Markdown report. */
    static final int WIDTH_PX = 1200;
    /** Panel heights in pixels; the rate panel is the one people study, so it gets the most. */
    static final int RATE_PANEL_HEIGHT_PX = 420;
    static final int DELAY_PANEL_HEIGHT_PX = 260;
    static final int LOSS_PANEL_HEIGHT_PX = 220;
    /** Height of the steering panel (network type over time), drawn for steering estimators. */
    static final int TYPE_PANEL_HEIGHT_PX = 160;
    /** Minimum pixels between time-axis labels, so one-second labels of a long call do not collide. */
    private static final int TIME_LABEL_SPACING_PX = 90;
    /** bits per second in one kbps. */
    static final double BPS_PER_KBPS = 1000;
    /** percent per unit fraction. */
    static final double PERCENT_PER_FRACTION = 100;

    static {
        // Charts render into images only; no display is needed or wanted (CI, servers).
        System.setProperty("java.awt.headless", "true");
    }

    private CallPlot() {
    }

    /**
     * Writes the plot of one call to {@code out} (PNG), atomically; the delay panel is labelled
     * "delay (ms)".
     *
     * @param timeS sample times in seconds, finite and of the same length as every series
     * @param capacityBps bottleneck capacity
     * @param targetBps estimator's target bitrate
     * @param recvBps received bitrate
     * @param delayMs queueing delay or RTT, in milliseconds
     * @param lossFraction loss in [0, 1]
     */
    public static void writePng(Path out, String title, double[] timeS, double[] capacityBps,
            double[] targetBps, double[] recvBps, double[] delayMs, double[] lossFraction)
            throws IOException {
        writePng(out, title, "delay", timeS, capacityBps, targetBps, recvBps, delayMs,
                lossFraction);
    }

    /**
     * As {@link #writePng(Path, String, double[], double[], double[], double[], double[],
     * double[])}, naming the delay series {@code delayName} (e.g. "queue delay" or "RTT").
     */
    public static void writePng(Path out, String title, String delayName, double[] timeS,
            double[] capacityBps, double[] targetBps, double[] recvBps, double[] delayMs,
            double[] lossFraction) throws IOException {
        writePng(out, title, delayName, timeS, capacityBps, targetBps, recvBps, delayMs, lossFraction, null);
    }

    /**
     * As above, with a fourth panel showing the steering estimator's network type over time
     * ({@code networkTypeCode}: 1 wired_stable, 2 congestion_prone, 3 random_loss,
     * 4 cellular_variable, -1 model failed; see the time series' {@code network_type_code}); null
     * or all zeros draws no such panel.
     */
    public static void writePng(Path out, String title, String delayName, double[] timeS,
            double[] capacityBps, double[] targetBps, double[] recvBps, double[] delayMs,
            double[] lossFraction, double[] networkTypeCode) throws IOException {
        BufferedImage image = render(title, delayName, timeS, capacityBps, targetBps, recvBps,
                delayMs, lossFraction, networkTypeCode);
        Png.write(out, image);
    }

    /** Renders the three panels into one image (what {@code writePng} writes). */
    public static BufferedImage render(String title, String delayName, double[] timeS,
            double[] capacityBps, double[] targetBps, double[] recvBps, double[] delayMs,
            double[] lossFraction) {
        return render(title, delayName, timeS, capacityBps, targetBps, recvBps, delayMs, lossFraction, null);
    }

    /** Renders the panels, with the network-type panel when {@code networkTypeCode} has any non-zero value. */
    public static BufferedImage render(String title, String delayName, double[] timeS,
            double[] capacityBps, double[] targetBps, double[] recvBps, double[] delayMs,
            double[] lossFraction, double[] networkTypeCode) {
        int n = timeS.length;
        if (n == 0) {
            throw new IllegalArgumentException("nothing to plot: no samples");
        }
        checkLength("capacityBps", capacityBps, n);
        checkLength("targetBps", targetBps, n);
        checkLength("recvBps", recvBps, n);
        checkLength("delayMs", delayMs, n);
        checkLength("lossFraction", lossFraction, n);
        for (double t : timeS) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("timeS holds a non-finite time: " + t);
            }
        }

        XYChart rates = panel(title, "rate (kbps)", RATE_PANEL_HEIGHT_PX, timeS, false);
        addSeries(rates, "capacity", timeS, scaled(capacityBps, 1 / BPS_PER_KBPS),
                XYSeries.XYSeriesRenderStyle.Step, Color.GRAY);
        addSeries(rates, "target", timeS, scaled(targetBps, 1 / BPS_PER_KBPS),
                XYSeries.XYSeriesRenderStyle.Line, new Color(0xD62728));
        addSeries(rates, "received", timeS, scaled(recvBps, 1 / BPS_PER_KBPS),
                XYSeries.XYSeriesRenderStyle.Line, new Color(0x1F77B4));

        XYChart delay = panel(null, delayName + " (ms)", DELAY_PANEL_HEIGHT_PX, timeS, false);
        addSeries(delay, delayName, timeS, scaled(delayMs, 1), XYSeries.XYSeriesRenderStyle.Line,
                new Color(0x2CA02C));

        XYChart loss = panel(null, "loss (%)", LOSS_PANEL_HEIGHT_PX, timeS, true);
        addSeries(loss, "loss", timeS, scaled(lossFraction, PERCENT_PER_FRACTION),
                XYSeries.XYSeriesRenderStyle.Line, new Color(0x9467BD));

        List<XYChart> charts = List.of(rates, delay, loss);
        if (networkTypeCode != null && java.util.Arrays.stream(networkTypeCode).anyMatch(v -> v != 0)) {
            checkLength("networkTypeCode", networkTypeCode, n);
            XYChart type = panel(null, "network type", TYPE_PANEL_HEIGHT_PX, timeS, true);
            type.getStyler().setYAxisMin(-1.0).setYAxisMax(4.0);
            addSeries(type, "1 wired, 2 congestion-prone, 3 random loss, 4 cellular, -1 model failed", timeS,
                    scaled(networkTypeCode, 1), XYSeries.XYSeriesRenderStyle.Step, new Color(0xFF7F0E));
            charts = List.of(rates, delay, loss, type);
        }
        return StackedPanels.image(charts);
    }

    static XYChart panel(String title, String yTitle, int heightPx, double[] timeS,
            boolean showTimeTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH_PX)
                .height(heightPx)
                .title(title == null ? "" : title)
                .xAxisTitle(showTimeTitle ? "time (s)" : "")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler()
                .setChartTitleVisible(title != null)
                .setLegendPosition(Styler.LegendPosition.InsideNE)
                .setChartBackgroundColor(Color.WHITE)
                .setAntiAlias(true);
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setXAxisMin(timeS[0]);
        chart.getStyler().setXAxisMax(timeS[timeS.length - 1]);
        chart.getStyler().setXAxisTickMarkSpacingHint(TIME_LABEL_SPACING_PX);
        chart.getStyler().setYAxisMin(0.0);
        useRegularTimeTicks(chart, timeS);
        return chart;
    }

    /**
     * XChart 3.8 puts a label on every k-th sample when all x values are equally spaced, and for a
     * long call those labels overlap. One off-grid point in a hidden, disabled series breaks the
     * equal spacing, so XChart falls back to its usual evenly spread round-number ticks.
     */
    private static void useRegularTimeTicks(XYChart chart, double[] timeS) {
        if (timeS.length < 2) {
            return;
        }
        double offGridS = timeS[0] + 0.5 * (timeS[1] - timeS[0]);
        XYSeries hidden = chart.addSeries("time axis ticks", new double[] {offGridS},
                new double[] {0});
        hidden.setEnabled(false);
        hidden.setShowInLegend(false);
    }

    static void addSeries(XYChart chart, String name, double[] x, double[] y,
            XYSeries.XYSeriesRenderStyle style, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(style);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
    }

    /** A copy multiplied by {@code factor}; non-finite samples become NaN (drawn as gaps). */
    static double[] scaled(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.isFinite(values[i]) ? values[i] * factor : Double.NaN;
        }
        return out;
    }

    static void checkLength(String name, double[] values, int n) {
        if (values.length != n) {
            throw new IllegalArgumentException(name + " has " + values.length
                    + " samples but timeS has " + n);
        }
    }
}
