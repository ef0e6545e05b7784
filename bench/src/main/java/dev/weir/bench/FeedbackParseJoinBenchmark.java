package dev.weir.bench;

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.rtcp.CongestionControlFeedback;
import dev.weir.rtcp.CongestionControlFeedbackBuilder;
import dev.weir.rtcp.RtcpFormatException;
import dev.weir.rtcp.TransportFeedback;
import dev.weir.rtcp.TransportFeedbackAdapter;
import dev.weir.rtcp.TransportFeedbackBuilder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of feedback bytes per packet on the sender: recording the send ({@code onPacketSent}),
 * parsing the feedback packet and joining it with the send history into a {@link FeedbackReport}
 * ({@code TransportFeedbackAdapter}), for TWCC and RFC 8888. One invocation is one feedback packet
 * of {@value #PACKETS_PER_REPORT} packets (100 ms of a ~2.5 Mbps stream of 1200-byte packets, one
 * in 50 lost, arrivals wobbling by +-0.5 ms); scores are per packet, so {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes per packet. The feedback packets of one 16-bit sequence
 * cycle are built once in setup and replayed. Run:
 * {@code java -jar bench/target/benchmarks.jar FeedbackParseJoin -prof gc}
 *
 * <p>Not thread-safe: JMH gives each thread its own state ({@code Scope.Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeedbackParseJoinBenchmark {
    /** 32 packets per report: 2048 reports cover the 16-bit sequence space exactly. */
    static final int PACKETS_PER_REPORT = 32;
    private static final int REPORTS = (1 << 16) / PACKETS_PER_REPORT;
    private static final int PACKET_BYTES = 1200;
    /** 1200 B at 2.5 Mbps. */
    private static final long PACKET_SPACING_US = 3_840;
    private static final long ONE_WAY_DELAY_US = 40_000;
    private static final long VIDEO_SSRC = 0x1234;

    private final byte[][] twccPackets = new byte[REPORTS][];
    private final byte[][] ccfbPackets = new byte[REPORTS][];
    private final TransportFeedback twcc = new TransportFeedback();
    private final CongestionControlFeedback ccfb = new CongestionControlFeedback();
    private final FeedbackReport report = new FeedbackReport();
    private TransportFeedbackAdapter twccAdapter;
    private TransportFeedbackAdapter ccfbAdapter;
    private long twccSequence;
    private long ccfbSequence;

    private static long sendTimeUs(long packet) {
        return packet * PACKET_SPACING_US;
    }

    /** Receiver clock of one 16-bit cycle, so the replayed packets stay consistent. */
    private static long arrivalTimeUs(int packet) {
        return sendTimeUs(packet) + ONE_WAY_DELAY_US + (packet * 5L % 3 - 1) * 500;
    }

    private static boolean lost(int packet) {
        return packet % 50 == 49;
    }

    @Setup
    public void setUp() {
        TransportFeedbackBuilder twccBuilder = new TransportFeedbackBuilder();
        CongestionControlFeedbackBuilder ccfbBuilder = new CongestionControlFeedbackBuilder();
        for (int r = 0; r < REPORTS; r++) {
            int first = r * PACKETS_PER_REPORT;
            long reportUs = arrivalTimeUs(first + PACKETS_PER_REPORT - 1) + 1_000;
            twccBuilder.reset(1, VIDEO_SSRC, first, arrivalTimeUs(first), r);
            ccfbBuilder.reset(1, reportUs * 65_536 / 1_000_000);
            ccfbBuilder.beginBlock(VIDEO_SSRC, first);
            for (int p = first; p < first + PACKETS_PER_REPORT; p++) {
                if (lost(p)) {
                    ccfbBuilder.addLost();
                } else {
                    twccBuilder.addReceivedPacket(p, arrivalTimeUs(p));
                    ccfbBuilder.addReceived(reportUs - arrivalTimeUs(p), 0);
                }
            }
            twccPackets[r] = new byte[twccBuilder.sizeBytes()];
            twccBuilder.write(twccPackets[r], 0);
            ccfbPackets[r] = new byte[ccfbBuilder.sizeBytes()];
            ccfbBuilder.write(ccfbPackets[r], 0);
        }
        twccAdapter = new TransportFeedbackAdapter();
        ccfbAdapter = new TransportFeedbackAdapter();
        twccSequence = 0;
        ccfbSequence = 0;
        for (int i = 0; i < 4 * REPORTS; i++) {
            twccReport();
            ccfbReport();
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_REPORT)
    public int twccReport() {
        int r = (int) (twccSequence / PACKETS_PER_REPORT % REPORTS);
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            twccAdapter.onPacketSent((int) (twccSequence + i), sendTimeUs(twccSequence + i), PACKET_BYTES,
                    FeedbackReport.NOT_A_PROBE);
        }
        twccSequence += PACKETS_PER_REPORT;
        byte[] bytes = twccPackets[r];
        report.clear();
        try {
            twcc.parse(bytes, 0, bytes.length);
        } catch (RtcpFormatException e) {
            throw new IllegalStateException(e);
        }
        return twccAdapter.onTransportFeedback(twcc, sendTimeUs(twccSequence) + 2 * ONE_WAY_DELAY_US, report);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_REPORT)
    public int ccfbReport() {
        int r = (int) (ccfbSequence / PACKETS_PER_REPORT % REPORTS);
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            int packet = (int) (ccfbSequence + i);
            ccfbAdapter.onPacketSent(packet, sendTimeUs(ccfbSequence + i), PACKET_BYTES, FeedbackReport.NOT_A_PROBE,
                    VIDEO_SSRC, packet & 0xFFFF);
        }
        ccfbSequence += PACKETS_PER_REPORT;
        byte[] bytes = ccfbPackets[r];
        report.clear();
        try {
            ccfb.parse(bytes, 0, bytes.length);
        } catch (RtcpFormatException e) {
            throw new IllegalStateException(e);
        }
        return ccfbAdapter.onCongestionControlFeedback(ccfb, sendTimeUs(ccfbSequence) + 2 * ONE_WAY_DELAY_US, report);
    }
}
