package dev.weir.bench;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.gcc.GoogCcEstimator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worst report a hostile receiver can send: one transport feedback report listing 65 535
 * packets (the whole 16-bit sequence space) newest first, so every packet arrives "before" the one
 * listed ahead of it. One {@code onFeedback} of that report on a fresh GCC whose sends it covers;
 * the front door's merge sort keeps it O(n log n) (an insertion sort took 4-6 s).
 * Run: {@code java -jar bench/target/benchmarks.jar ReversedReport}
 *
 * <p>Not thread-safe: JMH gives each thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(1)
public class ReversedReportBenchmark {
    private static final int PACKETS = 65_535;
    private static final long START_US = 1_000_000;

    private final FeedbackReport report = new FeedbackReport(PACKETS);
    private final BweResult out = new BweResult();
    private GoogCcEstimator estimator;

    @Setup(Level.Invocation)
    public void setUp() {
        estimator = new GoogCcEstimator(30_000, 300_000, 5_000_000);
        for (int i = 0; i < PACKETS; i++) {
            estimator.onPacketSent(i, START_US + i * 100L, 1_200);
        }
        report.clear();
        for (int i = PACKETS - 1; i >= 0; i--) {
            report.add(i, START_US + i * 100L, START_US + 50_000 + i * 100L, 1_200);
        }
    }

    @Benchmark
    public long reversedMaximalReport() {
        estimator.onFeedback(report, START_US + 7_000_000, out);
        return out.targetRateBps();
    }
}
