package dev.weir.bench;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one packet of feedback through the whole GCC path: sent-packet bookkeeping, one
 * transport feedback report of {@value #PACKETS_PER_REPORT} packets (duplicate check, arrival
 * sort, RTT, loss, throughput, probe and delay-based estimation, loss-based control) and the
 * 25 ms process tick at the report cadence. Scores are per packet ({@code OperationsPerInvocation}),
 * so {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes per packet.
 *
 * <p>The path is a 2.5 Mbps stream of 1200-byte packets over 40 ms one-way delay whose arrival
 * spacing wobbles by a deterministic +-1.5 ms pattern (so the trendline and inter-arrival code do
 * real work) with one packet in 50 lost. Run:
 * {@code java -jar bench/target/benchmarks.jar GccPerPacket -prof gc}
 *
 * <p>Not thread-safe: JMH gives each thread its own state ({@code Scope.Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GccPerPacketBenchmark {
    /** 100 ms of feedback at ~260 packets/s: libwebrtc's default feedback interval. */
    static final int PACKETS_PER_REPORT = 26;
    private static final int PACKET_BYTES = 1200;
    /** 1200 B at 2.5 Mbps. */
    private static final long PACKET_SPACING_US = 3_840;
    private static final long ONE_WAY_DELAY_US = 40_000;

    private GoogCcEstimator estimator;
    private final FeedbackReport report = new FeedbackReport();
    private final BweResult out = new BweResult();
    private long sequence;
    private long sendTimeUs;

    /**
     * {@code gcc}: today's libwebrtc (LossBasedBweV2, pushback, robust acked rate);
     * {@code gcc-classic}: classic loss rule, Bayesian acked rate, no pushback; {@code no-pushback}
     * and {@code no-lbv2}: today's GCC without one of its per-packet costs, to attribute them.
     */
    @Param({"gcc", "gcc-classic", "no-pushback", "no-lbv2"})
    public String variant;

    @Setup
    public void setUp() {
        GccSettings settings = GccSettings.defaults().withBitrates(30_000, 300_000, 5_000_000);
        switch (variant) {
            case "gcc-classic" -> {
                settings.lossBased.v2.enabled = false;
                settings.useRobustThroughputEstimator = false;
                settings.pushback.enabled = false;
            }
            case "no-pushback" -> settings.pushback.enabled = false;
            case "no-lbv2" -> settings.lossBased.v2.enabled = false;
            default -> {
            }
        }
        estimator = new GoogCcEstimator(settings);
        sequence = 0;
        sendTimeUs = 0;
        for (int i = 0; i < 2_000; i++) {
            oneReport();
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_REPORT)
    public long feedbackReport() {
        return oneReport();
    }

    private long oneReport() {
        report.clear();
        long lastArrivalUs = 0;
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            estimator.onPacketSent(sequence & 0xFFFF, sendTimeUs, PACKET_BYTES);
            long wobbleUs = ((sequence * 5) % 7 - 3) * 500;
            lastArrivalUs = sendTimeUs + ONE_WAY_DELAY_US + wobbleUs;
            long arrivalUs = sequence % 50 == 49 ? FeedbackReport.LOST : lastArrivalUs;
            report.add(sequence & 0xFFFF, sendTimeUs, arrivalUs, PACKET_BYTES);
            sequence++;
            sendTimeUs += PACKET_SPACING_US;
        }
        long nowUs = lastArrivalUs + ONE_WAY_DELAY_US;
        estimator.onFeedback(report, nowUs, out);
        estimator.onProcessInterval(nowUs, out);
        return out.targetRateBps();
    }
}
