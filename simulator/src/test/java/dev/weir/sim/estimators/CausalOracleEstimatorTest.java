package dev.weir.sim.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.bwe.api.BweResult;
import dev.weir.sim.call.TestScenarios.StepCapacity;
import dev.weir.sim.scenario.Scenario;
import org.junit.jupiter.api.Test;

class CausalOracleEstimatorTest {
    private static final long MS = 1_000;
    private static final long LAG_US = 200 * MS;

    /** 3 Mbps until 5 s, then 1 Mbps; bounds [100 kbps, 5 Mbps]. */
    private final CausalOracleEstimator oracle = new CausalOracleEstimator(
            new StepCapacity(3_000_000, 5_000_000, 1_000_000), Scenario.CrossTraffic.NONE, 100_000, 5_000_000,
            LAG_US);
    private final BweResult result = new BweResult();

    private long targetAt(long timeUs) {
        oracle.onProcessInterval(timeUs, result);
        return result.targetRateBps();
    }

    @Test
    void startsAtTheMinimumUntilTheFirstCapacityIsKnown() {
        assertEquals(100_000, targetAt(0));
        assertEquals(100_000, targetAt(LAG_US));
    }

    @Test
    void targetsNinetyPercentOfTheCapacityItHasSeenOnceTheWindowIsFull() {
        assertEquals(2_700_000, targetAt(3_000 * MS));
    }

    @Test
    void reactsToADropOnlyAfterTheLagAndOverTheWindow() {
        assertEquals(2_700_000, targetAt(5_000 * MS + LAG_US), "the drop is not known yet");
        long halfway = targetAt(5_500 * MS + LAG_US);
        assertEquals(1_800_000, halfway, "half the window at 3 Mbps, half at 1 Mbps: 0.9 x 2 Mbps");
        assertEquals(900_000, targetAt(6_000 * MS + LAG_US));
    }

    @Test
    void givesTheSameTargetWhenTimeJumpsBackwardsAndForwards() {
        long later = targetAt(5_500 * MS + LAG_US);
        targetAt(1_000 * MS);
        assertEquals(later, targetAt(5_500 * MS + LAG_US));
    }

    @Test
    void rejectsANegativeLag() {
        assertThrows(IllegalArgumentException.class, () -> new CausalOracleEstimator(new StepCapacity(1, 1, 1), null,
                0, 1, -1));
    }
}
