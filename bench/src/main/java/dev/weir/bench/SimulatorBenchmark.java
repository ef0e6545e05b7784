package dev.weir.bench;

import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.OracleEstimator;
import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import dev.weir.sim.net.LossSpec;
import dev.weir.sim.scenario.Scenario;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Simulator speed: one 60 s call at about 2.5 Mbps (the oracle on a capacity alternating between
 * 2.2 and 3.4 Mbps every 5 s, 40 ms one way, 300 ms queue, 0.5% random loss, audio on) per
 * operation, on one thread. The {@code simulatedSeconds} counter is reported as a rate: simulated
 * seconds per wall-clock second (the speed-up over real time; the target is >= 2000). Equivalently,
 * the primary score (calls per second) x 60.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SimulatorBenchmark}.
 *
 * <p>JMH state; each benchmark thread uses its own instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulatorBenchmark {
    /** Simulated call length, microseconds. */
    private static final long CALL_US = 60_000_000;

    private Scenario scenario;
    private long seed;

    /** Counts simulated seconds so JMH reports them per wall second. Not thread-safe (JMH thread state). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Simulated seconds; reported per second of wall time. */
        public double simulatedSeconds;

        @Setup(Level.Iteration)
        public void reset() {
            simulatedSeconds = 0;
        }
    }

    @Setup
    public void setUp() {
        Scenario.Link link = new Scenario.Link(new SquareWaveCapacity(2_200_000, 3_400_000, 5_000_000), 40_000,
                2_000, 300_000, 0, new RandomLoss(0.005));
        Scenario.Media media = new Scenario.Media(300_000, 50_000, 5_000_000, true, 30, 3.0);
        scenario = new Scenario("bench-square-wave", "bench", CALL_US, link, 40_000, 0.0, 100_000, media,
                Scenario.CrossTraffic.NONE);
    }

    @Benchmark
    public CallMetrics oracleCall60s(Counters counters) {
        CallMetrics metrics = CallSimulator.run(scenario, "oracle", OracleEstimator.forScenario(scenario), seed++)
                .metrics();
        counters.simulatedSeconds += CALL_US / 1e6;
        return metrics;
    }

    /** Capacity alternating between two rates every {@code periodUs}. Immutable and thread-safe. */
    static final class SquareWaveCapacity implements CapacitySchedule {
        private final long lowBps;
        private final long highBps;
        private final long periodUs;

        SquareWaveCapacity(long lowBps, long highBps, long periodUs) {
            this.lowBps = lowBps;
            this.highBps = highBps;
            this.periodUs = periodUs;
        }

        @Override
        public long capacityBpsAt(long timeUs) {
            return (Math.max(0, timeUs) / periodUs) % 2 == 0 ? highBps : lowBps;
        }

        @Override
        public long nextChangeUs(long timeUs) {
            return (Math.max(0, timeUs) / periodUs + 1) * periodUs;
        }

        @Override
        public String describe() {
            return "square " + lowBps + "/" + highBps + " bps every " + periodUs + " us";
        }
    }

    /** Independent random loss. Immutable and thread-safe; its models hold no state. */
    static final class RandomLoss implements LossSpec {
        private final double rate;

        RandomLoss(double rate) {
            this.rate = rate;
        }

        @Override
        public LossModel newModel() {
            return random -> random.nextDouble() < rate ? DropCause.RANDOM : DropCause.NONE;
        }

        @Override
        public double expectedLossRate() {
            return rate;
        }

        @Override
        public String describe() {
            return "random " + rate;
        }
    }
}
