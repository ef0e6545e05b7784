package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weir soak}: many estimators alive in one JVM, each fed minutes of simulated transport
 * feedback, to show that memory per estimator is small and the heap stays flat. A measurement
 * tool, not a test: it prints the heap after garbage collection at every checkpoint.
 *
 * <p>Each estimator sends 1200-byte packets at its own target rate through a private drop-tail
 * bottleneck (capacity drawn between 1 and 4 Mbps from the seed, 250 ms queue, 40 ms each way,
 * 1 % random loss) and gets a feedback report every 100 ms and a process tick every 25 ms, as
 * a client does. All estimators advance one simulated minute per round, spread over the threads.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs many estimators in one JVM and reports their memory.",
                "Runs COUNT estimators in one JVM over simulated feedback and prints bytes per estimator and",
                "the heap (after GC) every simulated minute. Estimator names come from the simulator's registry."})
final class SoakCommand implements java.util.concurrent.Callable<Integer> {
    private static final int PACKET_BYTES = 1_200;
    private static final long STEP_US = 100_000; // feedback interval
    private static final int TICKS_PER_STEP = 4; // process interval 25 ms
    private static final long ONE_WAY_US = 40_000;
    private static final long MAX_QUEUE_US = 250_000;
    private static final double RANDOM_LOSS = 0.01;
    private static final long MIN_CAPACITY_BPS = 1_000_000;
    private static final long CAPACITY_SPREAD_BPS = 3_000_000;
    private static final long US_PER_MINUTE = 60_000_000;
    private static final int MAX_PACKETS_PER_STEP = 1_000; // 96 Mbps: above any media max
    private static final String SCENARIO = """
            {"name": "soak", "duration_s": 86400,
             "link": {"capacity": {"type": "constant", "kbps": 2500}, "one_way_delay_ms": 40, "queue_ms": 250},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 5000}}
            """;

    @Spec
    CommandSpec spec;

