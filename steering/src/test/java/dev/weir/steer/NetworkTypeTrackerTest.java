package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import org.junit.jupiter.api.Test;

/**
 * The network-type decision on its own: the bundle's model over a caller's events, one decision
 * per 200 ms step once the 10 s window is full, the loss rate the decision rule reads.
 */
class NetworkTypeTrackerTest {
    private static final int PACKET_BYTES = 1_200;
    private static final long REPORT_US = 100_000;
    private static final int PACKETS_PER_REPORT = 10; // ~1 Mbps
    private static final long TARGET_BPS = 1_500_000;

    /** A 1 Mbps call's events into a tracker's recorder: 1200-byte packets, feedback every 100 ms. */
    private static final class Feeder {
        private final NetworkTypeTracker tracker;
        private final FeedbackFrontDoor door = new FeedbackFrontDoor();
        private final FeedbackReport report = new FeedbackReport();
        private final BweResult result = new BweResult().targetRateBps(TARGET_BPS).delayBasedRateBps(TARGET_BPS)
                .lossBasedRateBps(TARGET_BPS).ackedRateBps(1_000_000);
        private long sequence;
        private long nowUs;

        Feeder(NetworkTypeTracker tracker) {
            this.tracker = tracker;
        }

        /** {@code seconds} more, every {@code lossEvery}-th packet lost (0: none); returns the decisions made. */
        int run(double seconds, int lossEvery) {
            int decisions = 0;
            long endUs = nowUs + (long) (seconds * 1_000_000);
            while (nowUs + REPORT_US <= endUs) {
                nowUs += REPORT_US;
                report.clear();
                for (int p = 0; p < PACKETS_PER_REPORT; p++) {
                    long sendUs = nowUs - REPORT_US + p * REPORT_US / PACKETS_PER_REPORT;
                    tracker.recorder().onPacketSent(sendUs, PACKET_BYTES);
                    boolean lost = lossEvery > 0 && sequence % lossEvery == 0;
                    report.add(sequence & 0xFFFF, sendUs, lost ? FeedbackReport.LOST : sendUs + 20_000, PACKET_BYTES);
                    sequence++;
                }
                tracker.recorder().onFeedback(door.accept(report, nowUs + 20_000), nowUs + 20_000, result);
                if (tracker.update(TARGET_BPS, nowUs + 20_000)) {
                    decisions++;
                }
            }
            return decisions;
        }
    }

    @Test
    void decidesOncePerStepOnceTheWindowIsFull() {
        NetworkTypeTracker tracker = new NetworkTypeTracker(TestBundles.bundle("model", TestBundles.defaultModel()));
        Feeder feeder = new Feeder(tracker);
        assertEquals(0, feeder.run(9.8, 20));
        assertFalse(tracker.hasDecided());
        assertEquals(NetworkType.WIRED_STABLE, tracker.networkType());
        int decisions = feeder.run(10, 20);
        assertTrue(decisions >= 45 && decisions <= 51, "one per 200 ms step: " + decisions);
        assertTrue(tracker.hasDecided());
        assertFalse(tracker.failed());
        assertEquals(0.05, tracker.lossRate4s(), 0.01);
        assertTrue(tracker.randomLossProbability() >= 0 && tracker.randomLossProbability() <= 1);
        assertTrue(tracker.congestionProbability() >= 0 && tracker.congestionProbability() <= 1);
    }

    @Test
    void withoutLossTheTypeCannotBeRandomLoss() {
        NetworkTypeTracker tracker = new NetworkTypeTracker(TestBundles.bundle("model", TestBundles.defaultModel()));
        new Feeder(tracker).run(30, 0);
        assertEquals(0, tracker.lossRate4s(), 0);
        assertTrue(tracker.networkType() != NetworkType.RANDOM_LOSS);
    }

    @Test
    void aModelThatGivesNonFiniteOutputsIsReported() {
        NetworkTypeTracker tracker = new NetworkTypeTracker(TestBundles.bundle("broken",
                TestBundles.scaledHeads(TestBundles.defaultModel(), 3e38f)));
        new Feeder(tracker).run(12, 20);
        assertTrue(tracker.failed());
        assertFalse(tracker.hasDecided());
    }

    @Test
    void aBundleWithoutAModelHasNothingToDecideWith() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkTypeTracker(Bundle.gccDefaults()));
    }
}
