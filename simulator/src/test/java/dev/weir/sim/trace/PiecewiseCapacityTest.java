package dev.weir.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiecewiseCapacityTest {
    private static final long S = 1_000_000;

    @Test
    void shouldHoldConstantCapacityForeverWithoutChanges() {
        PiecewiseCapacity capacity = PiecewiseCapacity.constant(2_500_000, "constant 2500 kbps");
        assertEquals(2_500_000, capacity.capacityBpsAt(0));
        assertEquals(2_500_000, capacity.capacityBpsAt(3_600 * S));
        assertEquals(Long.MAX_VALUE, capacity.nextChangeUs(0));
        assertEquals("constant 2500 kbps", capacity.describe());
    }

    @Test
    void shouldHoldLastStepForeverWhenNotLooping() {
        PiecewiseCapacity capacity = new PiecewiseCapacity(new long[] {0, 30 * S, 60 * S},
                new long[] {1_000_000, 500_000, 800_000}, PiecewiseCapacity.NO_LOOP, "steps");
        assertEquals(1_000_000, capacity.capacityBpsAt(30 * S - 1));
        assertEquals(500_000, capacity.capacityBpsAt(30 * S));
        assertEquals(800_000, capacity.capacityBpsAt(1_000 * S));
        assertEquals(30 * S, capacity.nextChangeUs(0));
        assertEquals(60 * S, capacity.nextChangeUs(30 * S));
        assertEquals(Long.MAX_VALUE, capacity.nextChangeUs(60 * S));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 500000, 30000000",
        "29999999, 500000, 30000000",
        "30000000, 100000, 60000000",
        "60000000, 500000, 90000000",
        "95000000, 100000, 120000000",
        "600000001, 500000, 630000000"})
    void shouldAlternateHighAndLowEveryPeriod(long timeUs, long expectedBps, long expectedNextUs) {
        PiecewiseCapacity capacity = PiecewiseCapacity.alternating(500_000, 100_000, 30 * S, "alt");
        assertEquals(expectedBps, capacity.capacityBpsAt(timeUs));
        assertEquals(expectedNextUs, capacity.nextChangeUs(timeUs));
    }

    @Test
    void shouldMergeEqualNeighboursSoEveryReportedChangeIsReal() {
        PiecewiseCapacity capacity = new PiecewiseCapacity(new long[] {0, 10, 20, 30},
                new long[] {5, 5, 7, 7}, 40, "merged");
        assertEquals(2, capacity.segmentCount());
        assertEquals(20, capacity.nextChangeUs(0));
        assertEquals(40, capacity.nextChangeUs(20));
    }

    @Test
    void shouldNeverChangeWhenLoopingPatternIsUniform() {
        PiecewiseCapacity capacity = new PiecewiseCapacity(new long[] {0, 10}, new long[] {9, 9}, 20, "flat");
        assertEquals(Long.MAX_VALUE, capacity.nextChangeUs(5));
        assertEquals(9, capacity.capacityBpsAt(1_000_000));
    }

    @Test
    void shouldIntegrateAverageExactlyAcrossSegmentsAndLoops() {
        PiecewiseCapacity capacity = PiecewiseCapacity.alternating(600, 200, 10, "alt");
        assertEquals(400.0, capacity.averageBps(0, 20), 1e-12);
        assertEquals((600.0 * 5 + 200 * 10 + 600 * 5) / 20, capacity.averageBps(5, 25), 1e-12);
        assertEquals(400.0, capacity.meanBps(), 1e-12);
    }

    @Test
    void shouldTreatNegativeTimeAsStart() {
        PiecewiseCapacity capacity = PiecewiseCapacity.alternating(600, 200, 10, "alt");
        assertEquals(600, capacity.capacityBpsAt(-5));
        assertEquals(10, capacity.nextChangeUs(-5));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldKeepCapacityConstantUntilReportedNextChange(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int segments = 1 + random.nextInt(20);
        long[] startUs = new long[segments];
        long[] rateBps = new long[segments];
        for (int i = 0; i < segments; i++) {
            startUs[i] = i == 0 ? 0 : startUs[i - 1] + 1 + random.nextInt(1_000);
            rateBps[i] = 1 + random.nextInt(4);
        }
        long periodUs = random.nextBoolean() ? PiecewiseCapacity.NO_LOOP
                : startUs[segments - 1] + 1 + random.nextInt(1_000);
        PiecewiseCapacity capacity = new PiecewiseCapacity(startUs, rateBps, periodUs, "random");
        long t = 0;
        for (int step = 0; step < 200 && t != Long.MAX_VALUE; step++) {
            long next = capacity.nextChangeUs(t);
            assertTrue(next > t);
            long rate = capacity.capacityBpsAt(t);
            long probe = next == Long.MAX_VALUE ? t + 10_000 : next - 1;
            assertEquals(rate, capacity.capacityBpsAt(probe), "constant on [" + t + ", " + next + ")");
            assertEquals(rate, capacity.capacityBpsAt(t + (probe - t) / 2));
            if (next != Long.MAX_VALUE && periodUs == PiecewiseCapacity.NO_LOOP) {
                // Equal neighbours are merged, so a non-looping schedule reports only real changes.
                assertNotEquals(rate, capacity.capacityBpsAt(next));
            }
            t = next;
        }
    }

    @Test
    void shouldRejectMalformedSegments() {
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseCapacity(new long[] {1}, new long[] {5}, 0, "late start"));
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseCapacity(new long[] {0, 0}, new long[] {5, 6}, 0, "not increasing"));
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseCapacity(new long[] {0}, new long[] {-1}, 0, "negative"));
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseCapacity(new long[] {0, 5}, new long[] {0, 0}, 0, "all zero"));
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseCapacity(new long[] {0, 5}, new long[] {1, 2}, 5, "period too short"));
    }
}
