package dev.weir.gcc.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reproduces libwebrtc's aimd_rate_control_unittest.cc figures plus decrease/increase rules. */
class AimdRateControlTest {
    private static final long CLOCK_INITIAL_US = 123_456_000L;
    private static final long MS = 1_000L;

    /** libwebrtc's unit tests build AimdRateControl without a start rate. */
    private static AimdRateControl newControl() {
        return new AimdRateControl(new AimdSettings());
    }

    @Test
    void shouldUseMinimumAdditiveIncreaseAtLowBandwidth() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(30_000, CLOCK_INITIAL_US);
        assertEquals(4000.0, aimd.nearMaxIncreaseRateBpsPerSecond());
    }

    @Test
    void shouldIncreaseBy5kbpsPerSecondAt90kbpsAnd200msRtt() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(90_000, CLOCK_INITIAL_US);
        assertEquals(5000.0, aimd.nearMaxIncreaseRateBpsPerSecond());
    }

    @Test
    void shouldIncreaseBy5kbpsPerSecondAt60kbpsAnd100msRtt() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(60_000, CLOCK_INITIAL_US);
        aimd.setRtt(100 * MS);
        assertEquals(5000.0, aimd.nearMaxIncreaseRateBpsPerSecond());
    }

    @Test
    void shouldIncreaseByAbout14kbpsPerSecondAfterOveruseAt300kbpsAndKeepDefaultPeriod() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(300_000, CLOCK_INITIAL_US);
        aimd.update(BandwidthUsage.OVERUSING, 300_000, CLOCK_INITIAL_US);
        assertEquals(14_000.0, aimd.nearMaxIncreaseRateBpsPerSecond(), 1_000.0);
        // Throughput was not below the estimate: no decrease recorded, default period.
        assertEquals(3_000 * MS, aimd.expectedBandwidthPeriodUs());
    }

    @Test
    void shouldBoundEstimateByAckedBitrate() {
        AimdRateControl aimd = newControl();
        long ackedBps = 10_000;
        aimd.setEstimate(ackedBps, CLOCK_INITIAL_US);
        for (long nowUs = CLOCK_INITIAL_US; nowUs - CLOCK_INITIAL_US < 20_000 * MS; nowUs += 100 * MS) {
            aimd.update(BandwidthUsage.NORMAL, ackedBps, nowUs);
        }
        assertTrue(aimd.validEstimate());
        assertEquals((long) (1.5 * ackedBps + 10_000), aimd.latestEstimateBps());
    }

    @Test
    void shouldNotCutEstimateWhenAckedBitrateDecreasesWhileNormal() {
        AimdRateControl aimd = newControl();
        long ackedBps = 100_000;
        aimd.setEstimate(ackedBps, CLOCK_INITIAL_US);
        long nowUs = CLOCK_INITIAL_US;
        for (; nowUs - CLOCK_INITIAL_US < 20_000 * MS; nowUs += 100 * MS) {
            aimd.update(BandwidthUsage.NORMAL, ackedBps, nowUs);
        }
        long previous = aimd.latestEstimateBps();
        aimd.update(BandwidthUsage.NORMAL, ackedBps / 2, nowUs);
        long updated = aimd.latestEstimateBps();
        assertEquals(1.5 * ackedBps + 10_000, updated, 2_000);
        assertEquals(previous, updated);
    }

    @Test
    void shouldDecreaseTo85PercentOfAckedMinus5kbps() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(300_000, CLOCK_INITIAL_US);
        long estimate = aimd.update(BandwidthUsage.OVERUSING, 200_000, CLOCK_INITIAL_US + 100 * MS);
        assertEquals(Math.round(0.85 * 200_000) - 5_000, estimate);
        assertEquals(RateControlState.HOLD, aimd.state());
    }

    @Test
    void shouldNeverIncreaseOnOveruse() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(100_000, CLOCK_INITIAL_US);
        long estimate = aimd.update(BandwidthUsage.OVERUSING, 400_000, CLOCK_INITIAL_US + 100 * MS);
        assertEquals(100_000, estimate);
    }

    @Test
    void shouldGive4SecondPeriodAfterTypicalDropFrom264To216kbps() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(264_000, CLOCK_INITIAL_US);
        // 0.85 * 260 kbps - 5 kbps = 216 kbps: a 48 kbps drop.
        long estimate = aimd.update(BandwidthUsage.OVERUSING, 260_000, CLOCK_INITIAL_US + 100 * MS);
        assertEquals(216_000, estimate, 1);
        assertEquals(12_000.0, aimd.nearMaxIncreaseRateBpsPerSecond());
        assertEquals(4_000 * MS, aimd.expectedBandwidthPeriodUs(), 1 * MS);
    }

    @Test
    void shouldUseDefaultPeriodUntilFirstOveruse() {
        AimdRateControl aimd = newControl();
        aimd.setStartBitrate(300_000);
        assertEquals(3_000 * MS, aimd.expectedBandwidthPeriodUs());
        aimd.update(BandwidthUsage.OVERUSING, 280_000, CLOCK_INITIAL_US + 100 * MS);
        assertNotEquals(3_000 * MS, aimd.expectedBandwidthPeriodUs());
    }

    @Test
    void shouldNotGoBelowMinimumPeriod() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(10_000, CLOCK_INITIAL_US);
        aimd.update(BandwidthUsage.OVERUSING, 9_999, CLOCK_INITIAL_US + 100 * MS);
        assertEquals(2_000 * MS, aimd.expectedBandwidthPeriodUs());
    }

    @Test
    void shouldNotGoAboveMaximumPeriod() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(10_010_000, CLOCK_INITIAL_US);
        aimd.update(BandwidthUsage.OVERUSING, (long) (10_000 / 0.85), CLOCK_INITIAL_US + 100 * MS);
        assertEquals(50_000 * MS, aimd.expectedBandwidthPeriodUs());
    }

    @Test
    void shouldBoundSendingRateWhenThroughputIsNotEstimated() {
        AimdRateControl aimd = newControl();
        long initialBps = 123_000;
        long nowUs = CLOCK_INITIAL_US;
        aimd.update(BandwidthUsage.NORMAL, initialBps, nowUs);
        assertFalse(aimd.validEstimate());
        // The estimate is taken from throughput after the 5 s initialisation time.
        nowUs += 5_001 * MS;
        aimd.update(BandwidthUsage.NORMAL, initialBps, nowUs);
        assertTrue(aimd.validEstimate());
        for (int i = 0; i < 100; i++) {
            aimd.update(BandwidthUsage.NORMAL, 0, nowUs);
            nowUs += 100 * MS;
        }
        assertTrue(aimd.latestEstimateBps() <= initialBps * 1.5 + 10_000);
    }

    @Test
    void shouldIncreaseMultiplicativelyByEightPercentPerSecondWithoutLinkCapacity() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(300_000, CLOCK_INITIAL_US);
        long nowUs = CLOCK_INITIAL_US;
        // Hold -> Increase: zero elapsed time, so the minimum 1 kbps step.
        assertEquals(301_000, aimd.update(BandwidthUsage.NORMAL, 10_000_000, nowUs));
        for (int i = 0; i < 10; i++) {
            nowUs += 100 * MS;
            aimd.update(BandwidthUsage.NORMAL, 10_000_000, nowUs);
        }
        assertEquals(301_000 * 1.08, aimd.latestEstimateBps(), 20.0);
    }

    @Test
    void shouldIncreaseAdditivelyNearKnownLinkCapacity() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(500_000, CLOCK_INITIAL_US);
        long nowUs = CLOCK_INITIAL_US + 100 * MS;
        long afterDecrease = aimd.update(BandwidthUsage.OVERUSING, 500_000, nowUs);
        assertEquals(420_000, afterDecrease);
        double slopeBpsPerSecond = aimd.nearMaxIncreaseRateBpsPerSecond();
        // Underuse -> hold, then normal -> increase, with throughput inside the capacity bounds.
        aimd.update(BandwidthUsage.NORMAL, 450_000, nowUs);
        long start = aimd.latestEstimateBps();
        for (int i = 0; i < 10; i++) {
            nowUs += 100 * MS;
            aimd.update(BandwidthUsage.NORMAL, 450_000, nowUs);
        }
        double gained = aimd.latestEstimateBps() - start;
        assertEquals(slopeBpsPerSecond, gained, 0.05 * slopeBpsPerSecond);
        assertTrue(gained < 0.08 * start, "additive, far below the multiplicative 8%/s");
    }

    @Test
    void shouldAllowFurtherReductionOnlyAfterRttOrOnThroughputCollapse() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(1_000_000, CLOCK_INITIAL_US);
        long nowUs = CLOCK_INITIAL_US + 1_000 * MS;
        aimd.update(BandwidthUsage.OVERUSING, 1_000_000, nowUs);
        long estimate = aimd.latestEstimateBps();
        assertFalse(aimd.timeToReduceFurther(nowUs + 100 * MS, estimate));
        assertTrue(aimd.timeToReduceFurther(nowUs + 200 * MS, estimate), "after clamp(200 ms rtt, 10, 200)");
        assertTrue(aimd.timeToReduceFurther(nowUs + 100 * MS, estimate / 2 - 1), "throughput < half the estimate");
        aimd.setRtt(50 * MS);
        assertTrue(aimd.timeToReduceFurther(nowUs + 50 * MS, estimate));
        aimd.setRtt(1 * MS);
        assertFalse(aimd.timeToReduceFurther(nowUs + 5 * MS, estimate), "interval never below 10 ms");
    }

    @Test
    void shouldRespectMinimumAndMaximumBitrate() {
        AimdRateControl aimd = newControl();
        aimd.setEstimate(100_000_000, CLOCK_INITIAL_US);
        assertEquals(30_000_000, aimd.latestEstimateBps());
        aimd.setMinBitrate(50_000);
        aimd.update(BandwidthUsage.OVERUSING, 20_000, CLOCK_INITIAL_US + 1_000 * MS);
        assertEquals(50_000, aimd.latestEstimateBps());
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 99, 2024, 31337})
    void shouldStayWithinBoundsOnGarbageInput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AimdRateControl aimd = new AimdRateControl(new AimdSettings());
        BandwidthUsage[] usages = {BandwidthUsage.NORMAL, BandwidthUsage.OVERUSING, BandwidthUsage.UNDERUSING, null};
        long[] weirdTimes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        long[] weirdRates = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1};
        long nowUs = 0;
        for (int i = 0; i < 5_000; i++) {
            nowUs = random.nextInt(10) == 0 ? weirdTimes[random.nextInt(weirdTimes.length)]
                    : nowUs + random.nextLong(-50_000, 500_000);
            long acked = random.nextInt(5) == 0 ? weirdRates[random.nextInt(weirdRates.length)]
                    : random.nextLong(0, 50_000_000);
            switch (random.nextInt(6)) {
                case 0 -> aimd.setEstimate(acked, nowUs);
                case 1 -> aimd.setRtt(weirdTimes[random.nextInt(weirdTimes.length)]);
                case 2 -> assertTrue(aimd.expectedBandwidthPeriodUs() >= 2_000 * MS);
                default -> aimd.update(usages[random.nextInt(usages.length)], acked, nowUs);
            }
            long estimate = aimd.latestEstimateBps();
            assertTrue(estimate >= 5_000 && estimate <= 30_000_000, "estimate out of range: " + estimate);
            assertTrue(Double.isFinite(aimd.nearMaxIncreaseRateBpsPerSecond()));
        }
    }
}
