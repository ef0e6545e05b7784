package dev.weir.gcc.loss.v2;

import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.INFINITY;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.OBSERVATION_DURATION_LOWER_BOUND_US;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.PACKET_SIZE;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.assertLoopBounded;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.estimator;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.kbps;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.shortObservationConfig;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The state machine behaviours of libwebrtc's loss_based_bwe_v2_test.cc (decreasing, hold,
 * increasing with padding, back to delay-based) and its byte-loss tests, one test per libwebrtc
 * test with the same inputs and expectations; each names the test it mirrors. Where libwebrtc sets
 * a field trial, the test sets the same setting.
 */
class LossBasedBweV2StateTest {
    private static final long T = OBSERVATION_DURATION_LOWER_BOUND_US;
    private final LossBasedBweV2Fixture feedback = new LossBasedBweV2Fixture();

    @Test // IncreaseByHoldFactorAfterLossBasedBweBacksOff
    void shouldIncreaseByTheInHoldFactorAfterABackOff() {
        LossBasedBweV2 bwe = estimator(shortObservationConfig());
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(100));
        update(bwe, feedback.hundredPercentLoss(0), delayBasedBps, false);
        long atLossBps = bwe.lossBasedEstimateBps();
        for (int count = 2; bwe.lossBasedState() != LossBasedState.INCREASE_USING_PADDING; count++) {
            assertLoopBounded(count);
            update(bwe, feedback.receivedPackets(T * count), delayBasedBps, false);
        }
        // BwRampupUpperBoundInHoldFactor is 1.2.
        assertEquals(Math.round(atLossBps * 1.2), bwe.lossBasedEstimateBps());
    }

    @Test // LossBasedStateIsDelayBasedEstimateAfterNetworkRecovering
    void shouldReturnToDelayBasedStateAfterTheNetworkRecovers() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.candidateFactors = new double[] {100, 1, 0.5};
        settings.instantUpperBoundBandwidthBalanceBps = kbps(10_000);
        settings.maxIncreaseFactor = 100;
        settings.notIncreaseIfInherentLossLessThanAverageLoss = false;
        LossBasedBweV2 bwe = estimator(settings);
        long delayBasedBps = kbps(600);
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(300));
        update(bwe, feedback.hundredPercentLoss(0), delayBasedBps, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        bwe.setAcknowledgedBitrate(kbps(600));
        update(bwe, feedback.receivedPackets(T), delayBasedBps, false);
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
        bwe.setAcknowledgedBitrate(kbps(600));
        update(bwe, feedback.receivedPackets(2 * T), delayBasedBps, false);
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
    }

    @Test // LossBasedStateIsNotDelayBasedEstimateIfDelayBasedEstimateInfinite
    void shouldStayLossLimitedWithoutADelayBasedEstimate() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.candidateFactors = new double[] {100, 1, 0.5};
        settings.instantUpperBoundBandwidthBalanceBps = kbps(10_000);
        settings.maxIncreaseFactor = 100;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, feedback.hundredPercentLoss(0), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        bwe.setAcknowledgedBitrate(kbps(600));
        update(bwe, feedback.receivedPackets(T), INFINITY, false);
        assertNotEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
    }

    @Test // IncreaseByFactorOfAckedBitrateAfterLossBasedBweBacksOff
    void shouldCapTheIncreaseAfterABackOffByAFactorOfTheAckedRate() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.lossThresholdOfHighBandwidthPreference = 0.99;
        settings.bandwidthRampupUpperBoundFactor = 1.2;
        settings.instantUpperBoundBandwidthBalanceBps = kbps(10_000); // disables the instant upper bound
        LossBasedBweV2 bwe = estimator(settings);
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(300));
        update(bwe, feedback.hundredPercentLoss(0), delayBasedBps, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        long estimate1 = bwe.lossBasedEstimateBps();
        assertTrue(estimate1 < kbps(600));
        long ackedBps = Math.round(estimate1 * 0.9);
        bwe.setAcknowledgedBitrate(ackedBps);
        int count = 1;
        while (bwe.lossBasedState() != LossBasedState.INCREASE_USING_PADDING) {
            assertLoopBounded(count);
            update(bwe, feedback.receivedPackets(count++ * T), delayBasedBps, false);
        }
        long increasedBps = bwe.lossBasedEstimateBps();
        assertEquals(Math.round(ackedBps * 1.2), increasedBps);
        // A lower acked rate does not lower the estimate while there is no loss.
        bwe.setAcknowledgedBitrate(ackedBps);
        update(bwe, feedback.receivedPackets(count * T), delayBasedBps, false);
        assertEquals(increasedBps, bwe.lossBasedEstimateBps());
    }

    @Test // EnsureIncreaseEvenIfAckedBitrateBound
    void shouldSwitchToIncreasingByOneBpsWhenTheAckedRateCapsTheIncrease() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.lossThresholdOfHighBandwidthPreference = 0.99;
        settings.bandwidthRampupUpperBoundFactor = 1.2;
        settings.instantUpperBoundBandwidthBalanceBps = kbps(10_000);
        LossBasedBweV2 bwe = estimator(settings);
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(300));
        update(bwe, feedback.hundredPercentLoss(0), delayBasedBps, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        long estimate1 = bwe.lossBasedEstimateBps();
        assertTrue(estimate1 < kbps(600));
        bwe.setAcknowledgedBitrate(estimate1 / 2);
        int count = 1;
        while (bwe.lossBasedState() != LossBasedState.INCREASE_USING_PADDING) {
            assertLoopBounded(count);
            update(bwe, feedback.receivedPackets(count++ * T), delayBasedBps, false);
        }
        assertEquals(estimate1 + 1, bwe.lossBasedEstimateBps());
    }

    @Test // HasDecreaseStateBecauseOfUpperBound
    void shouldDecreaseToTheInstantUpperBound() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.candidateFactors = new double[] {1.0};
        settings.instantUpperBoundBandwidthBalanceBps = kbps(10);
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setMinMaxBitrate(kbps(10), kbps(1_000_000));
        bwe.setBandwidthEstimate(kbps(500));
        bwe.setAcknowledgedBitrate(kbps(100));
        update(bwe, feedback.tenPercentLoss(0), INFINITY, false);
        assertEquals(kbps(200), bwe.lossBasedEstimateBps());
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
    }

    @Test // HasIncreaseStateBecauseOfLowerBound
    void shouldIncreaseToTheInstantLowerBound() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.candidateFactors = new double[] {1.0};
        settings.lowerBoundByAckedRateFactor = 10.0;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setMinMaxBitrate(kbps(10), kbps(1_000_000));
        bwe.setBandwidthEstimate(kbps(500));
        bwe.setAcknowledgedBitrate(kbps(1));
        update(bwe, feedback.fiftyPercentLoss(0), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        bwe.setAcknowledgedBitrate(kbps(200));
        update(bwe, feedback.fiftyPercentLoss(2 * T), INFINITY, false);
        assertEquals(kbps(200) * 10, bwe.lossBasedEstimateBps());
        assertEquals(LossBasedState.INCREASE_USING_PADDING, bwe.lossBasedState());
    }

    @Test // EstimateIncreaseSlowlyFromInstantUpperBoundInAlrIfFieldTrial
    void shouldIncreaseSlowlyFromTheInstantUpperBoundInAlr() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.appendUpperBoundCandidateInAlr = true;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(1000));
        bwe.setAcknowledgedBitrate(kbps(150));
        update(bwe, feedback.fiftyPercentLoss(0), INFINITY, true);
        long afterLossBps = bwe.lossBasedEstimateBps();
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        for (int count = 1; count <= 3; count++) {
            update(bwe, feedback.receivedPackets(count * T), INFINITY, true);
        }
        assertTrue(bwe.lossBasedEstimateBps() < 2 * afterLossBps, () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // HasDelayBasedStateIfLossBasedBweIsMax
    void shouldReturnToDelayBasedStateAtTheMaximum() {
        LossBasedBweV2 bwe = estimator(shortObservationConfig());
        bwe.setMinMaxBitrate(kbps(10), kbps(1000));
        update(bwe, feedback.receivedPackets(0), kbps(2000), false);
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
        assertEquals(kbps(1000), bwe.lossBasedEstimateBps());
        update(bwe, feedback.fiftyPercentLoss(T), kbps(2000), false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        assertTrue(bwe.lossBasedEstimateBps() < kbps(1000));
        int count = 2;
        while (bwe.lossBasedState() != LossBasedState.DELAY_BASED_ESTIMATE) {
            assertLoopBounded(count);
            update(bwe, feedback.receivedPackets(count++ * T), kbps(2000), false);
        }
        assertEquals(kbps(1000), bwe.lossBasedEstimateBps());
    }

    @Test // IncreaseUsingPaddingStateIfFieldTrial
    void shouldEnterIncreaseUsingPaddingAfterLoss() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.paddingDurationMs = 1000;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(2500));
        update(bwe, feedback.fiftyPercentLoss(0), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        for (int count = 1; bwe.lossBasedState() != LossBasedState.INCREASE_USING_PADDING; count++) {
            assertLoopBounded(count);
            update(bwe, feedback.receivedPackets(T * count), INFINITY, false);
        }
        assertEquals(LossBasedState.INCREASE_USING_PADDING, bwe.lossBasedState());
    }

    @Test // BestCandidateResetsToUpperBoundInFieldTrial
    void shouldRampUpSlowlyFromTheBoundAfterALargeLoss() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.paddingDurationMs = 1000;
        settings.boundBestCandidate = true;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(2500));
        update(bwe, feedback.fiftyPercentLoss(0), INFINITY, true);
        long afterLossBps = bwe.lossBasedEstimateBps();
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        update(bwe, feedback.receivedPackets(T), INFINITY, true);
        update(bwe, feedback.receivedPackets(2 * T), INFINITY, true);
        assertEquals(LossBasedState.INCREASE_USING_PADDING, bwe.lossBasedState());
        assertEquals(afterLossBps / 1000.0, bwe.lossBasedEstimateBps() / 1000.0, 100);
    }

    @Test // DecreaseToAckedCandidateIfPaddingInAlr
    void shouldDecreaseToTheAckedRateWhenPaddingInAlrMeetsLoss() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.paddingDurationMs = 1000;
        settings.instantUpperBoundBandwidthBalanceBps = kbps(10_000);
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(1000));
        int id = 0;
        while (bwe.lossBasedState() != LossBasedState.DECREASING) {
            assertLoopBounded(id);
            update(bwe, feedback.hundredPercentLoss(T * id++), INFINITY, true);
        }
        while (bwe.lossBasedState() != LossBasedState.INCREASE_USING_PADDING) {
            assertLoopBounded(id);
            update(bwe, feedback.receivedPackets(T * id++), INFINITY, true);
        }
        assertTrue(bwe.lossBasedEstimateBps() > kbps(900), () -> "estimate " + bwe.lossBasedEstimateBps());
        bwe.setAcknowledgedBitrate(kbps(100));
        // Padding is being sent: now some packets are lost.
        update(bwe, feedback.hundredPercentLoss(T * id), INFINITY, true);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        assertEquals(kbps(100), bwe.lossBasedEstimateBps());
    }

    @Test // DecreaseAfterPadding
    void shouldDecreaseWhenPaddingLastedItsDurationWithoutAnIncrease() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.paddingDurationMs = 1000;
        settings.bandwidthRampupUpperBoundFactor = 2.0;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(2500));
        bwe.setAcknowledgedBitrate(kbps(51));
        update(bwe, feedback.fiftyPercentLoss(0), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        assertEquals(kbps(51), bwe.lossBasedEstimateBps());
        bwe.setAcknowledgedBitrate(kbps(26));
        int id = 1;
        while (bwe.lossBasedState() != LossBasedState.INCREASE_USING_PADDING) {
            assertLoopBounded(id);
            update(bwe, feedback.receivedPackets(T * id++), INFINITY, false);
        }
        long increasedAtUs = T * id;
        // Padding for a while without a higher estimate (capped at 2 x the acked rate).
        while (bwe.lossBasedState() == LossBasedState.INCREASE_USING_PADDING) {
            assertLoopBounded(id);
            update(bwe, feedback.receivedPackets(T * id++), INFINITY, false);
        }
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        long decreasingAtUs = T * (id - 1);
        assertEquals(1_000_000, decreasingAtUs - increasedAtUs);
    }

    @Test // HoldRateNotLowerThanAckedRate
    void shouldNotHoldBelowTheAckedRate() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.holdDurationFactor = 10;
        settings.lowerBoundByAckedRateFactor = 1.0;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(2500));
        update(bwe, feedback.fiftyPercentLoss(0), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        bwe.setAcknowledgedBitrate(kbps(1000));
        update(bwe, feedback.fiftyPercentLoss(T), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        assertEquals(kbps(1000), bwe.lossBasedEstimateBps());
    }

    @Test // EstimateNotLowerThanAckedRate
    void shouldNotGoBelowTheAckedRateAndRecoverFromIt() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.lowerBoundByAckedRateFactor = 1.0;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(2500));
        update(bwe, feedback.hundredPercentLoss(0), INFINITY, false);
        assertTrue(bwe.lossBasedEstimateBps() < kbps(1000));
        bwe.setAcknowledgedBitrate(kbps(1000));
        update(bwe, feedback.hundredPercentLoss(T), INFINITY, false);
        assertEquals(kbps(1000), bwe.lossBasedEstimateBps());
        update(bwe, feedback.receivedPackets(2 * T), INFINITY, false);
        update(bwe, feedback.receivedPackets(3 * T), INFINITY, false);
        assertTrue(bwe.lossBasedEstimateBps() > kbps(1000), () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // EndHoldDurationIfDelayBasedEstimateWorks
    void shouldEndTheHoldWhenTheDelayBasedEstimateLimits() {
        LossBasedBweV2 bwe = estimator(shortObservationConfig());
        bwe.setBandwidthEstimate(kbps(2500));
        update(bwe, feedback.fiftyPercentLoss(0), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        long estimate = bwe.lossBasedEstimateBps();
        update(bwe, feedback.receivedPackets(T), estimate + kbps(10), false);
        update(bwe, feedback.receivedPackets(2 * T), estimate + kbps(10), false);
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
        assertEquals(estimate + kbps(10), bwe.lossBasedEstimateBps());
    }

    @Test // UseByteLossRate
    void shouldJudgeLossByBytesWhenConfigured() {
        LossBasedBweV2Settings settings = shortObservationConfig();
        settings.useByteLossRate = true;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(500));
        // 10 % packet loss but more than 50 % byte loss.
        update(bwe, feedback.tenPercentLoss(0, PACKET_SIZE * 20), INFINITY, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        assertTrue(bwe.lossBasedEstimateBps() < kbps(160), () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // UseByteLossRateIgnoreLossSpike
    void shouldIgnoreASingleLossSpikeButNotASecond() {
        LossBasedBweV2Settings settings = new LossBasedBweV2Settings();
        settings.useByteLossRate = true;
        settings.observationWindowSize = 5;
        LossBasedBweV2 bwe = estimator(settings);
        long delayBasedBps = kbps(500);
        bwe.setBandwidthEstimate(delayBasedBps);
        for (int i = 0; i < 5; i++) {
            update(bwe, feedback.receivedPackets(i * T), delayBasedBps, false);
        }
        update(bwe, feedback.hundredPercentLoss(5 * T), delayBasedBps, false);
        update(bwe, feedback.receivedPackets(6 * T), delayBasedBps, false);
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
        assertEquals(delayBasedBps, bwe.lossBasedEstimateBps());
        update(bwe, feedback.hundredPercentLoss(7 * T), delayBasedBps, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        assertTrue(bwe.lossBasedEstimateBps() < delayBasedBps);
    }

    @Test // UseByteLossRateDoesNotIgnoreLossSpikeOnSendBurst
    void shouldNotIgnoreALossSpikeThatCameWithASendBurst() {
        LossBasedBweV2Settings settings = new LossBasedBweV2Settings();
        settings.useByteLossRate = true;
        settings.observationWindowSize = 5;
        LossBasedBweV2 bwe = estimator(settings);
        long delayBasedBps = kbps(500);
        bwe.setBandwidthEstimate(delayBasedBps);
        for (int i = 0; i < 5; i++) {
            update(bwe, feedback.receivedPackets(i * T), delayBasedBps, false);
        }
        update(bwe, feedback.hundredPercentLoss(5 * T, 5), delayBasedBps, false);
        assertEquals(LossBasedState.DECREASING, bwe.lossBasedState());
        assertTrue(bwe.lossBasedEstimateBps() <= delayBasedBps);
    }
}
