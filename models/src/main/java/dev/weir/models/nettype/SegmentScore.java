package dev.weir.models.nettype;

import dev.weir.sim.call.TimeSeries;
import java.util.Arrays;

/**
 * The tuning objective ({@code dev.weir.sim.tune.TuningObjective}: lower is better, in points of
 * the video quality score) computed on a stretch of a call from its 100 ms time-series rows, so a
 * segment can be scored like a call:
 * <pre>
 *   J = - Q + 2 x long_freeze_pct + 0.1 x max(0, p95 one-way delay - 150 ms)
 *   Q = 100 x (0.75 x bitrate term + 0.25 x frame-rate term) x (1 - freeze share)
 * </pre>
 * with the quality score's terms as {@code MetricsCalculator} defines them, the bitrate term from
 * the mean received rate (the rendered rate is not in the rows), long freezes as rows inside a
 * freeze run longer than 500 ms, and the delay percentile over the rows (nearest rank). The drop
 * penalty of the call objective has no segment counterpart (a drop is a 4 s gap, rarely inside
 * one segment) and is left out.
 *
 * <p>Stateless and thread-safe.
 */
public final class SegmentScore {
    /** Rendered bitrate where the bitrate term starts and saturates, bps (MetricsCalculator's). */
    private static final double QUALITY_MIN_BPS = 50_000;
    private static final double QUALITY_FULL_BPS = 4_000_000;
    private static final double QUALITY_BITRATE_WEIGHT = 0.75;
    /** Freezes longer than this count as long, rows of 100 ms (500 ms, the objective's). */
    private static final int LONG_FREEZE_ROWS = 5;
    private static final double LONG_FREEZE_WEIGHT = 2.0;
    private static final double DELAY_BUDGET_MS = 150;
    private static final double DELAY_WEIGHT_PER_MS = 0.1;

    private SegmentScore() {
    }

    /** J over the rows whose interval ends in {@code (fromS, toS]}; NaN without rows. */
    public static double of(TimeSeries series, double fromS, double toS, int nominalFps) {
        double[] time = series.column("time_s");
        double[] recv = series.column("recv_bps");
        double[] fps = series.column("rendered_fps");
        double[] freeze = series.column("freeze");
        double[] delay = series.column("one_way_delay_ms");
        int from = 0;
        while (from < time.length && time[from] <= fromS + 1e-9) {
            from++;
        }
        int to = from;
        while (to < time.length && time[to] <= toS + 1e-9) {
            to++;
        }
        int rows = to - from;
        if (rows == 0) {
            return Double.NaN;
        }
        double recvSum = 0;
        double fpsSum = 0;
        double freezeSum = 0;
        double longFreezeRows = 0;
        int run = 0;
        double[] delays = Arrays.copyOfRange(delay, from, to);
        for (int r = from; r < to; r++) {
            recvSum += recv[r];
            fpsSum += fps[r];
            freezeSum += freeze[r];
            if (freeze[r] > 0) {
                run++;
                if (run == LONG_FREEZE_ROWS + 1) {
                    longFreezeRows += LONG_FREEZE_ROWS + 1;
                } else if (run > LONG_FREEZE_ROWS + 1) {
                    longFreezeRows++;
                }
            } else {
                run = 0;
            }
        }
        Arrays.sort(delays);
        double p95 = delays[Math.max(0, Math.min(rows - 1, (int) Math.ceil(0.95 * rows) - 1))];
        double freezeShare = Math.min(1, freezeSum / rows);
        double meanBps = recvSum / rows;
        double bitrateTerm = meanBps <= QUALITY_MIN_BPS ? 0
                : Math.min(1, Math.log(meanBps / QUALITY_MIN_BPS) / Math.log(QUALITY_FULL_BPS / QUALITY_MIN_BPS));
        double fpsTerm = Math.max(0, Math.min(1, fpsSum / rows / Math.max(1, nominalFps)));
        double quality = 100 * (QUALITY_BITRATE_WEIGHT * bitrateTerm + (1 - QUALITY_BITRATE_WEIGHT) * fpsTerm)
                * (1 - freezeShare);
        return -quality + LONG_FREEZE_WEIGHT * 100 * longFreezeRows / rows
                + DELAY_WEIGHT_PER_MS * Math.max(0, p95 - DELAY_BUDGET_MS);
    }
}
