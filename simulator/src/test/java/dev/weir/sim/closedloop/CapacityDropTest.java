package dev.weir.sim.closedloop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GCC when the capacity falls to a quarter: the delay-based controller must see the queue grow and
 * halve the target within about a second; then the queue must drain.
 *
 * <p>Today's GCC and the classic one differ after the first cuts. The classic loss rule cuts again
 * on the queue-overflow loss at its next 1 s loss update, so the target soon sits below the new
 * capacity and the queue drains. LossBasedBweV2 never goes below the acknowledged rate
 * (libwebrtc's LowerBoundByAckedRateFactor 1.0), and the acknowledged rate is the new capacity,
 * so only the delay-based controller can finish the job: when its last cut lands just above the
 * capacity, the full queue is flat, reads as "normal" to the trendline and stands for seconds.
 * That is GCC's standing-queue blind spot, which weir's congestion prediction is for; the bounds
 * below record it rather than hide it.
 */
class CapacityDropTest {
    private static final long BEFORE_BPS = 2_000_000;
    private static final long AFTER_BPS = 500_000;
    /** When the capacity drops, seconds: GCC has converged on 2 Mbps by then. */
    private static final double STEP_S = 20;
    private static final double DURATION_S = 32;
    /**
     * Back-off bound, seconds, for both: the target is at most half its pre-drop value by then
     * (measured 0.7-0.9 s: ~0.4 s until overuse is detected, then a cut every ~200 ms to 0.85 x the
     * acked rate).
     */
    private static final double MAX_HALVING_S = 1.0;
    /** "Backed off" means the target is at most this multiple of the new capacity. */
    private static final double NEAR_SHARE = 1.2;
    /** "Drained" means the queueing delay is back under this, ms (a few frames' worth). */
    private static final double DRAINED_MS = 50;
    /** From this long after the step the queue should stay short, seconds. */
    private static final double SETTLED_AFTER_S = 7;

    /** Bounds for one GCC variant: seconds to near / below capacity and to drained, settled p95 ms. */
    private record Bounds(double nearS, double belowS, double drainS, double settledP95Ms) {
    }

    /**
     * Today's GCC: measured 1.0-3.3 s, 1.1-5.1 s, 5.2 s to never and 1-283 ms over the three
     * seeds. With seed 33 the last cut lands above the capacity, LBv2 pads its way towards a
     * higher rate, and the queue still stands at the end of the call: drainage is not bounded.
     */
    private static final Bounds TODAY = new Bounds(4.0, 6.0, Double.POSITIVE_INFINITY, 300);
    /**
     * Classic GCC (Bayesian acked rate, classic loss rule, no pushback): measured 1.1-2.2 s,
     * 2.2 s, 4.0-8.9 s and 17-128 ms: its loss cut at the 1 s loss update takes the target below
     * the new capacity, and the queue drains sooner than with today's GCC.
     */
    private static final Bounds CLASSIC = new Bounds(2.5, 2.5, 10.0, 150);

    /**
     * <pre>
     *   sender --pacer--> [drop-tail queue, 300 ms] --2 Mbps, 500 kbps from 20 s--> 40 ms --> receiver
     *      ^                                                                                   |
     *      +------------------------- 40 ms, transport feedback every 100 ms ------------------+
     * </pre>
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33})
    void shouldHalveWithinASecondWhenCapacityDropsAndThenDrainTheQueue(long seed) {
        Scenario scenario = ClosedLoop.bottleneck("step-2M-500k",
                new TestScenarios.StepCapacity(BEFORE_BPS, (long) (STEP_S * 1e6), AFTER_BPS), 0.0, 300_000, DURATION_S);
        ClosedLoop.QueueDelays todayQueue = new ClosedLoop.QueueDelays(STEP_S + SETTLED_AFTER_S, DURATION_S);
        check("gcc", ClosedLoop.runGcc(scenario, seed, todayQueue), todayQueue, TODAY);
        ClosedLoop.QueueDelays classicQueue = new ClosedLoop.QueueDelays(STEP_S + SETTLED_AFTER_S, DURATION_S);
        check("gcc-classic", ClosedLoop.run(scenario, "gcc-classic",
                new GoogCcEstimator(EstimatorRegistry.classicGccSettings(scenario.media())), seed, classicQueue),
                classicQueue, CLASSIC);
    }

    /** {@code settledQueue} holds the queueing delays from {@code STEP_S + SETTLED_AFTER_S} on. */
    private static void check(String name, CallResult result, ClosedLoop.QueueDelays settledQueue, Bounds bounds) {
        double beforeBps = ClosedLoop.mean(result, "target_bps", STEP_S - 1, STEP_S);
        double halvingS = ClosedLoop.firstTime(result, "target_bps", STEP_S, beforeBps / 2, true) - STEP_S;
        double reactionS = ClosedLoop.firstTime(result, "target_bps", STEP_S, NEAR_SHARE * AFTER_BPS, true) - STEP_S;
        double belowS = ClosedLoop.firstTime(result, "target_bps", STEP_S, AFTER_BPS, true) - STEP_S;
        double drainS = ClosedLoop.firstTime(result, "queue_delay_ms", STEP_S + 0.5, DRAINED_MS, true) - STEP_S;
        double settledP95Ms = settledQueue.percentileMs(95);
        System.out.printf("[closedloop] %s step 2M->500k: target halved after %.1f s, within 20%% of capacity after"
                + " %.1f s, below it after %.1f s, queue < %.0f ms after %.1f s, settled p95 queueing %.1f ms%n",
                name, halvingS, reactionS, belowS, DRAINED_MS, drainS, settledP95Ms);

        assertTrue(ClosedLoop.mean(result, "target_bps", STEP_S - 2, STEP_S) > AFTER_BPS * 2,
                "before the step GCC must run well above the later capacity, or the test measures nothing");
        assertTrue(halvingS <= MAX_HALVING_S,
                () -> name + ": target halved " + halvingS + " s after the drop, want <= " + MAX_HALVING_S);
        assertTrue(reactionS <= bounds.nearS(), () -> name + ": target came within 20% of the new capacity "
                + reactionS + " s after the drop, want <= " + bounds.nearS());
        assertTrue(belowS <= bounds.belowS(), () -> name + ": target fell below the new capacity " + belowS
                + " s after the drop, want <= " + bounds.belowS());
        assertTrue(drainS <= bounds.drainS(),
                () -> name + ": queue drained " + drainS + " s after the drop, want <= " + bounds.drainS());
        assertTrue(settledP95Ms < bounds.settledP95Ms(), () -> name + ": p95 queueing " + settledP95Ms
                + " ms once settled, want < " + bounds.settledP95Ms());
    }
}
