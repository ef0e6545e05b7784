package dev.weir.gcc.loss.v2;

import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.DELAYED_INCREASE_WINDOW_US;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.INFINITY;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.MS;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.OBSERVATION_DURATION_LOWER_BOUND_US;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.PACKET_SIZE;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.config;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.estimator;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.kbps;
import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.Packet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimate-level behaviours of libwebrtc's loss_based_bwe_v2_test.cc (initialisation,
 * observations, candidates, bounds), one test per libwebrtc test with the same inputs and
 * expectations; each names the test it mirrors.
 */
class LossBasedBweV2EstimateTest {
    private final LossBasedBweV2Fixture feedback = new LossBasedBweV2Fixture();

    private static LossBasedBweV2 validEstimator() {
        return estimator(config(true, true));
    }

    @Test // ReturnsDelayBasedEstimateWhenDisabled
    void shouldReturnTheDelayBasedEstimateWhenDisabled() {
        LossBasedBweV2 bwe = estimator(config(false, true));
        update(bwe, List.of(), kbps(100), false);
        assertEquals(kbps(100), bwe.lossBasedEstimateBps());
    }

    @Test // BandwidthEstimateGivenInitializationAndThenFeedback
    void shouldHaveAnEstimateAfterInitialisationAndFeedback() {
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, feedback.receivedPackets(0), INFINITY, false);
        assertTrue(bwe.isReady());
        assertTrue(bwe.lossBasedEstimateBps() < INFINITY);
    }

    @Test // NoBandwidthEstimateGivenNoInitialization
    void shouldHaveNoEstimateWithoutInitialisation() {
        LossBasedBweV2 bwe = validEstimator();
        update(bwe, feedback.receivedPackets(0), INFINITY, false);
        assertFalse(bwe.isReady());
        assertEquals(INFINITY, bwe.lossBasedEstimateBps());
    }

    @Test // NoBandwidthEstimateGivenNotEnoughFeedback
    void shouldHaveNoEstimateWhileFeedbackSpansLessThanTheObservationLowerBound() {
        long half = OBSERVATION_DURATION_LOWER_BOUND_US / 2;
        List<Packet> notEnough = List.of(new Packet(0, 0, 15_000, true), new Packet(0, half, 15_000, true));
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        assertFalse(bwe.isReady());
        assertEquals(INFINITY, bwe.lossBasedEstimateBps());
        update(bwe, notEnough, INFINITY, false);
        assertFalse(bwe.isReady());
        assertEquals(INFINITY, bwe.lossBasedEstimateBps());
    }

    @Test // SetValueIsTheEstimateUntilAdditionalFeedbackHasBeenReceived
    void shouldReturnASetValueUntilMoreFeedbackArrives() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(2 * OBSERVATION_DURATION_LOWER_BOUND_US);
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, first, INFINITY, false);
        assertNotEquals(kbps(600), bwe.lossBasedEstimateBps());
        bwe.setBandwidthEstimate(kbps(600));
        assertEquals(kbps(600), bwe.lossBasedEstimateBps());
        update(bwe, second, INFINITY, false);
        assertNotEquals(kbps(600), bwe.lossBasedEstimateBps());
    }

    @Test // SetAcknowledgedBitrateOnlyAffectsTheBweWhenAdditionalFeedbackIsGiven
    void shouldUseANewAckedRateOnlyWithTheNextFeedback() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(2 * OBSERVATION_DURATION_LOWER_BOUND_US);
        LossBasedBweV2 bwe1 = validEstimator();
        LossBasedBweV2 bwe2 = validEstimator();
        bwe1.setBandwidthEstimate(kbps(600));
        bwe2.setBandwidthEstimate(kbps(600));
        update(bwe1, first, INFINITY, false);
        update(bwe2, first, INFINITY, false);
        assertEquals(kbps(660), bwe1.lossBasedEstimateBps());
        bwe1.setAcknowledgedBitrate(kbps(900));
        assertEquals(kbps(660), bwe1.lossBasedEstimateBps());
        update(bwe1, second, INFINITY, false);
        update(bwe2, second, INFINITY, false);
        assertNotEquals(bwe1.lossBasedEstimateBps(), bwe2.lossBasedEstimateBps());
    }

    @Test // BandwidthEstimateIsCappedToBeTcpFairGivenTooHighLossRate
    void shouldCapTheEstimateTcpFairlyUnderTotalLoss() {
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, feedback.hundredPercentLoss(0), INFINITY, false);
        assertEquals(kbps(100), bwe.lossBasedEstimateBps());
    }

    @Test // BandwidthEstimateCappedByDelayBasedEstimateWhenNetworkNormal
    void shouldIncreaseButNotAboveTheDelayBasedEstimateWithoutLoss() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(2 * OBSERVATION_DURATION_LOWER_BOUND_US);
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, first, INFINITY, false);
        assertTrue(bwe.lossBasedEstimateBps() > kbps(600));
        update(bwe, second, kbps(500), false);
        assertEquals(kbps(500), bwe.lossBasedEstimateBps());
    }

    @Test // UseAckedBitrateForEmegencyBackOff
    void shouldBackOffToTheAckedRateUnderRisingLoss() {
        List<Packet> first = feedback.fiftyPercentLoss(0);
        List<Packet> second = feedback.hundredPercentLoss(2 * OBSERVATION_DURATION_LOWER_BOUND_US);
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        long ackedBps = kbps(300);
        bwe.setAcknowledgedBitrate(ackedBps);
        update(bwe, first, INFINITY, false);
        update(bwe, second, INFINITY, false);
        assertTrue(bwe.lossBasedEstimateBps() <= ackedBps, () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // NoBweChangeIfObservationDurationUnchanged
    void shouldIgnoreRepeatedFeedback() {
        List<Packet> first = feedback.receivedPackets(0);
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(300));
        update(bwe, first, INFINITY, false);
        long estimate1 = bwe.lossBasedEstimateBps();
        update(bwe, first, INFINITY, false);
        assertEquals(estimate1, bwe.lossBasedEstimateBps());
    }

    @Test // NoBweChangeIfObservationDurationIsSmallAndNetworkNormal
    void shouldNotChangeOnFeedbackWithinOneObservationDuration() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(OBSERVATION_DURATION_LOWER_BOUND_US - MS);
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, first, INFINITY, false);
        long estimate1 = bwe.lossBasedEstimateBps();
        update(bwe, second, INFINITY, false);
        assertEquals(estimate1, bwe.lossBasedEstimateBps());
    }

    @Test // NoBweIncreaseIfObservationDurationIsSmallAndNetworkUnderusing
    void shouldNotIncreaseOnFeedbackWithinOneObservationDuration() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(OBSERVATION_DURATION_LOWER_BOUND_US - MS);
        LossBasedBweV2 bwe = validEstimator();
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, first, INFINITY, false);
        long estimate1 = bwe.lossBasedEstimateBps();
        update(bwe, second, INFINITY, false);
        assertTrue(bwe.lossBasedEstimateBps() <= estimate1);
    }

    @Test // IncreaseToDelayBasedEstimateIfNoLossOrDelayIncrease
    void shouldFollowTheDelayBasedEstimateWithoutLoss() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(2 * OBSERVATION_DURATION_LOWER_BOUND_US);
        LossBasedBweV2 bwe = validEstimator();
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, first, delayBasedBps, false);
        assertEquals(delayBasedBps, bwe.lossBasedEstimateBps());
        update(bwe, second, delayBasedBps, false);
        assertEquals(delayBasedBps, bwe.lossBasedEstimateBps());
    }

    @Test // EstimateBitrateIsBoundedDuringDelayedWindowAfterLossBasedBweBacksOff
    void shouldBoundTheEstimateDuringTheDelayedIncreaseWindowAfterABackOff() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.fiftyPercentLoss(DELAYED_INCREASE_WINDOW_US - 2 * MS);
        List<Packet> third = feedback.receivedPackets(DELAYED_INCREASE_WINDOW_US - MS);
        LossBasedBweV2 bwe = validEstimator();
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(300));
        update(bwe, first, delayBasedBps, false);
        bwe.setAcknowledgedBitrate(kbps(5000));
        update(bwe, second, delayBasedBps, false);
        long estimate2 = bwe.lossBasedEstimateBps();
        update(bwe, third, delayBasedBps, false);
        assertEquals(estimate2, bwe.lossBasedEstimateBps());
    }

    @Test // KeepIncreasingEstimateAfterDelayedIncreaseWindow
    void shouldKeepIncreasingAfterTheDelayedIncreaseWindow() {
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(DELAYED_INCREASE_WINDOW_US - MS);
        List<Packet> third = feedback.receivedPackets(DELAYED_INCREASE_WINDOW_US + MS);
        LossBasedBweV2 bwe = validEstimator();
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(300));
        update(bwe, first, delayBasedBps, false);
        bwe.setAcknowledgedBitrate(kbps(5000));
        update(bwe, second, delayBasedBps, false);
        long estimate2 = bwe.lossBasedEstimateBps();
        update(bwe, third, delayBasedBps, false);
        assertTrue(bwe.lossBasedEstimateBps() >= estimate2);
    }

    @Test // NotIncreaseIfInherentLossLessThanAverageLoss
    void shouldNotIncreaseWhileTheAverageLossExceedsTheInherentLoss() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.candidateFactors = new double[] {1.2};
        settings.notIncreaseIfInherentLossLessThanAverageLoss = true;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, feedback.tenPercentLoss(0), INFINITY, false);
        update(bwe, feedback.tenPercentLoss(OBSERVATION_DURATION_LOWER_BOUND_US), INFINITY, false);
        assertEquals(kbps(600), bwe.lossBasedEstimateBps());
    }

    @Test // SelectHighBandwidthCandidateIfLossRateIsLessThanThreshold
    void shouldPreferAHigherBandwidthBelowTheLossThreshold() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.lossThresholdOfHighBandwidthPreference = 0.20;
        settings.notIncreaseIfInherentLossLessThanAverageLoss = false;
        LossBasedBweV2 bwe = estimator(settings);
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, feedback.tenPercentLoss(0), delayBasedBps, false);
        update(bwe, feedback.tenPercentLoss(OBSERVATION_DURATION_LOWER_BOUND_US), delayBasedBps, false);
        assertTrue(bwe.lossBasedEstimateBps() > kbps(600), () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // SelectLowBandwidthCandidateIfLossRateIsIsHigherThanThreshold
    void shouldPreferALowerBandwidthAboveTheLossThreshold() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.lossThresholdOfHighBandwidthPreference = 0.05;
        LossBasedBweV2 bwe = estimator(settings);
        long delayBasedBps = kbps(5000);
        bwe.setBandwidthEstimate(kbps(600));
        update(bwe, feedback.tenPercentLoss(0), delayBasedBps, false);
        update(bwe, feedback.tenPercentLoss(OBSERVATION_DURATION_LOWER_BOUND_US), delayBasedBps, false);
        assertTrue(bwe.lossBasedEstimateBps() < kbps(600), () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // EstimateIsNotHigherThanMaxBitrate
    void shouldNotExceedTheMaximumBitrate() {
        LossBasedBweV2 bwe = validEstimator();
        bwe.setMinMaxBitrate(kbps(10), kbps(1000));
        bwe.setBandwidthEstimate(kbps(1000));
        update(bwe, feedback.receivedPackets(0), INFINITY, false);
        assertTrue(bwe.lossBasedEstimateBps() <= kbps(1000));
    }

    @Test // NotBackOffToAckedRateInAlr
    void shouldNotBackOffToTheAckedRateInAlr() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.instantUpperBoundBandwidthBalanceBps = kbps(100);
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setMinMaxBitrate(kbps(10), kbps(1_000_000));
        bwe.setBandwidthEstimate(kbps(600));
        long ackedBps = kbps(100);
        bwe.setAcknowledgedBitrate(ackedBps);
        update(bwe, feedback.hundredPercentLoss(0), kbps(5000), true);
        assertTrue(bwe.lossBasedEstimateBps() > ackedBps, () -> "estimate " + bwe.lossBasedEstimateBps());
        assertTrue(bwe.lossBasedEstimateBps() < kbps(600), () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // BackOffToAckedRateIfNotInAlr
    void shouldBackOffToTheAckedRateOutsideAlr() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.instantUpperBoundBandwidthBalanceBps = kbps(100);
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setMinMaxBitrate(kbps(10), kbps(1_000_000));
        bwe.setBandwidthEstimate(kbps(600));
        long ackedBps = kbps(100);
        bwe.setAcknowledgedBitrate(ackedBps);
        update(bwe, feedback.hundredPercentLoss(0), kbps(5000), false);
        assertEquals(ackedBps, bwe.lossBasedEstimateBps());
    }

    @Test // NotReadyToUseInStartPhase
    void shouldNotBeReadyForTheStartPhaseWithoutFeedback() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.useInStartPhase = true;
        assertFalse(estimator(settings).readyToUseInStartPhase());
    }

    @Test // ReadyToUseInStartPhase
    void shouldBeReadyForTheStartPhaseAfterFeedbackWithADelayBasedEstimate() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.useInStartPhase = true;
        LossBasedBweV2 bwe = estimator(settings);
        update(bwe, feedback.receivedPackets(0), kbps(600), false);
        assertTrue(bwe.readyToUseInStartPhase());
    }

    @Test // BoundEstimateByAckedRate
    void shouldNotGoBelowTheAckedRateWithTheLowerBoundFactor() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.lowerBoundByAckedRateFactor = 1.0;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setMinMaxBitrate(kbps(10), kbps(1_000_000));
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(500));
        update(bwe, feedback.hundredPercentLoss(0), INFINITY, false);
        assertEquals(kbps(500), bwe.lossBasedEstimateBps());
    }

    @Test // NotBoundEstimateByAckedRate
    void shouldGoBelowTheAckedRateWithoutTheLowerBoundFactor() {
        LossBasedBweV2Settings settings = LossBasedBweV2Fixture.shortObservationConfig();
        settings.lowerBoundByAckedRateFactor = 0.0;
        LossBasedBweV2 bwe = estimator(settings);
        bwe.setMinMaxBitrate(kbps(10), kbps(1_000_000));
        bwe.setBandwidthEstimate(kbps(600));
        bwe.setAcknowledgedBitrate(kbps(500));
        update(bwe, feedback.hundredPercentLoss(0), INFINITY, false);
        assertTrue(bwe.lossBasedEstimateBps() < kbps(500), () -> "estimate " + bwe.lossBasedEstimateBps());
    }

    @Test // EstimateDoesNotBackOffDueToPacketReorderingBetweenFeedback
    void shouldNotCountAPacketReportedLostThenReceivedAsLoss() {
        LossBasedBweV2 bwe = estimator(LossBasedBweV2Fixture.shortObservationConfig());
        long startBps = kbps(2500);
        bwe.setBandwidthEstimate(startBps);
        List<Packet> first = List.of(new Packet(1, 0, PACKET_SIZE, true), new Packet(2, 0, PACKET_SIZE, false),
                new Packet(3, 0, PACKET_SIZE, true));
        List<Packet> second = List.of(new Packet(2, 0, PACKET_SIZE, true),
                new Packet(4, OBSERVATION_DURATION_LOWER_BOUND_US, PACKET_SIZE, true),
                new Packet(5, 0, PACKET_SIZE, true));
        update(bwe, first, startBps, false);
        update(bwe, second, startBps, false);
        assertEquals(startBps, bwe.lossBasedEstimateBps());
    }

    @Test // SelectHigherCandidateIfHavingSameObjective
    void shouldSelectTheHigherCandidateOnATie() {
        LossBasedBweV2 bwe = estimator(LossBasedBweV2Fixture.shortObservationConfig());
        long startBps = kbps(1000);
        bwe.setBandwidthEstimate(startBps);
        List<Packet> first = feedback.receivedPackets(0);
        List<Packet> second = feedback.receivedPackets(OBSERVATION_DURATION_LOWER_BOUND_US);
        update(bwe, first, startBps, false);
        // DataRate::BytesPerSec(125000 * 1.02 + 1): 1.02 x the start rate plus one byte per second.
        long delayBasedBps = (long) ((startBps / 8 * 1.02 + 1) * 8);
        update(bwe, second, delayBasedBps, false);
        assertEquals(delayBasedBps, bwe.lossBasedEstimateBps());
    }
}
