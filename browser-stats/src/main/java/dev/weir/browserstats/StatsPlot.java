package dev.weir.browserstats;

import static dev.weir.sim.plot.StackedPanels.line;
import static dev.weir.sim.plot.StackedPanels.panel;

import dev.weir.sim.plot.Png;
import dev.weir.sim.plot.StackedPanels;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A browser call as weir's model sees it, on one time axis: the browser's estimate beside its
 * send and delivered rates; RTT and jitter; loss; the model's P(loss is random) and P(congestion
 * ahead); and the network type it decides. XChart, headless, in {@link StackedPanels}.
 *
 * <p>Stateless; thread-safe.
 */
final class StatsPlot {
    private static final int RATE_HEIGHT_PX = 380;
    private static final int DELAY_HEIGHT_PX = 220;
    private static final int LOSS_HEIGHT_PX = 180;
    private static final int MODEL_HEIGHT_PX = 200;
    private static final int TYPE_HEIGHT_PX = 160;
    private static final double BPS_PER_KBPS = 1_000;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private StatsPlot() {
    }

    static void writePng(Path file, StatsImport.Result result) throws IOException {
        Png.write(file, render(result));
    }

    static BufferedImage render(StatsImport.Result result) {
        double[] t = result.column("time_s");
        if (t.length == 0) {
            throw new IllegalArgumentException("nothing to plot: the call is shorter than one 100 ms row");
        }
        String title = String.format(Locale.ROOT, "%s, %s: browser stats through weir's model",
                Path.of(result.dump().source()).getFileName(), result.connection().id());
        XYChart rates = panel(title, "rate (kbps)", RATE_HEIGHT_PX, t, false);
        line(rates, "browser estimate", t, scale(result.column("target_bps"), 1 / BPS_PER_KBPS), new Color(0xD62728));
        line(rates, "sent", t, scale(result.column("send_bps"), 1 / BPS_PER_KBPS), new Color(0x1F77B4));
        line(rates, "delivered", t, scale(result.column("recv_bps"), 1 / BPS_PER_KBPS), new Color(0x17BECF));
        XYChart delay = panel(null, "ms", DELAY_HEIGHT_PX, t, false);
        line(delay, "RTT", t, result.column("rtt_ms"), new Color(0x2CA02C));
        line(delay, "jitter", t, result.column("jitter_ms"), new Color(0x8C564B));
        XYChart loss = panel(null, "loss (%)", LOSS_HEIGHT_PX, t, false);
        loss.getStyler().setYAxisDecimalPattern("0.##"); // a 0.5 % loss, not 0.50000000
        line(loss, "loss", t, scale(result.column("loss_fraction"), 100), new Color(0x9467BD));
        XYChart model = panel(null, "model", MODEL_HEIGHT_PX, t, false);
        model.getStyler().setYAxisMax(1.0);
        line(model, "P(loss is random)", t, result.column("p_random_loss"), new Color(0xE377C2));
        line(model, "P(congestion ahead)", t, result.column("p_congestion"), new Color(0xFF7F0E));
        XYChart type = panel(null, "network type", TYPE_HEIGHT_PX, t, true);
        type.getStyler().setYAxisMin(0.0).setYAxisMax(4.0);
        XYSeries types = line(type, "0 no decision yet, 1 wired, 2 congestion-prone, 3 random loss, 4 cellular", t,
                result.column("network_type_code"), new Color(0x7F7F7F));
        types.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return StackedPanels.image(List.of(rates, delay, loss, model, type));
    }

    private static double[] scale(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }
}
