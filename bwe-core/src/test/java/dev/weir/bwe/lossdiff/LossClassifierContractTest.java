package dev.weir.bwe.lossdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every baseline must do: survive garbage, count consistently, be deterministic, not allocate. */
class LossClassifierContractTest {

    static Iterable<String> names() {
        return LossClassifiers.NAMES;
    }

    /** A paced stream with queueing waves and 3% loss in gaps of 1..3, from {@code seed}. */
    private static void play(LossClassifier classifier, long seed, int packets) {
        SplittableRandom random = new SplittableRandom(seed);
        long seq = 0;
        for (int i = 0; i < packets; i++) {
            long sendUs = seq * 5_000;
            long queueUs = (long) (20_000 * (1 + Math.sin(i / 200.0)));
            if (random.nextInt(100) < 3) {
                int gap = 1 + random.nextInt(3);
                for (int g = 0; g < gap; g++) {
                    classifier.onPacket(seq, seq * 5_000, FeedbackReport.LOST, 1200);
                    seq++;
                }
                sendUs = seq * 5_000;
            }
            classifier.onPacket(seq, sendUs, sendUs + 40_000 + queueUs + random.nextInt(2_000), 1200);
            if (i % 20 == 0) {
                classifier.onEstimate(1_000_000, 100_000 + 2 * queueUs);
            }
            seq++;
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldCountEveryGapOnceWithAVerdict(String name) {
        LossClassifier classifier = LossClassifiers.create(name);
        assertEquals(name, classifier.name());
        long[] sinkCount = new long[2];
        classifier.setSink((source, first, lost, arrivalUs, verdict) -> {
            sinkCount[0]++;
            sinkCount[1] += lost;
            assertNotEquals(Verdict.NONE, verdict);
        });
        play(classifier, 7, 20_000);
        assertTrue(classifier.lossesClassified() > 300, () -> name + " classified " + classifier.lossesClassified());
        assertEquals(classifier.lossesClassified(), classifier.randomLosses() + classifier.congestionLosses());
        assertEquals(classifier.packetsReportedLost(), classifier.randomLostPackets() + classifier.congestionLostPackets());
        assertEquals(classifier.lossesClassified(), sinkCount[0]);
        assertEquals(classifier.packetsReportedLost(), sinkCount[1]);
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldGiveIdenticalVerdictsForIdenticalInputAndAfterReset(String name) {
        LossClassifier first = LossClassifiers.create(name);
        LossClassifier second = LossClassifiers.create(name);
        play(first, 11, 5_000);
        play(second, 3, 5_000);
        second.reset();
        play(second, 11, 5_000);
        assertEquals(first.randomLosses(), second.randomLosses());
        assertEquals(first.congestionLosses(), second.congestionLosses());
        assertEquals(first.lastVerdict(), second.lastVerdict());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldSurviveSeededGarbage(String name) {
        LossClassifier classifier = LossClassifiers.create(name);
        SplittableRandom random = new SplittableRandom(20261122L);
        long seq = 0;
        for (int i = 0; i < 50_000; i++) {
            seq += random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(-2, 4);
            long send = random.nextInt(20) == 0 ? random.nextLong() : random.nextLong(-1L << 40, 1L << 40);
            long arrival = random.nextInt(8) == 0 ? FeedbackReport.LOST
                    : random.nextInt(20) == 0 ? random.nextLong() : send + random.nextLong(-1L << 30, 1L << 30);
            classifier.onPacket(seq, send, arrival, random.nextInt());
            if (random.nextInt(50) == 0) {
                classifier.onEstimate(random.nextLong(), random.nextLong());
            }
        }
        assertEquals(classifier.lossesClassified(), classifier.randomLosses() + classifier.congestionLosses());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldNotAllocatePerPacket(String name) {
        LossClassifier classifier = LossClassifiers.create(name);
        play(classifier, 5, 50_000);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        play(classifier, 5, 50_000);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        // SplittableRandom in the driver is one small object; per-packet garbage would be megabytes.
        assertTrue(allocated < 2_048, () -> name + ": " + allocated + " bytes over 50000 packets");
    }

    @Test
    void shouldRejectUnknownNames() {
        assertThrows(IllegalArgumentException.class, () -> LossClassifiers.create("westwood"));
        assertEquals(LossClassifiers.NAMES.size(), LossClassifiers.all().length);
    }

    @Test
    void shouldFeedAcceptedReportsAcrossTheSequenceWrapToEveryClassifierOnce() {
        LossClassifier[] classifiers = LossClassifiers.all();
        FeedbackFrontDoor door = new FeedbackFrontDoor();
        FeedbackReport report = new FeedbackReport();
        long seq = 65_530;
        for (int r = 0; r < 3; r++) {
            report.clear();
            for (int i = 0; i < 5; i++) {
                long sendUs = seq * 10_000;
                report.add(seq & 0xFFFF, sendUs, seq == 65_537 ? FeedbackReport.LOST : sendUs + 40_000, 1200);
                seq++;
            }
            // Every report is delivered twice: the front door drops the repeat, so nothing is counted twice.
            LossClassifiers.feed(door.accept(report, r), classifiers);
            LossClassifiers.feed(door.accept(report, r), classifiers);
        }
        for (LossClassifier classifier : classifiers) {
            assertEquals(1, classifier.lossesClassified(), classifier.name());
            assertEquals(65_537, classifier.lastFirstLostSequence(), classifier.name());
            assertEquals(1, classifier.packetsReportedLost(), classifier.name());
        }
    }
}
