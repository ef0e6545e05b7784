package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The figures printed beside each other for the real and the simulated call. */
class PathMetricsTest {
    @Test
    void secondHalfMeansRampTimeAndPercentiles() {
        double[] t = {1, 2, 3, 4};
        double[] target = {300_000, 900_000, 800_000, 1_000_000};
        double[] recv = {200_000, 700_000, 900_000, 700_000};
        double[] rtt = {0, 30, 10, 20};
        PathMetrics m = PathMetrics.of(t, target, recv, rtt, 12.5, 0.5, 1_000_000, 4);
        assertEquals(0.9, m.targetOverRateSecondHalf(), 1e-12, "rows after 2 s: 800 and 1000 kbps");
        assertEquals(0.8, m.recvOverRateSecondHalf(), 1e-12);
        assertEquals(2, m.timeTo80PctS(), 1e-12);
        assertEquals(30, m.rttP95Ms(), 1e-12, "rows before the first RTT sample are left out");
        assertEquals(12.5, m.delayP95Ms(), 1e-12);
        assertEquals(0.5, m.lossPct(), 1e-12);
    }

    @Test
    void neverReachingEightyPercentCountsTheWholeCall() {
        PathMetrics m = PathMetrics.of(new double[] {1, 2}, new double[] {100, 100}, new double[] {0, 0},
                new double[] {0, 0}, 0, 0, 1_000_000, 2);
        assertEquals(2, m.timeTo80PctS(), 1e-12);
        assertEquals(0, m.rttP95Ms(), 1e-12);
    }

    @Test
    void nearestRankPercentile() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }
        assertEquals(95, PathMetrics.percentile(values, 0.95), 1e-12);
        assertEquals(7, PathMetrics.percentile(new double[] {7}, 0.95), 1e-12);
        assertEquals(0, PathMetrics.percentile(new double[0], 0.95), 1e-12);
    }
}
