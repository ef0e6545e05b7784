package dev.weir.sim.plot;

import dev.weir.sim.call.TimeSeries;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Several estimators' calls of one scenario and seed as one PNG on a shared time axis (the
 * design's Figure 7 is this plot of gcc and weir on 500 &lt;-&gt; 100 kbps): the capacity and each
 * target, each call's queueing delay, each call's loss, and, for estimators with a model, the
 * predicted probability of congestion ahead, so a reader sees whether the prediction rises before
 * the delay spikes and the loss. Uses XChart, headless, through {@link CallPlot}'s panel style.
 *
 * <p>Thread-safe: every call builds its own charts and image.
 */
public final class OverlayPlot {
    /** One colour per estimator, in order (matplotlib's tab10, which reads in greyscale too). */
    private static final Color[] COLORS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
        new Color(0x9467BD), new Color(0xFF7F0E), new Color(0x8C564B)};
    private static final int RATE_PANEL_HEIGHT_PX = 360;
    private static final int PANEL_HEIGHT_PX = 220;
    private static final double KBPS_PER_BPS = 1e-3;
    private static final double PERCENT_PER_FRACTION = 100;

    private OverlayPlot() {
    }

    /** Writes the overlay of {@code calls} (estimator name -> its call's series, drawn in map order). */
    public static void writePng(Path out, String title, Map<String, TimeSeries> calls) throws IOException {
        Png.write(out, render(title, calls));
    }

    /** Renders the panels (what {@link #writePng} writes). */
    public static BufferedImage render(String title, Map<String, TimeSeries> calls) {
        if (calls.isEmpty() || calls.size() > COLORS.length) {
            throw new IllegalArgumentException("an overlay draws 1.." + COLORS.length + " calls, got " + calls.size());
        }
        List<String> names = new ArrayList<>(calls.keySet());
        Map<String, double[]> times = new LinkedHashMap<>();
        for (String name : names) {
            TimeSeries series = calls.get(name);
            if (series.size() == 0) {
                throw new IllegalArgumentException("nothing to plot: the call of " + name + " has no samples");
            }
            times.put(name, series.column("time_s"));
        }
        double[] axis = times.get(names.get(0));

        XYChart rates = CallPlot.panel(title, "rate (kbps)", RATE_PANEL_HEIGHT_PX, axis, false);
        CallPlot.addSeries(rates, "capacity", axis,
                CallPlot.scaled(calls.get(names.get(0)).column("capacity_bps"), KBPS_PER_BPS),
                XYSeries.XYSeriesRenderStyle.Step, Color.GRAY);
        XYChart delay = CallPlot.panel(null, "queueing delay (ms)", PANEL_HEIGHT_PX, axis, false);
        XYChart loss = CallPlot.panel(null, "loss (%)", PANEL_HEIGHT_PX, axis, false);
        XYChart prediction = CallPlot.panel(null, "P(congestion ahead)", PANEL_HEIGHT_PX, axis, true);
        prediction.getStyler().setYAxisMax(1.0);
        boolean anyModel = false;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            TimeSeries series = calls.get(name);
            double[] time = times.get(name);
            CallPlot.addSeries(rates, name + " target", time, CallPlot.scaled(series.column("target_bps"),
                    KBPS_PER_BPS), XYSeries.XYSeriesRenderStyle.Line, COLORS[i]);
            CallPlot.addSeries(delay, name, time, CallPlot.scaled(series.column("queue_delay_ms"), 1),
                    XYSeries.XYSeriesRenderStyle.Line, COLORS[i]);
            CallPlot.addSeries(loss, name, time, CallPlot.scaled(series.column("loss_fraction"),
                    PERCENT_PER_FRACTION), XYSeries.XYSeriesRenderStyle.Line, COLORS[i]);
            double[] pCongestion = series.column("p_congestion");
            if (java.util.Arrays.stream(pCongestion).anyMatch(p -> p != 0)) {
                anyModel = true;
                CallPlot.addSeries(prediction, name, time, CallPlot.scaled(pCongestion, 1),
                        XYSeries.XYSeriesRenderStyle.Line, COLORS[i]);
            }
        }
        List<XYChart> charts = new ArrayList<>(List.of(rates, delay, loss));
        if (anyModel) {
            charts.add(prediction);
        } else {
            loss.setXAxisTitle("time (s)");
        }
        return StackedPanels.image(charts);
    }
}
