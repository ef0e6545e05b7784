package dev.weir.gcc.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Packet grouping, burst merging and resets of {@link InterArrivalDelta}. */
class InterArrivalDeltaTest {
    private static final long MS = 1_000L;
    private static final long SYSTEM_US = 1_000_000_000L;

    private final InterArrivalDelta interArrival = new InterArrivalDelta(new InterArrivalSettings());
    private final InterArrivalDelta.Deltas deltas = new InterArrivalDelta.Deltas();

    private boolean add(long sendMs, long arrivalMs, int sizeBytes) {
        return interArrival.computeDeltas(sendMs * MS, arrivalMs * MS, SYSTEM_US, sizeBytes, deltas);
    }

    @Test
    void shouldNeedTwoCompleteGroupsBeforeTheFirstDelta() {
        assertFalse(add(0, 100, 1000));
        assertFalse(add(10, 110, 1000));
        assertTrue(add(20, 125, 1000));
        assertEquals(10 * MS, deltas.sendDeltaUs);
        assertEquals(10 * MS, deltas.arrivalDeltaUs);
        assertEquals(0, deltas.sizeDeltaBytes);
    }

    @Test
    void shouldGroupPacketsSentWithinFiveMsOfTheGroupStart() {
        // Group 1: sent at 0, 2, 5 ms (5 ms is not more than 5 ms after the first).
        assertFalse(add(0, 100, 100));
        assertFalse(add(2, 102, 200));
        assertFalse(add(5, 106, 300));
        // Group 2: sent at 6 ms (> 5 ms after 0) and 9 ms.
        assertFalse(add(6, 120, 400));
        assertFalse(add(9, 124, 500));
        // Group 3 starts: deltas between the last packets of groups 1 and 2.
        assertTrue(add(20, 140, 600));
        assertEquals(4 * MS, deltas.sendDeltaUs);
        assertEquals(18 * MS, deltas.arrivalDeltaUs);
        assertEquals(900 - 600, deltas.sizeDeltaBytes);
    }

    @Test
    void shouldMergeABurstIntoOneGroup() {
        assertFalse(add(0, 100, 1000));
        // Sent 10 ms apart but arriving 1 ms apart (negative propagation delta): one burst.
        for (int i = 1; i <= 5; i++) {
            assertFalse(add(10L * i, 100 + i, 1000), "packet " + i + " belongs to the burst");
        }
        // Arriving 20 ms later than the burst: a new group.
        assertFalse(add(60, 125, 1000));
        // Next group completes group 2: deltas vs. the whole burst.
        assertTrue(add(70, 140, 1000));
        assertEquals(10 * MS, deltas.sendDeltaUs);
        assertEquals(20 * MS, deltas.arrivalDeltaUs);
        assertEquals(1000 - 6000, deltas.sizeDeltaBytes);
    }

    @Test
    void shouldEndABurstAfter100Ms() {
        assertFalse(add(0, 1000, 100));
        long sendMs = 0;
        long arrivalMs = 1000;
        int groupsCompleted = 0;
        // Packets sent 10 ms apart, arriving 4 ms apart: burst rule holds, but bursts last < 100 ms.
        for (int i = 0; i < 60; i++) {
            sendMs += 10;
            arrivalMs += 4;
            if (add(sendMs, arrivalMs, 100)) {
                groupsCompleted++;
            }
        }
        // Bursts of 25 packets (arrivals 0..96 ms after the burst's first): groups start at
        // arrivals 1000, 1100 and 1200 ms, so exactly one pair of groups completed.
        assertEquals(1, groupsCompleted);
        assertEquals(1196 * MS - 1096 * MS, deltas.arrivalDeltaUs);
        assertEquals(490 * MS - 240 * MS, deltas.sendDeltaUs);
        assertEquals(0, deltas.sizeDeltaBytes);
    }

    @Test
    void shouldIgnorePacketsSentBeforeTheCurrentGroup() {
        assertFalse(add(0, 100, 100));
        assertFalse(add(10, 110, 100));
        // Sent before the current group (10 ms) began: ignored, size not counted.
        assertFalse(add(3, 111, 5000));
        assertTrue(add(20, 120, 100));
        assertEquals(0, deltas.sizeDeltaBytes);
    }

