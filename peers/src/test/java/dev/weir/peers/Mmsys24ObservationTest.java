package dev.weir.peers;

import static dev.weir.peers.Mmsys24Observation.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The observation of a tiny call computed by hand from the definitions (mmsys24-observation.md).
 *
 * <p>Packets (sequence, send ms, arrival ms, bytes, class): (0, 0, 50, 150, audio),
 * (1, 10, 62, 1000, video), sequence 2 lost, (3, 30, 90, 1000, video), (4, 40, 130, 200, probe).
 * Delays pinned to the first packet's 50 ms transit + 200 ms: 200, 202, 210, 240 ms. T = 130 ms, so
 * short slot 0 = (70, 130] holds packets 3 and 4, slot 1 = (10, 70] packets 0 and 1, slot 2 ends at
 * 10 ms, before the first packet (all zero); long slot 5 = (-470, 130] holds all four.
 */
class Mmsys24ObservationTest {
    private static final double EPS = 1e-4;

    private static Mmsys24Observation tinyCall() {
        Mmsys24Observation o = new Mmsys24Observation();
        o.onPacketReceived(0, 0, 50_000, 150, PacketClass.AUDIO);
        o.onPacketReceived(1, 10_000, 62_000, 1000, PacketClass.VIDEO);
        o.onPacketReceived(3, 30_000, 90_000, 1000, PacketClass.VIDEO);
        o.onPacketReceived(4, 40_000, 130_000, 200, PacketClass.PROBING);
        return o;
    }

    private static float[] expectedSlot(double rateBps, double packets, double bytes, double queuing, double delay,
            double minSeen, double ratio, double diff, double iat, double jitter, double lossRatio, double avgLost,
            double video, double audio, double probing) {
        return new float[] {(float) rateBps, (float) packets, (float) bytes, (float) queuing, (float) delay,
                (float) minSeen, (float) ratio, (float) diff, (float) iat, (float) jitter, (float) lossRatio,
                (float) avgLost, (float) video, (float) audio, (float) probing};
    }

    private static float[] slot(float[] obs, int slot) {
        float[] values = new float[FEATURES];
        for (int f = 1; f <= FEATURES; f++) {
            values[f - 1] = obs[index(f, slot)];
        }
        return values;
    }

    @Test
    void shouldMatchTheHandComputedObservationOfATinyCall() {
        float[] obs = new float[SIZE];
        tinyCall().compute(obs);

        assertArrayEquals(expectedSlot(1200 * 8 / 0.06, 2, 1200, 25, 25, 200, 225.0 / 210, 15, 34, 6, 1.0 / 3, 1,
                0.5, 0, 0.5), slot(obs, 0), (float) EPS, "short slot 0 (70, 130] ms");
        assertArrayEquals(expectedSlot(1150 * 8 / 0.06, 2, 1150, 1, 1, 200, 201.0 / 200, 1, 6, 6, 0, 0, 0.5, 0.5, 0),
                slot(obs, 1), (float) EPS, "short slot 1 (10, 70] ms");
        assertArrayEquals(expectedSlot(2350 * 8 / 0.6, 4, 2350, 13, 13, 200, 213.0 / 200, 13, 20, Math.sqrt(232), 0.2,
                1, 0.5, 0.25, 0.25), slot(obs, 5), (float) EPS, "long slot 5 (-470, 130] ms");
        for (int s : new int[] {2, 3, 4, 6, 7, 8, 9}) {
            assertArrayEquals(new float[FEATURES], slot(obs, s), "slot " + s + " ends before the call's first packet");
        }
    }

    @Test
    void shouldKeepOnlyTheRunningMinimumInAnEmptyIntervalAfterTheFirstPacket() {
        Mmsys24Observation o = tinyCall();
        o.onPacketReceived(5, 250_000, 300_000, 500, PacketClass.VIDEO); // delay 300 - 250 - 50 + 200 = 200
        float[] obs = new float[SIZE];
        o.compute(obs);

        assertEquals(500 * 8 / 0.06, obs[index(RECEIVING_RATE, 0)], 1e-2, "slot 0 (240, 300] ms holds the new packet");
        assertEquals(170, obs[index(INTERARRIVAL_TIME, 0)], EPS, "gap to the previous packet, which lies before the MI");
        assertEquals(0, obs[index(JITTER, 0)], EPS, "one packet: no spread");
        float[] empty = new float[FEATURES];
        empty[MIN_SEEN_DELAY - 1] = 200;
        assertArrayEquals(empty, slot(obs, 1), "slot 1 (180, 240] ms is empty but after the first packet");
        assertEquals(200, obs[index(RECEIVED_BYTES, 2)], EPS, "slot 2 (120, 180] ms holds the probe");
    }

    @Test
    void shouldRepeatTheSameObservationWhenNothingNewArrived() {
        Mmsys24Observation o = tinyCall();
        float[] first = new float[SIZE];
        float[] second = new float[SIZE];
        o.compute(first);
        o.compute(second);
        assertArrayEquals(first, second);
    }

    @Test
    void shouldAllocateNothingPerPacketOrPerObservation() {
        Mmsys24Observation o = new Mmsys24Observation();
        float[] obs = new float[SIZE];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long seq = 0;
        for (int warm = 0; warm < 2; warm++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int step = 0; step < 2_000; step++) {
                for (int p = 0; p < 10; p++, seq++) {
                    o.onPacketReceived(seq + seq / 50, seq * 6_000, seq * 6_000 + 40_000 + (p % 3) * 1_000, 1172,
                            p % 4 == 0 ? PacketClass.AUDIO : PacketClass.VIDEO);
                }
                o.compute(obs);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (warm == 1) {
                assertEquals(0, allocated, 512, "bytes allocated over 20 000 packets and 2 000 observations");
            }
        }
    }

    @Test
    void shouldGiveAllZerosBeforeAnyPacket() {
        float[] obs = new float[SIZE];
        java.util.Arrays.fill(obs, 7f);
        new Mmsys24Observation().compute(obs);
        assertArrayEquals(new float[SIZE], obs);
    }

    @Test
    void shouldMatchReferenceCaseFForTheFirstPacketOfACall() {
        // test_vectors.json case F: one 150-byte audio packet.
        Mmsys24Observation o = new Mmsys24Observation();
        o.onPacketReceived(17, 1_000_000, 1_040_000, 150, PacketClass.AUDIO);
        float[] obs = new float[SIZE];
        o.compute(obs);
        float[] expected = new float[SIZE];
        float[] slot0 = expectedSlot(20_000, 1, 150, 0, 0, 200, 1, 0, 0, 0, 0, 0, 0, 1, 0);
        float[] slot5 = slot0.clone();
        slot5[0] = 2_000;
        for (int f = 1; f <= FEATURES; f++) {
            expected[index(f, 0)] = slot0[f - 1];
            expected[index(f, 5)] = slot5[f - 1];
        }
        assertArrayEquals(expected, obs, 1e-3f);
    }
}
