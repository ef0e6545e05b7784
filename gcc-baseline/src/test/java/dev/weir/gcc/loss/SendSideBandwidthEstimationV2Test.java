package dev.weir.gcc.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import dev.weir.gcc.loss.v2.LossBasedBweV2;
import dev.weir.gcc.loss.v2.LossBasedState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LossBasedBweV2 inside SendSideBandwidthEstimation, wired as libwebrtc's
 * send_side_bandwidth_estimation.cc does: its estimate replaces the classic rule once ready (also
 * in the start phase), the classic controller is untouched when it is disabled, its state and
 * padding request are exposed, and its settings swap at run time.
 */
class SendSideBandwidthEstimationV2Test {
    private static final long MS = 1000;
    private static final long S = 1_000_000;
    private static final long MIN_BPS = 30_000;
    private static final long MAX_BPS = 10_000_000;
    private static final int PACKET_BYTES = 1200;
    private static final long PACKET_SPACING_US = 5 * MS;
    private static final long REPORT_INTERVAL_US = 50 * MS;

    /** A scripted call: 1200-byte packets every 5 ms, 50 ms feedback, 1 s loss reports, 25 ms ticks. */
    private static final class Driver {
        final SendSideBandwidthEstimation bwe;
        final boolean feedV2;
        long seq;
        long nowUs;
        long lostSinceReport;
        long expectedSinceReport;

        Driver(LossBasedSettings settings, boolean feedV2) {
            bwe = new SendSideBandwidthEstimation(settings);
            bwe.setBitrates(MIN_BPS, 1_000_000, MAX_BPS, 0);
            this.feedV2 = feedV2;
        }

        /** Runs {@code durationUs} losing {@code lossPercent} % with the given delay-based estimate; returns the target. */
        long run(long durationUs, int lossPercent, long delayBasedBps) {
            long endUs = nowUs + durationUs;
            while (nowUs < endUs) {
                long reportEndUs = nowUs + REPORT_INTERVAL_US;
                for (; nowUs < reportEndUs; nowUs += PACKET_SPACING_US) {
                    boolean lost = Math.floorMod(seq * 37, 100) < lossPercent;
                    bwe.onPacketSent(nowUs);
                    if (feedV2) {
                        bwe.onPacketResult(seq, nowUs, PACKET_BYTES, !lost);
                    }
                    seq++;
                    expectedSinceReport++;
                    lostSinceReport += lost ? 1 : 0;
                    if (nowUs % (25 * MS) == 0) {
                        bwe.onPeriodicUpdate(nowUs);
                    }
                }
                bwe.onRtt(60 * MS, nowUs);
                bwe.onAckedRate(Math.min(bwe.targetRateBps(), delayBasedBps) * (100 - lossPercent) / 100);
                bwe.onDelayBasedEstimate(delayBasedBps, nowUs);
                if (feedV2) {
                    bwe.updateLossBasedEstimator(false, nowUs);
                }
                if (nowUs % S == 0) {
                    bwe.onPacketsReport(lostSinceReport, expectedSinceReport, nowUs);
                    lostSinceReport = 0;
                    expectedSinceReport = 0;
                }
            }
            return bwe.targetRateBps();
        }
    }

    private static LossBasedSettings withV2(boolean enabled) {
        LossBasedSettings settings = new LossBasedSettings();
        settings.v2.enabled = enabled;
        return settings;
    }

