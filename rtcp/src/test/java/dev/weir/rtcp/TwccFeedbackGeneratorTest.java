package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The receiver's TWCC schedule and content: the periodic-feedback cases of libwebrtc's
 * modules/remote_bitrate_estimator/transport_sequence_number_feedback_generator_unittest.cc
 * (https://webrtc.googlesource.com/src), replayed through bytes, plus the size limit.
 */
class TwccFeedbackGeneratorTest {
    private static final long MEDIA_SSRC = 456;
    private static final int BASE_SEQ = 10;
    private static final long BASE_TIME_US = 123_000;
    private static final long MAX_SMALL_DELTA_US = 0xFF * TransportFeedback.DELTA_TICK_US;
    private static final long SECOND_US = 1_000_000;

    /** One feedback packet as the sender would read it. */
    record Sent(int baseSequence, long mediaSsrc, int feedbackCount, int sizeBytes, List<Integer> sequences,
                List<Long> timesUs) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final TransportFeedback parser = new TransportFeedback();
    private final TwccFeedbackGenerator generator =
            new TwccFeedbackGenerator(1, TransportFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES, this::collect);
    private long clockUs;

    private void collect(byte[] packet, int offset, int length) {
        try {
            parser.parse(packet, offset, length);
        } catch (RtcpFormatException e) {
            fail("generator wrote a packet its parser rejects: " + e.getMessage());
        }
        List<Integer> sequences = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long referenceUs = parser.referenceTimeTicks() * TransportFeedback.REFERENCE_TICK_US;
        for (int i = 0; i < parser.packetStatusCount(); i++) {
            if (parser.isReceived(i)) {
                sequences.add(parser.sequenceNumber(i));
                times.add(referenceUs + parser.receiveOffsetUs(i));
            }
        }
        sent.add(new Sent(parser.baseSequenceNumber(), parser.mediaSsrc(), parser.feedbackPacketCount(), length,
                sequences, times));
    }

    private void incoming(int sequence, long arrivalUs) {
        generator.onPacketReceived(sequence & 0xFFFF, arrivalUs, MEDIA_SSRC);
    }

    /** libwebrtc's test Process(): the clock advances by the default interval first. */
    private void process() {
        clockUs += TwccFeedbackGenerator.DEFAULT_INTERVAL_US;
        generator.process(clockUs);
    }

    private Sent only() {
        assertEquals(1, sent.size(), () -> "feedback packets: " + sent);
        Sent packet = sent.get(0);
        sent.clear();
        return packet;
    }

    @Test
    void sendsSinglePacketFeedback() {
        incoming(BASE_SEQ, BASE_TIME_US);
        process();
        Sent packet = only();
        assertEquals(BASE_SEQ, packet.baseSequence());
        assertEquals(MEDIA_SSRC, packet.mediaSsrc());
        assertEquals(List.of(BASE_SEQ), packet.sequences());
        assertEquals(List.of(BASE_TIME_US), packet.timesUs());
    }

    @Test
    void sendFeedbackReportsEverythingNewAtOnceWhateverTheInterval() {
        incoming(BASE_SEQ, BASE_TIME_US);
        process();
        only();
        incoming(BASE_SEQ + 1, BASE_TIME_US + 1_000);
        clockUs += 1_000;
        generator.process(clockUs);
        assertEquals(0, sent.size(), "process keeps its 100 ms schedule");
        generator.sendFeedback();
        assertEquals(List.of(BASE_SEQ + 1), only().sequences());
        generator.sendFeedback();
        assertEquals(0, sent.size(), "nothing new, nothing sent");
    }

    @Test
    void reportsTheFirstArrivalOfADuplicate() {
        incoming(BASE_SEQ, BASE_TIME_US);
        incoming(BASE_SEQ, BASE_TIME_US + SECOND_US);
        process();
        assertEquals(List.of(BASE_TIME_US), only().timesUs());
    }

    @Test
    void startsTheNextFeedbackAtAMissingPacket() {
        incoming(BASE_SEQ, BASE_TIME_US);
        incoming(BASE_SEQ + 1, BASE_TIME_US + SECOND_US);
        process();
        sent.clear();
        incoming(BASE_SEQ + 3, BASE_TIME_US + 3 * SECOND_US);
        process();
        Sent packet = only();
        assertEquals(BASE_SEQ + 2, packet.baseSequence());
        assertEquals(List.of(BASE_SEQ + 3), packet.sequences());
        assertEquals(List.of(BASE_TIME_US + 3 * SECOND_US), packet.timesUs());
    }

    @Test
    void sendsFeedbackWithVaryingDeltas() {
        long[] times = {BASE_TIME_US, BASE_TIME_US + MAX_SMALL_DELTA_US, BASE_TIME_US + 2 * MAX_SMALL_DELTA_US + 1_000};
        for (int i = 0; i < 3; i++) {
            incoming(BASE_SEQ + i, times[i]);
        }
        process();
        Sent packet = only();
        assertEquals(List.of(BASE_SEQ, BASE_SEQ + 1, BASE_SEQ + 2), packet.sequences());
        assertEquals(List.of(times[0], times[1], times[2]), packet.timesUs());
    }

    @Test
    void splitsFeedbackWhenADeltaDoesNotFitSixteenBits() {
        long tooLargeDeltaUs = TransportFeedback.DELTA_TICK_US * (1 << 16);
        incoming(BASE_SEQ, BASE_TIME_US);
        incoming(BASE_SEQ + 1, BASE_TIME_US + tooLargeDeltaUs);
        process();
        assertEquals(2, sent.size());
        assertEquals(List.of(BASE_SEQ), sent.get(0).sequences());
        assertEquals(BASE_SEQ + 1, sent.get(1).baseSequence());
        assertEquals(List.of(BASE_TIME_US + tooLargeDeltaUs), sent.get(1).timesUs());
        assertEquals((sent.get(0).feedbackCount() + 1) & 0xFF, sent.get(1).feedbackCount());
    }

    @Test
    void handlesReorderingAcrossTheWrap() {
        int largeSeq = 62762;
        incoming(BASE_SEQ, BASE_TIME_US);
        incoming(largeSeq, BASE_TIME_US + SECOND_US);
        process();
        Sent packet = only();
        assertEquals(largeSeq, packet.baseSequence());
        assertEquals(List.of(largeSeq, BASE_SEQ), packet.sequences());
        assertEquals(List.of(BASE_TIME_US + SECOND_US, BASE_TIME_US), packet.timesUs());
    }

    @Test
    void reportsOnlyTheNewestWindowAfterMalformedSequenceJumps() {
        for (int i = 0; i < 10; i++) {
            incoming(BASE_SEQ + i, BASE_TIME_US + 3 * i * SECOND_US);
            incoming(BASE_SEQ + 20000 + i, BASE_TIME_US + (3 * i + 1) * SECOND_US);
            incoming(BASE_SEQ + 40000 + i, BASE_TIME_US + (3 * i + 2) * SECOND_US);
        }
        process();
        Sent packet = only();
        assertEquals(List.of(BASE_SEQ + 20009, BASE_SEQ + 40009), packet.sequences());
        assertEquals(List.of(BASE_TIME_US + 28 * SECOND_US, BASE_TIME_US + 29 * SECOND_US), packet.timesUs());
    }

    @Test
    void reportsOnlyTheOldestWindowAfterBackwardsWrappingJumps() {
        for (int i = 0; i < 10; i++) {
            incoming(BASE_SEQ + i, BASE_TIME_US + 3 * i * SECOND_US);
            incoming(BASE_SEQ + 40000 + i, BASE_TIME_US + (3 * i + 1) * SECOND_US);
            incoming(BASE_SEQ + 20000 + i, BASE_TIME_US + (3 * i + 2) * SECOND_US);
        }
        process();
        Sent packet = only();
        assertEquals(BASE_SEQ + 40000, packet.baseSequence());
        assertEquals(List.of(BASE_SEQ + 40000, BASE_SEQ), packet.sequences());
        assertEquals(List.of(BASE_TIME_US + SECOND_US, BASE_TIME_US), packet.timesUs());
    }

    @Test
    void resendsFromALatePacket() {
        incoming(BASE_SEQ, BASE_TIME_US);
        incoming(BASE_SEQ + 2, BASE_TIME_US + 2_000);
        process();
        assertEquals(List.of(BASE_SEQ, BASE_SEQ + 2), only().sequences());
        incoming(BASE_SEQ + 1, BASE_TIME_US + 1_000);
        process();
        Sent packet = only();
        assertEquals(BASE_SEQ + 1, packet.baseSequence());
        assertEquals(List.of(BASE_SEQ + 1, BASE_SEQ + 2), packet.sequences());
        assertEquals(List.of(BASE_TIME_US + 1_000, BASE_TIME_US + 2_000), packet.timesUs());
    }

    @Test
    void forgetsReportedPacketsOlderThanTheBackWindow() {
        long timeoutUs = BASE_TIME_US + TwccFeedbackGenerator.BACK_WINDOW_US;
        incoming(BASE_SEQ + 2, BASE_TIME_US);
        process();
        assertEquals(List.of(BASE_TIME_US), only().timesUs());
        incoming(BASE_SEQ + 3, timeoutUs); // BASE_SEQ + 2 times out here
        process();
        assertEquals(List.of(timeoutUs), only().timesUs());
        incoming(BASE_SEQ, BASE_TIME_US - 1_000);
        incoming(BASE_SEQ + 1, timeoutUs - 1_000);
        process();
        Sent packet = only();
        assertEquals(BASE_SEQ, packet.baseSequence());
        assertEquals(List.of(BASE_SEQ, BASE_SEQ + 1, BASE_SEQ + 3), packet.sequences());
        assertEquals(List.of(BASE_TIME_US - 1_000, timeoutUs - 1_000, timeoutUs), packet.timesUs());
    }

    @Test
    void adaptsTheIntervalToFivePercentOfTheEstimate() {
        assertEquals(TwccFeedbackGenerator.DEFAULT_INTERVAL_US, generator.process(0), "unknown estimate");
        generator.onSendBandwidthEstimateChanged(300_000);
        assertEquals(TwccFeedbackGenerator.MIN_INTERVAL_US, generator.process(SECOND_US));
        generator.onSendBandwidthEstimateChanged(0);
        assertEquals(TwccFeedbackGenerator.MAX_INTERVAL_US, generator.process(2 * SECOND_US));
        generator.onSendBandwidthEstimateChanged(20_000);
        assertEquals(TwccFeedbackGenerator.MAX_INTERVAL_US, generator.process(3 * SECOND_US));
        // 80 kbps x 5 % = 68 bytes x 8 bits every 136 ms.
        generator.onSendBandwidthEstimateChanged(80_000);
        assertEquals(136_000, generator.process(4 * SECOND_US));
    }

    @Test
    void takesAFixedIntervalWithinLibwebrtcsBounds() {
        generator.setSendIntervalUs(200_000);
        assertEquals(200_000, generator.process(0));
        generator.setSendIntervalUs(10_000);
        assertEquals(TwccFeedbackGenerator.MIN_INTERVAL_US, generator.sendIntervalUs());
        generator.setSendIntervalUs(1_000_000);
        assertEquals(TwccFeedbackGenerator.MAX_INTERVAL_US, generator.sendIntervalUs());
        generator.onSendBandwidthEstimateChanged(80_000);
        assertEquals(136_000, generator.sendIntervalUs(), "an estimate replaces the fixed interval");
    }

    @Test
    void waitsForTheIntervalBetweenFeedbacks() {
        incoming(BASE_SEQ, BASE_TIME_US);
        assertEquals(TwccFeedbackGenerator.DEFAULT_INTERVAL_US, generator.process(BASE_TIME_US));
        incoming(BASE_SEQ + 1, BASE_TIME_US + 10_000);
        assertEquals(60_000, generator.process(BASE_TIME_US + 40_000));
        assertEquals(1, sent.size(), "too early for the second feedback");
        generator.process(BASE_TIME_US + 100_000);
        assertEquals(2, sent.size());
    }

    @Test
    void splitsFeedbackAtTheMaximumPacketSize() {
        int packets = 3_000;
        for (int i = 0; i < packets; i++) {
            incoming(BASE_SEQ + i, BASE_TIME_US + i * 100L);
        }
        process();
        assertTrue(sent.size() > 2, "3000 one-byte deltas need several 1200-byte packets");
        int next = BASE_SEQ;
        for (int p = 0; p < sent.size(); p++) {
            Sent packet = sent.get(p);
            assertTrue(packet.sizeBytes() <= TransportFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES);
            assertEquals(next, packet.baseSequence());
            assertEquals(p, packet.feedbackCount());
            for (int sequence : packet.sequences()) {
                assertEquals(next++, sequence);
            }
        }
        assertEquals(BASE_SEQ + packets, next);
    }
}
