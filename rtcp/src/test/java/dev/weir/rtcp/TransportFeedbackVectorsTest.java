package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors from outside weir: TWCC packets captured from browsers as published in Pion's
 * rtcp test suite (github.com/pion/rtcp, transport_layer_cc_test.go) and the chunk examples of
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1.3/3.1.4.
 */
class TransportFeedbackVectorsTest {
    private final TransportFeedback feedback = new TransportFeedback();

    private static long ref(int ticks) {
        return ticks * TransportFeedback.REFERENCE_TICK_US;
    }

    @Test
    void parsesASingleRunLengthPacketAndBuildsTheSameBytes() throws RtcpFormatException {
        // Pion "example1": one packet received 37 ms after the reference time, 1 byte of padding.
        byte[] wire = Hex.bytes("af cd 00 05 fa 17 fa 17 43 03 2f a0 00 99 00 01 3d e8 02 17 20 01 94 01");
        feedback.parse(wire, 0, wire.length);
        assertEquals(0xfa17fa17L, feedback.senderSsrc());
        assertEquals(0x43032fa0L, feedback.mediaSsrc());
        assertEquals(153, feedback.baseSequenceNumber());
        assertEquals(1, feedback.packetStatusCount());
        assertEquals(4057090, feedback.referenceTimeTicks());
        assertEquals(23, feedback.feedbackPacketCount());
        assertEquals(TransportFeedback.RECEIVED_SMALL_DELTA, feedback.symbol(0));
        assertEquals(37_000, feedback.receiveOffsetUs(0));
        assertEquals(24, feedback.packetSizeBytes());

        TransportFeedbackBuilder builder = new TransportFeedbackBuilder();
        builder.reset(0xfa17fa17L, 0x43032fa0L, 153, ref(4057090), 23);
        assertTrue(builder.addReceivedPacket(153, ref(4057090) + 37_000));
        byte[] built = new byte[builder.sizeBytes()];
        builder.write(built, 0);
        assertEquals(Hex.of(wire), Hex.of(built));
    }

    @Test
    void parsesARunOfSevenSmallDeltasAndBuildsTheSameBytes() throws RtcpFormatException {
        // Pion "example4": run-length chunk of 7 received packets, 3 bytes of padding.
        byte[] wire = Hex.bytes("af cd 00 07 fa 17 fa 17 19 3d d8 bb 00 04 00 07 10 63 6e 01"
                + " 20 07 4c 24 24 10 0c 0c 10 00 00 03");
        feedback.parse(wire, 0, wire.length);
        long[] deltasUs = {19_000, 9_000, 9_000, 4_000, 3_000, 3_000, 4_000};
        assertEquals(7, feedback.packetStatusCount());
        assertEquals(1074030, feedback.referenceTimeTicks());
        TransportFeedbackBuilder builder = new TransportFeedbackBuilder();
        builder.reset(0xfa17fa17L, 0x193dd8bbL, 4, ref(1074030), 1);
        long offsetUs = 0;
        for (int i = 0; i < 7; i++) {
            offsetUs += deltasUs[i];
            assertEquals(4 + i, feedback.sequenceNumber(i));
            assertEquals(offsetUs, feedback.receiveOffsetUs(i));
            assertTrue(builder.addReceivedPacket(4 + i, ref(1074030) + offsetUs));
        }
        byte[] built = new byte[builder.sizeBytes()];
        builder.write(built, 0);
        assertEquals(Hex.of(wire), Hex.of(built));
    }

