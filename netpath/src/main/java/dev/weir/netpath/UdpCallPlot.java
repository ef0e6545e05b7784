package dev.weir.netpath;

import static dev.weir.sim.plot.StackedPanels.panel;

import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.plot.Png;
import dev.weir.sim.plot.StackedPanels;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The real call beside the simulator's call of the equivalent scenario, on one time axis: rates
 * (the link's IP-level capacity, both targets, the real received rate), one-way delay of both, and
 * the real call's loss. XChart, headless, in {@link StackedPanels}.
 *
 * <p>Stateless; thread-safe (every call builds its own charts).
 */
final class UdpCallPlot {
    private static final int RATE_HEIGHT_PX = 420;
    private static final int DELAY_HEIGHT_PX = 260;
    private static final int LOSS_HEIGHT_PX = 200;
    private static final double BPS_PER_KBPS = 1_000;
    private static final float DASH_PX = 6f;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private UdpCallPlot() {
    }

    static void writePng(Path file, UdpCall.Result result) throws IOException {
        Png.write(file, render(result));
    }

    static BufferedImage render(UdpCall.Result result) {
        CallAnalysis.Series real = result.real().series();
        TimeSeries sim = result.simulated().series();
        double[] t = real.column("time_s");
        double[] simT = sim.column("time_s");
        if (t.length == 0) {
            throw new IllegalArgumentException("nothing to plot: the real call has no 100 ms rows");
        }
        String title = String.format(Locale.ROOT, "udp-call: %s through tbf %s, feedback delay %d ms",
                result.config().estimator(), UdpCall.rate(result.config().rateBps()),
                result.config().feedbackDelayUs() / 1_000);
        XYChart rates = panel(title, "rate (kbps)", RATE_HEIGHT_PX, t, false);
        add(rates, "IP-level capacity", t, scale(real.column("capacity_bps"), 1 / BPS_PER_KBPS), Color.GRAY, false);
        add(rates, "target (real)", t, scale(real.column("target_bps"), 1 / BPS_PER_KBPS), new Color(0xD62728), false);
        add(rates, "received (real)", t, scale(real.column("recv_bps"), 1 / BPS_PER_KBPS), new Color(0x1F77B4), false);
        add(rates, "target (simulator)", simT, scale(sim.column("target_bps"), 1 / BPS_PER_KBPS), new Color(0xFF7F0E),
                true);
        XYChart delay = panel(null, "one-way delay (ms)", DELAY_HEIGHT_PX, t, false);
        add(delay, "real", t, real.column("one_way_delay_ms"), new Color(0x2CA02C), false);
        add(delay, "simulator", simT, sim.column("one_way_delay_ms"), new Color(0x98DF8A), true);
        add(delay, "RTT, RTCP (real)", t, real.column("rtt_ms"), new Color(0x8C564B), false);
        XYChart loss = panel(null, "loss (%)", LOSS_HEIGHT_PX, t, true);
        loss.getStyler().setYAxisDecimalPattern("0.##"); // a 0.5 % loss, not 0.50000000
        add(loss, "real", t, scale(real.column("loss_fraction"), 100), new Color(0x9467BD), false);
        add(loss, "simulator", simT, scale(sim.column("loss_fraction"), 100), new Color(0xC5B0D5), true);
        return StackedPanels.image(List.of(rates, delay, loss));
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries series = StackedPanels.line(chart, name, x, y, color);
        if (dashed) {
            series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {DASH_PX, DASH_PX}, 0f));
        }
    }

    private static double[] scale(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.isFinite(values[i]) ? values[i] * factor : Double.NaN;
        }
        return out;
    }
}
