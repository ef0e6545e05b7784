package dev.weir.sim.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.sim.compare.Scale;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseCalibrationTest {
    @Test
    void noiseOfALogNormalMetricMatchesTheSpreadOfTheMedianShift() {
        int n = 20;
        NoiseProfile profile = SyntheticSuite.profile(100, n);
        MetricNoise wired = profile.groups().get("wired").metrics().get("avg_sent_bitrate_bps");
        assertEquals(Scale.RELATIVE, wired.scale());
        // A vs A on disjoint seeds: each pair's log ratio has sd sqrt(2 (0.10^2 + 0.01^2)) ~ 0.142;
        // the Hodges-Lehmann estimate of n = 20 such pairs spreads by about that / sqrt(20) x 1.02.
        double expected = Math.sqrt(2 * (0.10 * 0.10 + 0.01 * 0.01)) / Math.sqrt(n) * 1.02;
        assertEquals(expected, wired.sd(), 0.15 * expected);
        // Two scenarios of the family pool 40 pairs: about 1 / sqrt(2) of that.
        MetricNoise loss = profile.groups().get("loss").metrics().get("avg_sent_bitrate_bps");
        assertEquals(expected / Math.sqrt(2), loss.sd(), 0.15 * expected / Math.sqrt(2));
        assertEquals(100, profile.replicates());
        assertEquals(n, profile.seedsPerReplicate());
    }

    @Test
    void zeroHeavyMetricsGetAbsoluteNoise() {
        MetricNoise freeze = SyntheticSuite.profile(10, 20).groups().get("overall").metrics().get("freeze_pct");
        assertEquals(Scale.ABSOLUTE, freeze.scale());
        assertEquals(freeze.absoluteSd(), freeze.sd(), 0);
    }

    @Test
    void blocksMustBeDisjointOfEqualLengthAndEvenInNumber() {
        SuiteResults pool = SyntheticSuite.calls(1, 10, 1, 1, 1);
        List<GateGroup> groups = SyntheticSuite.groups();
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.measure(groups, pool,
                List.of(List.of(1L, 2L), List.of(2L, 3L)), SyntheticSuite.METRICS));
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.measure(groups, pool,
                List.of(List.of(1L, 2L), List.of(3L)), SyntheticSuite.METRICS));
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.measure(groups, pool,
                List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L, 6L)), SyntheticSuite.METRICS));
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.measure(groups, pool,
                List.of(List.of(1L, 2L), List.of(30L, 31L)), SyntheticSuite.METRICS));
    }
}
