package dev.weir.netpath;

/*
 * The receiver of a real call: TWCC feedback built by the rtcp module's TwccFeedbackGenerator
 * (libwebrtc's TransportSequenceNumberFeedbackGenenerator), RTCP RR with LSR/DLSR (RFC 3550
 * section 6.4.2) at randomised intervals (RFC 3550 section 6.3.5: [0.5, 1.5] x the interval).
 */

import dev.weir.rtcp.RtcpFormatException;
import dev.weir.rtcp.RtcpHeader;
import dev.weir.rtcp.TwccFeedbackGenerator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Receives one call on one thread: stamps each datagram with {@code System.nanoTime()} when the
 * loop reads it (user-space receive time, as libwebrtc's receive path stamps packets; scheduling
 * delay on a busy machine shows up as delay noise), hands its transport-wide sequence number to
 * the TWCC generator and the media stream's numbers to the RR statistics, and sends the feedback
 * the generator builds (every 100 ms, the simulator's feedback interval) and an RR back to the
 * sender's address. With a feedback delay, every datagram back waits that long first: the
 * feedback path's extra delay, as the simulator's {@code return_delay_ms}.
 *
 * <p>Stops on the sender's BYE, on {@code stop} (the deadline, or the parent gone), and writes
 * {@code arrivals.csv} (every packet: transport sequence number, arrival time, IP size) and
 * {@code receiver.csv} (counters).
 *
 * <p>Not thread-safe: one instance runs one call.
 */
final class UdpReceiver {
    static final List<String> ARRIVAL_COLUMNS = List.of("transport_seq", "arrival_us", "size_bytes");
    static final List<String> SUMMARY_COLUMNS = List.of("packets", "malformed", "feedback_packets",
            "receiver_reports", "feedback_bytes", "bye");

    /** The simulator's default feedback interval, us (libwebrtc's default TWCC interval). */
    static final long FEEDBACK_INTERVAL_US = 100_000;
    /** libwebrtc's video RTCP report interval, us. */
    static final long REPORT_INTERVAL_US = 1_000_000;
    /** Largest feedback packet: one datagram under the IPv6 minimum MTU (the rtcp module's default). */
    static final int MAX_FEEDBACK_BYTES = 1200;
    /** The receiver's own SSRC in its feedback and reports: any fixed value. */
    private static final long RECEIVER_SSRC = 0x0BAD_CAFEL;
    /** Video RTP clock (RFC 3551 / RFC 7741), for the RR jitter: 90 kHz. */
    private static final long VIDEO_CLOCK_HZ = 90_000;
    /**
     * Socket receive buffer, bytes (4 MB, the host's rmem_max): a loop that sleeps through a
     * scheduling hiccup must not turn the kernel's buffer into a second bottleneck.
     */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    /** Longest single wait, us: a stop request is noticed within this. */
    private static final long MAX_WAIT_US = 20_000;
    /** Feedback datagrams that may wait on the feedback delay at once (a 10 s delay at 10 per 100 ms). */
    private static final int MAX_DELAYED = 1 << 12;

    private final long t0Nanos;
    private final long feedbackDelayUs;
    private final Path logDir;
    private final TwccFeedbackGenerator generator;
    private final ReceptionStats media = new ReceptionStats(VIDEO_CLOCK_HZ);
    private final RtpPackets.Parsed rtp = new RtpPackets.Parsed();
    private final RtcpHeader header = new RtcpHeader();
    private final SplittableRandom random;
    private final ByteBuffer in = ByteBuffer.allocate(2048);
    private final byte[] reportBytes = new byte[RtcpReports.RECEIVER_REPORT_BYTES];
    private final CsvTable arrivals = new CsvTable(ARRIVAL_COLUMNS);

    private final long[] delayedDueUs = new long[MAX_DELAYED];
    private final byte[][] delayedBytes = new byte[MAX_DELAYED][];
    private int delayedHead;
    private int delayedCount;

    private DatagramChannel channel;
    private SocketAddress sender;
    private long mediaSsrc = -1;
    private long lastSenderReport;
    private long lastSenderReportArrivalUs;
    private long nowUs;
    private long malformed;
    private long feedbackPackets;
    private long receiverReports;
    private long feedbackBytes;
    private boolean bye;

    UdpReceiver(long t0Nanos, long feedbackDelayUs, long seed, Path logDir) {
        this.t0Nanos = t0Nanos;
        this.feedbackDelayUs = feedbackDelayUs;
        this.logDir = logDir;
        this.random = new SplittableRandom(seed);
        generator = new TwccFeedbackGenerator(RECEIVER_SSRC, MAX_FEEDBACK_BYTES, this::queueFeedback);
        generator.setSendIntervalUs(FEEDBACK_INTERVAL_US);
    }

    private long clockUs() {
        return (System.nanoTime() - t0Nanos) / 1_000;
    }

    /**
     * Binds to {@code local}, calls {@code ready} once bound, and receives until BYE or {@code stop}.
     */
    void run(InetSocketAddress local, Runnable ready, BooleanSupplier stop) throws IOException {
        try (DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            channel = ch;
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            ch.bind(local);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            ready.run();
            long nextFeedbackUs = Long.MAX_VALUE;
            long nextReportUs = Long.MAX_VALUE;
            while (!bye && !stop.getAsBoolean()) {
                nowUs = clockUs();
                boolean first = sender == null;
                readDatagrams();
                if (first && sender != null) {
                    nextFeedbackUs = nowUs;
                    nextReportUs = nowUs + nextReportIntervalUs();
                }
                if (nowUs >= nextFeedbackUs) {
                    nextFeedbackUs = nowUs + generator.process(nowUs);
                }
                if (nowUs >= nextReportUs && media.started()) {
                    queueReceiverReport();
                    nextReportUs = nowUs + nextReportIntervalUs();
                }
                sendDueDelayed();
                long nextUs = Math.min(Math.min(nextFeedbackUs, nextReportUs), nowUs + MAX_WAIT_US);
                if (delayedCount > 0) {
                    nextUs = Math.min(nextUs, delayedDueUs[delayedHead]);
                }
                long waitUs = nextUs - clockUs();
                if (waitUs > 0) {
                    selector.select(Math.max(1, (waitUs + 999) / 1_000));
                    selector.selectedKeys().clear();
                }
            }
            writeLogs();
        }
    }

    private long nextReportIntervalUs() {
        return REPORT_INTERVAL_US / 2 + random.nextLong(REPORT_INTERVAL_US + 1);
    }

    private void readDatagrams() throws IOException {
        while (true) {
            in.clear();
            SocketAddress from = channel.receive(in);
            if (from == null) {
                return;
            }
            long arrivalUs = clockUs();
            nowUs = arrivalUs;
            onDatagram(in.array(), in.position(), arrivalUs, from);
        }
    }

    /** One datagram from the sender: RTP media or filler, or RTCP (SR, BYE). */
    void onDatagram(byte[] buf, int length, long arrivalUs, SocketAddress from) {
        if (sender == null) {
            sender = from;
        }
        if (RtpPackets.isRtcp(buf, length)) {
            onRtcp(buf, length, arrivalUs);
            return;
        }
        if (!rtp.parse(buf, length)) {
            malformed++;
            return;
        }
        generator.onPacketReceived(rtp.transportSequence(), arrivalUs, rtp.ssrc());
        if (rtp.payloadType() == RtpPackets.MEDIA_PAYLOAD_TYPE) {
            if (mediaSsrc < 0) {
                mediaSsrc = rtp.ssrc();
            }
            if (rtp.ssrc() == mediaSsrc) {
                media.onPacket(rtp.rtpSequence(), rtp.rtpTimestamp(), arrivalUs);
            }
        }
        arrivals.add(rtp.transportSequence(), arrivalUs, length + RtpPackets.IP_UDP_OVERHEAD_BYTES);
    }

    private void onRtcp(byte[] buf, int length, long arrivalUs) {
        int offset = 0;
        while (offset < length) {
            try {
                header.read(buf, offset, length - offset);
            } catch (RtcpFormatException e) {
                malformed++;
                return;
            }
            if (header.packetType() == RtcpReports.SENDER_REPORT && header.packetSizeBytes() >= RtcpReports.SENDER_REPORT_BYTES) {
                lastSenderReport = RtcpReports.compactNtpOfSenderReport(buf, offset);
                lastSenderReportArrivalUs = arrivalUs;
            } else if (header.packetType() == RtcpReports.BYE) {
                bye = true;
            }
            offset += header.packetSizeBytes();
        }
    }

    private void queueReceiverReport() {
        // DLSR is the receiver's hold time up to writing the report: the feedback delay that follows
        // is path delay and belongs in the sender's RTT.
        long dlsr = lastSenderReport == 0 ? 0
                : RtcpReports.compactNtp(nowUs) - RtcpReports.compactNtp(lastSenderReportArrivalUs);
        int size = RtcpReports.writeReceiverReport(reportBytes, 0, RECEIVER_SSRC, mediaSsrc, media.takeFractionLost(),
                media.cumulativeLost(), media.extendedHighestSequence(), media.jitterUnits(), lastSenderReport,
                dlsr & 0xFFFF_FFFFL);
        receiverReports++;
        queue(reportBytes, 0, size);
    }

    private void queueFeedback(byte[] packet, int offset, int length) {
        feedbackPackets++;
        queue(packet, offset, length);
    }

    /** Sends now, or after the feedback delay; the bytes are copied (the generator reuses its buffer). */
    private void queue(byte[] bytes, int offset, int length) {
        feedbackBytes += length;
        if (feedbackDelayUs <= 0) {
            send(bytes, offset, length);
            return;
        }
        if (delayedCount == MAX_DELAYED) {
            return; // more than the queue holds is waiting: the feedback path drops it
        }
        int slot = (delayedHead + delayedCount) % MAX_DELAYED;
        delayedDueUs[slot] = nowUs + feedbackDelayUs;
        delayedBytes[slot] = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        delayedCount++;
    }

    private void sendDueDelayed() {
        long now = clockUs();
        while (delayedCount > 0 && delayedDueUs[delayedHead] <= now) {
            byte[] bytes = delayedBytes[delayedHead];
            delayedBytes[delayedHead] = null;
            delayedHead = (delayedHead + 1) % MAX_DELAYED;
            delayedCount--;
            send(bytes, 0, bytes.length);
        }
    }

    private void send(byte[] bytes, int offset, int length) {
        if (sender == null) {
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(bytes, offset, length), sender);
        } catch (IOException e) {
            malformed++; // a send error on a private veth: counted, the call goes on
        }
    }

    private void writeLogs() throws IOException {
        arrivals.write(logDir.resolve("arrivals.csv"));
        CsvTable summary = new CsvTable(SUMMARY_COLUMNS);
        summary.add(arrivals.size(), malformed, feedbackPackets, receiverReports, feedbackBytes, bye ? 1 : 0);
        summary.write(logDir.resolve("receiver.csv"));
    }
}
