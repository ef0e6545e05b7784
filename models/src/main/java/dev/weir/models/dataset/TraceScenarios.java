package dev.weir.models.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.models.data.SampleSource;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.sim.trace.PiecewiseCapacity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Builds trace-driven scenarios from one template per trace file of {@code <dataset>/train/} and
 * {@code <dataset>/test/}: the trace is the capacity (Mahimahi {@code .up}/{@code .down} files as
 * {@code mahimahi}, OpenNetLab {@code .json} as {@code gym}, everything else as Pensieve-style
 * {@code cooked}), and the rest of the call varies per (trace, seed), drawn from a
 * {@link SplittableRandom} seeded by the stable hash of {@code trace#seed}:
 * <ul>
 *   <li>a duration of {@code min_call_s..max_call_s} and a start offset anywhere in the trace's
 *       loop ({@link dev.weir.sim.net.OffsetCapacity}), so seeds cover different stretches of a recording;
 *   <li>the driver ({@link CallDrivers}: GCC's defaults, a tuned parameter set, the weir estimator);
 *   <li>one-way delay 10..120 ms and jitter 0..5 ms (wired to intercontinental, cellular scheduling);
 *   <li>a byte-limited drop-tail queue of 50..500 ms at the trace's mean capacity over the call
 *       (shallow routers to deep cellular buffers), at least {@link #MIN_QUEUE_BYTES}. Bytes, not the
 *       simulator's drain-time limit: that limit is taken at the instantaneous capacity, and a
 *       Mahimahi trace at 10 ms bins has many empty bins (a 1 Mbit/s trace delivers one packet
 *       per 12 ms), each an "outage" in which a time-limited queue accepts nothing, so most packets
 *       would be dropped as queue overflow on a link the sender never filled. Real bottlenecks
 *       (and Mahimahi's own droptail queue) are limited in bytes or packets;
 *   <li>loss: none (45%; all loss is then queue overflow, i.e. congestion), Bernoulli random loss of
 *       0.5..8% (30%), or Gilbert-Elliott bursts (25%; mean burst 2-5 packets), so random-loss and
 *       congestion cases both occur on real capacity (no-loss calls are the larger share because
 *       GCC overflows queues rarely, so congestion loss is the rarer class).
 * </ul>
 * The scenario JSON is parsed by {@link ScenarioLoader#parse} with {@code traces:} paths, exactly as
 * a scenario file would be.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class TraceScenarios {
    /** One-way delays, ms: 10 (same metro) to 120 (intercontinental). */
    private static final int[] DELAYS_MS = {10, 25, 40, 60, 80, 120};
    /** Jitter standard deviations, ms: none, light, cellular-like. */
    private static final int[] JITTERS_MS = {0, 0, 2, 5};
    /** Queue limits as drain time at the mean capacity, ms: shallow routers to deep cellular buffers. */
    private static final int[] QUEUES_MS = {30, 50, 100, 200, 400};
    /** Smallest queue, bytes: four 1500-byte packets, so a slow trace still absorbs one frame's burst start. */
    static final long MIN_QUEUE_BYTES = 6_000;
    /** Bernoulli loss rates: radio loss from barely visible to severe. */
    private static final double[] RANDOM_RATES = {0.005, 0.01, 0.02, 0.03, 0.05, 0.08};
    /** Gilbert-Elliott good-to-bad probabilities per packet: bursts every 50..200 packets. */
    private static final double[] BURST_STARTS = {0.005, 0.01, 0.02};
    /** Gilbert-Elliott bad-to-good probabilities: mean bursts of 5, 3.3 and 2 packets. */
    private static final double[] BURST_ENDS = {0.2, 0.3, 0.5};
    /** Share of calls without extra loss, percent. */
    private static final int NO_LOSS_PERCENT = 55;
    /** Share of calls with Bernoulli loss, percent (the rest: Gilbert-Elliott). */
    private static final int RANDOM_LOSS_PERCENT = 25;
    /** Media ceiling, kbps: above the LTE traces' typical capacity so the sender can congest them. */
    private static final int MAX_KBPS = 8_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceScenarios() {
    }

    /** Trace ids {@code <dataset>/<train|test>/<file>} of {@code dataset}, train first, sorted by name. */
    public static List<String> traceIds(Path tracesRoot, String dataset) {
        List<String> ids = new ArrayList<>();
        for (String split : List.of(SplitRule.TRAIN, SplitRule.TEST)) {
            Path dir = tracesRoot.resolve(dataset).resolve(split);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile)
                        .map(f -> f.getFileName().toString())
                        .filter(name -> !name.startsWith(".") && !name.startsWith("README")
                                && !name.startsWith("LICENSE"))
                        .sorted()
                        .forEach(name -> ids.add(dataset + "/" + split + "/" + name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list traces in " + dir, e);
            }
        }
        return ids;
    }

    /** Trace datasets under {@code tracesRoot}: directories holding train/ or test/, sorted. */
    public static List<String> datasets(Path tracesRoot) {
        try (Stream<Path> dirs = Files.list(tracesRoot)) {
            return dirs.filter(d -> Files.isDirectory(d.resolve(SplitRule.TRAIN))
                            || Files.isDirectory(d.resolve(SplitRule.TEST)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list traces root " + tracesRoot, e);
        }
    }

    /** The drawn path of a trace call: delay, jitter and queue, and the extra loss. */
    private record CallPath(int delayMs, int jitterMs, int queueMs, String lossMode, ObjectNode loss) {
        /** Draws in a fixed order (evaluation scenarios and dataset calls share the first draws). */
        static CallPath draw(SplittableRandom random) {
            int delayMs = DELAYS_MS[random.nextInt(DELAYS_MS.length)];
            int jitterMs = JITTERS_MS[random.nextInt(JITTERS_MS.length)];
            int queueMs = QUEUES_MS[random.nextInt(QUEUES_MS.length)];
            int lossDraw = random.nextInt(100);
            String lossMode;
            ObjectNode loss = JSON.createObjectNode();
            if (lossDraw < NO_LOSS_PERCENT) {
                lossMode = "no-loss";
                loss.put("type", "none");
            } else if (lossDraw < NO_LOSS_PERCENT + RANDOM_LOSS_PERCENT) {
                lossMode = "random-loss";
                loss.put("type", "random").put("rate", RANDOM_RATES[random.nextInt(RANDOM_RATES.length)]);
            } else {
                lossMode = "bursty-loss";
                loss.put("type", "gilbert").put("p_good_bad", BURST_STARTS[random.nextInt(BURST_STARTS.length)])
                        .put("p_bad_good", BURST_ENDS[random.nextInt(BURST_ENDS.length)]).put("loss_bad", 1.0);
            }
            return new CallPath(delayMs, jitterMs, queueMs, lossMode, loss);
        }

        /** The scenario JSON of a {@code durationS} call over {@code traceId} on this path. */
        ObjectNode scenario(String traceId, long seed, int durationS) {
            String dataset = traceId.substring(0, traceId.indexOf('/'));
            String file = traceId.substring(traceId.lastIndexOf('/') + 1);
            ObjectNode root = JSON.createObjectNode();
            root.put("name", (dataset + "." + file + ".s" + seed).replaceAll("[^A-Za-z0-9._-]", "_"))
                    .put("family", "trace-" + dataset + "-" + lossMode).put("duration_s", durationS);
            ObjectNode link = root.putObject("link");
            ObjectNode capacity = link.putObject("capacity");
            capacity.put("type", capacityType(file)).put("file", "traces:" + traceId);
            link.put("one_way_delay_ms", delayMs).put("jitter_ms", jitterMs).put("queue_ms", queueMs);
            link.set("loss", loss.deepCopy());
            root.putObject("media").put("start_kbps", 300).put("min_kbps", 30).put("max_kbps", MAX_KBPS);
            return root;
        }
    }

    /**
     * The evaluation scenario of {@code traceId} for {@code compare --test-traces}: the path drawn
     * for {@code seed} as a dataset call's, the trace from its start, {@code durationS} long, the
     * drawn drain time turned into a queue in bytes at the call's mean capacity (as dataset calls
     * and every earlier evaluation: a drain-time queue on a varying trace drops far more and
     * queues far less). Parsed from its JSON text, so it serializes (runs on any engine).
     */
    public static Scenario evaluationScenario(Path tracesRoot, String traceId, long seed, int durationS) {
        SplittableRandom random = new SplittableRandom(SplitRule.stableHash(traceId + "#" + seed));
        CallPath path = CallPath.draw(random);
        ObjectNode root = path.scenario(traceId, seed, durationS);
        String sourceName = "generated:" + traceId;
        Scenario scenario = ScenarioLoader.parse(root.toString(), null, tracesRoot, sourceName);
        if (scenario.link().capacity() instanceof PiecewiseCapacity trace) {
            scenario = withQueueInBytes(root, path, trace, 0, scenario.durationUs(), tracesRoot, sourceName);
        }
        return scenario;
    }

    /**
     * {@code root}'s scenario with the path's drain time turned into a queue in bytes at the trace's
     * mean capacity over [{@code fromUs}, {@code fromUs + durationUs}), at least {@link #MIN_QUEUE_BYTES};
     * {@code root}'s link is rewritten accordingly.
     */
    private static Scenario withQueueInBytes(ObjectNode root, CallPath path, PiecewiseCapacity trace, long fromUs,
                                             long durationUs, Path tracesRoot, String sourceName) {
        double meanBps = trace.averageBps(fromUs, fromUs + durationUs);
        long queueBytes = Math.max(MIN_QUEUE_BYTES, Math.round(meanBps * path.queueMs() / 8_000.0));
        ObjectNode link = (ObjectNode) root.get("link");
        link.remove("queue_ms");
        link.put("queue_bytes", queueBytes);
        return ScenarioLoader.parse(root.toString(), null, tracesRoot, sourceName);
    }

    /**
     * The call plan of {@code traceId} with {@code seed}; its steps go to {@code split}.
     *
     * @param steeringModel whether a steering model is available (the weir driver needs one)
     */
    public static CallPlan plan(Path tracesRoot, String traceId, long seed, String split, DatasetSettings settings,
                                boolean steeringModel) {
        SplittableRandom random = new SplittableRandom(SplitRule.stableHash(traceId + "#" + seed));
        String dataset = traceId.substring(0, traceId.indexOf('/'));
        CallPath path = CallPath.draw(random);
        int durationS = settings.minCallS + random.nextInt(settings.maxCallS - settings.minCallS + 1);
        double offsetDraw = random.nextDouble();
        String driver = CallDrivers.draw(random, settings, steeringModel);
        long driverSeed = random.nextLong();
        ObjectNode root = path.scenario(traceId, seed, durationS);
        String name = root.get("name").asText();
        String family = root.get("family").asText();
        String sourceName = "generated:" + traceId;
        Scenario scenario = ScenarioLoader.parse(root.toString(), null, tracesRoot, sourceName);
        long offsetUs = 0;
        if (scenario.link().capacity() instanceof PiecewiseCapacity trace) {
            long periodUs = trace.periodUs() != PiecewiseCapacity.NO_LOOP ? trace.periodUs() : scenario.durationUs();
            offsetUs = (long) (offsetDraw * periodUs) / 1_000 * 1_000; // whole milliseconds
            // The same scenario with the drain time turned into bytes at the call's mean capacity.
            scenario = withQueueInBytes(root, path, trace, offsetUs, scenario.durationUs(), tracesRoot, sourceName);
            scenario = withOffset(scenario, offsetUs);
        }
        SampleSource source = new SampleSource(name, family, traceId, RecordingGroups.ofTrace(traceId), seed, split,
                driver, offsetUs / 1_000, 0);
        return new CallPlan(scenario, seed, source, dataset, driverSeed);
    }

    /** {@code scenario} whose capacity starts {@code offsetUs} into its own ({@link Scenario#withCapacityOffsetUs}). */
    public static Scenario withOffset(Scenario scenario, long offsetUs) {
        return scenario.withCapacityOffsetUs(offsetUs);
    }

    private static String capacityType(String file) {
        if (file.endsWith(".up") || file.endsWith(".down")) {
            return "mahimahi";
        }
        return file.endsWith(".json") ? "gym" : "cooked";
    }
}
