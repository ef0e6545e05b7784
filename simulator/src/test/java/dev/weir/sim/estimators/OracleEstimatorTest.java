package dev.weir.sim.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.sim.call.TestScenarios.StepCapacity;
import dev.weir.sim.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OracleEstimatorTest {

    @ParameterizedTest
    @CsvSource({
        // timeUs, expected target: 0.9 x (capacity - cross), clamped to [100 kbps, 2 Mbps]
        "0,        1800000",    // 3 Mbps - 1 Mbps cross on: 0.9 x 2 Mbps
        "1500000,  2000000",    // cross off: 0.9 x 3 Mbps = 2.7 Mbps, capped at 2 Mbps
        "5000000,  100000",     // 100 kbps - 1 Mbps cross: nothing free, floored at 100 kbps
        "6500000,  100000",     // 100 kbps, cross off: 90 kbps, floored
    })
    void shouldTargetNinetyPercentOfTheFreeCapacityWithinBounds(long timeUs, long expectedBps) {
        Scenario.CrossTraffic cross = new Scenario.CrossTraffic("onoff", 1_000_000, 1_000_000, 1_000_000);
        OracleEstimator oracle = new OracleEstimator(new StepCapacity(3_000_000, 5_000_000, 100_000), cross,
                100_000, 2_000_000, OracleEstimator.DEFAULT_SHARE);
        BweResult result = new BweResult();
        oracle.onProcessInterval(timeUs, result);
        assertEquals(expectedBps, result.targetRateBps());
        assertEquals((long) (expectedBps * 2.5), result.pacingRateBps());
        assertEquals(0, result.probeRequestCount());
    }

    @Test
    void shouldReportTheLossRatioOfTheLatestFeedback() {
        OracleEstimator oracle = new OracleEstimator(new StepCapacity(1_000_000, 1, 1_000_000), null, 0, 5_000_000,
                0.5);
        FeedbackReport report = new FeedbackReport(4);
        report.add(1, 0, 10, 1200);
        report.add(2, 0, FeedbackReport.LOST, 1200);
        BweResult result = new BweResult();
        oracle.onFeedback(report, 100, result);
        assertEquals(0.5, result.lossRatio());
        assertEquals(500_000, result.targetRateBps());
    }

    @Test
    void shouldRejectAnInvalidShare() {
        assertThrows(IllegalArgumentException.class,
                () -> new OracleEstimator(new StepCapacity(1, 1, 1), null, 0, 1, 1.5));
    }
}
