package dev.weir.sim.closedloop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.trace.PiecewiseCapacity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Today's GCC (libwebrtc defaults: robust acked rate, 15 ms start-up probes, 1.1 pacing, RTCP RTT,
 * LossBasedBweV2, congestion-window pushback) in closed loop, on the behaviours the GCC issue names
 * and the scenario tests of libwebrtc's goog_cc_network_control_unittest.cc that the simulator can
 * express (with libwebrtc's own bounds). Every call prints its topology parameters and seed.
 *
 * <p>Topology, unless a test says otherwise:
 * <pre>
 *   sender --pacer--> [drop-tail queue] --capacity, random loss--> one-way delay --> receiver
 *      ^                                                                               |
 *      +----- same one-way delay: transport feedback every 100 ms, RTCP RR every ~1 s -+
 * </pre>
 */
class LibwebrtcBehaviourTest {
    private static final long MS = 1_000;
    private static final long S = 1_000_000;
    /** 30 fps video, key frames every 100 s (long, so key-frame bursts do not blur rates). */
    private static final int FPS = 30;
    private static final double KEY_FRAME_INTERVAL_S = 100;

    private static Scenario call(String name, CapacitySchedule capacity, long oneWayUs, long queueUs, double loss,
                                 long minBps, long startBps, long maxBps, double durationS) {
        Scenario.Link link = TestScenarios.link(capacity, oneWayUs, queueUs, loss);
        Scenario.Media media = new Scenario.Media(startBps, minBps, maxBps, false, FPS, KEY_FRAME_INTERVAL_S);
        return new Scenario(name, "test", (long) (durationS * S), link, oneWayUs, 0.0, 100 * MS, media,
                Scenario.CrossTraffic.NONE);
    }

    private static CallResult gcc(Scenario scenario, long seed) {
        return ClosedLoop.runGcc(scenario, seed);
    }

    /** 1 Mbps, 25 ms one way, 300 ms queue, start 300 kbps: no start-up collapse. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103})
    void rampsUpOnAOneMegabitLinkWithinThreeSecondsAndNeverFallsBelowHalfOfIt(long seed) {
        Scenario scenario = call("startup-1M", new TestScenarios.ConstantCapacity(1_000_000), 25 * MS, 300 * MS, 0,
                30_000, 300_000, 10_000_000, 10);
        CallResult result = gcc(scenario, seed);
        double reachS = ClosedLoop.firstTime(result, "target_bps", 0, 750_000, false);
        double minAfter1sBps = ClosedLoop.min(result, "target_bps", 1.0, 10);
        System.out.printf("[closedloop] 1 Mbps start-up: 750 kbps after %.1f s, lowest target after 1 s %.0f bps,"
                + " mean 2-10 s %.0f bps%n", reachS, minAfter1sBps, ClosedLoop.mean(result, "target_bps", 2, 10));
        assertTrue(reachS <= 3.0, () -> "target reached 750 kbps after " + reachS + " s, want <= 3 s");
        assertTrue(minAfter1sBps >= 500_000, () -> "target fell to " + minAfter1sBps + " bps after 1 s");
    }

    /** 500 kbps, otherwise as above. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {111, 112, 113})
    void holdsAtLeast350KilobitsAtFiveSecondsOnA500KilobitLink(long seed) {
        Scenario scenario = call("startup-500k", new TestScenarios.ConstantCapacity(500_000), 25 * MS, 300 * MS, 0,
                30_000, 300_000, 10_000_000, 6);
        CallResult result = gcc(scenario, seed);
        double at5sBps = ClosedLoop.mean(result, "target_bps", 4.95, 5.05);
        System.out.printf("[closedloop] 500 kbps start-up: target %.0f bps at 5 s%n", at5sBps);
        assertTrue(at5sBps >= 350_000, () -> "target at 5 s " + at5sBps + " bps, want >= 350 kbps");
    }

    /** 5 % random loss; capacity 500 kbps, then 2 Mbps from 30 s; 25 ms one way. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {121, 122})
    void followsCapacityUpThroughFivePercentRandomLoss(long seed) {
        Scenario scenario = call("loss5-500k-to-2M", new TestScenarios.StepCapacity(500_000, 30 * S, 2_000_000),
                25 * MS, 300 * MS, 0.05, 30_000, 300_000, 10_000_000, 60);
        CallResult result = gcc(scenario, seed);
        double reachS = ClosedLoop.firstTime(result, "target_bps", 30, 1_400_000, false);
        System.out.printf("[closedloop] 5%% loss, 500k->2M at 30 s: 1.4 Mbps at %.1f s; mean 50-60 s %.0f bps%n",
                reachS, ClosedLoop.mean(result, "target_bps", 50, 60));
        assertTrue(reachS <= 60, () -> "target reached 1.4 Mbps at " + reachS + " s, want by 60 s");
    }

    /**
     * 10 % random loss on 2 Mbps, 25 ms one way: LossBasedBweV2 attributes steady loss to the path
     * (inherent loss) and holds most of the link, where the classic rule (loss above 10 % cuts)
     * settles far lower.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {140, 141})
    void holdsMostOfTheLinkUnderTenPercentRandomLoss(long seed) {
        double[] means = lbv2AndClassicSecondHalf(0.10, seed);
        assertTrue(means[0] >= 1_000_000, () -> "LBv2 held " + means[0] + " bps, want >= 1 Mbps");
        assertTrue(means[0] > 2 * means[1], "LBv2 holds well above the classic rule under random loss");
    }

    /**
     * 20 % random loss on 2 Mbps: LBv2 does not hold the rate. 20 % is its default
     * LossThresholdOfHighBandwidthPreference (above it, lower rates score better), it calls loss
     * inherent only up to 0.05 + 100 kbps / rate, so it never increases above its instant upper
     * bound 100 kbps / (0.20 - 0.05) = 667 kbps, and its lower bound, the acknowledged rate, sinks
     * with the target. Measured second-half means 31-139 kbps over three seeds (the classic rule:
     * 43-59 kbps): today's GCC nearly collapses here, the regime random-loss steering is for.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {150, 151, 152})
    void staysBelowLossBasedBweV2sInstantUpperBoundUnderTwentyPercentRandomLoss(long seed) {
        lbv2AndClassicSecondHalf(0.20, seed);
        Scenario scenario = randomLoss(0.20);
        double maxBps = ClosedLoop.max(gcc(scenario, seed), "target_bps", 30, 60);
        assertTrue(maxBps <= 700_000, () -> "target reached " + maxBps + " bps at 20 % loss, LBv2 caps it near 667 kbps");
    }

    private static Scenario randomLoss(double loss) {
        return call("random-loss-" + loss, new TestScenarios.ConstantCapacity(2_000_000), 25 * MS, 300 * MS, loss,
                30_000, 300_000, 10_000_000, 60);
    }

    /** Second-half mean target with LBv2 and with the classic rule, printed. */
    private static double[] lbv2AndClassicSecondHalf(double loss, long seed) {
        Scenario scenario = randomLoss(loss);
        GccSettings classic = ClosedLoop.gccSettings(scenario);
        classic.lossBased.v2.enabled = false;
        double lbv2Bps = ClosedLoop.mean(gcc(scenario, seed), "target_bps", 30, 60);
        double classicBps = ClosedLoop.mean(ClosedLoop.run(scenario, "gcc-classic-loss", new GoogCcEstimator(classic),
                seed), "target_bps", 30, 60);
        System.out.printf("[closedloop] %.0f%% random loss on 2 Mbps: second-half target %.0f bps with LBv2,"
                + " %.0f bps with the classic rule%n", loss * 100, lbv2Bps, classicBps);
        return new double[] {lbv2Bps, classicBps};
    }

    /**
     * Steady 2.5 Mbps, 25 ms one way (50 ms RTT): near capacity AIMD grows additively at
     * libwebrtc's rate, avg packet bits / (2 x (RTT + 100 ms)): about 30 kbps/s at 2.2 Mbps
     * (1146-byte packets, 300 ms); 1.1 pacing keeps the queue short.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {143, 144})
    void increasesAdditivelyNearCapacityAtLibwebrtcsRateWithAShortQueue(long seed) {
        Scenario scenario = call("steady-2500k", new TestScenarios.ConstantCapacity(2_500_000), 25 * MS, 300 * MS, 0,
                30_000, 300_000, 10_000_000, 60);
        ClosedLoop.QueueDelays queue = new ClosedLoop.QueueDelays(20, 60);
        CallResult result = ClosedLoop.runGcc(scenario, seed, queue);
        double slopeBpsPerS = ClosedLoop.medianIncreaseSlopeBpsPerS(result, "delay_based_bps", 20, 60, 1.0);
        double p95QueueMs = queue.percentileMs(95);
        System.out.printf("[closedloop] steady 2.5 Mbps: median additive increase %.0f bps/s, p95 queueing %.1f ms%n",
                slopeBpsPerS, p95QueueMs);
        assertTrue(slopeBpsPerS >= 20_000 && slopeBpsPerS <= 45_000,
                () -> "additive increase " + slopeBpsPerS + " bps/s, want ~30 kbps/s");
        assertTrue(p95QueueMs < 15, () -> "p95 queueing " + p95QueueMs + " ms, want < 15 ms");
    }

    /**
     * libwebrtc UpdatesTargetRateBasedOnLinkCapacity: min 10 kbps, start 300, max 1500; 100 ms one
     * way each direction; 500 kbps for 25 s (target 450 +- 100), 800 kbps for 20 s (750 +- 150),
     * then 100 kbps for 50 s (90 +- 25). libwebrtc also raises the delay to 200 ms for the last
     * phase; the simulator keeps one delay per call, so that phase runs at 100 ms. Its emulated
     * network queues without limit; here a 5 s queue stands for that.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {151, 152})
    void updatesTheTargetRateBasedOnLinkCapacity(long seed) {
        PiecewiseCapacity capacity = new PiecewiseCapacity(new long[] {0, 25 * S, 45 * S},
                new long[] {500_000, 800_000, 100_000}, PiecewiseCapacity.NO_LOOP, "500k, 800k, 100k");
        Scenario scenario = call("target-capacity", capacity, 100 * MS, 5 * S, 0, 10_000, 300_000, 1_500_000, 95);
        CallResult result = gcc(scenario, seed);
        double at25 = ClosedLoop.mean(result, "target_bps", 24.9, 25.0);
        double at45 = ClosedLoop.mean(result, "target_bps", 44.9, 45.0);
        double at95 = ClosedLoop.mean(result, "target_bps", 94.9, 95.0);
        System.out.printf("[closedloop] target capacity: %.0f bps at 25 s, %.0f at 45 s, %.0f at 95 s%n", at25,
                at45, at95);
        assertTrue(Math.abs(at25 - 450_000) <= 100_000, () -> "at 25 s " + at25 + " bps, want 450 +- 100 kbps");
        assertTrue(Math.abs(at45 - 750_000) <= 150_000, () -> "at 45 s " + at45 + " bps, want 750 +- 150 kbps");
        assertTrue(Math.abs(at95 - 90_000) <= 25_000, () -> "at 95 s " + at95 + " bps, want 90 +- 25 kbps");
    }

    /**
     * libwebrtc LossBasedControlDoesModestBackoffToHighLoss: 2 Mbps, 200 ms one way each
     * direction, 10 % loss, min 10 kbps, start 300, max 1500; after 120 s the target is above
     * 100 kbps.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {161})
    void backsOffModestlyToHighLoss(long seed) {
        Scenario scenario = call("high-loss-channel", new TestScenarios.ConstantCapacity(2_000_000), 200 * MS, 5 * S,
                0.10, 10_000, 300_000, 1_500_000, 120);
        CallResult result = gcc(scenario, seed);
        double endBps = ClosedLoop.mean(result, "target_bps", 119.9, 120);
        System.out.printf("[closedloop] 10%% loss, 200 ms: target %.0f bps after 120 s, mean 60-120 s %.0f%n", endBps,
                ClosedLoop.mean(result, "target_bps", 60, 120));
        assertTrue(endBps > 100_000, () -> "target " + endBps + " bps after 120 s, want > 100 kbps");
    }

    /**
     * libwebrtc CongestionWindowPushbackDropFrameOnNetworkDelay and CongestionWindowPushbackOnNetworkDelay:
     * 1 Mbps, 100 ms one way each direction, start 300 kbps, max 2 Mbps, min 10 kbps, queue size 800 ms;
     * after 10 s the link stops for 10 s; 3 s into the stop, with frame dropping the target stays
     * above 300 kbps, without it the target is pushed down to the 30 kbps floor (below 40 kbps).
     */
    @ParameterizedTest(name = "drop frames {0}")
    @ValueSource(booleans = {true, false})
    void pushesBackWhenFeedbackStopsOnANetworkDelay(boolean dropFrame) {
        PiecewiseCapacity capacity = new PiecewiseCapacity(new long[] {0, 10 * S, 20 * S},
                new long[] {1_000_000, 0, 1_000_000}, PiecewiseCapacity.NO_LOOP, "1M, paused 10-20 s");
        Scenario scenario = call("cwnd-on-delay", capacity, 100 * MS, 20 * S, 0, 10_000, 300_000, 2_000_000, 13);
        GccSettings settings = ClosedLoop.gccSettings(scenario);
        settings.pushback.queueSizeMs = 800;
        settings.pushback.dropFrameOnly = dropFrame;
        CallResult result = ClosedLoop.run(scenario, "gcc-cwnd800", new GoogCcEstimator(settings), 171);
        double targetBps = ClosedLoop.mean(result, "target_bps", 12.9, 13.0);
        System.out.printf("[closedloop] link paused, drop frames %s: target %.0f bps 3 s into the pause%n", dropFrame,
                targetBps);
        if (dropFrame) {
            assertTrue(targetBps > 300_000, () -> "target " + targetBps + " bps, want > 300 kbps");
        } else {
            assertTrue(targetBps < 40_000, () -> "target " + targetBps + " bps, want < 40 kbps");
        }
    }
}
