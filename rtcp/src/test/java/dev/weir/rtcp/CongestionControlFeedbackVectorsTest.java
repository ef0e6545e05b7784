package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * RFC 8888 packets: the vectors of Pion's rtcp suite (github.com/pion/rtcp, rfc8888_test.go) and
 * the cases of libwebrtc's congestion_control_feedback_unittest.cc
 * (https://webrtc.googlesource.com/src), pinned byte for byte.
 */
class CongestionControlFeedbackVectorsTest {
    private static final long MS = 1_000;
    private final CongestionControlFeedback feedback = new CongestionControlFeedback();
    private final CongestionControlFeedbackBuilder builder = new CongestionControlFeedbackBuilder();

    /** The smallest offset in microseconds that encodes as {@code units} 1/1024 s. */
    private static long offsetUs(int units) {
        return (units * 1_000_000L + 1023) / 1024;
    }

    private String built() {
        byte[] out = new byte[builder.sizeBytes()];
        assertEquals(out.length, builder.write(out, 0));
        return Hex.of(out);
    }

    @Test
    void parsesAndBuildsAnEmptyReport() throws RtcpFormatException {
        // Pion "EmtpyReport"; libwebrtc CanCreateAndParseWithoutPackets / BlockLengthNoPackets (12 bytes).
        String wire = "8b cd 00 02 00 00 00 01 00 00 00 01";
        byte[] bytes = Hex.bytes(wire);
        feedback.parse(bytes, 0, bytes.length);
        assertEquals(1, feedback.senderSsrc());
        assertEquals(1, feedback.reportTimestampCompactNtp());
        assertEquals(0, feedback.blockCount());
        builder.reset(1, 1);
        assertTrue(builder.isEmpty());
        assertEquals(wire, built());
    }

    @Test
    void parsesAndBuildsTwoBlocksWithPadding() throws RtcpFormatException {
        // Pion "Report": stream 1 with 4 reports, stream 2 with 3 reports and 2 bytes of padding.
        String wire = "8b cd 00 0a 00 00 00 01"
                + " 00 00 00 01 00 02 00 04 9f fd 9f fc 00 00 00 00"
                + " 00 00 00 02 00 02 00 03 9f fd 9f fc 00 00 00 00"
                + " 00 00 00 01";
        byte[] bytes = Hex.bytes(wire);
        feedback.parse(bytes, 0, bytes.length);
        assertEquals(2, feedback.blockCount());
        assertEquals(7, feedback.reportCount());
        assertEquals(4, feedback.blockReportCount(0));
        assertEquals(3, feedback.blockReportCount(1));
        assertEquals(2, feedback.ssrc(4));
        assertEquals(2, feedback.sequenceNumber(4));
        assertEquals(8189, feedback.arrivalTimeOffset(0));
        assertEquals(8188, feedback.arrivalTimeOffset(5));
        assertFalse(feedback.isReceived(6));

        builder.reset(1, 1);
        assertTrue(builder.beginBlock(1, 2));
        assertTrue(builder.addReceived(offsetUs(8189), 0));
        assertTrue(builder.addReceived(offsetUs(8188), 0));
        assertTrue(builder.addLost());
        assertTrue(builder.addLost());
        assertTrue(builder.beginBlock(2, 2));
        assertTrue(builder.addReceived(offsetUs(8189), 0));
        assertTrue(builder.addReceived(offsetUs(8188), 0));
        assertTrue(builder.addLost());
        assertEquals(wire, built());
    }

    @Test
    void decodesEachKindOfMetricBlock() throws RtcpFormatException {
        // Pion metric block vectors: 0x9FFD..0x9FFF, ECN-CE, and R=0 with other bits set.
        byte[] bytes = Hex.bytes("8b cd 00 07 00 00 00 09 00 00 00 05 00 10 00 06"
                + " 9f fd 9f fe 9f ff ff f8 62 00 80 00 00 00 00 2a");
        feedback.parse(bytes, 0, bytes.length);
        assertEquals(6, feedback.reportCount());
        assertTrue(feedback.hasArrivalTime(0));
        assertEquals(8189, feedback.arrivalTimeOffset(0));
        assertEquals(CongestionControlFeedback.ATO_OVER_RANGE, feedback.arrivalTimeOffset(1));
        assertTrue(feedback.isReceived(1));
        assertFalse(feedback.hasArrivalTime(1));
        assertEquals(CongestionControlFeedback.ATO_UNAVAILABLE, feedback.arrivalTimeOffset(2));
        assertFalse(feedback.hasArrivalTime(2));
        assertEquals(CongestionControlFeedback.ECN_CE, feedback.ecn(3));
        assertEquals(8184, feedback.arrivalTimeOffset(3));
        assertFalse(feedback.isReceived(4), "R=0: the other 15 bits are ignored");
        assertEquals(CongestionControlFeedback.ECN_NOT_ECT, feedback.ecn(4));
        assertEquals(0, feedback.arrivalTimeOffset(5));
        assertTrue(feedback.hasArrivalTime(5));
        assertEquals(0x15, feedback.sequenceNumber(5));
        assertEquals(42, feedback.reportTimestampCompactNtp());
    }

    @Test
    void buildsLibwebrtcsTwoStreamPacket() throws RtcpFormatException {
        // CanCreateAndParsePacketsWithTwoSsrc: 1 ms and 3 ms offsets are 1 and 3 units of 1/1024 s;
        // BlockLengthTwoSsrcOnePacketEach: 36 bytes.
        builder.reset(0, 1234);
        assertTrue(builder.beginBlock(1, 1));
        assertTrue(builder.addReceived(MS, CongestionControlFeedback.ECN_NOT_ECT));
        assertTrue(builder.beginBlock(2, 1));
        assertTrue(builder.addReceived(3 * MS, CongestionControlFeedback.ECN_NOT_ECT));
        String wire = built();
        assertEquals("8b cd 00 08 00 00 00 00 00 00 00 01 00 01 00 01 80 01 00 00"
                + " 00 00 00 02 00 01 00 01 80 03 00 00 00 00 04 d2", wire);
        byte[] bytes = Hex.bytes(wire);
        feedback.parse(bytes, 0, bytes.length);
        assertEquals(1234, feedback.reportTimestampCompactNtp());
        assertEquals(3, feedback.arrivalTimeOffset(1));
    }

    @Test
    void buildsLibwebrtcsTwoPacketsPerStreamWithoutPadding() {
        // BlockLengthTwoSsrcTwoPacketsEach: 36 bytes, no alignment padding.
        builder.reset(0, 1);
        for (long ssrc = 1; ssrc <= 2; ssrc++) {
            assertTrue(builder.beginBlock(ssrc, 1));
            assertTrue(builder.addLost());
            assertTrue(builder.addLost());
        }
        assertEquals(36, builder.sizeBytes());
    }

    @Test
    void buildsEcnMarks() throws RtcpFormatException {
        // CanCreateAndParsePacketWithEcnCe / ...WithEct1.
        builder.reset(0, 1234);
        assertTrue(builder.beginBlock(1, 1));
        assertTrue(builder.addReceived(MS, CongestionControlFeedback.ECN_CE));
        assertTrue(builder.addReceived(MS, CongestionControlFeedback.ECN_ECT1));
        String wire = built();
        assertEquals("8b cd 00 05 00 00 00 00 00 00 00 01 00 01 00 02 e0 01 a0 01 00 00 04 d2", wire);
        byte[] bytes = Hex.bytes(wire);
        feedback.parse(bytes, 0, bytes.length);
        assertEquals(CongestionControlFeedback.ECN_CE, feedback.ecn(0));
        assertEquals(CongestionControlFeedback.ECN_ECT1, feedback.ecn(1));
    }

    @Test
    void buildsMissingPacketsAcrossTheSequenceWrap() throws RtcpFormatException {
        // CanCreateAndParseWithMissingPackets: 0xFFFE received, 0xFFFF and 0 lost, 1 received;
        // BlockLengthMissingPackets: 28 bytes for a block of 4.
        builder.reset(0, 1234);
        assertTrue(builder.beginBlock(1, 0xFFFE));
        assertTrue(builder.addReceived(MS, 0));
        assertTrue(builder.addLost());
        assertTrue(builder.addLost());
        assertTrue(builder.addReceived(MS, 0));
        String wire = built();
        assertEquals("8b cd 00 06 00 00 00 00 00 00 00 01 ff fe 00 04 80 01 00 00 00 00 80 01 00 00 04 d2", wire);
        byte[] bytes = Hex.bytes(wire);
        feedback.parse(bytes, 0, bytes.length);
        int[] sequences = {0xFFFE, 0xFFFF, 0, 1};
        boolean[] received = {true, false, false, true};
        for (int i = 0; i < 4; i++) {
            assertEquals(sequences[i], feedback.sequenceNumber(i));
            assertEquals(received[i], feedback.isReceived(i));
        }
    }

    @Test
    void encodesArrivalOffsetsLikeTheRfc() {
        assertEquals(0, CongestionControlFeedbackBuilder.arrivalTimeOffsetUnits(0));
        assertEquals(512, CongestionControlFeedbackBuilder.arrivalTimeOffsetUnits(500_000), "half a second");
        assertEquals(0x1FFD, CongestionControlFeedbackBuilder.arrivalTimeOffsetUnits(offsetUs(0x1FFD)));
        assertEquals(CongestionControlFeedback.ATO_OVER_RANGE,
                CongestionControlFeedbackBuilder.arrivalTimeOffsetUnits(offsetUs(0x1FFE)), "beyond 8189/1024 s");
        assertEquals(CongestionControlFeedback.ATO_OVER_RANGE,
                CongestionControlFeedbackBuilder.arrivalTimeOffsetUnits(Long.MAX_VALUE / 2));
        assertEquals(CongestionControlFeedback.ATO_UNAVAILABLE,
                CongestionControlFeedbackBuilder.arrivalTimeOffsetUnits(-1), "arrival after the report timestamp");
    }

    @Test
    void splitsWhenTheMaximumSizeIsReached() {
        CongestionControlFeedbackBuilder small = new CongestionControlFeedbackBuilder(32);
        small.reset(0, 0);
        assertTrue(small.beginBlock(1, 0));
        int added = 0;
        while (small.addLost()) {
            added++;
        }
        // 32 bytes: 8 (header, sender) + 8 (block header) + 12 (6 reports) + 4 (timestamp).
        assertEquals(6, added);
        assertEquals(32, small.sizeBytes());
        assertFalse(small.beginBlock(2, 0), "no room for another block");
    }
}
