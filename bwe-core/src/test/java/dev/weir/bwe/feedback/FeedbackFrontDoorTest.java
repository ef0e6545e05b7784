package dev.weir.bwe.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.contract.AllocationMeter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeedbackFrontDoorTest {
    private final FeedbackFrontDoor door = new FeedbackFrontDoor();
    private final FeedbackReport report = new FeedbackReport();

    @Test
    void ordersReceivedPacketsByArrivalAndPutsLostOnesLastInReportOrder() {
        report.add(1, 1_000, 9_000, 100);
        report.add(2, 2_000, FeedbackReport.LOST, 100);
        report.add(3, 3_000, 7_000, 100);
        report.add(4, 4_000, FeedbackReport.LOST, 100);
        report.add(5, 5_000, 8_000, 100);
        AcceptedFeedback fb = door.accept(report, 10_000);
        assertEquals(5, fb.count());
        assertEquals(3, fb.receivedCount());
        assertEquals(3, fb.sequence(0));
        assertEquals(5, fb.sequence(1));
        assertEquals(1, fb.sequence(2));
        assertEquals(2, fb.sequence(3));
        assertEquals(4, fb.sequence(4));
        assertTrue(fb.isLost(3));
        assertEquals(9_000, fb.maxArrivalTimeUs());
        assertEquals(10_000, fb.feedbackTimeUs());
    }

    @Test
    void equalArrivalTimesKeepReportOrder() {
        for (int i = 0; i < 6; i++) {
            report.add(10 + i, i, i % 2 == 0 ? 500 : 400, 100);
        }
        AcceptedFeedback fb = door.accept(report, 1_000);
        long[] expected = {11, 13, 15, 10, 12, 14};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], fb.sequence(k));
        }
    }

    @Test
    void dropsDuplicatesWithinAndAcrossReports() {
        report.add(7, 0, 100, 100);
        report.add(7, 0, 100, 100);
        assertEquals(1, door.accept(report, 1).count());
        assertEquals(0, door.accept(report, 2).count());
    }

    @Test
    void acceptsAPacketReportedLostThenReceivedOnceMoreAsRecovered() {
        report.add(1, 0, FeedbackReport.LOST, 100);
        AcceptedFeedback first = door.accept(report, 1);
        assertEquals(1, first.count());
        assertFalse(first.isRecovered(0));
        report.clear();
        report.add(1, 0, 500, 100);
        AcceptedFeedback second = door.accept(report, 2);
        assertEquals(1, second.receivedCount());
        assertTrue(second.isRecovered(0));
        report.clear();
        report.add(1, 0, 500, 100);
        report.add(1, 0, FeedbackReport.LOST, 100);
        assertEquals(0, door.accept(report, 3).count());
    }

    @Test
    void unwrapsSixteenBitSequenceNumbers() {
        report.add(65_534, 0, 10, 100);
        report.add(65_535, 1, 11, 100);
        report.add(0, 2, 12, 100);
        report.add(1, 3, 13, 100);
        AcceptedFeedback fb = door.accept(report, 20);
        assertEquals(65_534, fb.sequence(0));
        assertEquals(65_536, fb.sequence(2));
        assertEquals(65_537, fb.sequence(3));
    }

    @Test
    void dropsGarbageTimesAndClampsSizes() {
        report.add(1, Long.MAX_VALUE - 5, 10, 100);
        report.add(2, 0, Long.MIN_VALUE + 1, 100);
        report.add(3, 0, 10, -5);
        report.add(4, 0, 11, 1_000_000);
        AcceptedFeedback fb = door.accept(report, 20);
        assertEquals(2, fb.count());
        assertEquals(0, fb.sizeBytes(0));
        assertEquals(FeedbackFrontDoor.MAX_PACKET_BYTES, fb.sizeBytes(1));
    }

    @Test
    void forgetsPacketsOlderThanTheLedgerWindow() {
        for (long seq = 0; seq <= 30_000; seq += 10_000) {
            report.clear();
            report.add(seq, 0, 10, 100);
            assertEquals(1, door.accept(report, 1).count());
        }
        report.clear();
        report.add(5, 0, 10, 100); // unwraps to 5, more than the window behind 30000
        assertEquals(0, door.accept(report, 2).count());
        report.clear();
        report.add(30_000 - SequenceLedger.WINDOW + 1, 0, 10, 100); // just inside: new
        assertEquals(1, door.accept(report, 3).count());
    }

    @Test
    void sortsAReversedMaximalReportInOrder() {
        int n = 65_535;
        for (int i = 0; i < n; i++) {
            report.add(i, i, 10L * (n - i), 1200);
        }
        AcceptedFeedback fb = door.accept(report, 1);
        assertEquals(n, fb.receivedCount());
        for (int k = 1; k < n; k++) {
            assertTrue(fb.arrivalTimeUs(k - 1) <= fb.arrivalTimeUs(k));
        }
    }

    @Test
    void matchesAReferenceSortOnRandomReports() {
        SplittableRandom random = new SplittableRandom(42);
        long next = 0;
        for (int round = 0; round < 200; round++) {
            report.clear();
            int n = 1 + random.nextInt(80);
            for (int i = 0; i < n; i++) {
                long arrival = random.nextInt(10) == 0 ? FeedbackReport.LOST : random.nextInt(1_000);
                report.add((next + i) & 0xFFFF, i, arrival, 100);
            }
            next += n;
            AcceptedFeedback fb = door.accept(report, round);
            assertEquals(n, fb.count());
            for (int k = 1; k < fb.receivedCount(); k++) {
                assertTrue(fb.arrivalTimeUs(k - 1) < fb.arrivalTimeUs(k)
                        || (fb.arrivalTimeUs(k - 1) == fb.arrivalTimeUs(k) && fb.sequence(k - 1) < fb.sequence(k)));
            }
            for (int k = fb.receivedCount() + 1; k < fb.count(); k++) {
                assertTrue(fb.sequence(k - 1) < fb.sequence(k));
            }
        }
    }

    @Test
    void steadyStateAllocatesNothing() {
        long[] seq = {0};
        Runnable oneReport = () -> {
            report.clear();
            for (int i = 0; i < 40; i++) {
                long s = seq[0]++;
                report.add(s & 0xFFFF, s * 1000, i % 7 == 0 ? FeedbackReport.LOST : s * 1000 + 30_000 - (i % 3), 1200);
            }
            door.accept(report, seq[0] * 1000);
        };
        for (int i = 0; i < 2_000; i++) {
            oneReport.run();
        }
        assumeTrue(AllocationMeter.supported());
        Runnable thousandReports = () -> {
            for (int i = 0; i < 1_000; i++) {
                oneReport.run();
            }
        };
        long bytes = AllocationMeter.bytesAllocatedBy(thousandReports);
        assertTrue(bytes < 1_024, "allocated " + bytes + " bytes over 1000 reports");
    }
}
