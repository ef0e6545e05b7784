package dev.weir.sim.closedloop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GCC on a link that never changes: after start-up it should deliver most of the capacity while
 * keeping the bottleneck queue short, i.e. the delay-based controller, not the 300 ms buffer,
 * decides the rate.
 */
class ConstantCapacityTest {
    /** Simulated call length, seconds. */
    private static final double DURATION_S = 30;
    /** The measured half: start-up (probing, the first overuse) is over by then. */
    private static final double FROM_S = DURATION_S / 2;
    /** Delivered share of the capacity over the last half must reach this (the 80%). */
    private static final double MIN_UTILISATION = 0.80;
    /**
     * Bound on the p95 bottleneck queueing delay of the last half, ms. Measured 20-31 ms over the four runs (GCC
     * backs off as soon as the trendline sees the queue grow, so it rarely exceeds a few frame
     * bursts); 50 ms leaves 2x headroom yet is a sixth of the 300 ms buffer, which a loss-driven
     * controller would fill.
     */
    private static final double MAX_QUEUE_P95_MS = 50;

    /**
     * <pre>
     *   sender --pacer--> [drop-tail queue, 300 ms] --C constant--> 40 ms --> receiver
     *      ^                                                                      |
     *      +------------------ 40 ms, transport feedback every 100 ms ------------+
     * </pre>
     */
    @ParameterizedTest(name = "{0} bps, seed {1}")
    @CsvSource({"1000000, 11", "1000000, 12", "2500000, 21", "2500000, 22"})
    void shouldConvergeToMostOfAConstantCapacityWithLowQueueing(long capacityBps, long seed) {
        ClosedLoop.QueueDelays queue = new ClosedLoop.QueueDelays(FROM_S, DURATION_S);
        CallResult result = ClosedLoop.runGcc(
                ClosedLoop.constant("constant-" + capacityBps, capacityBps, 0.0, 300_000, DURATION_S), seed, queue);

        double utilisation = ClosedLoop.mean(result, "recv_bps", FROM_S, DURATION_S) / capacityBps;
        double queueP95Ms = queue.percentileMs(95);
        System.out.printf("[closedloop] constant %d bps: last-half received/capacity %.3f, p95 queueing %.1f ms%n",
                capacityBps, utilisation, queueP95Ms);

        assertTrue(utilisation >= MIN_UTILISATION && utilisation <= 1.0,
                () -> "received " + utilisation + " of capacity over the last half, want [0.8, 1.0]");
        assertTrue(queueP95Ms < MAX_QUEUE_P95_MS,
                () -> "p95 queueing " + queueP95Ms + " ms over the last half, want < " + MAX_QUEUE_P95_MS);
    }
}
