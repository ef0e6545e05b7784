package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.FeedbackReport;
import org.junit.jupiter.api.Test;

/**
 * Joining RFC 8888 feedback, which names packets by (SSRC, RTP sequence number), with the send
 * history through the client's transport sequence counter.
 */
class CongestionControlFeedbackAdapterTest {
    private static final long VIDEO = 0xA1B2C3D4L;
    private static final long AUDIO = 0x11L;
    private static final int SIZE_BYTES = 900;
    private static final long SEND_SPACING_US = 2_000;

    private final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter();
    private final FeedbackReport report = new FeedbackReport();
    private final CongestionControlFeedbackBuilder builder = new CongestionControlFeedbackBuilder();
    private final CongestionControlFeedback feedback = new CongestionControlFeedback();

    /**
     * Sends {@code count} packets alternating video (RTP 1000 + k) and audio (RTP 65534 + k,
     * wrapping): transport i carries video when i is even.
     */
    private void sendInterleaved(int count) {
        for (int i = 0; i < count; i++) {
            boolean video = i % 2 == 0;
            adapter.onPacketSent(i, i * SEND_SPACING_US, SIZE_BYTES + i, FeedbackReport.NOT_A_PROBE,
                    video ? VIDEO : AUDIO, video ? 1000 + i / 2 : (65534 + i / 2) & 0xFFFF);
        }
    }

    private int join(long nowUs) throws RtcpFormatException {
        byte[] wire = new byte[builder.sizeBytes()];
        builder.write(wire, 0);
        feedback.parse(wire, 0, wire.length);
        report.clear();
        return adapter.onCongestionControlFeedback(feedback, nowUs, report);
    }

    /** Microseconds that encode as exactly {@code units} of 1/1024 s. */
    private static long atoUs(int units) {
        return (units * 1_000_000L + 1023) / 1024;
    }

    @Test
    void mapsStreamsBackToTransportOrderWithArrivalTimes() throws RtcpFormatException {
        sendInterleaved(8);
        long rtsUnits = 5L << 16;
        builder.reset(9, rtsUnits);
        // Audio first in the packet; the report comes out in transport order anyway.
        assertTrue(builder.beginBlock(AUDIO, 65534));
        for (int k = 0; k < 4; k++) {
            assertTrue(builder.addReceived(atoUs(40 - 2 * (2 * k + 1)), CongestionControlFeedback.ECN_ECT1));
        }
        assertTrue(builder.beginBlock(VIDEO, 1000));
        for (int k = 0; k < 4; k++) {
            assertTrue(builder.addReceived(atoUs(40 - 2 * (2 * k)), CongestionControlFeedback.ECN_NOT_ECT));
        }
        long nowUs = 7_000_000;
        assertEquals(8, join(nowUs));
        for (int i = 0; i < 8; i++) {
            assertEquals(i, report.sequenceNumber(i));
            assertEquals(i * SEND_SPACING_US, report.sendTimeUs(i));
            assertEquals(SIZE_BYTES + i, report.sizeBytes(i));
            long arrivalUnits = rtsUnits - (40 - 2 * i) * CompactNtp.UNITS_PER_ATO_UNIT;
            assertEquals(nowUs + CompactNtp.toMicros(arrivalUnits) - CompactNtp.toMicros(rtsUnits),
                    report.arrivalTimeUs(i), "packet " + i);
        }
        assertEquals(2 * 1_000_000 / 1024, report.arrivalTimeUs(1) - report.arrivalTimeUs(0), "2/1024 s apart, rounded down");
    }

    @Test
    void reportsPacketsOfAnUnreportedStreamInsideTheRangeAsLost() throws RtcpFormatException {
        sendInterleaved(9);
        builder.reset(9, 1L << 16);
        assertTrue(builder.beginBlock(VIDEO, 1000));
        for (int k = 0; k < 4; k++) {
            assertTrue(builder.addReceived(atoUs(20 - k), 0));
        }
        // Video covers transport 0, 2, 4, 6: audio 1, 3, 5 lie inside and are lost; 7 and 8 are not covered.
        assertEquals(7, join(1_000_000));
        for (int i = 0; i < 7; i++) {
            assertEquals(i, report.sequenceNumber(i));
            assertEquals(i % 2 == 1, report.isLost(i), "packet " + i);
        }
    }

