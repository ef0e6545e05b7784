package dev.weir.gcc.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendSideBandwidthEstimationTest {
    private static final long MS = 1000;
    private static final long S = 1_000_000;
    private static final long REPORT_INTERVAL_US = 100 * MS;

    /** Started at 100 kbps at t=0, with one loss-free report so the start phase begins at 0. */
    private static SendSideBandwidthEstimation started(LossBasedSettings settings) {
        SendSideBandwidthEstimation bwe = new SendSideBandwidthEstimation(settings);
        bwe.setBitrates(10_000, 100_000, 10_000_000, 0);
        return bwe;
    }

    /** Sends reports with {@code lost} of 50 packets every 100 ms over (fromUs, toUs]. */
    private static void reports(SendSideBandwidthEstimation bwe, int lost, long fromUs, long toUs) {
        for (long t = fromUs + REPORT_INTERVAL_US; t <= toUs; t += REPORT_INTERVAL_US) {
            bwe.onPacketsReport(lost, 50, t);
        }
    }

    @Test
    void shouldIncreaseAboutEightPercentPerSecondWhenLossIsLow() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        reports(bwe, 0, 0, 5 * S);
        long at5s = bwe.targetRateBps();
        reports(bwe, 0, 5 * S, 6 * S);
        long at6s = bwe.targetRateBps();
        double perSecond = at6s / (double) at5s;
        // 1.08 on the minimum of the last second (0.9 s back with 100 ms reports) plus 1 kbps.
        assertTrue(perSecond > 1.075 && perSecond < 1.10, "growth per second " + perSecond);
        assertEquals(0.0, bwe.lossRatio());
    }

    @Test
    void shouldIncreaseFromTheMinimumOfTheLastSecondPlusOneKbps() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.onPacketsReport(0, 50, 3 * S);
        assertEquals((long) (100_000 * 1.08 + 0.5) + 1000, bwe.targetRateBps());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void shouldHoldBetweenTwoAndTenPercentLoss(int lostOf50) {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        reports(bwe, lostOf50, 0, 5 * S);
        assertEquals(100_000, bwe.targetRateBps());
        double loss = bwe.lossRatio();
        assertTrue(loss > 0.02 && loss <= 0.10, "loss " + loss);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 10, 25, 50})
    void shouldDecreaseByHalfTheLossFractionAboveTenPercent(int lostOf50) {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.onPacketsReport(lostOf50, 50, 3 * S);
        int lossQ8 = Math.min(lostOf50 * 256 / 50, 255);
        long expected = (long) (100_000 * (1 - 0.5 * lossQ8 / 256.0));
        assertEquals(Math.max(expected, 10_000), bwe.targetRateBps());
        assertEquals(lossQ8 / 256.0, bwe.lossRatio());
    }

    @Test
    void shouldNotDecreaseMoreOftenThanEvery300MsPlusRtt() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.setBitrates(10_000, 1_000_000, 10_000_000, 0);
        bwe.onRtt(200 * MS, 0);
        List<Long> decreaseTimesUs = new ArrayList<>();
        long previous = bwe.targetRateBps();
        for (long t = 3 * S; t <= 5 * S; t += 50 * MS) {
            bwe.onPacketsReport(15, 50, t);
            bwe.onPeriodicUpdate(t + 25 * MS);
            if (bwe.targetRateBps() < previous) {
                decreaseTimesUs.add(t);
            }
            previous = bwe.targetRateBps();
        }
        assertEquals(List.of(3 * S, 3_500 * MS, 4 * S, 4_500 * MS, 5 * S), decreaseTimesUs);
    }

    @Test
    void shouldDecreaseOnlyOncePerReport() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.onPacketsReport(25, 50, 3 * S);
        long afterReport = bwe.targetRateBps();
        for (long t = 3 * S; t < 6 * S; t += 25 * MS) {
            bwe.onPeriodicUpdate(t);
        }
        assertEquals(afterReport, bwe.targetRateBps());
    }

    @Test
    void shouldAccumulateReportsUntilTwentyPacketsAreExpected() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.onPacketsReport(5, 10, 3 * S);
        assertEquals(0.0, bwe.lossRatio(), "10 packets are too few for a loss fraction");
        assertEquals(100_000, bwe.targetRateBps());
        bwe.onPacketsReport(0, 10, 3_100 * MS);
        assertEquals(64 / 256.0, bwe.lossRatio(), "5 of 20 lost");
        assertEquals((long) (100_000 * (1 - 0.5 * 0.25)), bwe.targetRateBps());
    }

    @Test
    void shouldNeverExceedTheDelayBasedEstimate() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        reports(bwe, 0, 0, 3 * S);
        bwe.onDelayBasedEstimate(120_000, 3 * S);
        reports(bwe, 0, 3 * S, 20 * S);
        assertEquals(120_000, bwe.targetRateBps());
        bwe.onDelayBasedEstimate(90_000, 20 * S);
        assertEquals(90_000, bwe.targetRateBps());
        assertEquals(90_000, bwe.delayBasedLimitBps());
    }

    @Test
    void shouldAdoptHigherDelayBasedEstimateDuringLossFreeStartPhase() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.onPacketsReport(0, 50, 100 * MS);
        bwe.onDelayBasedEstimate(900_000, 200 * MS);
        bwe.onPeriodicUpdate(300 * MS);
        assertEquals(900_000, bwe.targetRateBps());
    }

    @Test
    void shouldCapOutputAtReceiverLimitAndRespectMinAndMax() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.onReceiverEstimate(60_000, 3 * S);
        assertEquals(60_000, bwe.targetRateBps());
        bwe.onReceiverEstimate(0, 3 * S);
        assertEquals(100_000, bwe.targetRateBps());

        bwe.setBitrates(50_000, 0, 150_000, 3 * S);
        reports(bwe, 0, 3 * S, 20 * S);
        assertEquals(150_000, bwe.targetRateBps());
        reports(bwe, 50, 20 * S, 40 * S);
        assertEquals(50_000, bwe.targetRateBps());
    }

    @Test
    void shouldBackOffByTwentyPercentPerSecondWhenRttExceedsThreeSeconds() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.setBitrates(5_000, 1_000_000, 10_000_000, 0);
        bwe.onPropagationRtt(3_500 * MS, 1 * S);
        bwe.onPeriodicUpdate(1 * S);
        assertEquals(800_000, bwe.targetRateBps());
        bwe.onPeriodicUpdate(1_500 * MS);
        assertEquals(800_000, bwe.targetRateBps(), "at most one step per second");
        bwe.onPeriodicUpdate(2 * S);
        assertEquals(640_000, bwe.targetRateBps());
        for (long t = 3 * S; t < 60 * S; t += S) {
            bwe.onPeriodicUpdate(t);
        }
        assertEquals(5_000, bwe.targetRateBps(), "floor 5 kbps");
    }

    @Test
    void shouldBackOffWhenFeedbackStopsWhilePacketsAreSent() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.setBitrates(5_000, 1_000_000, 10_000_000, 0);
        bwe.onPropagationRtt(100 * MS, 1 * S);
        for (long t = 1 * S; t <= 3_800 * MS; t += 100 * MS) {
            bwe.onPacketSent(t);
            bwe.onPeriodicUpdate(t);
        }
        assertEquals(1_000_000, bwe.targetRateBps(), "2.8 s without feedback + 0.1 s RTT is below 3 s");
        bwe.onPacketSent(4_000 * MS);
        bwe.onPeriodicUpdate(4_000 * MS);
        assertEquals(800_000, bwe.targetRateBps());
    }

    @Test
    void shouldNotBackOffWhenNothingIsSentAndNoRttIsKnown() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        for (long t = 0; t <= 20 * S; t += S) {
            bwe.onPeriodicUpdate(t);
        }
        assertEquals(100_000, bwe.targetRateBps());
    }

    @Test
    void shouldApplySwappedSettingsFromTheNextReportWithoutResettingTheEstimate() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        reports(bwe, 0, 0, 3 * S);
        long before = bwe.targetRateBps();
        reports(bwe, 3, 3 * S, 5 * S); // 6% loss: hold under the defaults
        assertEquals(before, bwe.targetRateBps());

        LossBasedSettings tolerant = new LossBasedSettings();
        tolerant.lowLossThreshold = 0.07;
        tolerant.highLossThreshold = 0.20;
        assertTrue(bwe.applySettings(tolerant));
        assertEquals(before, bwe.targetRateBps(), "applying does not reset the estimate");
        bwe.onPacketsReport(3, 50, 5_100 * MS);
        assertTrue(bwe.targetRateBps() > before, "6% loss now counts as low");
        assertEquals(0.07, bwe.settings().lowLossThreshold);
    }

    @Test
    void shouldUseTunedDecreaseFactorAfterSwap() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        LossBasedSettings gentle = new LossBasedSettings();
        gentle.decreaseFactor = 0.25;
        bwe.applySettings(gentle);
        bwe.onPacketsReport(25, 50, 3 * S); // 128/256 loss
        assertEquals((long) (100_000 * (1 - 0.25 * 0.5)), bwe.targetRateBps());
    }

    @Test
    void shouldCreepInModerateLossBandWhenHoldFactorIsTuned() {
        LossBasedSettings creeping = new LossBasedSettings();
        creeping.moderateLossRateFactorPerSecond = 1.02;
        SendSideBandwidthEstimation bwe = started(creeping);
        reports(bwe, 3, 0, 10 * S);
        double growth = bwe.targetRateBps() / 100_000.0;
        assertTrue(growth > 1.02 * 1.02 * 1.02 && growth < 1.25, "growth " + growth);
    }

    @Test
    void shouldRefuseInvalidSettingsSwap() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        LossBasedSettings broken = new LossBasedSettings();
        broken.lowLossThreshold = 0.5;
        broken.highLossThreshold = 0.1;
        assertFalse(bwe.applySettings(broken));
        assertFalse(bwe.applySettings(null));
        assertEquals(0.02, bwe.settings().lowLossThreshold);
    }

    @Test
    void shouldIgnoreNonsenseReports() {
        SendSideBandwidthEstimation bwe = started(new LossBasedSettings());
        bwe.onPacketsReport(5, 0, 3 * S);
        bwe.onPacketsReport(5, -10, 3 * S);
        assertEquals(100_000, bwe.targetRateBps());
        bwe.onPacketsReport(-30, 50, 3 * S);
        assertEquals(0.0, bwe.lossRatio(), "negative loss (duplicates) counts as none");
        bwe.onPacketsReport(500, 50, 3_100 * MS);
        assertEquals(255 / 256.0, bwe.lossRatio(), "more lost than expected saturates");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void shouldStayFiniteAndWithinBoundsUnderRandomInput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SendSideBandwidthEstimation bwe = new SendSideBandwidthEstimation();
        bwe.setBitrates(30_000, 300_000, 5_000_000, 0);
        long t = 0;
        for (int i = 0; i < 5000; i++) {
            t += random.nextLong(-50 * MS, 200 * MS);
            long weird = random.nextInt(10) == 0 ? pick(random) : 0;
            switch (random.nextInt(7)) {
                case 0 -> bwe.onPacketsReport(random.nextLong(-5, 60) + weird, random.nextLong(-5, 60), t);
                case 1 -> { bwe.onRtt(random.nextLong(-S, 5 * S) + weird, t + weird); bwe.onPropagationRtt(random.nextLong(-S, 5 * S) + weird, t + weird); }
                case 2 -> bwe.onDelayBasedEstimate(random.nextLong(-100_000, 10_000_000) + weird, t);
                case 3 -> bwe.onAckedRate(random.nextLong(-100_000, 10_000_000) + weird);
                case 4 -> bwe.onPacketSent(t + weird);
                case 5 -> bwe.onReceiverEstimate(random.nextLong(-1, 10_000_000), t);
                default -> bwe.onPeriodicUpdate(t + weird);
            }
            long target = bwe.targetRateBps();
            assertTrue(target >= 30_000 && target <= 5_000_000, "target " + target + " at step " + i);
            double loss = bwe.lossRatio();
            assertTrue(loss >= 0 && loss < 1, "loss " + loss);
            assertTrue(bwe.estimatedLinkCapacityBps() >= 0);
        }
    }

    private static long pick(SplittableRandom random) {
        long[] values = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, Integer.MAX_VALUE, Long.MIN_VALUE / 2};
        return values[random.nextInt(values.length)];
    }
}