    @Test
    void parsesATwoBitVectorFollowedByARunLongerThanTheStatusCount() throws RtcpFormatException {
        // Pion "example6" (unmarshal): 9 statuses; the run-length chunk claims 48 not-received
        // symbols where 2 remain. libwebrtc cuts it to the count, and so does weir.
        byte[] wire = Hex.bytes("af cd 00 07 9b 74 f6 1f 93 71 dc bc 85 3c 00 09 63 f9 16 b3"
                + " d5 52 00 30 9b aa 6a aa 7b 01 09 01");
        feedback.parse(wire, 0, wire.length);
        assertEquals(34108, feedback.baseSequenceNumber());
        assertEquals(9, feedback.packetStatusCount());
        assertEquals(6551830, feedback.referenceTimeTicks());
        assertEquals(179, feedback.feedbackPacketCount());
        int[] symbols = {1, 1, 1, 1, 1, 0, 2, 0, 0};
        long[] deltasUs = {38_750, 42_500, 26_500, 42_500, 30_750, 0, 66_250, 0, 0};
        long offsetUs = 0;
        for (int i = 0; i < symbols.length; i++) {
            assertEquals(symbols[i], feedback.symbol(i), "symbol " + i);
            if (symbols[i] == 0) {
                assertEquals(TransportFeedback.NO_TIME, feedback.receiveOffsetUs(i));
            } else {
                offsetUs += deltasUs[i];
                assertEquals(offsetUs, feedback.receiveOffsetUs(i), "offset " + i);
            }
        }
        assertEquals(6, feedback.receivedCount());
    }

    @Test
    void parsesAOneBitVectorWithTrailingLostPackets() throws RtcpFormatException {
        // Pion "example5" (marshal): 14 statuses in one 1-bit vector, 4 received.
        byte[] wire = Hex.bytes("af cd 00 06 fa 17 fa 17 19 3d d8 bb 00 01 00 0e 10 63 6d 00"
                + " ba 00 10 0c 0c 10 00 02");
        feedback.parse(wire, 0, wire.length);
        int[] symbols = {1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < symbols.length; i++) {
            assertEquals(symbols[i], feedback.symbol(i), "symbol " + i);
        }
        assertEquals(4_000 + 3_000 + 3_000 + 4_000, feedback.receiveOffsetUs(4));
    }

    @Test
    void parsesAOneBitVectorWithAFullWordOfDeltas() throws RtcpFormatException {
        // Pion "example6" (marshal): base 39956, 12 statuses, 7 small deltas, 3 bytes of padding.
        byte[] wire = Hex.bytes("af cd 00 07 fa 17 fa 17 43 03 2f a0 9c 14 00 0c 75 84 20 00"
                + " be c0 c1 3f 3b 3f 53 90 3b 00 00 03");
        feedback.parse(wire, 0, wire.length);
        assertEquals(39956, feedback.baseSequenceNumber());
        assertEquals(7, feedback.receivedCount());
        assertEquals(48_250 + 15_750 + 14_750 + 15_750 + 20_750, feedback.receiveOffsetUs(4));
        assertFalse(feedback.isReceived(5));
        assertEquals(48_250 + 15_750 + 14_750 + 15_750 + 20_750 + 36_000 + 14_750, feedback.receiveOffsetUs(7));
    }

    @Test
    void readsTheDraftsRunLengthAndOneBitVectorExamples() throws RtcpFormatException {
        // draft section 3.1.3 example 1: run of 221 packets not received (0x00DD).
        byte[] allLost = Hex.bytes("af cd 00 05 00 00 00 01 00 00 00 02 00 0a 00 dd 00 00 01 00 00 dd 00 02");
        feedback.parse(allLost, 0, allLost.length);
        assertEquals(221, feedback.packetStatusCount());
        assertEquals(0, feedback.receivedCount());
        // draft section 3.1.4 example 1: 1-bit vector 0x9F1C = N R R R R R N N N R R R N N.
        byte[] vector = Hex.bytes("af cd 00 07 00 00 00 01 00 00 00 02 00 0a 00 0e 00 00 01 00"
                + " 9f 1c 01 01 01 01 01 01 01 01 00 02");
        feedback.parse(vector, 0, vector.length);
        String expected = "01111100011100";
        for (int i = 0; i < expected.length(); i++) {
            assertEquals(expected.charAt(i) == '1', feedback.isReceived(i), "status " + i);
        }
        assertEquals(8 * TransportFeedback.DELTA_TICK_US, feedback.receiveOffsetUs(11), "8 deltas of 1 tick");
    }

