package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of libwebrtc's modules/rtp_rtcp/source/rtcp_packet/transport_feedback_unittest.cc
 * (https://webrtc.googlesource.com/src), rebuilt with their inputs. libwebrtc checks sizes and a
 * build/parse round trip; here each packet is also pinned byte for byte, with the bytes worked out
 * by hand from its encoder's rules (chunk choice, delta rounding, padding).
 */
class LibwebrtcTransportFeedbackCasesTest {
    private static final long MS = 1_000;
    /** libwebrtc FeedbackTester's default: packet i arrives at i x 1 ms. */
    private static final long DEFAULT_DELTA_US = MS;
    /** kDeltaLimit + kDeltaTick: 64.0 ms, the smallest delta needing 2 bytes. */
    private static final long LARGE_DELTA_US = 256 * TransportFeedback.DELTA_TICK_US;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("OneBitVector", seqs(1, 2, 7, 8, 9, 10, 13), defaultTimes(DEFAULT_DELTA_US, 1, 2, 7, 8, 9, 10, 13),
                        "af cd 00 07 00 00 00 00 00 00 00 00 00 01 00 0d 00 00 00 00 | b0 f2 | 04 04 14 04 04 04 0c | 00 00 03"),
                Arguments.of("FullOneBitVector", seqs(1, 2, 7, 8, 9, 10, 13, 14),
                        defaultTimes(DEFAULT_DELTA_US, 1, 2, 7, 8, 9, 10, 13, 14),
                        "af cd 00 07 00 00 00 00 00 00 00 00 00 01 00 0e 00 00 00 00 | b0 f3 | 04 04 14 04 04 04 0c 04 | 00 02"),
                Arguments.of("OneBitVectorWrapReceived", seqs(65533, 65534, 65535, 0, 1, 2),
                        defaultTimes(DEFAULT_DELTA_US, 65533, 65534, 65535, 0, 1, 2),
                        "8f cd 00 06 00 00 00 00 00 00 00 00 ff fd 00 06 00 03 ff 00 | 20 06 | f4 04 04 04 04 04"),
                Arguments.of("OneBitVectorWrapMissing", seqs(65533, 65534, 1, 2),
                        defaultTimes(DEFAULT_DELTA_US, 65533, 65534, 1, 2),
                        "af cd 00 06 00 00 00 00 00 00 00 00 ff fd 00 06 00 03 ff 00 | d4 14 | f4 04 0c 04 | 00 02"),
                Arguments.of("TwoBitVector", seqs(1, 2, 6, 7), defaultTimes(LARGE_DELTA_US, 1, 2, 6, 7),
                        "af cd 00 07 00 00 00 00 00 00 00 00 00 01 00 07 00 00 01 00 | d8 0a | 00 01 00 04 00 01 00 | 00 00 03"),
                Arguments.of("TwoBitVectorFull", seqs(1, 2, 6, 7, 8), defaultTimes(LARGE_DELTA_US, 1, 2, 6, 7, 8),
                        "af cd 00 08 00 00 00 00 00 00 00 00 00 01 00 08 00 00 01 00 | d8 0a 40 01"
                                + " | 00 01 00 04 00 01 00 01 00 | 00 00 03"),
                Arguments.of("LargeAndNegativeDeltas", seqs(1, 2, 6, 7, 8),
                        times(2 * MS, MS, 4 * MS, 3 * MS, 3 * MS + LARGE_DELTA_US),
                        "8f cd 00 07 00 00 00 00 00 00 00 00 00 01 00 08 00 00 00 00 | d8 06 40 01"
                                + " | 08 ff fc 0c ff fc 01 00"),
                Arguments.of("MaxRle", seqs(0, (1 << 13) - 1 + 14), times(MS, 2 * MS),
                        "8f cd 00 06 00 00 00 00 00 00 00 00 00 00 20 0e 00 00 00 00 | a0 00 1f ff 20 01 | 04 04"),
                Arguments.of("MinRle", seqs(0, 14 * 2 + 1), times(MS, 2 * MS),
                        "8f cd 00 06 00 00 00 00 00 00 00 00 00 00 00 1e 00 00 00 00 | a0 00 00 0f 20 01 | 04 04"),
                Arguments.of("OneToTwoBitVector", seqs(0, 6), times(0, LARGE_DELTA_US + TransportFeedback.DELTA_TICK_US),
                        "af cd 00 06 00 00 00 00 00 00 00 00 00 00 00 07 00 00 00 00 | d0 02 | 00 01 01 | 00 00 03"),
                Arguments.of("OneToTwoBitVectorSimpleSplit", seqs(0, 7),
                        times(0, LARGE_DELTA_US + TransportFeedback.DELTA_TICK_US),
                        "af cd 00 06 00 00 00 00 00 00 00 00 00 00 00 08 00 00 00 00 | d0 00 40 01 | 00 01 01 | 01"),
                Arguments.of("OneToTwoBitVectorSplit", consecutive(22), splitTimes(),
                        "af cd 00 0c 00 00 00 00 00 00 00 00 00 00 00 16 00 00 00 00 | 20 08 e5 55 20 07"
                                + " | 04 04 04 04 04 04 04 04 01 00 04 04 04 04 04 04 04 04 04 04 04 04 04 | 00 00 03"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsLibwebrtcsBytesAndParsesThemBack(String name, int[] seqs, long[] timesUs, String expectedHex)
            throws RtcpFormatException {
        TransportFeedbackBuilder builder = new TransportFeedbackBuilder(TransportFeedbackBuilder.MAX_RTCP_PACKET_BYTES);
        builder.reset(0, 0, seqs[0], timesUs[0], 0);
        for (int i = 0; i < seqs.length; i++) {
            assertTrue(builder.addReceivedPacket(seqs[i], timesUs[i]), "packet " + seqs[i]);
        }
        byte[] wire = new byte[builder.sizeBytes()];
        assertEquals(wire.length, builder.write(wire, 0));
        assertEquals(Hex.of(Hex.bytes(expectedHex)), Hex.of(wire));

        TransportFeedback parsed = new TransportFeedback();
        parsed.parse(wire, 0, wire.length);
        long referenceUs = parsed.referenceTimeTicks() * TransportFeedback.REFERENCE_TICK_US;
        long wrapUs = TransportFeedback.REFERENCE_TIME_MODULUS * TransportFeedback.REFERENCE_TICK_US;
        List<Integer> receivedSeqs = new ArrayList<>();
        List<Long> receivedTimes = new ArrayList<>();
        for (int i = 0; i < parsed.packetStatusCount(); i++) {
            if (parsed.isReceived(i)) {
                receivedSeqs.add(parsed.sequenceNumber(i));
                receivedTimes.add(Math.floorMod(referenceUs + parsed.receiveOffsetUs(i), wrapUs));
            }
        }
        List<Integer> expectedSeqs = new ArrayList<>();
        List<Long> expectedTimes = new ArrayList<>();
        for (int i = 0; i < seqs.length; i++) {
            expectedSeqs.add(seqs[i]);
            expectedTimes.add(timesUs[i]);
        }
        assertEquals(expectedSeqs, receivedSeqs);
        assertEquals(expectedTimes, receivedTimes, "times are multiples of 250 us, so they survive exactly");
    }

    @Test
    void readsFeedbackWithoutReceiveDeltas() throws RtcpFormatException {
        // OneBitVectorNoRecvDelta: libwebrtc's include_timestamps=false packet for the same input:
        // the chunk only, padded with the P bit.
        byte[] wire = Hex.bytes("af cd 00 05 00 00 00 00 00 00 00 00 00 01 00 0d 00 00 00 00 b0 f2 00 02");
        TransportFeedback parsed = new TransportFeedback();
        parsed.parse(wire, 0, wire.length);
        assertFalse(parsed.hasReceiveDeltas());
        assertEquals(7, parsed.receivedCount());
        assertTrue(parsed.isReceived(12));
        assertEquals(TransportFeedback.NO_TIME, parsed.receiveOffsetUs(12));
    }

    @Test
    void acceptsPaddingBeyondTheAlignmentAndLegacyZeroPaddingWithoutThePBit() throws RtcpFormatException {
        // TransportFeedbackPadding: one packet at time 0 is 23 bytes + 1 byte of padding.
        TransportFeedbackBuilder builder = new TransportFeedbackBuilder();
        builder.reset(0, 0, 0, 0, 0);
        assertTrue(builder.addReceivedPacket(0, 0));
        byte[] wire = new byte[builder.sizeBytes()];
        builder.write(wire, 0);
        assertEquals("af cd 00 05 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 20 01 00 01", Hex.of(wire));
        // 4 more bytes of padding, declared by the count byte and the length field.
        byte[] padded = Hex.bytes("af cd 00 06 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 20 01 00 00 00 00 00 05");
        TransportFeedback parsed = new TransportFeedback();
        parsed.parse(padded, 0, padded.length);
        assertEquals(1, parsed.receivedCount());
        // TransportFeedbackPaddingBackwardsCompatibility: old senders zero-padded without the P bit.
        byte[] legacy = Hex.bytes("8f cd 00 05 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 20 01 00 00");
        parsed.parse(legacy, 0, legacy.length);
        assertEquals(0, parsed.receiveOffsetUs(0));
    }

    @Test
    void refusesWhatLibwebrtcRefusesAtItsLimits() {
        TransportFeedbackBuilder builder = new TransportFeedbackBuilder(TransportFeedbackBuilder.MAX_RTCP_PACKET_BYTES);
        // Sequence jump of exactly half the space is newer, one more is not.
        builder.reset(0, 0, 0, 0, 0);
        assertTrue(builder.addReceivedPacket(0, 0));
        assertTrue(builder.addReceivedPacket(0x8000, MS));
        builder.reset(0, 0, 0, 0, 0);
        assertTrue(builder.addReceivedPacket(0, 0));
        assertFalse(builder.addReceivedPacket(0x8001, MS));
        // At most 0xFFFF statuses.
        builder.reset(0, 0, 0, 0, 0);
        assertTrue(builder.addReceivedPacket(0, 0));
        assertTrue(builder.addReceivedPacket(0x8000, MS));
        assertTrue(builder.addReceivedPacket(0xFFFE, 2 * MS));
        assertFalse(builder.addReceivedPacket(0xFFFF, 3 * MS));
        // Deltas are signed 16-bit ticks.
        long maxPositiveUs = Short.MAX_VALUE * TransportFeedback.DELTA_TICK_US;
        builder.reset(0, 0, 0, 0, 0);
        assertFalse(builder.addReceivedPacket(1, maxPositiveUs + TransportFeedback.DELTA_TICK_US));
        assertTrue(builder.addReceivedPacket(1, maxPositiveUs));
        long baseUs = 1_000_000_000_000L;
        long maxNegativeUs = Short.MIN_VALUE * TransportFeedback.DELTA_TICK_US;
        builder.reset(0, 0, 0, baseUs, 0);
        assertFalse(builder.addReceivedPacket(1, baseUs + maxNegativeUs - TransportFeedback.DELTA_TICK_US));
        assertTrue(builder.addReceivedPacket(1, baseUs + maxNegativeUs));
    }

    @Test
    void keepsAliasedSubTickArrivalsWithinHalfATick() throws RtcpFormatException {
        // TransportFeedbackAliasing: arrivals a third of a tick apart; rounding must not drift.
        TransportFeedbackBuilder builder = new TransportFeedbackBuilder();
        builder.reset(0, 0, 0, 0, 0);
        long stepUs = TransportFeedback.DELTA_TICK_US / 3;
        for (int i = 0; i < 100; i++) {
            assertTrue(builder.addReceivedPacket(i, i * stepUs));
        }
        byte[] wire = new byte[builder.sizeBytes()];
        builder.write(wire, 0);
        TransportFeedback parsed = new TransportFeedback();
        parsed.parse(wire, 0, wire.length);
        for (int i = 0; i < 100; i++) {
            long errorUs = Math.abs(parsed.receiveOffsetUs(i) - i * stepUs);
            assertTrue(errorUs <= TransportFeedback.DELTA_TICK_US / 2, "packet " + i + " off by " + errorUs + " us");
        }
    }

    @Test
    void carriesTheMaximumNumberOfNegativeDeltas() throws RtcpFormatException {
        // SupportsMaximumNumberOfNegativeDeltas: a base time on a multiple of the 24-bit wrap (so
        // the wire reference time is 0), then -8.192 s per packet until the packet is full.
        long wrapUs = TransportFeedback.REFERENCE_TIME_MODULUS * TransportFeedback.REFERENCE_TICK_US;
        long timeUs = 1_000 * wrapUs;
        long minDeltaUs = Short.MIN_VALUE * TransportFeedback.DELTA_TICK_US;
        TransportFeedbackBuilder builder = new TransportFeedbackBuilder(TransportFeedbackBuilder.MAX_RTCP_PACKET_BYTES);
        builder.reset(0, 0, 0, timeUs, 0);
        int received = 0;
        timeUs += minDeltaUs;
        while (builder.addReceivedPacket(received + 1, timeUs)) {
            received++;
            timeUs += minDeltaUs;
        }
        assertEquals(0xFFFF - 1, received, "the 16-bit status count is the limit (status 0 is the gap)");
        byte[] wire = new byte[builder.sizeBytes()];
        builder.write(wire, 0);
        TransportFeedback parsed = new TransportFeedback();
        parsed.parse(wire, 0, wire.length);
        assertEquals(received, parsed.receivedCount());
        assertEquals(0, parsed.referenceTimeTicks());
        for (int i = 1; i <= received; i++) {
            assertEquals(i * minDeltaUs, parsed.receiveOffsetUs(i), "status " + i);
        }
    }

    @Test
    void splitsVectorChunksCorrectlyBeforeALargeDelta() throws RtcpFormatException {
        // TransportFeedbackCorrectlySplitsVectorChunks: n small deltas then one large, n = 0..15.
        for (int deltas = 0; deltas <= 15; deltas++) {
            TransportFeedbackBuilder builder = new TransportFeedbackBuilder();
            builder.reset(0, 0, 0, 0, 0);
            for (int i = 0; i < deltas; i++) {
                assertTrue(builder.addReceivedPacket(i, i * MS));
            }
            assertTrue(builder.addReceivedPacket(deltas, deltas * MS + LARGE_DELTA_US));
            byte[] wire = new byte[builder.sizeBytes()];
            builder.write(wire, 0);
            TransportFeedback parsed = new TransportFeedback();
            parsed.parse(wire, 0, wire.length);
            assertEquals(deltas + 1, parsed.receivedCount());
            assertEquals(TransportFeedback.RECEIVED_LARGE_DELTA, parsed.symbol(deltas));
            assertEquals(deltas * MS + LARGE_DELTA_US, parsed.receiveOffsetUs(deltas));
        }
    }

    private static int[] seqs(int... values) {
        return values;
    }

    private static long[] times(long... values) {
        return values;
    }

    private static int[] consecutive(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** FeedbackTester.GenerateReceiveTimestamps: seq x delta, plus 65536 x delta per wrap. */
    private static long[] defaultTimes(long deltaUs, int... seqs) {
        long[] out = new long[seqs.length];
        long wrapUs = 0;
        int last = seqs[0];
        for (int i = 0; i < seqs.length; i++) {
            if (seqs[i] < last) {
                wrapUs += 0x10000L * deltaUs;
            }
            last = seqs[i];
            out[i] = wrapUs + last * deltaUs;
        }
        return out;
    }

    /** OneToTwoBitVectorSplit: 1 ms apart from 1 ms, except packet 8, which comes 64 ms late. */
    private static long[] splitTimes() {
        long[] out = new long[22];
        out[0] = MS;
        for (int i = 1; i < out.length; i++) {
            out[i] = out[i - 1] + (i == 8 ? LARGE_DELTA_US : MS);
        }
        return out;
    }
}