    @Option(names = "--estimators", split = ",", defaultValue = "gcc", paramLabel = "NAME",
            completionCandidates = EstimatorNames.class,
            description = "Estimators, shared round-robin among COUNT: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<String> estimators;
    @Option(names = "--count", defaultValue = "10000", description = "Estimators alive at once (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--simulated-minutes", defaultValue = "10",
            description = "Simulated feedback per estimator, minutes (default: ${DEFAULT-VALUE}).")
    int minutes;
    @Option(names = "--seed", defaultValue = "1", description = "Seed for capacities and losses (default: ${DEFAULT-VALUE}).")
    long seed;
    @Mixin
    BundleOption bundle;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || threads < 1 || minutes < 1) {
            throw new BadInputException("--count, --threads and --simulated-minutes must be at least 1");
        }
        EstimatorRegistry registry = CliEstimators.registry();
        for (String name : estimators) {
            if (!registry.contains(name)) {
                throw new BadInputException("unknown estimator '" + name + "'; known: " + registry.names());
            }
        }
        PrintWriter console = spec.commandLine().getOut();
        Scenario scenario = ScenarioLoader.parse(SCENARIO, null, null, "soak");
        Harness harness = new Harness(count, seed);
        // One bundle (and model) for the whole fleet: loaded before the baseline, shared like a server would.
        EstimatorContext context = new EstimatorContext(scenario, bundle.load());
        long baseline = usedHeapAfterGc();
        BandwidthEstimator[] fleet = new BandwidthEstimator[count];
        for (int i = 0; i < count; i++) {
            fleet[i] = registry.create(estimators.get(i % estimators.size()), context);
        }
        long created = usedHeapAfterGc();
        console.printf(Locale.ROOT, "soak: %d estimators (%s), %d threads, %d simulated minutes each; max heap %d MiB%n",
                count, String.join(", ", estimators), threads, minutes, Runtime.getRuntime().maxMemory() >> 20);
        console.printf(Locale.ROOT, "created: %.0f bytes per estimator (heap after GC %.1f MiB, baseline %.1f MiB)%n",
                (double) (created - baseline) / count, mib(created), mib(baseline));
        console.flush();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong anomalies = new AtomicLong();
        AtomicLong packets = new AtomicLong();
        long startNs = System.nanoTime();
        try {
            for (int minute = 0; minute < minutes; minute++) {
                List<Future<?>> chunks = new ArrayList<>();
                long fromUs = minute * US_PER_MINUTE;
                for (int t = 0; t < threads; t++) {
                    int first = (int) ((long) count * t / threads);
                    int end = (int) ((long) count * (t + 1) / threads);
                    chunks.add(pool.submit(() -> {
                        FeedbackReport report = new FeedbackReport();
                        BweResult out = new BweResult();
                        for (int i = first; i < end; i++) {
                            harness.advance(i, fleet[i], fromUs, fromUs + US_PER_MINUTE, report, out, anomalies,
                                    packets);
                        }
                    }));
                }
                for (Future<?> chunk : chunks) {
                    chunk.get();
                }
                long heap = usedHeapAfterGc();
                console.printf(Locale.ROOT, "minute %3d: heap after GC %7.1f MiB (%6.0f bytes per estimator),"
                                + " %.2e packets, wall %.1f s%n", minute + 1, mib(heap),
                        (double) (heap - baseline) / count, (double) packets.get(), (System.nanoTime() - startNs) / 1e9);
                console.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        long end = usedHeapAfterGc();
        console.printf(Locale.ROOT, "end: %.0f bytes per estimator after %d simulated minutes (created: %.0f);"
                        + " %d anomalies (NaN or out-of-range results)%n", (double) (end - baseline) / count, minutes,
                (double) (created - baseline) / count, anomalies.get());
        return anomalies.get() == 0 ? 0 : 1;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc(); // a measurement tool: settle the heap before reading it
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /**
     * Per-estimator network state in primitive arrays, allocated before the baseline is taken,
     * so heap growth after it is the estimators' own. Each index is touched by one thread per
     * round; rounds are ordered by the pool's futures.
     */
    private static final class Harness {
        private final long[] capacityBps;
        private final long[] queueFreeUs;
        private final long[] targetBps;
        private final long[] nextSequence;
        private final long[] lastFeedbackUs;
        private final long[] random;

        Harness(int count, long seed) {
            capacityBps = new long[count];
            queueFreeUs = new long[count];
            targetBps = new long[count];
            nextSequence = new long[count];
            lastFeedbackUs = new long[count];
            random = new long[count];
            for (int i = 0; i < count; i++) {
                random[i] = mix(seed * 0x9E3779B97F4A7C15L + i);
                capacityBps[i] = MIN_CAPACITY_BPS + Math.floorMod(next(i), CAPACITY_SPREAD_BPS);
                targetBps[i] = 300_000;
            }
        }

        /** Simulates {@code [fromUs, toUs)} for estimator {@code i}. */
        void advance(int i, BandwidthEstimator estimator, long fromUs, long toUs, FeedbackReport report, BweResult out,
                AtomicLong anomalies, AtomicLong packets) {
            long sent = 0;
            for (long stepUs = fromUs; stepUs < toUs; stepUs += STEP_US) {
                report.clear();
                int n = (int) Math.max(1, Math.min(MAX_PACKETS_PER_STEP,
                        targetBps[i] * STEP_US / 1_000_000 / (PACKET_BYTES * 8)));
                long maxArrivalUs = 0;
                for (int tick = 1; tick <= TICKS_PER_STEP; tick++) {
                    int firstPacket = n * (tick - 1) / TICKS_PER_STEP;
                    int endPacket = n * tick / TICKS_PER_STEP;
                    for (int p = firstPacket; p < endPacket; p++) {
                        long sendUs = stepUs + STEP_US * p / n;
                        estimator.onPacketSent(nextSequence[i] & 0xFFFF, sendUs, PACKET_BYTES);
                        long departUs = Math.max(sendUs, queueFreeUs[i]) + PACKET_BYTES * 8_000_000L / capacityBps[i];
                        boolean overflow = departUs - sendUs > MAX_QUEUE_US;
                        boolean lost = overflow || (next(i) >>> 11) * 0x1.0p-53 < RANDOM_LOSS;
                        if (!overflow) {
                            queueFreeUs[i] = departUs;
                        }
                        long arrivalUs = departUs + ONE_WAY_US;
                        maxArrivalUs = Math.max(maxArrivalUs, arrivalUs);
                        report.add(nextSequence[i]++ & 0xFFFF, sendUs, lost ? FeedbackReport.LOST : arrivalUs,
                                PACKET_BYTES);
                    }
                    estimator.onProcessInterval(stepUs + STEP_US * tick / TICKS_PER_STEP, out);
                    check(out, anomalies);
                }
                long feedbackUs = Math.max(lastFeedbackUs[i], Math.max(stepUs + STEP_US, maxArrivalUs) + ONE_WAY_US);
                lastFeedbackUs[i] = feedbackUs;
                estimator.onFeedback(report, feedbackUs, out);
                check(out, anomalies);
                targetBps[i] = out.targetRateBps();
                sent += n;
            }
            packets.addAndGet(sent);
        }

        private static void check(BweResult out, AtomicLong anomalies) {
            if (out.targetRateBps() < 30_000 || out.targetRateBps() > 5_000_000 || !(out.lossRatio() >= 0
                    && out.lossRatio() <= 1) || out.pacingRateBps() < 0) {
                anomalies.incrementAndGet();
            }
        }

        /** SplitMix64 step of estimator {@code i}'s stream. */
        private long next(int i) {
            random[i] += 0x9E3779B97F4A7C15L;
            return mix(random[i]);
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
