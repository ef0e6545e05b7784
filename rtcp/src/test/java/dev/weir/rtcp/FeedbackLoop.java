package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.bwe.api.FeedbackReport;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Runs a {@link SimulatedPath} through the real byte path in event order: sender history,
 * receiver-side generator, feedback bytes on a return path (constant delay, optional loss),
 * parser and adapter; hands every joined report to a consumer. Test support, not allocation-free.
 */
final class FeedbackLoop {
    enum Format { TWCC, RFC8888 }

    interface ReportConsumer {
        void onReport(FeedbackReport report, long nowUs);
    }

    /** Inspects each feedback packet's bytes as it leaves the receiver. */
    interface PacketInspector {
        void onPacket(byte[] packet);
    }

    private record Feedback(long deliverUs, byte[] bytes) {
    }

    private final SimulatedPath path;
    private final Format format;
    private final long returnDelayUs;
    private final double feedbackLossRate;
    private final SplittableRandom random;
    final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter();
    private final TransportFeedback twcc = new TransportFeedback();
    private final CongestionControlFeedback ccfb = new CongestionControlFeedback();
    private final FeedbackReport report = new FeedbackReport();
    private final ArrayDeque<Feedback> returnPath = new ArrayDeque<>();
    private PacketInspector inspector = packet -> { };
    private long nowUs;
    long feedbackPackets;

    FeedbackLoop(SimulatedPath path, Format format, long returnDelayUs, double feedbackLossRate, long seed) {
        this.path = path;
        this.format = format;
        this.returnDelayUs = returnDelayUs;
        this.feedbackLossRate = feedbackLossRate;
        this.random = new SplittableRandom(seed);
    }

    FeedbackLoop inspect(PacketInspector packetInspector) {
        inspector = packetInspector;
        return this;
    }

    void run(ReportConsumer consumer) {
        FeedbackPacketSink sink = (packet, offset, length) -> {
            byte[] copy = Arrays.copyOfRange(packet, offset, offset + length);
            inspector.onPacket(copy);
            feedbackPackets++;
            if (random.nextDouble() >= feedbackLossRate) {
                returnPath.add(new Feedback(nowUs + returnDelayUs, copy));
            }
        };
        TwccFeedbackGenerator twccGenerator = new TwccFeedbackGenerator(9, TransportFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES, sink);
        CongestionControlFeedbackGenerator ccfbGenerator =
                new CongestionControlFeedbackGenerator(9, TransportFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES, sink);
        long[][] arrivals = arrivalsInOrder();
        int nextSend = 0;
        int nextArrival = 0;
        long nextProcessUs = path.sendUs[0];
        long endUs = path.sendUs[path.count - 1] + 2_000_000;
        while (true) {
            long sendAt = nextSend < path.count ? path.sendUs[nextSend] : Long.MAX_VALUE;
            long arrivalAt = nextArrival < arrivals.length ? arrivals[nextArrival][0] : Long.MAX_VALUE;
            long feedbackAt = returnPath.isEmpty() ? Long.MAX_VALUE : returnPath.peek().deliverUs();
            long processAt = nextProcessUs <= endUs ? nextProcessUs : Long.MAX_VALUE;
            long next = Math.min(Math.min(sendAt, arrivalAt), Math.min(feedbackAt, processAt));
            if (next == Long.MAX_VALUE) {
                return;
            }
            nowUs = next;
            if (sendAt == next) {
                send(nextSend++);
            } else if (arrivalAt == next) {
                int i = (int) arrivals[nextArrival++][1];
                if (format == Format.TWCC) {
                    twccGenerator.onPacketReceived(i & 0xFFFF, nowUs, path.ssrc[i]);
                } else {
                    ccfbGenerator.onPacketReceived(path.ssrc[i], path.rtpSequence[i], nowUs,
                            CongestionControlFeedback.ECN_NOT_ECT, path.marker[i]);
                }
            } else if (processAt == next) {
                long untilNextUs = format == Format.TWCC ? twccGenerator.process(nowUs) : ccfbGenerator.process(nowUs);
                nextProcessUs = nowUs + Math.max(1, untilNextUs);
            } else {
                deliver(returnPath.poll().bytes(), consumer);
            }
        }
    }

    private void send(int i) {
        if (format == Format.TWCC) {
            adapter.onPacketSent(i & 0xFFFF, path.sendUs[i], path.sizeBytes[i], FeedbackReport.NOT_A_PROBE);
        } else {
            adapter.onPacketSent(i & 0xFFFF, path.sendUs[i], path.sizeBytes[i], FeedbackReport.NOT_A_PROBE,
                    path.ssrc[i], path.rtpSequence[i]);
        }
    }

    private void deliver(byte[] bytes, ReportConsumer consumer) {
        report.clear();
        try {
            if (format == Format.TWCC) {
                twcc.parse(bytes, 0, bytes.length);
                adapter.onTransportFeedback(twcc, nowUs, report);
            } else {
                ccfb.parse(bytes, 0, bytes.length);
                adapter.onCongestionControlFeedback(ccfb, nowUs, report);
            }
        } catch (RtcpFormatException e) {
            fail("the parser rejects what the generator wrote: " + e.getMessage());
        }
        consumer.onReport(report, nowUs);
    }

    /** (arrival time, packet index) for every delivery and duplicate, by time. */
    private long[][] arrivalsInOrder() {
        int n = 0;
        long[][] events = new long[2 * path.count][];
        for (int i = 0; i < path.count; i++) {
            if (path.delivered(i)) {
                events[n++] = new long[] {path.arrivalUs[i], i};
            }
            if (path.duplicateArrivalUs[i] != SimulatedPath.NOT_DELIVERED) {
                events[n++] = new long[] {path.duplicateArrivalUs[i], i};
            }
        }
        long[][] sorted = Arrays.copyOf(events, n);
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        return sorted;
    }
}
