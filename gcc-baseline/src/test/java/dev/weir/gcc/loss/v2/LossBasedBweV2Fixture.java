package dev.weir.gcc.loss.v2;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixture of libwebrtc's loss_based_bwe_v2_test.cc (https://webrtc.googlesource.com/src,
 * modules/congestion_controller/goog_cc): its two field-trial configurations as settings, and its
 * packet-result factories (same sequence numbers, send times and sizes). Times are microseconds.
 */
final class LossBasedBweV2Fixture {
    static final long MS = 1000;
    /** kObservationDurationLowerBound. */
    static final long OBSERVATION_DURATION_LOWER_BOUND_US = 250 * MS;
    /** kDelayedIncreaseWindow. */
    static final long DELAYED_INCREASE_WINDOW_US = 300 * MS;
    /** kMaxIncreaseFactor. */
    static final double MAX_INCREASE_FACTOR = 1.5;
    /** kPacketSize, bytes. */
    static final int PACKET_SIZE = 15_000;
    /** libwebrtc's DataRate::PlusInfinity(). */
    static final long INFINITY = LossBasedBweV2.NO_ESTIMATE;
    /** Bound on the tests' "until the state is X" loops, so a broken port fails instead of hanging. */
    private static final int MAX_LOOP_FEEDBACKS = 10_000;

    record Packet(long sequenceNumber, long sendTimeUs, int sizeBytes, boolean received) {
    }

    private long transportSequenceNumber;

    static long kbps(long kbps) {
        return kbps * 1000;
    }

    /** The test's Config(enabled, valid). */
    static LossBasedBweV2Settings config(boolean enabled, boolean valid) {
        LossBasedBweV2Settings s = new LossBasedBweV2Settings();
        s.enabled = enabled;
        s.bandwidthRampupUpperBoundFactor = valid ? 1.2 : 0.0;
        s.candidateFactors = new double[] {1.1, 1.0, 0.95};
        s.higherBandwidthBiasFactor = 0.01;
        s.inherentLossLowerBound = 0.001;
        s.inherentLossUpperBoundBandwidthBalanceBps = kbps(14);
        s.inherentLossUpperBoundOffset = 0.9;
        s.initialInherentLossEstimate = 0.01;
        s.newtonIterations = 2;
        s.newtonStepSize = 0.4;
        s.observationWindowSize = 15;
        s.sendingRateSmoothingFactor = 0.01;
        s.instantUpperBoundTemporalWeightFactor = 0.97;
        s.instantUpperBoundBandwidthBalanceBps = kbps(90);
        s.instantUpperBoundLossOffset = 0.1;
        s.temporalWeightFactor = 0.98;
        s.minNumObservations = 1;
        s.observationDurationLowerBoundMs = OBSERVATION_DURATION_LOWER_BOUND_US / MS;
        s.maxIncreaseFactor = MAX_INCREASE_FACTOR;
        s.delayedIncreaseWindowMs = DELAYED_INCREASE_WINDOW_US / MS;
        return s;
    }

    /** The test's ShortObservationConfig(""): defaults with MinNumObservations:1, ObservationWindowSize:2. */
    static LossBasedBweV2Settings shortObservationConfig() {
        LossBasedBweV2Settings s = new LossBasedBweV2Settings();
        s.minNumObservations = 1;
        s.observationWindowSize = 2;
        return s;
    }

    static LossBasedBweV2 estimator(LossBasedBweV2Settings settings) {
        return new LossBasedBweV2(settings);
    }

    /** CreatePacketResultsWithReceivedPackets: two received packets 250 ms apart. */
    List<Packet> receivedPackets(long firstUs) {
        return List.of(new Packet(transportSequenceNumber++, firstUs, PACKET_SIZE, true),
                new Packet(transportSequenceNumber++, firstUs + OBSERVATION_DURATION_LOWER_BOUND_US, PACKET_SIZE, true));
    }

    /** CreatePacketResultsWith10pPacketLossRate: ten packets 250 ms apart, the last lost. */
    List<Packet> tenPercentLoss(long firstUs) {
        return tenPercentLoss(firstUs, PACKET_SIZE);
    }

    List<Packet> tenPercentLoss(long firstUs, int lostPacketSize) {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean lost = i == 9;
            packets.add(new Packet(transportSequenceNumber++, firstUs + i * OBSERVATION_DURATION_LOWER_BOUND_US,
                    lost ? lostPacketSize : PACKET_SIZE, !lost));
        }
        return packets;
    }

    /** CreatePacketResultsWith50pPacketLossRate: two packets 250 ms apart, the second lost. */
    List<Packet> fiftyPercentLoss(long firstUs) {
        return List.of(new Packet(transportSequenceNumber++, firstUs, PACKET_SIZE, true),
                new Packet(transportSequenceNumber++, firstUs + OBSERVATION_DURATION_LOWER_BOUND_US, PACKET_SIZE, false));
    }

    /** CreatePacketResultsWith100pLossRate(first, 2). */
    List<Packet> hundredPercentLoss(long firstUs) {
        return hundredPercentLoss(firstUs, 2);
    }

    /** CreatePacketResultsWith100pLossRate: n - 1 lost packets 10 ms apart, the last lost one at +250 ms. */
    List<Packet> hundredPercentLoss(long firstUs, int numPackets) {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < numPackets - 1; i++) {
            packets.add(new Packet(transportSequenceNumber++, firstUs + i * 10 * MS, PACKET_SIZE, false));
        }
        packets.add(new Packet(transportSequenceNumber++, firstUs + OBSERVATION_DURATION_LOWER_BOUND_US, PACKET_SIZE,
                false));
        return packets;
    }

    /** libwebrtc's UpdateBandwidthEstimate(packet_results, delay_based_estimate, in_alr). */
    static void update(LossBasedBweV2 bwe, List<Packet> packets, long delayBasedBps, boolean inAlr) {
        for (Packet p : packets) {
            bwe.onPacketResult(p.sequenceNumber(), p.sendTimeUs(), p.sizeBytes(), p.received());
        }
        bwe.updateBandwidthEstimate(delayBasedBps, inAlr);
    }

    /** Call once per iteration of a "while the state is not X" loop of the original test. */
    static void assertLoopBounded(int iteration) {
        if (iteration > MAX_LOOP_FEEDBACKS) {
            fail("the awaited state was not reached after " + MAX_LOOP_FEEDBACKS + " feedbacks");
        }
    }
}
