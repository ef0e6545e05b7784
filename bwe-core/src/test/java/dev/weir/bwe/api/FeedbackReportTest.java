package dev.weir.bwe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeedbackReportTest {

    @Test
    void shouldKeepEveryFieldOfEveryPacketAcrossGrowth() {
        FeedbackReport report = new FeedbackReport(2);
        for (int i = 0; i < 100; i++) {
            report.add(i, 1_000L * i, i % 3 == 0 ? FeedbackReport.LOST : 1_000L * i + 50_000, 1_200 + i, i % 7);
        }
        assertEquals(100, report.count());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, report.sequenceNumber(i));
            assertEquals(1_000L * i, report.sendTimeUs(i));
            assertEquals(i % 3 == 0, report.isLost(i));
            assertEquals(1_200 + i, report.sizeBytes(i));
            assertEquals(i % 7, report.probeClusterId(i));
        }
    }

    @Test
    void shouldReuseStorageAfterClear() {
        FeedbackReport report = new FeedbackReport(4);
        report.add(1, 10, 20, 100);
        report.clear();
        assertEquals(0, report.count());
        report.add(2, 30, 40, 200);
        assertEquals(1, report.count());
        assertEquals(2, report.sequenceNumber(0));
        assertEquals(FeedbackReport.NOT_A_PROBE, report.probeClusterId(0));
        assertFalse(report.isLost(0));
    }

    @Test
    void shouldCarryProbeRequestsOnlyUpToTheLimit() {
        BweResult result = new BweResult();
        for (int i = 0; i < BweResult.MAX_PROBE_REQUESTS; i++) {
            assertTrue(result.addProbeRequest(i + 1, 900_000L * (i + 1), 15_000, 5));
        }
        assertFalse(result.addProbeRequest(99, 1, 1, 1));
        assertEquals(BweResult.MAX_PROBE_REQUESTS, result.probeRequestCount());
        assertEquals(1_800_000L, result.probeRequest(1).rateBps());
        BweResult copy = new BweResult();
        copy.copyFrom(result);
        assertEquals(2, copy.probeRequest(1).clusterId());
        result.clearProbeRequests();
        assertThrows(IndexOutOfBoundsException.class, () -> result.probeRequest(0));
    }
}
