package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.FeedbackReport;
import org.junit.jupiter.api.Test;

/** Joining TWCC feedback with the send history: wrap, reordering, duplicates, lost feedback, eviction. */
class TransportFeedbackAdapterTest {
    private static final long SEND_SPACING_US = 5_000;
    private static final long ONE_WAY_US = 40_000;
    private static final int SIZE_BYTES = 1_000;

    private final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter();
    private final FeedbackReport report = new FeedbackReport();
    private final TransportFeedbackBuilder builder = new TransportFeedbackBuilder();
    private final TransportFeedback feedback = new TransportFeedback();
    private int feedbackCount;

    private static long sendTimeUs(int index) {
        return 1_000_000 + index * SEND_SPACING_US;
    }

    /** Sends packets with transport sequence {@code first + i} (16-bit wrap) for i in [0, count). */
    private void send(int first, int count) {
        for (int i = 0; i < count; i++) {
            int sequence = (first + i) & 0xFFFF;
            adapter.onPacketSent(sequence, sendTimeUs(i), SIZE_BYTES + i, i % 5 == 0 ? 7 : FeedbackReport.NOT_A_PROBE);
        }
    }

    /** A TWCC packet reporting {@code received} (offsets into the send order {@code first + i}) as arrived. */
    private TransportFeedback feedbackFor(int first, int... received) throws RtcpFormatException {
        return feedbackWithBase(first, received[0], received);
    }

    /** As {@link #feedbackFor}, with statuses starting at send index {@code base}. */
    private TransportFeedback feedbackWithBase(int first, int base, int... received) throws RtcpFormatException {
        builder.reset(1, 2, (first + base) & 0xFFFF, sendTimeUs(received[0]) + ONE_WAY_US, feedbackCount++);
        for (int i : received) {
            assertTrue(builder.addReceivedPacket((first + i) & 0xFFFF, sendTimeUs(i) + ONE_WAY_US));
        }
        byte[] wire = new byte[builder.sizeBytes()];
        builder.write(wire, 0);
        feedback.parse(wire, 0, wire.length);
        return feedback;
    }

    private int join(TransportFeedback parsed, long nowUs) {
        report.clear();
        return adapter.onTransportFeedback(parsed, nowUs, report);
    }

