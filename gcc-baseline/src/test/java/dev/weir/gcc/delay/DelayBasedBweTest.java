package dev.weir.gcc.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** End-to-end behaviour of {@link DelayBasedBwe} on synthetic bottleneck streams. */
class DelayBasedBweTest {
    private static final long MS = 1_000L;
    private static final long S = 1_000_000L;

    /** goog_cc hands the call's start rate to the delay-based estimator (SetStartBitrate). */
    private static DelayBasedBwe startedAt(long startBps) {
        DelayBasedBwe bwe = new DelayBasedBwe(new DelayBasedSettings());
        bwe.setStartBitrate(startBps);
        return bwe;
    }

    @Test
    void shouldIncreaseOnAStableStreamBelowCapacity() {
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 300_000, 2_000_000, 50 * MS);
        long[] previous = {300_000};
        sim.run(10 * S, estimate -> 500_000, (nowUs, ackedBps, result) -> {
            assertEquals(BandwidthUsage.NORMAL, result.delayState(), "no queue builds at 500 kbps over 2 Mbps");
            assertTrue(result.updated());
            assertTrue(result.targetBitrateBps() >= previous[0], "the estimate never drops on a stable path");
            assertTrue(result.targetBitrateBps() <= 1.5 * ackedBps + 10_000 || result.targetBitrateBps() == previous[0],
                    "increases are capped at 1.5 x acked + 10 kbps");
            previous[0] = result.targetBitrateBps();
        });
        long finalBps = sim.bwe.lastEstimateBps();
        // No link-capacity estimate yet: multiplicative increase of 8% per second for ~10 s.
        double expectedBps = 300_000 * Math.pow(1.08, 10);
        assertEquals(expectedBps, finalBps, 0.05 * expectedBps, "8%/s growth from 300 kbps");
        assertEquals(RateControlState.INCREASE, sim.bwe.rateControlState());
    }

    @Test
    void shouldCapTheEstimateAtOneAndAHalfTimesTheAckedRate() {
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 300_000, 2_000_000, 50 * MS);
        sim.run(20 * S, estimate -> 300_000, (nowUs, ackedBps, result) -> { });
        long capBps = (long) (1.5 * sim.lastAckedRateBps + 10_000);
        // The acked window quantises to one packet (19.2 kbps), so allow 1.5 packets of slack.
        assertEquals(capBps, sim.bwe.lastEstimateBps(), 30_000.0);
        assertTrue(sim.bwe.lastEstimateBps() < 500_000, "an application-limited sender must not inflate the estimate");
    }

    @Test
    void shouldNotAllocatePerPacketInSteadyState() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean sunThreads = (com.sun.management.ThreadMXBean) threads;
        org.junit.jupiter.api.Assumptions.assumeTrue(sunThreads.isThreadAllocatedMemorySupported()
                && sunThreads.isThreadAllocatedMemoryEnabled());
        DelayBasedBwe bwe = startedAt(1_000_000);
        DelayBasedResult out = new DelayBasedResult();
        long[] clock = {0};
        Runnable report = () -> {
            long nowUs = clock[0];
            for (int i = 0; i < 10; i++) {
                long sendUs = nowUs - 100 * MS + i * 10 * MS;
                // Alternate spacing so the detector moves through its states.
                long arrivalUs = sendUs + 40 * MS + ((nowUs / (1000 * MS)) % 2 == 0 ? i * MS : 0);
                bwe.onPacket(sendUs, arrivalUs, 1200, nowUs);
            }
            bwe.onReportEnd(800_000, 0, false, nowUs, out);
            clock[0] += 100 * MS;
        };
        for (int i = 0; i < 20_000; i++) {
            report.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = sunThreads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 20_000; i++) {
            report.run();
        }
        long allocated = sunThreads.getThreadAllocatedBytes(threadId) - before;
        // 200 000 packets: anything per packet would be megabytes; allow the measurement's own noise.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 200000 packets");
    }

    @Test
    void shouldDetectOveruseAndBackOffWhenArrivalSpacingGrows() {
        // Sending 1.5 Mbps into 1 Mbps: each packet arrives later than the previous by more than it was sent.
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 1_500_000, 1_000_000, 50 * MS);
        long[] firstDecrease = {0, 0};
        sim.run(3 * S, estimate -> 1_500_000, (nowUs, ackedBps, result) -> {
            if (firstDecrease[0] == 0 && result.delayState() == BandwidthUsage.OVERUSING && result.updated()) {
                firstDecrease[0] = result.targetBitrateBps();
                firstDecrease[1] = ackedBps;
            }
        });
        assertTrue(firstDecrease[0] > 0, "overuse must be detected and acted on");
        assertEquals(Math.round(0.85 * firstDecrease[1]) - 5_000, firstDecrease[0], 1.0,
                "decrease to 0.85 x acked - 5 kbps");
        assertTrue(firstDecrease[0] < 1_000_000, "below the capacity after the back-off");
        assertTrue(sim.bwe.lastEstimateBps() < 1_000_000);
    }

    @Test
    void shouldTrackTheBottleneckInClosedLoop() {
        long capacityBps = 200_000;
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 300_000, capacityBps, 50 * MS);
        sim.run(10 * S, estimate -> estimate, (nowUs, ackedBps, result) -> { });
        long[] stats = {Long.MAX_VALUE, 0, 0};
        sim.run(30 * S, estimate -> estimate, (nowUs, ackedBps, result) -> {
            stats[0] = Math.min(stats[0], sim.bwe.lastEstimateBps());
            stats[1] = Math.max(stats[1], sim.bwe.lastEstimateBps());
            if (result.delayState() == BandwidthUsage.OVERUSING && result.updated()) {
                stats[2]++;
                assertTrue(result.targetBitrateBps() > 0.75 * capacityBps && result.targetBitrateBps() <= capacityBps,
                        "a back-off lands just below capacity, got " + result.targetBitrateBps());
            }
        });
        assertTrue(stats[2] >= 3, "keeps probing the capacity: back-offs seen " + stats[2]);
        assertTrue(stats[0] >= 0.75 * capacityBps, "minimum estimate " + stats[0]);
        assertTrue(stats[1] <= 1.15 * capacityBps, "maximum estimate " + stats[1]);
    }

    @Test
    void shouldFlagRecoveryWhenTheQueueDrains() {
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 1_000_000, 1_000_000, 50 * MS);
        sim.run(2 * S, estimate -> 1_300_000, (nowUs, ackedBps, result) -> { });
        boolean[] seen = {false, false};
        sim.run(3 * S, estimate -> 500_000, (nowUs, ackedBps, result) -> {
            seen[0] |= result.delayState() == BandwidthUsage.UNDERUSING;
            seen[1] |= result.recoveredFromOveruse();
        });
        assertTrue(seen[0], "draining queue shows as underuse");
        assertTrue(seen[1], "underuse -> normal within a report sets recovered_from_overuse");
    }

    @Test
    void shouldAdoptAProbeResultWhenNotOverusing() {
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 300_000, 5_000_000, 20 * MS);
        sim.run(1 * S, estimate -> 300_000, (nowUs, ackedBps, result) -> { });
        long nowUs = sim.nowUs() + 1;
        sim.bwe.onPacket(nowUs - 30 * MS, nowUs - 10 * MS, 1200, nowUs);
        DelayBasedResult result = sim.bwe.onReportEnd(300_000, 2_000_000, false, nowUs, new DelayBasedResult());
        assertTrue(result.updated());
        assertTrue(result.probe());
        assertEquals(2_000_000, result.targetBitrateBps());
        assertEquals(2_000_000, sim.bwe.lastEstimateBps());
    }

    @Test
    void shouldNotUpdateOnAnEmptyReport() {
        DelayBasedBwe bwe = new DelayBasedBwe(new DelayBasedSettings());
        DelayBasedResult out = new DelayBasedResult();
        assertSame(out, bwe.onReportEnd(500_000, 0, false, 1 * S, out));
        assertFalse(out.updated());
        assertEquals(BandwidthUsage.NORMAL, out.delayState());
        assertFalse(bwe.validEstimate(), "no start rate, no feedback: no estimate yet");
    }

    @Test
    void shouldHalveWhenOverusingBeforeAnyAckedRate() {
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 1_500_000, 1_000_000, 50 * MS);
        sim.run(3 * S, estimate -> 1_500_000, (nowUs, ackedBps, result) -> { });
        // Keep overusing but report no throughput: halve, at most once per reduction interval.
        DelayBasedBwe bwe = sim.bwe;
        long estimate = bwe.lastEstimateBps();
        long nowUs = sim.nowUs() + 500 * MS;
        assertEquals(BandwidthUsage.OVERUSING, bwe.state());
        bwe.onPacket(nowUs - 400 * MS, nowUs - 10 * MS, 1200, nowUs);
        DelayBasedResult result = bwe.onReportEnd(0, 0, false, nowUs, new DelayBasedResult());
        assertEquals(BandwidthUsage.OVERUSING, result.delayState());
        assertTrue(result.updated());
        assertEquals(estimate / 2, result.targetBitrateBps());
    }

    @Test
    void shouldRestartDetectionAfterAStreamTimeout() {
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 1_500_000, 1_000_000, 50 * MS);
        sim.run(3 * S, estimate -> 1_500_000, (nowUs, ackedBps, result) -> { });
        assertTrue(sim.bwe.state() != BandwidthUsage.NORMAL, "precondition: queue-driven state");
        long nowUs = sim.nowUs() + 3 * S;
        sim.bwe.onPacket(nowUs - 100 * MS, nowUs - 40 * MS, 1200, nowUs);
        assertEquals(BandwidthUsage.NORMAL, sim.bwe.state(), "a 3 s silence (> 2 s timeout) resets the detector");
    }

    @Test
    void shouldReportExpectedBandwidthPeriodAfterBackOff() {
        DelayBasedBwe bwe = new DelayBasedBwe(new DelayBasedSettings());
        assertEquals(3 * S, bwe.expectedBandwidthPeriodUs());
        DelaySimulation sim = new DelaySimulation(new DelayBasedSettings(), 1_500_000, 1_000_000, 50 * MS);
        sim.run(3 * S, estimate -> 1_500_000, (nowUs, ackedBps, result) -> { });
        long periodUs = sim.bwe.expectedBandwidthPeriodUs();
        assertTrue(periodUs >= 2 * S && periodUs <= 50 * S);
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 256, 90210, 4242424242L})
    void shouldNeverThrowNorLeaveRangeOnGarbageFeedback(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DelayBasedBwe bwe = new DelayBasedBwe(new DelayBasedSettings());
        DelayBasedResult out = new DelayBasedResult();
        long[] weird = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2};
        long nowUs = 10 * S;
        long sendUs = 0;
        for (int report = 0; report < 2_000; report++) {
            nowUs = random.nextInt(20) == 0 ? weird[random.nextInt(weird.length)]
                    : nowUs + random.nextLong(-200 * MS, 4 * S);
            int packets = random.nextInt(0, 40);
            for (int i = 0; i < packets; i++) {
                sendUs += random.nextLong(-5 * MS, 30 * MS);
                long send = random.nextInt(30) == 0 ? weird[random.nextInt(weird.length)] : sendUs;
                // Arrival before send, huge gaps, jumps back: all allowed.
                long arrival = random.nextInt(30) == 0 ? weird[random.nextInt(weird.length)]
                        : sendUs + random.nextLong(-1 * S, 5 * S);
                int size = random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(0, 1500);
                bwe.onPacket(send, arrival, size, nowUs);
            }
            long acked = random.nextInt(10) == 0 ? weird[random.nextInt(weird.length)] : random.nextLong(-1, 10_000_000);
            long probe = random.nextInt(20) == 0 ? random.nextLong(-1, 100_000_000) : 0;
            if (random.nextInt(50) == 0) {
                bwe.setRtt(weird[random.nextInt(weird.length)]);
            }
            bwe.onReportEnd(acked, probe, random.nextBoolean(), nowUs, out);
            long estimate = bwe.lastEstimateBps();
            assertTrue(estimate >= 5_000 && estimate <= 30_000_000, "estimate out of range: " + estimate);
            if (out.updated()) {
                assertTrue(out.targetBitrateBps() >= 5_000 && out.targetBitrateBps() <= 30_000_000, out.toString());
            }
            long periodUs = bwe.expectedBandwidthPeriodUs();
            assertTrue(periodUs >= 2 * S && periodUs <= 50 * S);
        }
    }
}
