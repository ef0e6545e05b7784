package dev.weir.sim.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The plot of a replayed call (libwebrtc's rtc_event_log_visualizer workflow): the recorded
 * estimator's target beside the replayed estimator's, with the recorded acknowledged rate, then the
 * round-trip time and the loss each estimator reported. Same look as {@link CallPlot}.
 *
 * <p>Thread-safe: every call builds its own charts and image.
 */
public final class ReplayPlot {
    private static final int RATE_PANEL_HEIGHT_PX = 420;
    private static final int RTT_PANEL_HEIGHT_PX = 240;
    private static final int LOSS_PANEL_HEIGHT_PX = 220;

    private ReplayPlot() {
    }

    /**
     * Writes the plot (PNG) atomically.
     *
     * @param recordedName the estimator that recorded the call
     * @param replayedName the estimator replayed over it
     * @param timeS sample times in seconds, finite; every series has the same length
     */
    public static void writePng(Path out, String title, String recordedName, String replayedName, double[] timeS,
            double[] recordedTargetBps, double[] replayedTargetBps, double[] recordedAckedBps, double[] recordedRttMs,
            double[] recordedLossRatio, double[] replayedLossRatio) throws IOException {
        int n = timeS.length;
        if (n == 0) {
            throw new IllegalArgumentException("nothing to plot: no samples");
        }
        CallPlot.checkLength("recordedTargetBps", recordedTargetBps, n);
        CallPlot.checkLength("replayedTargetBps", replayedTargetBps, n);
        CallPlot.checkLength("recordedAckedBps", recordedAckedBps, n);
        CallPlot.checkLength("recordedRttMs", recordedRttMs, n);
        CallPlot.checkLength("recordedLossRatio", recordedLossRatio, n);
        CallPlot.checkLength("replayedLossRatio", replayedLossRatio, n);
        double perKbps = 1 / CallPlot.BPS_PER_KBPS;
        XYChart rates = CallPlot.panel(title, "rate (kbps)", RATE_PANEL_HEIGHT_PX, timeS, false);
        CallPlot.addSeries(rates, "acked (" + recordedName + ", recorded)", timeS,
                CallPlot.scaled(recordedAckedBps, perKbps), XYSeries.XYSeriesRenderStyle.Line, new Color(0x1F77B4));
        CallPlot.addSeries(rates, "target (" + recordedName + ", recorded)", timeS,
                CallPlot.scaled(recordedTargetBps, perKbps), XYSeries.XYSeriesRenderStyle.Line, Color.GRAY);
        CallPlot.addSeries(rates, "target (" + replayedName + ", replayed)", timeS,
                CallPlot.scaled(replayedTargetBps, perKbps), XYSeries.XYSeriesRenderStyle.Line, new Color(0xD62728));
        XYChart rtt = CallPlot.panel(null, "RTT (ms)", RTT_PANEL_HEIGHT_PX, timeS, false);
        CallPlot.addSeries(rtt, "RTT (recorded)", timeS, CallPlot.scaled(recordedRttMs, 1),
                XYSeries.XYSeriesRenderStyle.Line, new Color(0x2CA02C));
        XYChart loss = CallPlot.panel(null, "loss (%)", LOSS_PANEL_HEIGHT_PX, timeS, true);
        CallPlot.addSeries(loss, "loss (" + recordedName + ", recorded)", timeS,
                CallPlot.scaled(recordedLossRatio, CallPlot.PERCENT_PER_FRACTION), XYSeries.XYSeriesRenderStyle.Line,
                Color.GRAY);
        CallPlot.addSeries(loss, "loss (" + replayedName + ", replayed)", timeS,
                CallPlot.scaled(replayedLossRatio, CallPlot.PERCENT_PER_FRACTION), XYSeries.XYSeriesRenderStyle.Line,
                new Color(0x9467BD));
        Png.write(out, StackedPanels.image(List.of(rates, rtt, loss)));
    }
}
