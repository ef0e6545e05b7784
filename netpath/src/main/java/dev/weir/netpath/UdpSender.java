package dev.weir.netpath;

/*
 * The sender of a real call: the simulator's media model (pacer after libwebrtc's
 * modules/pacing/pacing_controller.cc and bitrate_prober.cc, rate-following encoder) driven by the
 * wall clock, RTP with the transport-wide sequence number extension, TWCC feedback parsed by the
 * rtcp module and joined by its TransportFeedbackAdapter, RTT from RTCP SR/RR (RFC 3550 6.4.1).
 */

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.ProbeRequest;
import dev.weir.rtcp.RtcpFormatException;
import dev.weir.rtcp.RtcpHeader;
import dev.weir.rtcp.TransportFeedback;
import dev.weir.rtcp.TransportFeedbackAdapter;
import dev.weir.sim.call.SimulatorSettings;
import dev.weir.sim.media.FecPlanner;
import dev.weir.sim.media.PacketKind;
import dev.weir.sim.media.Pacer;
import dev.weir.sim.media.VideoEncoder;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.NetworkType;
import dev.weir.steer.WeirEstimator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends one call over a real UDP socket with the estimator in the loop, on one thread. Time is
 * {@code System.nanoTime()} in microseconds since the run's start ({@code t0}, shared with the
 * receiver process: both read the same monotonic clock); the estimator gets it as its {@code nowUs}.
 *
 * <p>What it sends is the simulator's video call without audio, NACK or retransmissions: one frame
 * every 1/fps s from the simulator's {@link VideoEncoder} (same settings, seeded), split into
 * packets of at most {@link SimulatorSettings#packetSizeBytes} IP bytes, FEC packets at the
 * estimator's FEC share, probe clusters and padding as the estimator asks, all through the
 * simulator's {@link Pacer}. The pacer is driven by the wall clock; when the thread wakes late it
 * may send what fell due up to {@value #CATCH_UP_US} us in the past in one burst (libwebrtc's
 * pacer also sends what its budget accumulated when its thread wakes late), beyond that the delay
 * is lost. Every 25 ms {@code onProcessInterval}, every 100 ms a sample row, every second an RTCP
 * SR; TWCC and RR datagrams are handled as they arrive.
 *
 * <p>Logs, written when the call ends: {@code sent.csv} (every packet), {@code rows.csv} (the
 * estimator every 100 ms), {@code sender.csv} (counters).
 *
 * <p>Not thread-safe: one instance runs one call.
 */
final class UdpSender {
    static final List<String> SENT_COLUMNS = List.of("transport_seq", "send_us", "size_bytes", "probe_cluster", "kind");
    static final List<String> ROW_COLUMNS = List.of("time_us", "target_bps", "pacing_bps", "padding_bps",
            "encoder_bps", "delay_based_bps", "loss_based_bps", "acked_bps", "delay_state", "in_alr", "fec_ratio",
            "probing", "rtt_ms", "network_type_code", "p_congestion", "p_random_loss", "network_type", "param_set");
    static final List<String> SUMMARY_COLUMNS = List.of("start_us", "end_us", "packets_sent", "feedback_packets",
            "malformed_rtcp", "receiver_reports", "rtt_samples", "send_buffer_full", "late_wakeups");

    /** libwebrtc's process interval for the controller (GoogCcNetworkController, 25 ms). */
    static final long PROCESS_INTERVAL_US = 25_000;
    /** Sample rows, as the simulator's time series. */
    static final long SAMPLE_INTERVAL_US = 100_000;
    /** RFC 3550 SR interval for a low-bandwidth RTCP budget: one per second (libwebrtc video: 1 s). */
    static final long SENDER_REPORT_INTERVAL_US = 1_000_000;
    /** How far in the past the pacer may still send what fell due (one burst after a late wake-up). */
    static final long CATCH_UP_US = 5_000;
    /** Longest single wait, so a datagram is picked up within this even if no timer is due, us. */
    private static final long MAX_WAIT_US = 5_000;
    /** Below this the loop spins on a short park instead of select (select has 1 ms granularity), us. */
    private static final long PARK_BELOW_US = 2_000;
    /** Packets sent per loop iteration at most, so feedback is read between bursts. */
    private static final int MAX_BURST_PACKETS = 64;
    /** Socket send buffer: beyond any tbf queue this harness configures (4 MB at most per wmem_max). */
    static final int SEND_BUFFER_BYTES = 4 << 20;
    /** Socket receive buffer for feedback, bytes: feedback is ~5 % of the media, 1 MB never fills. */
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    /** A wake-up this late counts as late in the summary (scheduling on a busy machine), us. */
    private static final long LATE_WAKEUP_US = 2_000;
    /** Video RTP clock (RFC 3551 / RFC 7741): 90 kHz. */
    private static final long VIDEO_CLOCK_HZ = 90_000;
    /** SSRC of the media stream: any fixed value (one sender per path). */
    private static final long MEDIA_SSRC = 0x1234_5678L;
    /** SSRC of probe and padding packets, as libwebrtc sends padding on its RTX stream. */
    private static final long FILLER_SSRC = 0x1234_5679L;
    /** The last cluster ids seen, so a result repeating a probe request does not start it twice. */
    private static final int RECENT_CLUSTERS = 16;

    record Config(InetSocketAddress local, InetSocketAddress remote, long t0Nanos, long durationUs, Scenario scenario,
                  BandwidthEstimator estimator, long seed, Path logDir) {
    }

    private final Config config;
    private final BandwidthEstimator estimator;
    private final SimulatorSettings settings = new SimulatorSettings();
    private final Pacer pacer;
    private final VideoEncoder encoder;
    private final FecPlanner fecPlanner;
    private final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter();
    private final TransportFeedback twcc = new TransportFeedback();
    private final RtcpHeader header = new RtcpHeader();
    private final RtcpReports.ReceiverReport receiverReport = new RtcpReports.ReceiverReport();
    private final FeedbackReport report = new FeedbackReport();
    private final BweResult result = new BweResult();
    private final byte[] packet = new byte[2048];
    private final ByteBuffer out = ByteBuffer.wrap(packet);
    private final ByteBuffer in = ByteBuffer.allocate(2048);
    private final int[] recentClusters = new int[RECENT_CLUSTERS];
    private int recentClusterCount;

    private final CsvTable sent = new CsvTable(SENT_COLUMNS);
    private final CsvTable rows = new CsvTable(ROW_COLUMNS);
    private DatagramChannel channel;
    private long transportSequence;
    private int mediaRtpSequence;
    private int fillerRtpSequence;
    private long packetCount;
    private long octetCount;
    private double fecRatio;
    private long latestRttUs;
    private boolean probeSentInRow;
    private long feedbackPackets;
    private long malformedRtcp;
    private long receiverReports;
    private long rttSamples;
    private long sendBufferFull;
    private long lateWakeups;

    UdpSender(Config config) {
        this.config = config;
        this.estimator = config.estimator();
        Scenario.Media media = config.scenario().media();
        pacer = new Pacer(settings.packetSizeBytes, settings.pacerQueueTimeLimitUs,
                (long) (media.startBps() * settings.pacingFactor));
        encoder = new VideoEncoder(media.fps(), media.keyFrameIntervalS(), media.maxBps(),
                new SplittableRandom(config.seed()), settings.keyFrameSizeFactor, settings.frameSizeVariation,
                settings.encoderAdaptationPerFrame, settings.minFrameBytes);
        fecPlanner = new FecPlanner(settings.maxFecRatio);
        java.util.Arrays.fill(recentClusters, Integer.MIN_VALUE);
    }

    private long nowUs() {
        return (System.nanoTime() - config.t0Nanos()) / 1_000;
    }

    /**
     * Runs the call until its duration has passed or {@code stop} says so; then sends BYE and
     * writes the logs.
     */
    void run(BooleanSupplier stop) throws IOException {
        try (DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            channel = ch;
            ch.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            ch.bind(config.local());
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            long startUs = nowUs();
            long endUs = startUs + config.durationUs();
            estimator.currentEstimate(startUs, result);
            applyResult();
            long frameIntervalUs = 1_000_000L / Math.max(1, config.scenario().media().fps());
            long frameIndex = 0;
            long nextProcessUs = startUs + PROCESS_INTERVAL_US;
            long nextSampleUs = startUs + SAMPLE_INTERVAL_US;
            long nextReportUs = startUs;
            while (!stop.getAsBoolean()) {
                long nowUs = nowUs();
                if (nowUs >= endUs) {
                    break;
                }
                readDatagrams(nowUs);
                long frameUs = startUs + frameIndex * frameIntervalUs;
                if (nowUs >= frameUs) {
                    onFrame(nowUs);
                    if (nowUs - frameUs > LATE_WAKEUP_US) {
                        lateWakeups++;
                    }
                    // Frames that fell due while the thread slept are skipped (a camera's latest frame wins).
                    frameIndex = Math.max(frameIndex + 1, (nowUs - startUs) / frameIntervalUs + 1);
                }
                if (nowUs >= nextProcessUs) {
                    estimator.onProcessInterval(nowUs, result);
                    applyResult();
                    nextProcessUs = Math.max(nextProcessUs + PROCESS_INTERVAL_US, nowUs + 1);
                }
                if (nowUs >= nextSampleUs) {
                    sampleRow(nextSampleUs);
                    nextSampleUs += SAMPLE_INTERVAL_US;
                }
                if (nowUs >= nextReportUs) {
                    sendSenderReport(nowUs);
                    nextReportUs = Math.max(nextReportUs + SENDER_REPORT_INTERVAL_US, nowUs + 1);
                }
                sendDuePackets(nowUs);
                long nextUs = Math.min(Math.min(startUs + frameIndex * frameIntervalUs, nextProcessUs),
                        Math.min(nextSampleUs, nextReportUs));
                long pacerUs = pacer.nextSendTimeUs(nowUs - CATCH_UP_US);
                nextUs = Math.min(Math.min(nextUs, pacerUs), Math.min(endUs, nowUs + MAX_WAIT_US));
                waitUntil(selector, nextUs);
            }
            long stopUs = nowUs();
            while (nextSampleUs <= Math.min(endUs, stopUs)) { // the row that ends with the call
                sampleRow(nextSampleUs);
                nextSampleUs += SAMPLE_INTERVAL_US;
            }
            for (int i = 0; i < 3; i++) { // the receiver stops at the first that arrives; UDP may drop one
                send(packet, RtcpReports.writeBye(packet, 0, MEDIA_SSRC));
            }
            writeLogs(startUs, stopUs);
        }
    }

    private void waitUntil(Selector selector, long untilUs) throws IOException {
        long waitUs = untilUs - nowUs();
        if (waitUs >= PARK_BELOW_US) {
            selector.select(Math.max(1, (waitUs - 1_000) / 1_000));
            selector.selectedKeys().clear();
        } else if (waitUs > 0) {
            if (selector.selectNow() > 0) {
                selector.selectedKeys().clear();
                return;
            }
            LockSupport.parkNanos(waitUs * 1_000);
        }
    }

    /** Takes the estimator's latest result: target, pacing, padding, FEC share, probe clusters. */
    private void applyResult() {
        Scenario.Media media = config.scenario().media();
        long targetBps = Math.max(0, result.targetRateBps());
        long pacingBps = result.pacingRateBps() > 0 ? result.pacingRateBps() : (long) (targetBps * settings.pacingFactor);
        pacer.setPacingRateBps(Math.max(1, pacingBps));
        pacer.setPaddingRateBps(result.paddingRateBps());
        double fec = result.fecRatio();
        fecRatio = fec > 0 ? Math.min(fec, settings.maxFecRatio) : 0;
        long videoBps = (long) (targetBps * (1 - fecRatio));
        encoder.setTargetBps(Math.min(media.maxBps(), Math.max(settings.minVideoBps, videoBps)));
        encoder.setCwndReduceRatio(result.cwndReduceRatio());
        for (int i = 0; i < result.probeRequestCount(); i++) {
            ProbeRequest probe = result.probeRequest(i);
            if (rememberCluster(probe.clusterId())) {
                pacer.addProbeCluster(probe.clusterId(), probe.rateBps(), probe.durationUs(), probe.minProbes());
            }
        }
    }

    private boolean rememberCluster(int clusterId) {
        for (int id : recentClusters) {
            if (id == clusterId) {
                return false;
            }
        }
        recentClusters[recentClusterCount++ % RECENT_CLUSTERS] = clusterId;
        return true;
    }

    /** One captured frame, as the simulator's call does it (pushback drops, a backed-up pacer skips). */
    private void onFrame(long nowUs) {
        if (encoder.dropFrameForCongestionWindow()) {
            return;
        }
        if (pacer.expectedQueueTimeUs() > settings.frameDropQueueUs) {
            return;
        }
        int bytes = encoder.encode(false);
        int packetSize = settings.packetSizeBytes;
        int packets = (bytes + packetSize - 1) / packetSize;
        int packetBytes = Math.max(RtpPackets.HEADER_BYTES + RtpPackets.IP_UDP_OVERHEAD_BYTES,
                (bytes + packets - 1) / packets);
        for (int i = 0; i < packets; i++) {
            // The media id only marks the frame's last packet (RTP marker bit); the harness keeps no frame table.
            pacer.enqueue(PacketKind.VIDEO, packetBytes, 0, i == packets - 1 ? 1 : 0, nowUs);
        }
        int fecPackets = fecPlanner.fecPacketsForFrame(packets, fecRatio);
        for (int g = 0; g < fecPackets; g++) {
            pacer.enqueue(PacketKind.FEC, packetBytes, 0, 0, nowUs);
        }
    }

    private void sendDuePackets(long nowUs) throws IOException {
        for (int burst = 0; burst < MAX_BURST_PACKETS && pacer.hasWork(); burst++) {
            long dueUs = pacer.nextSendTimeUs(nowUs - CATCH_UP_US);
            if (dueUs > nowUs || !pacer.sendNext(dueUs)) {
                return;
            }
            sendPacket(nowUs);
        }
    }

    private void sendPacket(long nowUs) throws IOException {
        int ipBytes = Math.max(RtpPackets.HEADER_BYTES + RtpPackets.IP_UDP_OVERHEAD_BYTES, pacer.sentSizeBytes());
        int datagramBytes = ipBytes - RtpPackets.IP_UDP_OVERHEAD_BYTES;
        PacketKind kind = pacer.sentKind();
        boolean filler = kind == PacketKind.PROBE;
        int sequence16 = (int) (transportSequence & 0xFFFF);
        long rtpTimestamp = nowUs * VIDEO_CLOCK_HZ / 1_000_000;
        if (filler) {
            RtpPackets.write(packet, datagramBytes, RtpPackets.FILLER_PAYLOAD_TYPE, false, fillerRtpSequence++ & 0xFFFF,
                    rtpTimestamp, FILLER_SSRC, sequence16);
        } else {
            RtpPackets.write(packet, datagramBytes, RtpPackets.MEDIA_PAYLOAD_TYPE, pacer.sentMediaId() == 1,
                    mediaRtpSequence++ & 0xFFFF, rtpTimestamp, MEDIA_SSRC, sequence16);
        }
        int cluster = pacer.sentClusterId();
        estimator.onPacketSent(sequence16, nowUs, ipBytes);
        adapter.onPacketSent(sequence16, nowUs, ipBytes, cluster);
        if (!send(packet, datagramBytes)) {
            sendBufferFull++;
        }
        sent.add(transportSequence, nowUs, ipBytes, cluster, kind.name().toLowerCase(Locale.ROOT));
        transportSequence++;
        if (!filler) {
            packetCount++;
            octetCount += datagramBytes - RtpPackets.HEADER_BYTES;
        }
        if (cluster != FeedbackReport.NOT_A_PROBE) {
            probeSentInRow = true;
        }
    }

    /** Sends {@code length} bytes of {@code packet}; false when the socket buffer was full (the packet is lost). */
    private boolean send(byte[] bytes, int length) throws IOException {
        out.clear().limit(length);
        return channel.send(out, config.remote()) > 0;
    }

    private void sendSenderReport(long nowUs) throws IOException {
        long rtpTimestamp = nowUs * VIDEO_CLOCK_HZ / 1_000_000;
        send(packet, RtcpReports.writeSenderReport(packet, 0, MEDIA_SSRC, nowUs, rtpTimestamp, packetCount,
                octetCount));
    }

    private void readDatagrams(long nowUs) throws IOException {
        while (true) {
            in.clear();
            SocketAddress from;
            try {
                from = channel.receive(in);
            } catch (PortUnreachableException e) {
                continue; // an ICMP error for an earlier datagram; the next receive goes on
            }
            if (from == null) {
                return;
            }
            onDatagram(in.array(), in.position(), nowUs);
        }
    }

    /** A compound RTCP datagram from the receiver: TWCC feedback and receiver reports. */
    void onDatagram(byte[] buf, int length, long nowUs) {
        int offset = 0;
        while (offset < length) {
            try {
                header.read(buf, offset, length - offset);
                if (header.packetType() == RtcpHeader.PACKET_TYPE_RTPFB && header.format() == TransportFeedback.FORMAT) {
                    twcc.parse(buf, offset, header.packetSizeBytes());
                    feedbackPackets++;
                    report.clear();
                    adapter.onTransportFeedback(twcc, nowUs, report);
                    estimator.onFeedback(report, nowUs, result);
                    applyResult();
                } else if (header.packetType() == RtcpReports.RECEIVER_REPORT && header.format() >= 1) {
                    receiverReport.parse(buf, offset, header);
                    receiverReports++;
                    long rttUs = RtcpReports.roundTripUs(nowUs, receiverReport.lastSenderReport(),
                            receiverReport.delaySinceLastSenderReport());
                    if (rttUs > 0) {
                        rttSamples++;
                        latestRttUs = rttUs;
                        estimator.onRttSample(rttUs, nowUs, result);
                        applyResult();
                    }
                }
                offset += header.packetSizeBytes();
            } catch (RtcpFormatException e) {
                malformedRtcp++;
                return; // the rest of the datagram cannot be delimited
            }
        }
    }

    private void sampleRow(long timeUs) {
        BandwidthUsage state = result.delayState();
        rows.add(timeUs, result.targetRateBps(), result.pacingRateBps(), result.paddingRateBps(), encoder.rateBps(),
                result.delayBasedRateBps(), result.lossBasedRateBps(), result.ackedRateBps(),
                state == BandwidthUsage.OVERUSING ? 1 : state == BandwidthUsage.UNDERUSING ? 2 : 0,
                result.inAlr() ? 1 : 0, fmt(fecRatio), probeSentInRow || pacer.probing() ? 1 : 0,
                fmt(latestRttUs / 1_000.0), networkTypeCode(result.networkType()),
                fmt(result.congestionProbability()), fmt(result.randomLossProbability()),
                word(result.networkType()), word(result.parameterSetId()));
        probeSentInRow = false;
    }

    private void writeLogs(long startUs, long stopUs) throws IOException {
        sent.write(config.logDir().resolve("sent.csv"));
        rows.write(config.logDir().resolve("rows.csv"));
        CsvTable summary = new CsvTable(SUMMARY_COLUMNS);
        summary.add(startUs, stopUs, transportSequence, feedbackPackets, malformedRtcp, receiverReports, rttSamples,
                sendBufferFull, lateWakeups);
        summary.write(config.logDir().resolve("sender.csv"));
    }

    /**
     * The simulator's {@code network_type_code}: 0 none, 1 wired_stable, 2 congestion_prone,
     * 3 random_loss, 4 cellular_variable, -1 the model failed.
     */
    static int networkTypeCode(String networkType) {
        if (WeirEstimator.MODEL_FAILED.equals(networkType)) {
            return -1;
        }
        NetworkType type = NetworkType.byId(networkType);
        return type == null ? 0 : type.ordinal() + 1;
    }

    private static String fmt(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "0";
    }

    /** A text value safe for the comma-separated log. */
    private static String word(String text) {
        return text == null || text.isEmpty() ? "none" : text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
