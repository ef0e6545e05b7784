package dev.weir.sim.closedloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Why start-up probing matters: from libwebrtc's 300 kbps start rate, the initial probes (3x and
 * 6x the start rate, then 2x further while they succeed) find a 4 Mbps link within a second; the
 * same GCC without probes climbs by AIMD's 8%/s and needs half a minute (the "45 s to reach 1
 * Mbps" complaint against GCC ports without probing).
 *
 * <p>Probing is disabled with the {@code probe.enabled} setting.
 */
class StartupProbingTest {
    private static final long CAPACITY_BPS = 4_000_000;
    private static final long START_BPS = 300_000;
    /** Long enough for the non-probing run to get there (~31 s). */
    private static final double DURATION_S = 36;
    /** "Reached the capacity": the estimate at 80% of it (the foundation issue's figure). */
    private static final double SHARE = 0.8;
    /** With probing the estimate must get there within this, seconds (measured 0.5 s). */
    private static final double MAX_PROBING_S = 5;
    /** Without probing it takes at least this, seconds (measured 31 s: 300k x 1.08^t = 3.2M at t ~ 31). */
    private static final double MIN_NON_PROBING_S = 25;
    /** The start-up window whose delivered rate is compared, seconds. */
    private static final double STARTUP_S = 10;
    /**
     * With probing, the start-up window must deliver at least this multiple of the non-probing
     * run's rate. Measured 4.8x and 7.3x (2.2 and 3.3 Mbps vs 0.45 Mbps). The spread comes from
     * what follows the probe: the first overuse cuts to 0.85 x the acked rate, and the acked rate
     * (RobustThroughputEstimator, >= 1 s window) still averages the pre-probe second, so with some
     * seeds the target falls from 3.8 to ~2.2 Mbps and climbs back additively; the 1 s received
     * rate then reaches 80% of the link after 6-11 s instead of ~1.3 s (reported, not asserted).
     */
    private static final double MIN_STARTUP_GAIN = 3;

    /**
     * <pre>
     *   sender --pacer--> [drop-tail queue, 300 ms] --4 Mbps--> 40 ms --> receiver
     *      ^   (probe clusters, or none)                                     |
     *      +---------------- 40 ms, transport feedback every 100 ms ---------+
     * </pre>
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {51, 52})
    void shouldRampUpInSecondsThanksToStartupProbing(long seed) {
        Scenario scenario = ClosedLoop.constant("ramp-4M", CAPACITY_BPS, 0.0, START_BPS, DURATION_S);
        CallResult probing = ClosedLoop.runGcc(scenario, seed);
        GccSettings withoutProbing = ClosedLoop.gccSettings(scenario);
        withoutProbing.probe.enabled = false;
        CallResult notProbing = ClosedLoop.run(scenario, "gcc-without-probing", new GoogCcEstimator(withoutProbing),
                seed);

        double thresholdBps = SHARE * CAPACITY_BPS;
        double probingS = ClosedLoop.firstTime(probing, "target_bps", 0, thresholdBps, false);
        double notProbingS = ClosedLoop.firstTime(notProbing, "target_bps", 0, thresholdBps, false);
        double probingDeliveryS = probing.metrics().value("time_to_80pct_capacity_s");
        double notProbingDeliveryS = notProbing.metrics().value("time_to_80pct_capacity_s");
        double probingStartupBps = ClosedLoop.mean(probing, "recv_bps", 0, STARTUP_S);
        double notProbingStartupBps = ClosedLoop.mean(notProbing, "recv_bps", 0, STARTUP_S);
        System.out.printf("[closedloop] ramp to 80%% of 4 Mbps: estimate %.1f s with probing, %.1f s without;"
                + " 1 s received rate %.1f s with, %.1f s without; first %.0f s delivered %.0f vs %.0f bps%n",
                probingS, notProbingS, probingDeliveryS, notProbingDeliveryS, STARTUP_S, probingStartupBps,
                notProbingStartupBps);

        assertEquals(1.0, ClosedLoop.max(probing, "probing", 0, 1), "GCC must send its initial probes");
        assertEquals(0.0, ClosedLoop.max(notProbing, "probing", 0, DURATION_S), "the control run must not probe");
        assertTrue(probingS <= MAX_PROBING_S,
                () -> "with probing the estimate reached 80% after " + probingS + " s, want <= " + MAX_PROBING_S);
        assertTrue(notProbingS >= MIN_NON_PROBING_S && notProbingS < DURATION_S,
                () -> "without probing the estimate reached 80% after " + notProbingS + " s, want in ["
                        + MIN_NON_PROBING_S + ", " + DURATION_S + ")");
        assertTrue(probingStartupBps >= MIN_STARTUP_GAIN * notProbingStartupBps,
                () -> "probing must deliver more during start-up: " + probingStartupBps + " vs "
                        + notProbingStartupBps + " bps over the first " + STARTUP_S + " s");
    }
}
