package dev.weir.examples;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.eventlog.EventLogHeader;
import dev.weir.bwe.eventlog.EventLogWriter;
import dev.weir.bwe.eventlog.EventLoggingEstimator;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.rtcp.RtcpFormatException;
import dev.weir.rtcp.TransportFeedback;
import dev.weir.rtcp.TransportFeedbackAdapter;
import dev.weir.rtcp.TwccFeedbackGenerator;
import dev.weir.steer.BundleLoader;
import dev.weir.steer.WeirEstimator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The README's embedding snippet as a complete program. A sender paced at the estimator's target
 * crosses a 1.5 Mbps bottleneck (300 ms drop-tail queue, 40 ms each way) for 40 s, twice:
 * <ol>
 *   <li>GCC fed feedback the client joined itself ({@link FeedbackReport});</li>
 *   <li>the weir estimator fed TWCC bytes (RTCP RTPFB FMT 15) that the receiver's
 *       {@link TwccFeedbackGenerator} builds and the {@code rtcp} module parses and joins, steered
 *       once its bundle has loaded on another thread, every call recorded into an event log for
 *       {@code ./weir replay}.</li>
 * </ol>
 * The regions between {@code README:} markers appear verbatim in the README (a test checks).
 *
 * <p>Run: {@code java -cp ... dev.weir.examples.EmbeddingExample [BUNDLE_DIR [EVENT_LOG]]}
 * (defaults {@code configs/bundle}, {@code weir-call.weirlog}).
 */
public final class EmbeddingExample {
    static final long CAPACITY_BPS = 1_500_000;
    static final long ONE_WAY_US = 40_000;
    static final long QUEUE_LIMIT_US = 300_000;
    static final int PACKET_BYTES = 1_200;
    static final long CALL_US = 40_000_000;
    private static final long STEP_US = 5_000;

    /**
     * What one call reached.
     *
     * @param meanTargetLast10sBps the estimator's mean target over the call's last 10 s
     * @param targetChanges how often the target listener was told
     * @param stats the estimator's stats snapshot at the end, as a log line
     */
    public record Outcome(String estimator, String feedback, long meanTargetLast10sBps, long targetChanges,
                          String stats) {
    }

    private EmbeddingExample() {
    }

