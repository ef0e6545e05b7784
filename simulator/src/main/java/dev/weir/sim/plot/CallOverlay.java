package dev.weir.sim.plot;

import dev.weir.sim.call.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several estimators' calls of one scenario and seed, overlaid on one shared time axis as SVG
 * panels: rates (capacity, cross traffic, each target and received rate), freezes, overuse and
 * probes, queueing delay, loss, GCC's delay- and loss-based estimates, then one panel per other
 * numeric column of the time series, so a column added to {@link TimeSeries} shows up without a
 * change here. Panels whose columns are zero for every estimator are left out.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
final class CallOverlay {
    /** Columns the fixed panels draw; every other column gets a generic panel. */
    static final Set<String> DRAWN = Set.of("time_s", "capacity_bps", "cross_bps", "target_bps", "recv_bps",
            "queue_delay_ms", "loss_fraction", "freeze", "delay_based_bps", "loss_based_bps", "probing",
            "delay_state");
    private static final double KBPS = 1e-3;
    private static final int PANEL_PX = 200;
    private static final int STRIP_ROW_PX = 14;
    private static final String CAPACITY = "#555555";
    private static final String CROSS = "#aaaaaa";
    private static final String FREEZE = "#d62728";
    private static final String OVERUSE = "#ff7f0e";
    private static final String PROBE = "#1f77b4";

    private CallOverlay() {
    }

    /** Panels for {@code calls} (estimator -> series of one seed), estimators drawn in {@code order}. */
    static String render(List<String> order, List<String> colors, Map<String, TimeSeries> calls) {
        List<String> names = new ArrayList<>();
        List<TimeSeries> series = new ArrayList<>();
        List<String> palette = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            TimeSeries s = calls.get(order.get(i));
            if (s != null && s.size() > 0) {
                names.add(order.get(i));
                series.add(s);
                palette.add(colors.get(i));
            }
        }
        if (series.isEmpty()) {
            return "";
        }
        double[] time = series.get(0).column("time_s");
        double end = time[time.length - 1];
        double rowS = time.length > 1 ? time[1] - time[0] : end;
        StringBuilder sb = new StringBuilder("<p>");
        for (int i = 0; i < names.size(); i++) {
            sb.append("<span style=\"color:").append(palette.get(i)).append("\">&#9632; ")
                    .append(Html.escape(names.get(i))).append("</span> ");
        }
        sb.append("(solid: target, dashed: received)</p>\n");

        SvgChart rates = new SvgChart("rates (kbps)", 260, 0, end)
                .line("capacity", time, scaled(series.get(0).column("capacity_bps"), KBPS), CAPACITY, false, true);
        if (anyNonZero(series, "cross_bps")) {
            rates.line("cross traffic", time, scaled(series.get(0).column("cross_bps"), KBPS), CROSS, true, true);
        }
        for (int i = 0; i < series.size(); i++) {
            rates.line(null, time(series.get(i)), scaled(series.get(i).column("target_bps"), KBPS), palette.get(i),
                    false, false);
            rates.line(null, time(series.get(i)), scaled(series.get(i).column("recv_bps"), KBPS), palette.get(i),
                    true, false);
        }
        sb.append(rates.render(true)).append('\n');
        sb.append(strips("freezes (red), overuse (orange), probes (blue)", names, series, end, rowS)).append('\n');
        sb.append(overlay("queueing delay (ms)", series, palette, "queue_delay_ms", 1, end)).append('\n');
        sb.append(overlay("loss (%)", series, palette, "loss_fraction", 100, end)).append('\n');
        if (anyNonZero(series, "delay_based_bps") || anyNonZero(series, "loss_based_bps")) {
            SvgChart gcc = new SvgChart("GCC estimates (kbps): delay-based solid, loss-based dashed", PANEL_PX, 0, end);
            for (int i = 0; i < series.size(); i++) {
                gcc.line(null, time(series.get(i)), scaled(series.get(i).column("delay_based_bps"), KBPS),
                        palette.get(i), false, false);
                gcc.line(null, time(series.get(i)), scaled(series.get(i).column("loss_based_bps"), KBPS),
                        palette.get(i), true, false);
            }
            sb.append(gcc.render(true)).append('\n');
        }
        for (String column : series.get(0).columns()) {
            if (!DRAWN.contains(column) && anyNonZero(series, column)) {
                sb.append(overlay(column, series, palette, column, 1, end)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String overlay(String title, List<TimeSeries> series, List<String> palette, String column,
            double factor, double end) {
        SvgChart chart = new SvgChart(title, PANEL_PX, 0, end);
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).columns().contains(column)) {
                chart.line(null, time(series.get(i)), scaled(series.get(i).column(column), factor), palette.get(i),
                        false, false);
            }
        }
        return chart.render(true);
    }

    /** Per estimator one row with three lanes: freezes, overuse (delay_state 1), probes. */
    private static String strips(String title, List<String> names, List<TimeSeries> series, double end, double rowS) {
        int rows = series.size();
        SvgChart chart = new SvgChart(title, 22 + 22 + rows * STRIP_ROW_PX, 0, end).yRange(0, 1);
        for (int i = 0; i < rows; i++) {
            TimeSeries s = series.get(i);
            double top = (double) i / rows;
            double lane = 1.0 / rows / 3;
            double[] t = time(s);
            chart.rowLabel(names.get(i), top);
            chart.spans(t, above(s.column("freeze"), 0), rowS, top, top + lane, FREEZE);
            chart.spans(t, equal(s.column("delay_state"), 1), rowS, top + lane, top + 2 * lane, OVERUSE);
            chart.spans(t, above(s.column("probing"), 0), rowS, top + 2 * lane, top + 3 * lane, PROBE);
        }
        return chart.render(false);
    }

    private static double[] time(TimeSeries s) {
        return s.column("time_s");
    }

    private static boolean anyNonZero(List<TimeSeries> series, String column) {
        for (TimeSeries s : series) {
            if (s.columns().contains(column)) {
                for (double v : s.column(column)) {
                    if (v != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static double[] scaled(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }

    private static boolean[] above(double[] values, double threshold) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] > threshold;
        }
        return out;
    }

    private static boolean[] equal(double[] values, double target) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == target;
        }
        return out;
    }
}
