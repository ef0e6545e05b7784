package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The receiver's RFC 8888 schedule and content: the cases of libwebrtc's
 * modules/remote_bitrate_estimator/congestion_control_feedback_generator_unittest.cc
 * (https://webrtc.googlesource.com/src), replayed through bytes, plus reordering and splitting.
 */
class CongestionControlFeedbackGeneratorTest {
    private static final long START_US = 123_456_000;
    private static final long MS = 1_000;
    private static final long SSRC = 1234;

    /** One report as the sender reads it: feedback time, and per packet (ssrc, seq, received, ecn, offset). */
    record Report(long sentAtUs, int sizeBytes, List<long[]> packets) {
    }

    private final List<Report> reports = new ArrayList<>();
    private final CongestionControlFeedback parser = new CongestionControlFeedback();
    private long clockUs = START_US;
    private CongestionControlFeedbackGenerator generator = generator(TransportFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES);

    private CongestionControlFeedbackGenerator generator(int maxPacketBytes) {
        return new CongestionControlFeedbackGenerator(7, maxPacketBytes, this::collect);
    }

    private void collect(byte[] packet, int offset, int length) {
        try {
            parser.parse(packet, offset, length);
        } catch (RtcpFormatException e) {
            fail("generator wrote a packet its parser rejects: " + e.getMessage());
        }
        assertEquals(CompactNtp.fromMicros(clockUs) & 0xFFFF_FFFFL, parser.reportTimestampCompactNtp());
        List<long[]> packets = new ArrayList<>();
        for (int i = 0; i < parser.reportCount(); i++) {
            packets.add(new long[] {parser.ssrc(i), parser.sequenceNumber(i), parser.isReceived(i) ? 1 : 0,
                parser.ecn(i), parser.arrivalTimeOffset(i)});
        }
        reports.add(new Report(clockUs, length, packets));
    }

    private void receive(long ssrc, int sequence, boolean marker) {
        receive(ssrc, sequence, marker, CongestionControlFeedback.ECN_NOT_ECT);
    }

    private void receive(long ssrc, int sequence, boolean marker, int ecn) {
        generator.onPacketReceived(ssrc, sequence, clockUs, ecn, marker);
    }

    private long process() {
        return generator.process(clockUs);
    }

    @Test
    void sendsFeedbackWhenAPacketWithTheMarkerBitArrives() {
        assertTrue(process() > 10 * MS);
        clockUs += 10 * MS;
        receive(SSRC, 1, false);
        assertEquals(0, reports.size(), "no frame complete yet");
        receive(SSRC, 2, true);
        assertEquals(1, reports.size());
        assertEquals(2, reports.get(0).packets().size());
    }

    @Test
    void recordedPacketsWaitForAnExplicitSendWhateverTheSchedule() {
        clockUs += 10 * MS;
        generator.recordPacket(SSRC, 1, clockUs, CongestionControlFeedback.ECN_NOT_ECT);
        clockUs += 100 * MS;
        generator.recordPacket(SSRC, 2, clockUs, CongestionControlFeedback.ECN_NOT_ECT);
        assertEquals(0, reports.size(), "recordPacket never sends, even long past the marker wait");
        clockUs += 5 * MS;
        generator.sendFeedback(clockUs);
        assertEquals(1, reports.size());
        List<long[]> packets = reports.get(0).packets();
        assertEquals(2, packets.size());
        assertEquals(1, packets.get(0)[1]);
        assertEquals(2, packets.get(1)[1]);
        // Arrival offsets before the report timestamp, in 1/1024 s (within a unit): 105 ms and 5 ms.
        assertEquals(0.105 * 1024, packets.get(0)[4], 1.0);
        assertEquals(0.005 * 1024, packets.get(1)[4], 1.0);
    }

    @Test
    void sendsFeedback25MsAfterTheFirstArrivalWithoutAMarker() {
        long untilNextUs = process();
        assertEquals(CongestionControlFeedbackGenerator.MIN_INTERVAL_US, untilNextUs);
        clockUs += 10 * MS;
        receive(SSRC, 1, false);
        long expectedUs = clockUs + CongestionControlFeedbackGenerator.MAX_WAIT_FOR_MARKER_US;
        clockUs += untilNextUs - 10 * MS;
        untilNextUs = process();
        assertEquals(0, reports.size());
        clockUs += untilNextUs;
        process();
        assertEquals(1, reports.size());
        assertEquals(expectedUs, reports.get(0).sentAtUs());
    }

    @Test
    void keepsFeedback25MsApartWhenFramesCompleteFaster() {
        long untilNextUs = process();
        for (int i = 0; i < 3; i++) {
            receive(SSRC, i, true);
            clockUs += 2 * MS;
            untilNextUs -= 2 * MS;
        }
        clockUs += untilNextUs;
        untilNextUs = process();
        clockUs += untilNextUs;
        process();
        assertEquals(2, reports.size());
        assertEquals(START_US, reports.get(0).sentAtUs());
        assertEquals(START_US + 25 * MS, reports.get(1).sentAtUs());
    }

    /** 30 or 60 packets per ms for one second, processing when told (libwebrtc's rate tests). */
    private void receiveForOneSecond(int packetsPerMs) {
        long untilNextUs = process();
        long lastProcessUs = clockUs;
        int sequence = 0;
        while (clockUs < START_US + 1_000 * MS) {
            for (int i = 0; i < packetsPerMs; i++) {
                receive(SSRC, sequence++ & 0xFFFF, true);
            }
            if (clockUs >= lastProcessUs + untilNextUs) {
                lastProcessUs = clockUs;
                untilNextUs = process();
            }
            clockUs += MS;
        }
    }

    @Test
    void feedbackFor30kPacketsPerSecondStaysUnder500kbps() {
        generator = generator(TransportFeedbackBuilder.MAX_RTCP_PACKET_BYTES);
        receiveForOneSecond(30);
        long totalBytes = reports.stream().mapToLong(Report::sizeBytes).sum();
        assertTrue(totalBytes * 8 <= CongestionControlFeedbackGenerator.MAX_FEEDBACK_RATE_BPS, totalBytes + " bytes");
        assertEquals(40, reports.size());
    }

    @Test
    void feedbackFor60kPacketsPerSecondIsLimitedToAbout500kbps() {
        generator = generator(TransportFeedbackBuilder.MAX_RTCP_PACKET_BYTES);
        receiveForOneSecond(60);
        long totalBytes = reports.stream().mapToLong(Report::sizeBytes).sum();
        long lastBytes = reports.get(reports.size() - 1).sizeBytes();
        assertTrue(totalBytes <= CongestionControlFeedbackGenerator.MAX_FEEDBACK_RATE_BPS / 8 + lastBytes, totalBytes + " bytes");
        assertTrue(reports.size() < 40, reports.size() + " reports");
    }

    @Test
    void reportsTwoStreamsWithMissingPacketsAcrossTheWrap() {
        long untilNextUs = process();
        // Arrival order: 1 of each stream, then reordered older packets 2 ms later.
        receive(123, 1, false);
        receive(234, 1, false);
        clockUs += 2 * MS;
        receive(123, 0xFFFA, false);
        receive(234, 0xFFFC, false);
        clockUs += untilNextUs - 2 * MS;
        untilNextUs = process();
        clockUs += untilNextUs;
        process();
        assertEquals(1, reports.size());
        List<long[]> packets = reports.get(0).packets();
        assertEquals(14, packets.size(), "0xFFFA..1 and 0xFFFC..1");
        assertEquals(123, packets.get(0)[0]);
        assertEquals(0xFFFA, packets.get(0)[1]);
        assertEquals(1, packets.get(0)[2]);
        assertEquals(0, packets.get(1)[2], "0xFFFB was not received");
        assertEquals(234, packets.get(8)[0]);
        assertEquals(0xFFFC, packets.get(8)[1]);
    }

    @Test
    void reportsTheFirstArrivalButTheCongestionMarkOfADuplicate() {
        long untilNextUs = process();
        long firstArrivalUs = clockUs;
        receive(1, 2, false, CongestionControlFeedback.ECN_ECT1);
        clockUs += 2 * MS;
        untilNextUs -= 2 * MS;
        receive(1, 2, false, CongestionControlFeedback.ECN_CE);
        clockUs += untilNextUs;
        untilNextUs = process();
        clockUs += untilNextUs;
        process();
        assertEquals(1, reports.size());
        long[] packet = reports.get(0).packets().get(0);
        assertEquals(CongestionControlFeedback.ECN_CE, packet[3]);
        long offsetUs = reports.get(0).sentAtUs() - firstArrivalUs;
        assertEquals(CongestionControlFeedbackBuilder.arrivalTimeOffsetUnits(offsetUs), packet[4]);
    }

    @Test
    void reReportsFromAPacketThatArrivesAfterItsRangeWasReported() {
        receive(SSRC, 10, true);
        receive(SSRC, 12, true);
        assertEquals(1, reports.size());
        clockUs += 30 * MS;
        receive(SSRC, 11, true);
        assertEquals(2, reports.size());
        List<long[]> second = reports.get(1).packets();
        assertEquals(11, second.get(0)[1]);
        assertEquals(1, second.get(0)[2]);
        assertEquals(12, second.get(1)[1], "the range after the late packet is reported again");
    }

    @Test
    void startsOverWhenAStreamsSequenceNumbersAreReset() {
        receive(SSRC, 30_000, true);
        clockUs += 30 * MS;
        receive(SSRC, 5, true); // far behind the window: ignored, and the feedback it triggers is empty
        assertEquals(2, reports.size());
        assertTrue(reports.get(1).packets().isEmpty());
        clockUs += 30 * MS;
        receive(SSRC, 6, true);
        assertEquals(3, reports.size());
        assertEquals(1, reports.get(2).packets().size(), "a fresh window starts at 6");
        assertEquals(6, reports.get(2).packets().get(0)[1]);
    }

    @Test
    void splitsALargeReportAcrossPacketsWithTheSameTimestamp() {
        process();
        for (int i = 0; i < 1_500; i++) {
            receive(SSRC, i, false);
        }
        clockUs += 25 * MS;
        process();
        assertTrue(reports.size() >= 3, reports.size() + " packets");
        int next = 0;
        for (Report report : reports) {
            assertTrue(report.sizeBytes() <= TransportFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES);
            assertEquals(clockUs, report.sentAtUs());
            for (long[] packet : report.packets()) {
                assertEquals(next++, packet[1]);
            }
        }
        assertEquals(1_500, next);
        assertFalse(reports.isEmpty());
    }

    @Test
    void ignoresStreamsBeyondItsLimit() {
        for (int ssrc = 1; ssrc <= CongestionControlFeedbackGenerator.MAX_STREAMS + 3; ssrc++) {
            receive(ssrc, 1, false);
        }
        assertEquals(3, generator.ignoredStreamPacketCount());
        clockUs += 25 * MS;
        process();
        int reported = reports.stream().mapToInt(report -> report.packets().size()).sum();
        assertEquals(CongestionControlFeedbackGenerator.MAX_STREAMS, reported);
    }
}
