package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.sim.media.PacketKind;
import dev.weir.sim.scenario.FeedbackFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulator's feedback bytes, both ends, with the return path's misfortunes played by hand:
 * feedback packets delivered out of order, lost, and media packets arriving after the feedback
 * that called them lost.
 */
class FeedbackChannelTest {
    private static final int PER_INTERVAL = 100;
    private static final long SEND_SPACING_US = 1_000;
    private static final long FORWARD_DELAY_US = 40_000;
    private static final long INTERVAL_US = 100_000;

    /** Three intervals of 100 packets (every 10th dropped, every 7th audio); one feedback send each. */
    private static final class Harness {
        final FeedbackChannel channel;
        final List<byte[]> packets = new ArrayList<>();
        final Map<Integer, Long> trueArrivalsUs = new HashMap<>();
        final Map<Integer, Long> reportedArrivalsUs = new HashMap<>();
        final Map<Integer, Integer> lostReports = new HashMap<>();
        long receivedTwice;
        private final FeedbackReport report = new FeedbackReport();

        Harness(FeedbackFormat format) {
            channel = new FeedbackChannel(format, 1200,
                    (packet, offset, length) -> packets.add(Arrays.copyOfRange(packet, offset, offset + length)));
        }

        /** Sends interval {@code i}'s packets; those not dropped (nor held back) arrive; then feedback. */
        void interval(int i, int heldBack) {
            for (int k = 0; k < PER_INTERVAL; k++) {
                int seq = i * PER_INTERVAL + k;
                long sendUs = i * INTERVAL_US + k * SEND_SPACING_US;
                channel.onPacketSent(seq, seq % 7 == 0 ? PacketKind.AUDIO : PacketKind.VIDEO, sendUs, 1000, -1);
            }
            for (int k = 0; k < PER_INTERVAL; k++) {
                int seq = i * PER_INTERVAL + k;
                if (seq % 10 == 3 || seq == heldBack) {
                    continue;
                }
                arrive(seq, i * INTERVAL_US + k * SEND_SPACING_US + FORWARD_DELAY_US + (seq * 37 % 11) * 100);
            }
            channel.sendFeedback((i + 1) * INTERVAL_US + FORWARD_DELAY_US);
        }

        void arrive(int seq, long arrivalUs) {
            trueArrivalsUs.put(seq, arrivalUs);
            channel.onPacketArrived(seq, arrivalUs);
        }

        void deliver(int packet, long nowUs) {
            report.clear();
            byte[] bytes = packets.get(packet);
            int added = channel.onFeedbackArrived(bytes, bytes.length, nowUs, report);
            assertEquals(report.count(), added);
            for (int i = 0; i < report.count(); i++) {
                int seq = (int) report.sequenceNumber(i);
                if (report.isLost(i)) {
                    lostReports.merge(seq, 1, Integer::sum);
                } else if (reportedArrivalsUs.put(seq, report.arrivalTimeUs(i)) != null) {
                    receivedTwice++;
                }
            }
        }

        /** Largest error of a reported arrival against the truth, after the one constant clock offset. */
        long maxArrivalErrorUs() {
            int anchor = reportedArrivalsUs.keySet().stream().min(Integer::compare).orElseThrow();
            long offsetUs = reportedArrivalsUs.get(anchor) - trueArrivalsUs.get(anchor);
            long max = 0;
            for (Map.Entry<Integer, Long> entry : reportedArrivalsUs.entrySet()) {
                max = Math.max(max, Math.abs(entry.getValue() - offsetUs - trueArrivalsUs.get(entry.getKey())));
            }
            return max;
        }
    }

    /**
     * TWCC rounds to 250 us and the adapter then truncates to whole milliseconds (libwebrtc), the
     * anchor packet's own error counting twice; RFC 8888 rounds to 1/1024 s (likewise twice).
     */
    private static long resolutionUs(FeedbackFormat format) {
        return format == FeedbackFormat.TWCC ? 2 * 1_000 + 250 : 2 * 977;
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void feedbackPacketsDeliveredOutOfOrderReportEveryPacketOnce(FeedbackFormat format) {
        Harness harness = new Harness(format);
        for (int i = 0; i < 3; i++) {
            harness.interval(i, -1);
        }
        assertEquals(3, harness.packets.size());
        harness.deliver(0, 200_000);
        harness.deliver(2, 380_000);
        harness.deliver(1, 390_000);
        assertEquals(harness.trueArrivalsUs.keySet(), harness.reportedArrivalsUs.keySet());
        assertEquals(0, harness.receivedTwice);
        // The dropped ones, each reported lost once.
        for (int seq = 3; seq < 3 * PER_INTERVAL; seq += 10) {
            assertEquals(1, harness.lostReports.getOrDefault(seq, 0), "losses reported for " + seq);
        }
        assertTrue(harness.maxArrivalErrorUs() <= resolutionUs(format), harness.maxArrivalErrorUs() + " us");
        assertEquals(3, harness.channel.packetsParsed());
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void packetsOfALostFeedbackPacketAreNotReportedAgain(FeedbackFormat format) {
        Harness harness = new Harness(format);
        for (int i = 0; i < 3; i++) {
            harness.interval(i, -1);
        }
        harness.deliver(0, 200_000);
        harness.deliver(2, 400_000); // packet 1 was lost on the return path
        for (int seq = 0; seq < 3 * PER_INTERVAL; seq++) {
            boolean inLostPacket = seq >= PER_INTERVAL && seq < 2 * PER_INTERVAL;
            boolean reported = harness.reportedArrivalsUs.containsKey(seq) || harness.lostReports.containsKey(seq);
            assertEquals(!inLostPacket, reported, "packet " + seq);
        }
        assertEquals(0, harness.receivedTwice);
    }

    @ParameterizedTest
    @EnumSource(FeedbackFormat.class)
    void aPacketArrivingAfterTheFeedbackThatCalledItLostIsReportedReceivedOnce(FeedbackFormat format) {
        Harness harness = new Harness(format);
        int late = 50;
        harness.interval(0, late);
        harness.deliver(0, 200_000);
        assertEquals(1, harness.lostReports.getOrDefault(late, 0));
        assertFalse(harness.reportedArrivalsUs.containsKey(late));
        harness.arrive(late, 150_000);
        harness.interval(1, -1);
        for (int i = 1; i < harness.packets.size(); i++) {
            harness.deliver(i, 300_000);
        }
        assertTrue(harness.reportedArrivalsUs.containsKey(late), "the late packet was never reported received");
        assertEquals(0, harness.receivedTwice);
        assertEquals(1, harness.channel.adapter().recoveredPacketCount());
        assertEquals(harness.trueArrivalsUs.keySet(), harness.reportedArrivalsUs.keySet());
        assertTrue(harness.maxArrivalErrorUs() <= resolutionUs(format), harness.maxArrivalErrorUs() + " us");
    }
}
