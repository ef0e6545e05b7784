package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every way an RFC 8888 packet can be malformed yields its own problem at the offending byte. */
class CongestionControlFeedbackMalformedTest {
    private final CongestionControlFeedback feedback = new CongestionControlFeedback();

    @Test
    void rejectsTheTwccFormat() {
        assertProblem("8f cd 00 02 00 00 00 01 00 00 00 01", RtcpProblem.WRONG_FORMAT, 0);
    }

    @Test
    void rejectsReceiverReportPacketType() {
        assertProblem("8b c9 00 02 00 00 00 01 00 00 00 01", RtcpProblem.WRONG_PACKET_TYPE, 1);
    }

    @Test
    void rejectsAPacketWithoutRoomForTheReportTimestamp() {
        assertProblem("8b cd 00 01 00 00 00 01", RtcpProblem.PAYLOAD_TOO_SHORT, 8);
    }

    @Test
    void rejectsPaddingThatLeavesAPartialWord() {
        assertProblem("ab cd 00 03 00 00 00 01 00 00 00 01 00 00 00 02", RtcpProblem.PAYLOAD_NOT_WORD_ALIGNED, 14);
    }

    @Test
    void rejectsABlockHeaderCutByTheReportTimestamp() {
        assertProblem("8b cd 00 03 00 00 00 01 00 00 00 01 00 00 00 09", RtcpProblem.REPORT_BLOCK_TRUNCATED, 8);
    }

    @Test
    void rejectsMoreReportsThanTheRfcAllowsPerBlock() {
        assertProblem("8b cd 00 04 00 00 00 01 00 00 00 01 00 00 40 01 00 00 00 09",
                RtcpProblem.TOO_MANY_REPORTS, 14);
    }

    @Test
    void rejectsReportCountBeyondThePacket() {
        // Pion "incorrectNumReports": 6 reports declared, room for 4.
        assertProblem("8b cd 00 06 00 00 00 01 00 00 00 01 00 02 00 06 9f fd 9f fc 00 00 00 00 00 00 00 09",
                RtcpProblem.REPORT_COUNT_BEYOND_PACKET, 14);
    }

    @Test
    void rejectsAnOddReportCountWithoutItsAlignmentPadding() {
        // 3 reports occupy 8 bytes with their alignment padding; 4 remain before the timestamp.
        assertProblem("8b cd 00 05 00 00 00 01 00 00 00 01 00 02 00 03 9f fd 9f fc 00 00 00 09",
                RtcpProblem.REPORT_COUNT_BEYOND_PACKET, 14);
    }

    private void assertProblem(String hex, RtcpProblem problem, int offset) {
        byte[] wire = Hex.bytes(hex);
        RtcpFormatException e = assertThrows(RtcpFormatException.class, () -> feedback.parse(wire, 0, wire.length));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(offset, e.byteOffset(), e.getMessage());
    }
}