    public static void main(String[] args) throws Exception {
        Path bundleDir = Path.of(args.length > 0 ? args[0] : "configs/bundle");
        Path eventLog = Path.of(args.length > 1 ? args[1] : "weir-call.weirlog");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (Outcome outcome : run(bundleDir, eventLog, executor)) {
                System.out.println(outcome);
            }
        } finally {
            executor.shutdown();
        }
    }

    /**
     * Both calls; the weir call's bundle loads on {@code executor} and the call is recorded into
     * {@code eventLog}.
     */
    public static List<Outcome> run(Path bundleDir, Path eventLog, Executor executor) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(callWithFeedbackReports(new GoogCcEstimator(30_000, 300_000, 5_000_000)));
        // README:weir-start
        WeirEstimator weir = new WeirEstimator(30_000, 300_000, 5_000_000);  // min, start, max bps: plain GCC at first
        BundleLoader.loadAsync(bundleDir, executor).thenAccept(weir::offerBundle); // steering once the bundle is verified
        BandwidthEstimator bwe = new EventLoggingEstimator(weir,              // optional: every call recorded
                new EventLogWriter(Files.newOutputStream(eventLog),            // for ./weir replay
                        new EventLogHeader(weir.name(), "", "", "my client", 0, 30_000, 300_000, 5_000_000)));
        // README:weir-end
        outcomes.add(callWithTwccBytes(bwe));
        return outcomes;
    }

    /** An estimator fed feedback the client joins itself: one FeedbackReport per 100 ms. */
    static Outcome callWithFeedbackReports(BandwidthEstimator bwe) {
        Bottleneck link = new Bottleneck();
        Encoder encoder = new Encoder();
        // README:embedding-start
        FeedbackReport report = new FeedbackReport();   // reuse: clear() and add() per report
        BweResult result = new BweResult();             // reuse: every call overwrites it
        bwe.setTargetRateListener(r -> encoder.setTargetBps(r.targetRateBps())); // on this thread, no allocation
        // README:embedding-end
        bwe.currentEstimate(0, result);
        long nextReportUs = 100_000;
        int reported = 0;
        long sum = 0;
        long samples = 0;
        for (long nowUs = 0; nowUs < CALL_US; nowUs += STEP_US) {
            for (int n = encoder.packetsDue(STEP_US); n > 0; n--) {
                long sendTimeUs = nowUs;
                int transportSeq = link.send(sendTimeUs);
                int sizeBytes = PACKET_BYTES;
                // README:sent-start
                bwe.onPacketSent(transportSeq & 0xFFFF, sendTimeUs, sizeBytes);  // every packet the pacer sends
                // README:sent-end
            }
            if (nowUs >= nextReportUs) {
                nextReportUs += 100_000;
                int last = link.lastArrivedBy(nowUs - ONE_WAY_US); // the receiver's report, 40 ms on its way
                // README:feedback-start
                report.clear();
                for (int seq = reported; seq <= last; seq++) {  // the receiver's report joined with the send history
                    report.add(seq & 0xFFFF, link.sendUs(seq), link.arrivalUs(seq) /* or FeedbackReport.LOST */,
                            PACKET_BYTES, FeedbackReport.NOT_A_PROBE);
                }
                bwe.onFeedback(report, nowUs, result);          // per transport-wide feedback report
                // README:feedback-end
                reported = Math.max(reported, last + 1);
            }
            tick(bwe, nowUs, result);
            if (nowUs >= CALL_US - 10_000_000) {
                sum += result.targetRateBps();
                samples++;
            }
        }
        return finish(bwe, "FeedbackReport", sum / samples, encoder);
    }

    /** An estimator fed TWCC bytes: receiver-side generator, then the rtcp parser and send-history adapter. */
    static Outcome callWithTwccBytes(BandwidthEstimator bwe) {
        Bottleneck link = new Bottleneck();
        Encoder encoder = new Encoder();
        ArrayDeque<byte[]> inFlight = new ArrayDeque<>();   // feedback packets on their way back
        ArrayDeque<Long> dueUs = new ArrayDeque<>();
        long[] receiverNowUs = {0};
        TwccFeedbackGenerator receiver = new TwccFeedbackGenerator(0x1234, 1200, (bytes, offset, length) -> {
            inFlight.add(Arrays.copyOfRange(bytes, offset, offset + length));
            dueUs.add(receiverNowUs[0] + ONE_WAY_US);
        });
        bwe.setTargetRateListener(r -> encoder.setTargetBps(r.targetRateBps()));
        // README:twcc-start
        TransportFeedbackAdapter adapter = new TransportFeedbackAdapter();   // send history, preallocated
        TransportFeedback twcc = new TransportFeedback();                     // reusable parser
        FeedbackReport report = new FeedbackReport();
        BweResult result = new BweResult();
        // README:twcc-end
        bwe.currentEstimate(0, result);
        int received = 0;
        long sum = 0;
        long samples = 0;
        for (long nowUs = 0; nowUs < CALL_US; nowUs += STEP_US) {
            for (int n = encoder.packetsDue(STEP_US); n > 0; n--) {
                long sendTimeUs = nowUs;
                int transportSeq = link.send(sendTimeUs) & 0xFFFF;
                int sizeBytes = PACKET_BYTES;
                // README:twcc-sent-start
                adapter.onPacketSent(transportSeq, sendTimeUs, sizeBytes, FeedbackReport.NOT_A_PROBE);
                bwe.onPacketSent(transportSeq, sendTimeUs, sizeBytes);
                // README:twcc-sent-end
            }
            receiverNowUs[0] = nowUs;
            for (int last = link.lastArrivedBy(nowUs); received <= last; received++) {
                if (link.arrivalUs(received) != FeedbackReport.LOST) {
                    receiver.onPacketReceived(received & 0xFFFF, link.arrivalUs(received), 0x5678);
                }
            }
            receiver.process(nowUs);
            while (!dueUs.isEmpty() && dueUs.peek() <= nowUs) {
                dueUs.poll();
                byte[] rtcpBytes = inFlight.poll();
                int offset = 0;
                int length = rtcpBytes.length;
                try {
                    // README:twcc-feedback-start
                    twcc.parse(rtcpBytes, offset, length);             // throws RtcpFormatException (problem, byte offset)
                    report.clear();
                    adapter.onTransportFeedback(twcc, nowUs, report);  // RFC 8888: CongestionControlFeedback likewise
                    bwe.onFeedback(report, nowUs, result);
                    // README:twcc-feedback-end
                } catch (RtcpFormatException e) {
                    System.err.println("dropped bad feedback: " + e.getMessage());
                }
            }
            tick(bwe, nowUs, result);
            if (nowUs >= CALL_US - 10_000_000) {
                sum += result.targetRateBps();
                samples++;
            }
        }
        return finish(bwe, "TWCC bytes", sum / samples, encoder);
    }

    /** The timers a client runs: RTCP round-trip times every second, the process tick every 25 ms. */
    private static void tick(BandwidthEstimator bwe, long nowUs, BweResult result) {
        long rttUs = 2 * ONE_WAY_US; // what the RTCP receiver reports say in this example
        // README:tick-start
        if (nowUs % 1_000_000 == 0 && nowUs > 0) {
            bwe.onRttSample(rttUs, nowUs, result);              // per RTCP round-trip time
        }
        if (nowUs % 25_000 == 0) {
            bwe.onProcessInterval(nowUs, result);              // every 25 ms
        }
        // README:tick-end
    }

    private static Outcome finish(BandwidthEstimator bwe, String feedback, long meanTargetBps, Encoder encoder) {
        // README:stats-start
        BweStats stats = new BweStats();
        bwe.stats(stats);                                       // a snapshot for the client's log
        bwe.close();                                            // releases what it holds; completes an event log
        // README:stats-end
        return new Outcome(bwe.name(), feedback, meanTargetBps, encoder.targetChanges, stats.toString());
    }

    /** The encoder and pacer, reduced to a target rate and a send budget. */
    static final class Encoder {
        private long targetBps = 300_000;
        private double budgetBits;
        long targetChanges;

        void setTargetBps(long value) {
            targetBps = value;
            targetChanges++;
        }

        /** Packets to send in the next {@code stepUs} at the target. */
        int packetsDue(long stepUs) {
            budgetBits += targetBps * (stepUs / 1e6);
            int packets = (int) (budgetBits / (PACKET_BYTES * 8));
            budgetBits -= packets * PACKET_BYTES * 8;
            return packets;
        }
    }

    /**
     * The network: a drop-tail bottleneck at {@link #CAPACITY_BPS} with {@link #QUEUE_LIMIT_US} of
     * queue and {@link #ONE_WAY_US} of propagation; packets leave in the order they were sent.
     */
    static final class Bottleneck {
        private long[] sendUs = new long[1 << 12];
        private long[] arrivalUs = new long[1 << 12];
        private int count;
        private long queueFreeUs;

        /** Sends a packet now; returns its (unwrapped) transport sequence number. */
        int send(long nowUs) {
            if (count == sendUs.length) {
                sendUs = Arrays.copyOf(sendUs, count * 2);
                arrivalUs = Arrays.copyOf(arrivalUs, count * 2);
            }
            long departUs = Math.max(nowUs, queueFreeUs) + PACKET_BYTES * 8 * 1_000_000L / CAPACITY_BPS;
            sendUs[count] = nowUs;
            if (departUs - nowUs > QUEUE_LIMIT_US) {
                arrivalUs[count] = FeedbackReport.LOST;
            } else {
                queueFreeUs = departUs;
                arrivalUs[count] = departUs + ONE_WAY_US;
            }
            return count++;
        }

        long sendUs(int seq) {
            return sendUs[seq];
        }

        long arrivalUs(int seq) {
            return arrivalUs[seq];
        }

        /** The last packet that arrived by {@code timeUs} (the losses before it are then known), or -1. */
        int lastArrivedBy(long timeUs) {
            for (int seq = count - 1; seq >= 0; seq--) {
                if (arrivalUs[seq] != FeedbackReport.LOST && arrivalUs[seq] <= timeUs) {
                    return seq;
                }
            }
            return -1;
        }
    }
}