    @Test
    void rejectsTheReservedSymbolTheDraftsSecondExamplesUse() {
        // The draft's run-length example 2 (0x6018) and 2-bit vector example 2 (0xCD50) use
        // symbol 0b11, which its own section 3.1.1 reserves; libwebrtc rejects it too.
        byte[] run = Hex.bytes("af cd 00 05 00 00 00 01 00 00 00 02 00 0a 00 18 00 00 01 00 60 18 00 02");
        RtcpFormatException e = assertThrows(RtcpFormatException.class, () -> feedback.parse(run, 0, run.length));
        assertEquals(RtcpProblem.RESERVED_STATUS_SYMBOL, e.problem());
        assertEquals(20, e.byteOffset());
        byte[] vector = Hex.bytes("af cd 00 05 00 00 00 01 00 00 00 02 00 0a 00 07 00 00 01 00 cd 50 00 02");
        e = assertThrows(RtcpFormatException.class, () -> feedback.parse(vector, 0, vector.length));
        assertEquals(RtcpProblem.RESERVED_STATUS_SYMBOL, e.problem());
    }

    @Test
    void rejectsPionVectorsThatLibwebrtcAlsoRejects() {
        // Pion "example8"/"example9": deltas declared beyond the packet (Pion: errPacketTooShort).
        assertProblem("af cd 00 05 fa 17 fa 17 43 03 2f a0 00 99 00 03 3d e8 02 17 20 03 94 01",
                RtcpProblem.RECEIVE_DELTAS_TRUNCATED, 22);
        assertProblem("af cd 00 05 fa 17 fa 17 43 03 2f a0 00 99 00 02 3d e8 02 17 40 02 94 01",
                RtcpProblem.RECEIVE_DELTAS_TRUNCATED, 22);
        // Pion "example7": packet status count 0.
        assertProblem("8f cd 00 04 9a cb 04 42 00 00 00 00 00 00 00 00 00 00 00 00",
                RtcpProblem.ZERO_STATUS_COUNT, 14);
        // Pion "example3" (unmarshal): P bit set but the last byte, the padding count, is 0.
        assertProblem("af cd 00 07 fa 17 fa 17 19 3d d8 bb 01 74 00 06 45 b1 5a 40"
                + " 40 02 20 04 1f fe 1f 9a d0 00 d0 00", RtcpProblem.BAD_PADDING, 31);
        // Pion "example5" (unmarshal): a padding count of 3 swallows the last receive delta.
        assertProblem("af cd 00 06 fa 17 fa 17 19 3d d8 bb 00 01 00 0e 10 63 6d 00"
                + " ba 00 10 0c 0c 10 00 03", RtcpProblem.RECEIVE_DELTAS_TRUNCATED, 22);
        // Pion "example2" (unmarshal): the second 2-bit vector holds reserved symbols.
        assertProblem("af cd 00 06 fa 17 fa 17 19 3d d8 bb 01 74 00 0e 45 b1 5a 40"
                + " d8 00 f0 ff d0 00 00 03", RtcpProblem.RESERVED_STATUS_SYMBOL, 22);
    }

    @Test
    void parsesFromHeapAndDirectByteBuffersWithoutMovingThePosition() throws RtcpFormatException {
        byte[] wire = Hex.bytes("00 00 af cd 00 05 fa 17 fa 17 43 03 2f a0 00 99 00 01 3d e8 02 17 20 01 94 01");
        ByteBuffer heap = ByteBuffer.wrap(wire);
        heap.position(2);
        feedback.parse(heap);
        assertEquals(153, feedback.baseSequenceNumber());
        assertEquals(2, heap.position());
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length);
        direct.put(wire).position(2);
        feedback.parse(direct);
        assertEquals(37_000, feedback.receiveOffsetUs(0));
        assertEquals(2, direct.position());
    }

    private void assertProblem(String hex, RtcpProblem problem, int offset) {
        byte[] wire = Hex.bytes(hex);
        RtcpFormatException e = assertThrows(RtcpFormatException.class, () -> feedback.parse(wire, 0, wire.length));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(offset, e.byteOffset(), e.getMessage());
    }
}
