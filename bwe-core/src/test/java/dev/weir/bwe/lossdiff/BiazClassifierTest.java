package dev.weir.bwe.lossdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.bwe.api.FeedbackReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Packets 0..4 arrive 10 ms apart (Tmin = 10 ms); then a gap of n, revealed after Ti. */
class BiazClassifierTest {
    private static final long TMIN_US = 10_000;

    private static void warmUp(LossClassifier classifier) {
        for (int seq = 0; seq < 5; seq++) {
            classifier.onPacket(seq, seq * TMIN_US, seq * TMIN_US + 40_000, 1200);
        }
    }

    /** Reveals a gap of {@code lost} packets after packet 4, {@code tiUs} after its arrival. */
    private static Verdict gap(LossClassifier classifier, int lost, long tiUs) {
        warmUp(classifier);
        long arrivalUs = 4 * TMIN_US + 40_000 + tiUs;
        classifier.onPacket(5 + lost, arrivalUs - 40_000, arrivalUs, 1200);
        return classifier.lastVerdict();
    }

    @ParameterizedTest(name = "biaz n={0} Ti={1}us -> {2}")
    @CsvSource({
        "1, 20000, RANDOM",      // (n+1)*Tmin = 20 ms <= Ti < 30 ms
        "1, 29999, RANDOM",
        "1, 30000, CONGESTION",  // upper bound (n+2)*Tmin excluded
        "1, 50000, CONGESTION",  // Ti = 5 * Tmin
        "1, 19999, CONGESTION",  // too early for a missing packet at the bottleneck spacing
        "2, 30000, RANDOM",      // 30 ms <= Ti < 40 ms
        "2, 45000, CONGESTION",
        "4, 55000, RANDOM"
    })
    void shouldApplyTheBiazBounds(int lost, long tiUs, Verdict expected) {
        assertEquals(expected, gap(BiazClassifier.biaz(), lost, tiUs));
    }

    @ParameterizedTest(name = "mbiaz n={0} Ti={1}us -> {2}")
    @CsvSource({
        "1, 20000, RANDOM",      // 20 ms <= Ti < (1 + 1.25) * 10 ms = 22.5 ms
        "1, 22499, RANDOM",
        "1, 22500, CONGESTION",
        "1, 25000, CONGESTION",  // Biaz would call this random
        "3, 42000, RANDOM",      // 40 ms <= Ti < 42.5 ms
        "3, 43000, CONGESTION"
    })
    void shouldApplyTheTighterMBiazUpperBound(int lost, long tiUs, Verdict expected) {
        assertEquals(expected, gap(BiazClassifier.mBiaz(), lost, tiUs));
    }

    @Test
    void shouldCallLossesCongestionWhileTminIsUnknown() {
        BiazClassifier biaz = BiazClassifier.biaz();
        biaz.onPacket(0, 0, 40_000, 1200);
        biaz.onPacket(2, 20_000, 60_000, 1200);
        assertEquals(Verdict.CONGESTION, biaz.lastVerdict());
    }

    @Test
    void shouldCountEventsAndPacketsAndIgnoreLateAndDuplicatePackets() {
        BiazClassifier biaz = BiazClassifier.biaz();
        long[] sinkCalls = new long[4];
        biaz.setSink((classifier, first, lost, arrivalUs, verdict) -> {
            sinkCalls[0]++;
            sinkCalls[1] = first;
            sinkCalls[2] = lost;
            sinkCalls[3] = verdict.ordinal();
        });
        assertEquals(Verdict.NONE, biaz.lastVerdict());
        warmUp(biaz);
        biaz.onPacket(5, 50_000, FeedbackReport.LOST, 1200);
        biaz.onPacket(6, 60_000, 100_000, 1200);     // gap of 1, Ti = 20 ms: random
        biaz.onPacket(6, 60_000, 100_000, 1200);     // duplicate
        biaz.onPacket(5, 50_000, 101_000, 1200);     // the "lost" packet arrives late
        biaz.onPacket(9, 90_000, 180_000, 1200);     // gap of 2, Ti = 80 ms: congestion
        assertEquals(2, biaz.lossesClassified());
        assertEquals(1, biaz.randomLosses());
        assertEquals(1, biaz.congestionLosses());
        assertEquals(1, biaz.randomLostPackets());
        assertEquals(2, biaz.congestionLostPackets());
        assertEquals(1, biaz.packetsReportedLost());
        assertEquals(Verdict.CONGESTION, biaz.lastVerdict());
        assertEquals(7, biaz.lastFirstLostSequence());
        assertEquals(2, biaz.lastLostPackets());
        assertEquals(180_000, biaz.lastDetectedArrivalUs());
        assertEquals(2, sinkCalls[0]);
        assertEquals(7, sinkCalls[1]);
        assertEquals(2, sinkCalls[2]);
        assertEquals(Verdict.CONGESTION.ordinal(), sinkCalls[3]);
        biaz.reset();
        assertEquals(0, biaz.lossesClassified());
        assertEquals(Verdict.NONE, biaz.lastVerdict());
    }

    @Test
    void shouldTreatAHugeSequenceJumpAsADiscontinuityNotALoss() {
        BiazClassifier biaz = BiazClassifier.biaz();
        warmUp(biaz);
        biaz.onPacket(5 + LossClassifier.MAX_GAP_PACKETS + 1, 50_000, 90_000, 1200);
        assertEquals(0, biaz.lossesClassified());
        biaz.onPacket(5 + LossClassifier.MAX_GAP_PACKETS + 3, 60_000, 100_000, 1200);
        assertEquals(1, biaz.lossesClassified());
    }
}
