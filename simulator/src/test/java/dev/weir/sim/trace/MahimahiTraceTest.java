package dev.weir.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.scenario.ScenarioException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MahimahiTraceTest {
    private static final long OPPORTUNITY_PER_10MS_BPS = 1_200_000; // 12000 bits per 10 ms

    @ParameterizedTest
    @CsvSource({
        // tiny.up: 0 5 | 12 15 15 15 | 29 | 30 (= period, counted in bin 0 of the next loop)
        "0, 3",
        "9999, 3",
        "10000, 4",
        "19999, 4",
        "20000, 1",
        "29999, 1",
        "30000, 3", // looped
        "45000, 4",
        "3000000, 3"})
    void shouldCountOpportunitiesPerTenMillisecondBinAndLoop(long timeUs, long opportunities) {
        PiecewiseCapacity capacity = MahimahiTrace.read(TestFiles.trace("tiny.up"));
        assertEquals(opportunities * OPPORTUNITY_PER_10MS_BPS, capacity.capacityBpsAt(timeUs));
    }

    @Test
    void shouldLoopWithPeriodEqualToLastTimestamp() {
        PiecewiseCapacity capacity = MahimahiTrace.read(TestFiles.trace("tiny.up"));
        assertEquals(30_000, capacity.periodUs());
        assertEquals(10_000, capacity.nextChangeUs(0));
        assertEquals(30_000, capacity.nextChangeUs(25_000));
        assertEquals(40_000, capacity.nextChangeUs(30_000));
        // 8 opportunities of 12000 bits every 30 ms.
        assertEquals(8 * 12_000 / 0.030, capacity.meanBps(), 1e-6);
        assertTrue(capacity.describe().contains("tiny.up"), capacity.describe());
    }

    @Test
    void shouldUseShorterLastBinWhenPeriodIsNotABinMultiple() {
        // odd-period.up: 1 3 | 12 | (25 = period -> bin 0); last bin [20, 25) ms is empty.
        PiecewiseCapacity capacity = MahimahiTrace.read(TestFiles.trace("odd-period.up"));
        assertEquals(3 * OPPORTUNITY_PER_10MS_BPS, capacity.capacityBpsAt(0));
        assertEquals(OPPORTUNITY_PER_10MS_BPS, capacity.capacityBpsAt(15_000));
        assertEquals(0, capacity.capacityBpsAt(22_000));
        assertEquals(3 * OPPORTUNITY_PER_10MS_BPS, capacity.capacityBpsAt(25_000));
        assertEquals(4 * 12_000 / 0.025, capacity.meanBps(), 1e-6);
    }

    @Test
    void shouldHonourCustomBinWidth() {
        PiecewiseCapacity capacity = MahimahiTrace.read(TestFiles.trace("tiny.up"), 5_000);
        // 5 ms bins: [0,5) holds 0 and the wrapped 30 -> 2; [5,10) holds 5 -> 1; [15,20) holds three.
        assertEquals(2 * 2_400_000, capacity.capacityBpsAt(0));
        assertEquals(2_400_000, capacity.capacityBpsAt(5_000));
        assertEquals(3 * 2_400_000, capacity.capacityBpsAt(15_000));
        assertThrows(IllegalArgumentException.class, () -> MahimahiTrace.read(TestFiles.trace("tiny.up"), 1_500));
    }

    @Test
    void shouldNameFileLineTextAndExpectationForMalformedLine() {
        Path file = TestFiles.trace("bad-text.up");
        ScenarioException e = assertThrows(ScenarioException.class, () -> MahimahiTrace.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'12a'"), e.getMessage());
        assertTrue(e.getMessage().contains("whole number of milliseconds"), e.getMessage());
    }

    @Test
    void shouldRejectDecreasingTimes() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> MahimahiTrace.read(TestFiles.trace("decreasing.up")));
        assertTrue(e.getMessage().contains("line 4: '15'"), e.getMessage());
        assertTrue(e.getMessage().contains("previous line's 20 ms"), e.getMessage());
    }

    @Test
    void shouldRejectEmptyAndZeroLengthTraces() {
        ScenarioException empty = assertThrows(ScenarioException.class,
                () -> MahimahiTrace.read(TestFiles.trace("empty.up")));
        assertTrue(empty.getMessage().contains("empty.up: empty trace"), empty.getMessage());
        ScenarioException zero = assertThrows(ScenarioException.class,
                () -> MahimahiTrace.read(TestFiles.trace("all-zero.up")));
        assertTrue(zero.getMessage().contains("last time > 0"), zero.getMessage());
    }

    @Test
    void shouldNameMissingFile() {
        Path file = TestFiles.tracesDir().resolve("no-such.up");
        ScenarioException e = assertThrows(ScenarioException.class, () -> MahimahiTrace.read(file));
        assertEquals(file + ": trace file not found", e.getMessage());
    }
}
