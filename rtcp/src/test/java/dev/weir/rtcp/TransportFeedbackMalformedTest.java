package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every way a TWCC packet can be malformed yields its own problem at the offending byte. */
class TransportFeedbackMalformedTest {
    /** A valid packet: 2 statuses (received small, received large), 3 delta bytes, 1 byte of padding. */
    private static final String VALID = "af cd 00 06 00 00 00 01 00 00 00 02 00 10 00 02 00 00 05 07 | d8 00 | 10 01 00 | 00 00 03";
    private final TransportFeedback feedback = new TransportFeedback();

    @Test
    void acceptsTheReferencePacket() throws RtcpFormatException {
        byte[] wire = Hex.bytes(VALID);
        feedback.parse(wire, 0, wire.length);
        assertEquals(2, feedback.receivedCount());
        assertEquals(16 * 250 + 256 * 250, feedback.receiveOffsetUs(1));
    }

    @Test
    void rejectsFewerBytesThanTheCommonHeader() {
        assertProblem("af cd 00", RtcpProblem.TRUNCATED_HEADER, 0);
    }

    @Test
    void rejectsVersionOtherThanTwo() {
        assertProblem(VALID.replaceFirst("af", "6f"), RtcpProblem.BAD_VERSION, 0);
    }

    @Test
    void rejectsPayloadSpecificFeedbackPacketType() {
        assertProblem(VALID.replaceFirst("af cd", "af ce"), RtcpProblem.WRONG_PACKET_TYPE, 1);
    }

    @Test
    void rejectsGenericNackFormat() {
        assertProblem(VALID.replaceFirst("af", "a1"), RtcpProblem.WRONG_FORMAT, 0);
    }

    @Test
    void rejectsRfc8888FormatInTheTwccParser() {
        assertProblem(VALID.replaceFirst("af", "ab"), RtcpProblem.WRONG_FORMAT, 0);
    }

    @Test
    void rejectsLengthFieldBeyondTheBuffer() {
        byte[] wire = Hex.bytes(VALID);
        RtcpFormatException e = assertThrows(RtcpFormatException.class, () -> feedback.parse(wire, 0, wire.length - 4));
        assertEquals(RtcpProblem.LENGTH_BEYOND_BUFFER, e.problem());
        assertEquals(2, e.byteOffset());
    }

    @Test
    void rejectsPaddingBitWithZeroCount() {
        assertProblem(VALID.substring(0, VALID.length() - 2) + "00", RtcpProblem.BAD_PADDING, 27);
    }

    @Test
    void rejectsPaddingCountLargerThanThePayload() {
        assertProblem(VALID.substring(0, VALID.length() - 2) + "ff", RtcpProblem.BAD_PADDING, 27);
    }

    @Test
    void rejectsPayloadShorterThanTheFixedFields() {
        assertProblem("8f cd 00 03 00 00 00 01 00 00 00 02 00 10 00 02", RtcpProblem.PAYLOAD_TOO_SHORT, 16);
    }

    @Test
    void rejectsZeroStatusCount() {
        assertProblem(VALID.replace("00 10 00 02", "00 10 00 00"), RtcpProblem.ZERO_STATUS_COUNT, 14);
    }

    @Test
    void rejectsStatusCountBeyondTheChunks() {
        // 0xFFFF statuses declared, one run-length chunk of 2 present: no unbounded work or storage.
        assertProblem("af cd 00 05 00 00 00 01 00 00 00 02 00 10 ff ff 00 00 05 07 | 20 02 | 00 02",
                RtcpProblem.STATUS_CHUNKS_TRUNCATED, 22);
    }

    @Test
    void rejectsReservedSymbolInARunLengthChunk() {
        assertProblem(VALID.replace("d8 00", "60 02"), RtcpProblem.RESERVED_STATUS_SYMBOL, 20);
    }

    @Test
    void rejectsReservedSymbolInATwoBitVector() {
        assertProblem(VALID.replace("d8 00", "df 00"), RtcpProblem.RESERVED_STATUS_SYMBOL, 20);
    }

    @Test
    void rejectsReceiveDeltasCutByThePadding() {
        assertProblem(VALID.substring(0, VALID.length() - 2) + "05", RtcpProblem.RECEIVE_DELTAS_TRUNCATED, 22);
    }

    @Test
    void rejectsBytesAfterTheDeltasThatNoPaddingDeclares() {
        // The same packet with the P bit cleared: its padding count byte (0x03) is not zero padding.
        assertProblem(VALID.replaceFirst("af", "8f"), RtcpProblem.TRAILING_BYTES, 25);
    }

    @Test
    void rejectsAWholeWordOfZerosAfterTheDeltas() {
        assertProblem("8f cd 00 07 00 00 00 01 00 00 00 02 00 10 00 02 00 00 05 07 | d8 00 | 10 01 00 | 00 00 00 00 00 00 00",
                RtcpProblem.TRAILING_BYTES, 25);
    }

    @Test
    void rejectsExtraBytesBeforeDeclaredPadding() {
        assertProblem("af cd 00 07 00 00 00 01 00 00 00 02 00 10 00 02 00 00 05 07 | d8 00 | 10 01 00 | 00 00 00 00 00 00 03",
                RtcpProblem.TRAILING_BYTES, 25);
    }

    @Test
    void reportsOffsetsFromThePacketStartInsideALargerBuffer() {
        byte[] packet = Hex.bytes(VALID.replace("d8 00", "60 02"));
        byte[] datagram = new byte[packet.length + 10];
        System.arraycopy(packet, 0, datagram, 7, packet.length);
        RtcpFormatException e = assertThrows(RtcpFormatException.class, () -> feedback.parse(datagram, 7, packet.length + 3));
        assertEquals(RtcpProblem.RESERVED_STATUS_SYMBOL, e.problem());
        assertEquals(20, e.byteOffset());
    }

    private void assertProblem(String hex, RtcpProblem problem, int offset) {
        byte[] wire = Hex.bytes(hex);
        RtcpFormatException e = assertThrows(RtcpFormatException.class, () -> feedback.parse(wire, 0, wire.length));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(offset, e.byteOffset(), e.getMessage());
    }
}