    @Test
    void shouldResetAfterThreeConsecutiveReorderedGroups() {
        assertFalse(add(0, 100, 100));
        assertFalse(add(10, 110, 100));
        assertTrue(add(20, 120, 100));
        // A packet of the same send group arriving before the previous group completed:
        // the group's completion time goes backwards.
        assertFalse(add(21, 60, 100));
        // Every later packet that would close it sees a negative arrival delta and is dropped.
        assertFalse(add(30, 130, 100));
        assertEquals(1, interArrival.consecutiveReorderedGroups());
        assertFalse(add(40, 140, 100));
        assertEquals(2, interArrival.consecutiveReorderedGroups());
        assertFalse(add(50, 150, 100));
        // Third reordered group: reset; the state starts over and needs two groups again.
        assertEquals(0, interArrival.consecutiveReorderedGroups());
        assertFalse(add(60, 160, 100));
        assertFalse(add(70, 170, 100));
        assertTrue(add(80, 180, 100));
        assertEquals(10 * MS, deltas.arrivalDeltaUs);
    }

    @Test
    void shouldCountReorderingOnlyWhileConsecutive() {
        assertFalse(add(0, 100, 100));
        assertFalse(add(10, 110, 100));
        assertTrue(add(20, 120, 100));
        assertFalse(add(21, 60, 100));
        assertFalse(add(30, 130, 100));
        assertEquals(1, interArrival.consecutiveReorderedGroups());
        // A packet of the reordered group that restores its completion order clears the count.
        assertFalse(add(22, 125, 100));
        assertTrue(add(31, 131, 100));
        assertEquals(0, interArrival.consecutiveReorderedGroups());
        assertEquals(125 * MS - 110 * MS, deltas.arrivalDeltaUs);
    }

    @Test
    void shouldResetOnAThreeSecondArrivalClockJump() {
        assertFalse(add(0, 100, 100));
        assertFalse(add(10, 110, 100));
        assertTrue(add(20, 120, 100));
        // The arrival clock jumps 3 s while the local clock (SYSTEM_US) does not move.
        assertTrue(add(30, 3_130, 100), "the group before the jump is still fine");
        assertFalse(add(40, 3_140, 100), "closing the jumped group resets");
        assertFalse(add(50, 3_150, 100), "first group after the reset");
        assertFalse(add(60, 3_160, 100));
        assertTrue(add(70, 3_170, 100));
        assertEquals(10 * MS, deltas.arrivalDeltaUs);
    }

    @Test
    void shouldAcceptLargeArrivalGapsWhenTheLocalClockAgrees() {
        long systemUs = SYSTEM_US;
        assertFalse(interArrival.computeDeltas(0, 100 * MS, systemUs, 100, deltas));
        assertFalse(interArrival.computeDeltas(10 * MS, 110 * MS, systemUs, 100, deltas));
        systemUs += 5_000 * MS;
        assertTrue(interArrival.computeDeltas(5_020 * MS, 5_120 * MS, systemUs, 100, deltas));
        assertTrue(interArrival.computeDeltas(5_030 * MS, 5_130 * MS, systemUs, 100, deltas));
        assertEquals(5_010 * MS, deltas.arrivalDeltaUs);
        assertEquals(5_010 * MS, deltas.sendDeltaUs);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, 77, 123456})
    void shouldNeverThrowOrOverflowOnGarbage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] weird = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 62, -(1L << 62)};
        long sendUs = 0;
        for (int i = 0; i < 20_000; i++) {
            sendUs += random.nextLong(-20_000, 40_000);
            long send = random.nextInt(20) == 0 ? weird[random.nextInt(weird.length)] : sendUs;
            long arrival = random.nextInt(20) == 0 ? weird[random.nextInt(weird.length)]
                    : sendUs + random.nextLong(-100_000, 5_000_000);
            long system = random.nextInt(20) == 0 ? weird[random.nextInt(weird.length)] : sendUs;
            int size = random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(0, 1500);
            if (interArrival.computeDeltas(send, arrival, system, size, deltas)) {
                assertTrue(deltas.arrivalDeltaUs >= 0, "reported deltas are never reordered");
                assertTrue(deltas.arrivalDeltaUs < (1L << 63) - 1);
            }
        }
    }
}