    @Test
    void acknowledgesOverRangeAndUnavailableArrivalsWithoutReportingThem() throws RtcpFormatException {
        sendInterleaved(6);
        builder.reset(9, 1L << 16);
        assertTrue(builder.beginBlock(VIDEO, 1000));
        assertTrue(builder.addReceived(20_000_000, 0)); // 20 s before the timestamp: over-range
        assertTrue(builder.addReceived(-1, 0)); // after the timestamp: unavailable
        assertTrue(builder.addReceived(atoUs(3), 0));
        // Video covers transport 0, 2, 4: 0 and 2 have no time, 4 has; audio 1 and 3 are implied lost.
        assertEquals(3, join(1_000_000));
        assertTrue(report.isLost(0));
        assertTrue(report.isLost(1));
        assertEquals(4, report.sequenceNumber(2));
        assertFalse(report.isLost(2));
        assertEquals(2, adapter.receivedWithoutTimeCount());
    }

    @Test
    void unwrapsTheThirtyTwoBitReportTimestamp() throws RtcpFormatException {
        sendInterleaved(4);
        long beforeWrap = 0xFFFF_FFFFL - (1 << 14); // a quarter second before the wrap
        builder.reset(9, beforeWrap);
        assertTrue(builder.beginBlock(VIDEO, 1000));
        assertTrue(builder.addReceived(0, 0));
        join(1_000_000);
        long first = report.arrivalTimeUs(0);
        builder.reset(9, (beforeWrap + (1 << 15)) & 0xFFFF_FFFFL); // half a second later, wrapped
        assertTrue(builder.beginBlock(VIDEO, 1001));
        assertTrue(builder.addReceived(0, 0));
        join(1_500_000);
        int last = report.count() - 1;
        assertEquals(2, report.sequenceNumber(last));
        assertEquals(500_000, report.arrivalTimeUs(last) - first);
    }

    @Test
    void skipsReportsForUnknownStreamsAndSequenceNumbers() throws RtcpFormatException {
        sendInterleaved(4);
        builder.reset(9, 1L << 16);
        assertTrue(builder.beginBlock(0x99, 1000));
        assertTrue(builder.addReceived(0, 0));
        assertTrue(builder.beginBlock(VIDEO, 5000));
        assertTrue(builder.addReceived(0, 0));
        assertEquals(0, join(1_000_000));
        assertEquals(2, adapter.unknownPacketCount());
    }

    @Test
    void reportsRepeatedFeedbackOnce() throws RtcpFormatException {
        sendInterleaved(2);
        builder.reset(9, 1L << 16);
        assertTrue(builder.beginBlock(VIDEO, 1000));
        assertTrue(builder.addReceived(atoUs(5), 0));
        assertEquals(1, join(1_000_000));
        builder.reset(9, 1L << 16);
        assertTrue(builder.beginBlock(VIDEO, 1000));
        assertTrue(builder.addReceived(atoUs(5), 0));
        assertEquals(0, join(1_010_000));
        assertEquals(1, adapter.duplicatePacketCount());
        assertFalse(report.count() > 0);
    }

    @Test
    void keepsMappingEveryRecentPacketThroughAMillionSends() throws RtcpFormatException {
        // Exercises the index's reuse of stale slots: 4 streams, a small ring, feedback per 32 sends.
        TransportFeedbackAdapter small = new TransportFeedbackAdapter(256, TransportFeedbackAdapter.DEFAULT_WINDOW_US);
        int[] rtpSequences = new int[4];
        long joined = 0;
        for (int batch = 0; batch < 1_000_000 / 32; batch++) {
            builder.reset(9, batch);
            for (int stream = 0; stream < 4; stream++) {
                assertTrue(builder.beginBlock(stream + 1, rtpSequences[stream]));
                for (int k = 0; k < 8; k++) {
                    int transport = batch * 32 + k * 4 + stream;
                    small.onPacketSent(transport & 0xFFFF, transport * 100L, SIZE_BYTES, FeedbackReport.NOT_A_PROBE,
                            stream + 1, rtpSequences[stream]);
                    rtpSequences[stream] = (rtpSequences[stream] + 1) & 0xFFFF;
                    assertTrue(builder.addReceived(0, 0));
                }
            }
            byte[] wire = new byte[builder.sizeBytes()];
            builder.write(wire, 0);
            feedback.parse(wire, 0, wire.length);
            report.clear();
            joined += small.onCongestionControlFeedback(feedback, batch * 3_200L, report);
        }
        assertEquals(1_000_000 / 32 * 32, joined);
        assertEquals(0, small.unknownPacketCount());
    }
}
