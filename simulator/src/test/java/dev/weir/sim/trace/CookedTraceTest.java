package dev.weir.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.scenario.ScenarioException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CookedTraceTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny.cooked", "spaces.cooked"})
    void shouldShiftToZeroHoldEachSampleAndLoopAfterMeanInterval(String name) {
        // 5.0 1.5 / 6.0 0.5 / 8.0 2.0 -> [0,1) s 1.5 Mbps, [1,3) 0.5, [3,4.5) 2.0 (mean interval 1.5 s).
        PiecewiseCapacity capacity = CookedTrace.read(TestFiles.trace(name));
        assertEquals(1_500_000, capacity.capacityBpsAt(0));
        assertEquals(1_500_000, capacity.capacityBpsAt(999_999));
        assertEquals(500_000, capacity.capacityBpsAt(1_000_000));
        assertEquals(2_000_000, capacity.capacityBpsAt(3_000_000));
        assertEquals(2_000_000, capacity.capacityBpsAt(4_499_999));
        assertEquals(4_500_000, capacity.periodUs());
        assertEquals(1_500_000, capacity.capacityBpsAt(4_500_000));
        assertEquals(500_000, capacity.capacityBpsAt(4_500_000 + 2_000_000));
        assertEquals(5_500_000, capacity.nextChangeUs(4_500_000));
        assertEquals((1.5 * 1 + 0.5 * 2 + 2.0 * 1.5) / 4.5 * 1e6, capacity.meanBps(), 1e-6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "three-fields.cooked | line 2: '1.0\t2.0\t3.0' | found 3 field(s)",
        "nan.cooked | line 2: '1.0\tNaN' | 'NaN' is not a number (capacity in Mbps)",
        "negative.cooked | line 2: '1.0\t-0.5' | a capacity in Mbps in [0, 100000], not -0.5",
        "non-monotonic.cooked | line 3: '1.5\t3.0' | greater than the previous line's 2 s",
        "one-sample.cooked | only one sample | at least two lines",
        "empty.cooked | empty trace | at least two lines",
        "zero.cooked | every sample is 0 Mbps | capacity > 0"})
    void shouldNameFileLineAndExpectationForBadTraces(String name, String where, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> CookedTrace.read(TestFiles.trace(name)));
        assertTrue(e.getMessage().startsWith(TestFiles.trace(name).toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(where), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
