package dev.weir.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.call.TestScenarios.ConstantCapacity;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.scenario.Scenario;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BottleneckLinkTest {
    private static final int PACKET_BYTES = 1200;
    /** 1200 B at 1 Mbps. */
    private static final long SERVICE_US = 9_600;

    private static BottleneckLink link(long capacityBps, long delayUs, long jitterUs, long queueLimitUs,
                                       long queueLimitBytes, double lossRate, long seed) {
        Scenario.Link spec = new Scenario.Link(new ConstantCapacity(capacityBps), delayUs, jitterUs, queueLimitUs,
                queueLimitBytes, new TestScenarios.BernoulliLoss(lossRate));
        SplittableRandom root = new SplittableRandom(seed);
        return new BottleneckLink(spec, root.split(), root.split());
    }

    @Test
    void shouldFillQueueAtTheExcessRateAndDropAtTheTimeLimit() {
        // 2 Mbps of 1200 B packets (one per 4.8 ms) into 1 Mbps (one leaves per 9.6 ms), 300 ms queue.
        // Packet k waits 9.6k - 4.8k = 4.8k ms before service. At packet k, ceil(k/2) packets are
        // still queued; it is dropped when (ceil(k/2) + 1) x 9.6 ms > 300 ms, i.e. first at k = 61.
        BottleneckLink link = link(1_000_000, 0, 0, 300_000, 0, 0, 1);
        int firstDrop = -1;
        int drops = 0;
        int packets = 1000;
        for (int k = 0; k < packets; k++) {
            long nowUs = 4_800L * k;
            link.transmit(nowUs, PACKET_BYTES, true);
            if (link.dropCause() == DropCause.NONE) {
                if (firstDrop < 0) {
                    assertEquals(4_800L * k, link.queueDelayUs(), "wait of packet " + k);
                    assertEquals(SERVICE_US * (k + 1), link.arrivalUs(), "departure of packet " + k);
                }
                assertTrue(link.arrivalUs() - nowUs <= 300_000, "sojourn of packet " + k);
            } else {
                assertEquals(DropCause.QUEUE_OVERFLOW, link.dropCause());
                drops++;
                if (firstDrop < 0) {
                    firstDrop = k;
                }
            }
            assertEquals(1_000_000, link.capacityBpsAtEnqueue());
        }
        assertEquals(61, firstDrop);
        // Once full, the queue passes the capacity (half the offered packets) and drops the rest.
        double dropShare = (double) drops / packets;
        assertEquals(0.5 - 61.0 / 2 / packets, dropShare, 0.01);
    }

    @Test
    void shouldCapOneWayDelayAtQueueLimitPlusPropagation() {
        BottleneckLink link = link(1_000_000, 50_000, 0, 300_000, 0, 0, 1);
        long maxDelayUs = 0;
        for (int k = 0; k < 2_000; k++) {
            long nowUs = 3_000L * k;
            link.transmit(nowUs, PACKET_BYTES, true);
            if (link.arrivalUs() >= 0) {
                maxDelayUs = Math.max(maxDelayUs, link.arrivalUs() - nowUs);
            }
        }
        assertTrue(maxDelayUs <= 350_000, "max one-way delay " + maxDelayUs);
        assertTrue(maxDelayUs >= 340_000, "queue should have filled: " + maxDelayUs);
    }

    @Test
    void shouldDropAtTheByteLimit() {
        // 10 packets fit in 12,000 bytes; a burst of 20 at once keeps the first 10.
        BottleneckLink link = link(1_000_000, 0, 0, 0, 12_000, 0, 1);
        int delivered = 0;
        for (int k = 0; k < 20; k++) {
            link.transmit(0, PACKET_BYTES, true);
            delivered += link.dropCause() == DropCause.NONE ? 1 : 0;
        }
        assertEquals(10, delivered);
        assertEquals(12_000, link.queuedBytes(0));
        assertEquals(SERVICE_US * 10, link.backlogUs(0));
    }

    @Test
    void shouldMarkRandomLossAtTheConfiguredRate() {
        long seed = 42;
        BottleneckLink link = link(10_000_000, 10_000, 0, 300_000, 0, 0.05, seed);
        int lost = 0;
        int packets = 40_000;
        for (int k = 0; k < packets; k++) {
            link.transmit(10_000L * k, PACKET_BYTES, true);
            assertTrue(link.dropCause() != DropCause.QUEUE_OVERFLOW);
            if (link.dropCause() == DropCause.RANDOM) {
                lost++;
                assertEquals(-1, link.arrivalUs());
            }
        }
        assertEquals(0.05, (double) lost / packets, 0.005, "seed " + seed);
    }

    @Test
    void shouldNeverReorderUnderJitter() {
        BottleneckLink link = link(10_000_000, 20_000, 15_000, 300_000, 0, 0, 7);
        long lastArrivalUs = 0;
        long minDelayUs = Long.MAX_VALUE;
        long maxDelayUs = 0;
        for (int k = 0; k < 5_000; k++) {
            long nowUs = 2_000L * k;
            link.transmit(nowUs, PACKET_BYTES, true);
            assertTrue(link.arrivalUs() >= lastArrivalUs, "packet " + k + " overtook its predecessor");
            lastArrivalUs = link.arrivalUs();
            minDelayUs = Math.min(minDelayUs, link.arrivalUs() - nowUs);
            maxDelayUs = Math.max(maxDelayUs, link.arrivalUs() - nowUs);
        }
        assertTrue(maxDelayUs - minDelayUs > 30_000, "jitter should spread delays: " + minDelayUs + ".." + maxDelayUs);
    }

    @Test
    void shouldShareTheQueueWithCrossTraffic() {
        // 600 kbps of cross traffic on a 1 Mbps link leaves 400 kbps: our 1200 B packet behind 10
        // cross packets waits for them (10 x 9.6 ms).
        BottleneckLink link = link(1_000_000, 0, 0, 0, 1_000_000, 0, 1);
        for (int k = 0; k < 10; k++) {
            link.transmit(0, PACKET_BYTES, false);
            assertEquals(-1, link.arrivalUs(), "cross traffic is not observed");
        }
        link.transmit(0, PACKET_BYTES, true);
        assertEquals(10 * SERVICE_US, link.queueDelayUs());
        assertEquals(11 * SERVICE_US, link.arrivalUs());
    }

    @Test
    void shouldDropEverythingDuringAnOutageWithATimeLimitedQueue() {
        BottleneckLink link = link(0, 0, 0, 300_000, 0, 0, 1);
        link.transmit(0, PACKET_BYTES, true);
        assertEquals(DropCause.QUEUE_OVERFLOW, link.dropCause());
        assertEquals(-1, link.arrivalUs());
    }
}