    /** Targets every 50 ms over a scripted call with loss phases and a falling delay-based estimate. */
    private static List<Long> trajectory(LossBasedSettings settings, boolean feedV2) {
        Driver driver = new Driver(settings, feedV2);
        List<Long> targets = new ArrayList<>();
        int[][] phases = {{0, 3_000}, {20, 2_000}, {5, 2_000}, {0, 1_200}, {12, 1_200}, {0, 4_000}};
        for (int[] phase : phases) {
            for (int i = 0; i < 100; i++) {
                targets.add(driver.run(REPORT_INTERVAL_US, phase[0], phase[1] * 1000L));
                assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, driver.bwe.lossBasedState(), "disabled: no state");
                assertEquals(0, driver.bwe.lossBasedPaddingRateBps());
            }
        }
        return targets;
    }

    @Test
    void shouldRunTheClassicControllerUnchangedWhenV2IsDisabled() {
        List<Long> classicOnly = trajectory(withV2(false), false);
        assertEquals(classicOnly, trajectory(withV2(false), true), "v2 calls must be no-ops when disabled");
        // The script does exercise v2: enabled, the same calls give another trajectory.
        Driver enabled = new Driver(withV2(true), true);
        List<Long> withV2 = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            withV2.add(enabled.run(REPORT_INTERVAL_US, i < 100 ? 0 : 20, 3_000_000));
        }
        assertNotEquals(classicOnly.subList(0, 200), withV2);
    }

    @Test
    void shouldReplaceTheClassicRuleWithTheV2EstimateOnceReady() {
        Driver driver = new Driver(withV2(true), true);
        driver.run(3 * S, 0, 2_000_000);
        assertTrue(driver.bwe.isLossBasedV2ReadyForUse());
        // 20 % random loss: the classic rule cuts by 10 % per second towards the floor; LBv2 holds
        // its TCP-fair-like instant upper bound.
        long v2Bps = driver.run(30 * S, 20, 2_000_000);
        LossBasedState state = driver.bwe.lossBasedState();
        assertNotEquals(LossBasedState.DELAY_BASED_ESTIMATE, state);
        Driver classic = new Driver(withV2(false), false);
        classic.run(3 * S, 0, 2_000_000);
        long classicBps = classic.run(30 * S, 20, 2_000_000);
        // Classic: x0.9 per loss report (once a second) from 2 Mbps, ~85 kbps after 30 s.
        assertTrue(classicBps < 100_000, "classic rule under 20 % loss: " + classicBps);
        // LBv2: the instant upper bound, 100 kbps / (0.20 - 0.05) = 667 kbps.
        assertTrue(v2Bps > 600_000 && v2Bps <= 666_667, "LBv2 under 20 % loss: " + v2Bps);
    }

    @Test
    void shouldMatchAStandaloneLossBasedBweV2FedTheSameInput() {
        SendSideBandwidthEstimation bwe = new SendSideBandwidthEstimation(withV2(true));
        LossBasedBweV2 reference = new LossBasedBweV2();
        bwe.setBitrates(MIN_BPS, 1_000_000, MAX_BPS, 0);
        reference.setMinMaxBitrate(MIN_BPS, MAX_BPS);
        long seq = 0;
        long t = 3 * S; // after the start phase of the classic rule
        for (int report = 0; report < 400; report++) {
            int lossPercent = report % 100 < 50 ? 15 : 0;
            for (int i = 0; i < 10; i++, seq++, t += PACKET_SPACING_US) {
                boolean received = Math.floorMod(seq * 37, 100) >= lossPercent;
                bwe.onPacketResult(seq, t, PACKET_BYTES, received);
                reference.onPacketResult(seq, t, PACKET_BYTES, received);
            }
            long ackedBps = 800_000 + (report % 10) * 20_000;
            bwe.onAckedRate(ackedBps);
            reference.setAcknowledgedBitrate(ackedBps);
            bwe.onDelayBasedEstimate(2_000_000, t);
            bwe.updateLossBasedEstimator(false, t);
            reference.updateBandwidthEstimate(2_000_000, false);
            if (reference.isReady()) {
                long expected = Math.max(MIN_BPS, Math.min(reference.lossBasedEstimateBps(), 2_000_000));
                assertEquals(expected, bwe.targetRateBps(), "report " + report);
                assertEquals(reference.lossBasedState(), bwe.lossBasedState(), "report " + report);
            }
        }
    }

    @Test
    void shouldUseV2InsteadOfTheStartPhaseRuleOnceReady() {
        // Loss seen by LBv2 only (no classic loss report yet): the classic start-phase rule would
        // adopt the delay-based estimate; a ready LBv2 keeps its lower estimate instead.
        for (boolean useInStartPhase : new boolean[] {true, false}) {
            LossBasedSettings settings = withV2(true);
            settings.v2.useInStartPhase = useInStartPhase;
            SendSideBandwidthEstimation bwe = new SendSideBandwidthEstimation(settings);
            bwe.setBitrates(MIN_BPS, 300_000, MAX_BPS, 0);
            bwe.onPacketsReport(0, 50, 0); // the start phase begins
            long seq = 0;
            long t = 0;
            for (int report = 0; report < 20; report++) {
                for (int i = 0; i < 10; i++, seq++, t += PACKET_SPACING_US) {
                    bwe.onPacketResult(seq, t, PACKET_BYTES, seq % 3 != 0);
                }
                bwe.onAckedRate(250_000);
                bwe.onDelayBasedEstimate(2_000_000, t);
                bwe.updateLossBasedEstimator(false, t);
            }
            assertTrue(t < 2 * S, "still in the start phase");
            // A higher delay-based estimate: the start-phase rule adopts it at once (as libwebrtc,
            // it only steps aside when the target already equals it, then LBv2 applies).
            bwe.onDelayBasedEstimate(2_500_000, t);
            bwe.onPeriodicUpdate(t);
            if (useInStartPhase) {
                assertTrue(bwe.targetRateBps() < 1_000_000, "LBv2 estimate: " + bwe.targetRateBps());
                assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
            } else {
                assertEquals(2_500_000, bwe.targetRateBps(), "start-phase rule: the delay-based estimate");
            }
        }
    }

    @Test
    void shouldRequestPaddingAtTheTargetWhileIncreasingAfterLoss() {
        Driver driver = new Driver(withV2(true), true);
        driver.run(3 * S, 0, 3_000_000);
        driver.run(5 * S, 20, 3_000_000);
        boolean padded = false;
        for (int i = 0; i < 400 && !padded; i++) {
            driver.run(REPORT_INTERVAL_US, 0, 3_000_000);
            if (driver.bwe.lossBasedState() == LossBasedState.INCREASE_USING_PADDING) {
                padded = true;
                assertEquals(driver.bwe.targetRateBps(), driver.bwe.lossBasedPaddingRateBps());
            } else {
                assertEquals(0, driver.bwe.lossBasedPaddingRateBps());
            }
        }
        assertTrue(padded, "recovering from loss must go through INCREASE_USING_PADDING");
    }

    @Test
    void shouldSwapV2OffAndOnAtRunTime() {
        Driver driver = new Driver(withV2(true), true);
        driver.run(3 * S, 0, 2_000_000);
        driver.run(3 * S, 20, 2_000_000);
        assertNotEquals(LossBasedState.DELAY_BASED_ESTIMATE, driver.bwe.lossBasedState());
        long before = driver.bwe.targetRateBps();
        assertTrue(driver.bwe.applySettings(withV2(false)));
        assertEquals(before, driver.bwe.targetRateBps(), "applying does not change the estimate");
        driver.run(REPORT_INTERVAL_US, 20, 2_000_000);
        assertFalse(driver.bwe.isLossBasedV2ReadyForUse());
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, driver.bwe.lossBasedState());
        assertFalse(driver.bwe.settings().v2.enabled);
        assertTrue(driver.bwe.applySettings(withV2(true)));
        driver.run(REPORT_INTERVAL_US, 0, 2_000_000);
        assertFalse(driver.bwe.isLossBasedV2ReadyForUse(), "re-enabled LBv2 starts afresh");
        driver.run(2 * S, 0, 2_000_000);
        assertTrue(driver.bwe.isLossBasedV2ReadyForUse());
        LossBasedSettings broken = withV2(true);
        broken.v2.observationWindowSize = 1;
        assertFalse(driver.bwe.applySettings(broken));
    }

    @Test // send_side_bandwidth_estimation_unittest.cc RttIsAboveLimitIfRttGreaterThanLimit
    void shouldReportRttAboveTheLimit() {
        SendSideBandwidthEstimation bwe = new SendSideBandwidthEstimation();
        bwe.setBitrates(10_000, 300_000, 10_000_000, 0);
        bwe.onPropagationRtt(5000 * MS, 0);
        assertTrue(bwe.isRttAboveLimit(0));
    }

    @Test // send_side_bandwidth_estimation_unittest.cc RttIsBelowLimitIfRttLessThanLimit
    void shouldReportRttBelowTheLimit() {
        SendSideBandwidthEstimation bwe = new SendSideBandwidthEstimation();
        bwe.setBitrates(10_000, 300_000, 10_000_000, 0);
        bwe.onPropagationRtt(1000 * MS, 0);
        assertFalse(bwe.isRttAboveLimit(0));
    }

    @Test
    void shouldNotAllocateOnTheV2PathInSteadyState() {
        assumeTrue(AllocationMeter.supported());
        Driver driver = new Driver(withV2(true), true);
        Runnable work = () -> {
            for (int round = 0; round < 10; round++) {
                driver.run(2 * S, 0, 2_500_000);
                driver.run(2 * S, 15, 2_500_000);
            }
        };
        work.run();
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < 4096, "allocated " + bytes + " bytes over 40 s of packets");
    }
}