    @Test
    void joinsReceivedAndLostPacketsWithTheirSendRecords() throws RtcpFormatException {
        send(0, 10);
        assertEquals(10, join(feedbackFor(0, 0, 1, 2, 4, 5, 6, 7, 8, 9), 2_000_000));
        long offsetUs = report.arrivalTimeUs(0) - sendTimeUs(0);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, report.sequenceNumber(i));
            assertEquals(sendTimeUs(i), report.sendTimeUs(i));
            assertEquals(SIZE_BYTES + i, report.sizeBytes(i));
            assertEquals(i % 5 == 0 ? 7 : FeedbackReport.NOT_A_PROBE, report.probeClusterId(i));
            if (i == 3) {
                assertTrue(report.isLost(i));
            } else {
                assertEquals(offsetUs, report.arrivalTimeUs(i) - sendTimeUs(i), "constant offset, packet " + i);
            }
        }
    }

    @Test
    void placesTheFirstReferenceTimeAtTheFeedbackArrival() throws RtcpFormatException {
        send(0, 3);
        long nowUs = 5_000_000;
        TransportFeedback parsed = feedbackFor(0, 0, 1, 2);
        join(parsed, nowUs);
        assertEquals(nowUs + parsed.receiveOffsetUs(0) / 1_000 * 1_000, report.arrivalTimeUs(0));
    }

    @Test
    void followsTheReceiverClockAcrossFeedbackPackets() throws RtcpFormatException {
        send(0, 40);
        join(feedbackFor(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 2_000_000);
        long first = report.arrivalTimeUs(0);
        join(feedbackFor(0, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39), 2_150_000);
        for (int i = 0; i < 10; i++) {
            assertEquals(sendTimeUs(30 + i) - sendTimeUs(0), report.arrivalTimeUs(i) - first, "packet " + (30 + i));
        }
    }

    @Test
    void unwrapsSequenceNumbersAcrossTheSixteenBitWrap() throws RtcpFormatException {
        send(65530, 16);
        assertEquals(10, join(feedbackFor(65530, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 2_000_000));
        int[] expected = {65533, 65534, 65535, 0, 1, 2, 3, 4, 5, 6};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], report.sequenceNumber(i));
            assertEquals(sendTimeUs(3 + i), report.sendTimeUs(i));
            assertEquals(SIZE_BYTES + 3 + i, report.sizeBytes(i));
        }
    }

    @Test
    void reportsDuplicateFeedbackOnlyOnce() throws RtcpFormatException {
        send(0, 5);
        byte[] wire = new byte[64];
        builder.reset(1, 2, 0, sendTimeUs(0), 0);
        for (int i = 0; i < 5; i++) {
            builder.addReceivedPacket(i, sendTimeUs(i) + ONE_WAY_US);
        }
        int size = builder.write(wire, 0);
        feedback.parse(wire, 0, size);
        assertEquals(5, join(feedback, 2_000_000));
        feedback.parse(wire, 0, size);
        assertEquals(0, join(feedback, 2_010_000));
        assertEquals(5, adapter.duplicatePacketCount());
        assertEquals(0, adapter.missingFeedbackPacketCount(), "a repeated feedback counter is not a gap");
    }

    @Test
    void countsLostFeedbackPacketsWithoutInventingLosses() throws RtcpFormatException {
        send(0, 15);
        join(feedbackFor(0, 0, 1, 2, 3, 4), 2_000_000);
        feedbackFor(0, 5, 6, 7, 8, 9); // built with counter 1, then lost on the way back
        assertEquals(5, join(feedbackFor(0, 10, 11, 12, 13, 14), 2_200_000));
        for (int i = 0; i < 5; i++) {
            assertEquals(10 + i, report.sequenceNumber(i));
            assertTrue(!report.isLost(i));
        }
        assertEquals(1, adapter.missingFeedbackPacketCount());
    }

    @Test
    void reportsALostPacketOnceAndAgainWhenLaterFeedbackSaysItArrived() throws RtcpFormatException {
        send(0, 6);
        assertEquals(4, join(feedbackFor(0, 0, 1, 3), 2_000_000));
        assertTrue(report.isLost(2));
        // The receiver saw 2 late and re-reports from it: 2 now received, 3 again (duplicate), 4, 5.
        assertEquals(3, join(feedbackFor(0, 2, 3, 4, 5), 2_100_000));
        assertEquals(2, report.sequenceNumber(0));
        assertTrue(!report.isLost(0));
        assertEquals(4, report.sequenceNumber(1));
        assertEquals(1, adapter.recoveredPacketCount());
        assertEquals(1, adapter.duplicatePacketCount());
    }

    @Test
    void reportsARepeatedLossOnce() throws RtcpFormatException {
        send(0, 6);
        join(feedbackFor(0, 0, 2), 2_000_000);
        assertTrue(report.isLost(1));
        // Statuses 1..5: 1 lost again and 2 "lost" after its arrival are old news; 3, 4 (lost), 5 are new.
        assertEquals(3, join(feedbackWithBase(0, 1, 3, 5), 2_100_000));
        assertEquals(3, report.sequenceNumber(0));
        assertEquals(4, report.sequenceNumber(1));
        assertTrue(report.isLost(1));
        assertEquals(2, adapter.duplicatePacketCount());
    }

    @Test
    void forgetsPacketsOverwrittenInTheRing() throws RtcpFormatException {
        TransportFeedbackAdapter small = new TransportFeedbackAdapter(16, TransportFeedbackAdapter.DEFAULT_WINDOW_US);
        for (int i = 0; i < 40; i++) {
            small.onPacketSent(i, sendTimeUs(i), SIZE_BYTES, FeedbackReport.NOT_A_PROBE);
        }
        report.clear();
        assertEquals(0, small.onTransportFeedback(feedbackFor(0, 0, 1, 2, 3), 2_000_000, report));
        assertEquals(4, small.unknownPacketCount());
        assertEquals(2, small.onTransportFeedback(feedbackFor(0, 38, 39), 2_100_000, report));
    }

    @Test
    void forgetsPacketsOlderThanTheHistoryWindow() throws RtcpFormatException {
        TransportFeedbackAdapter shortWindow = new TransportFeedbackAdapter(1024, 1_000_000);
        shortWindow.onPacketSent(0, 0, SIZE_BYTES, FeedbackReport.NOT_A_PROBE);
        shortWindow.onPacketSent(1, 2_000_000, SIZE_BYTES, FeedbackReport.NOT_A_PROBE);
        builder.reset(1, 2, 0, 50_000, 0);
        builder.addReceivedPacket(0, 50_000);
        builder.addReceivedPacket(1, 2_050_000);
        byte[] wire = new byte[builder.sizeBytes()];
        builder.write(wire, 0);
        feedback.parse(wire, 0, wire.length);
        report.clear();
        assertEquals(1, shortWindow.onTransportFeedback(feedback, 2_100_000, report));
        assertEquals(1, report.sequenceNumber(0));
        assertEquals(1, shortWindow.unknownPacketCount());
    }

    @Test
    void skipsFeedbackForPacketsNeverSent() throws RtcpFormatException {
        assertEquals(0, join(feedbackFor(0, 0, 1, 2), 1_000_000), "nothing sent yet");
        send(0, 3);
        assertEquals(0, join(feedbackFor(100, 0, 1), 1_100_000), "ahead of the newest send");
        assertEquals(5, adapter.unknownPacketCount());
    }

    @Test
    void unwrapsTheTwentyFourBitReferenceTime() throws RtcpFormatException {
        // libwebrtc BaseTimeIsConsistentAcrossMultiplePackets: the last reference time before the
        // wrap, then the first after it, are one 64 ms tick apart.
        long wrapUs = TransportFeedback.REFERENCE_TIME_MODULUS * TransportFeedback.REFERENCE_TICK_US;
        long lastBeforeWrapUs = wrapUs - TransportFeedback.REFERENCE_TICK_US;
        adapter.onPacketSent(0, 0, SIZE_BYTES, FeedbackReport.NOT_A_PROBE);
        adapter.onPacketSent(1, 1_000, SIZE_BYTES, FeedbackReport.NOT_A_PROBE);
        long[] arrivals = new long[2];
        for (int i = 0; i < 2; i++) {
            long atUs = lastBeforeWrapUs + i * TransportFeedback.REFERENCE_TICK_US;
            builder.reset(1, 2, i, atUs, i);
            builder.addReceivedPacket(i, atUs);
            byte[] wire = new byte[builder.sizeBytes()];
            builder.write(wire, 0);
            feedback.parse(wire, 0, wire.length);
            join(feedback, 3_000_000 + i * 100_000);
            arrivals[i] = report.arrivalTimeUs(0);
        }
        assertEquals(TransportFeedback.REFERENCE_TICK_US, arrivals[1] - arrivals[0]);
    }

    @Test
    void acknowledgesFeedbackWithoutDeltasButLeavesItOutOfTheReport() throws RtcpFormatException {
        send(0, 14);
        // libwebrtc's timestamp-less feedback for 1, 2, 7, 8, 9, 10, 13 (base 1, 13 statuses).
        byte[] wire = Hex.bytes("af cd 00 05 00 00 00 00 00 00 00 00 00 01 00 0d 00 00 00 00 b0 f2 00 02");
        feedback.parse(wire, 0, wire.length);
        assertEquals(6, join(feedback, 2_000_000), "only the 6 lost packets carry information");
        assertEquals(7, adapter.receivedWithoutTimeCount());
        assertEquals(3, report.sequenceNumber(0));
        assertTrue(report.isLost(0));
    }

    @Test
    void rejectsHistoryCapacitiesThatAreNotPowersOfTwoWithinBounds() {
        assertThrows(IllegalArgumentException.class, () -> new TransportFeedbackAdapter(1000, 1));
        assertThrows(IllegalArgumentException.class, () -> new TransportFeedbackAdapter(1 << 16, 1));
        assertThrows(IllegalArgumentException.class, () -> new TransportFeedbackAdapter(1024, 0));
    }

    @Test
    void roundsReceiveTimesToWholeMillisecondsTowardZeroAsLibwebrtcDoes() {
        // transport_feedback_adapter.cc: delta_since_base.RoundDownTo(TimeDelta::Millis(1)), an
        // integer division, so 1.75 ms -> 1 ms and -1.75 ms -> -1 ms.
        assertEquals(1_000, TransportFeedbackAdapter.roundTowardZeroToMs(1_750));
        assertEquals(-1_000, TransportFeedbackAdapter.roundTowardZeroToMs(-1_750));
        assertEquals(0, TransportFeedbackAdapter.roundTowardZeroToMs(250));
        assertEquals(64_000, TransportFeedbackAdapter.roundTowardZeroToMs(64_000));
    }

    @Test
    void arrivalsReachTheEstimatorOnAOneMillisecondGrid() throws RtcpFormatException {
        send(0, 10);
        long nowUs = 3_000_000;
        TransportFeedback parsed = feedbackFor(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        join(parsed, nowUs);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, (report.arrivalTimeUs(i) - nowUs) % 1_000, "packet " + i);
        }
    }
}
