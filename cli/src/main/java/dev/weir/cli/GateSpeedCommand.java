package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.compare.JsonNumbers;
import dev.weir.sim.compare.Scale;
import dev.weir.sim.gate.GateGroup;
import dev.weir.sim.gate.GateOutcome;
import dev.weir.sim.gate.GateReport;
import dev.weir.sim.gate.GateRun;
import dev.weir.sim.gate.GateTest;
import dev.weir.sim.gate.MetricNoise;
import dev.weir.sim.gate.NoiseProfile;
import dev.weir.sim.gate.RegressionGate;
import dev.weir.sim.gate.SuiteResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./weir gate speed}: the same gate over speed. Both sides' benchmark jars run alternately
 * (pair i: A then B, or B then A for odd i, so a load change on the shared machine hits both
 * sides), one sample per side per pair ({@link SpeedSampler}); per figure the paired log ratios
 * are tested one-sided and the slowdown must exceed 3x the noise of the mean log ratio of n pairs,
 * sd / sqrt(n), where sd is the pair-to-pair spread {@code --calibrate} measured running one jar
 * against itself (configs/gate/speed.json; machine-specific). Flagged figures are re-measured on
 * fresh pairs. References are code: {@code rev:GIT_REV} or {@code tree}.
 *
 * <p>Not run by CI: a run takes 5-10 minutes of an otherwise idle machine, and CI's shared cores
 * make timings too noisy for a committed record; run it before merging a change to a hot path.
 *
 * <p>One command line per instance; not thread-safe.
 */
@Command(name = "speed", mixinStandardHelpOptions = true,
        description = {"Gates speed: GCC per packet, model decision, simulator speed and cold start.",
                "Runs both sides' benchmark jars alternately on this machine, tests each",
                "figure one-sided on the paired log ratios and flags a slowdown beyond 3x its",
                "measured noise (configs/gate/speed.json; --calibrate re-measures it);",
                "flagged figures are re-measured before they are reported.",
                "REF: rev:GIT_REV or tree. Exit code 3 on a confirmed regression."})
final class GateSpeedCommand implements Callable<Integer> {
    static final Path RECORD = GateSuites.GATE_DIR.resolve("speed.json");
    static final String FORMAT = "weir-gate-speed/1";
    private static final String GROUP = "speed";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Option(names = "--baseline", paramLabel = "REF", description = "rev:GIT_REV or tree (the jar to calibrate with --calibrate; default tree there).")
    String baseline;
    @Option(names = "--candidate", paramLabel = "REF", description = "rev:GIT_REV or tree.")
    String candidate;
    @Option(names = "--pairs", defaultValue = "8",
            description = "Sample pairs per figure (default: ${DEFAULT-VALUE}; the noise is scaled to it; at least 7 for all four figures, 5 for one).")
    int pairs;
    @Option(names = "--figures", split = ",", paramLabel = "NAME",
            description = "Figures to gate (default: all: gcc_ns_per_packet, model_decision_us, simulator_x_realtime, cold_start_ms).")
    List<String> figures;
    @Option(names = "--calibrate", description = "Measure the noise instead: the baseline against itself, --pairs pairs (use 12 or more).")
    boolean calibrate;
    @Option(names = "--record", paramLabel = "FILE", description = "Speed noise (default: configs/gate/speed.json).")
    Path record;
    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (not with --calibrate).")
    Path out;
    @Option(names = "--build-cache", paramLabel = "DIR", description = "Builds of rev: references.")
    Path buildCache;

    @Override
    public Integer call() throws Exception {
        if (pairs < 2) {
            throw new BadInputException("--pairs must be at least 2, got " + pairs);
        }
        PrintWriter console = spec.commandLine().getOut();
        Path root = GateSuites.repositoryRoot();
        BuildCache cache = new BuildCache(root, buildCache != null ? buildCache : BuildCache.defaultRoot(root));
        if (record == null) {
            record = root.resolve(RECORD);
        }
        List<String> metrics = figures != null ? figures : SpeedSampler.METRICS;
        for (String m : metrics) {
            if (!SpeedSampler.METRICS.contains(m)) {
                throw new BadInputException("unknown speed figure '" + m + "'; known: " + SpeedSampler.METRICS);
            }
        }
        if (!calibrate && pairs < minimumPairs(metrics.size())) {
            throw new BadInputException("--pairs " + pairs + " is too few to flag a slowdown of one of " + metrics.size()
                    + " figures (the smallest one-sided p of n pairs is 2^-n, adjusted over the figures); use at least "
                    + minimumPairs(metrics.size()));
        }
        if (calibrate) {
            Path jar = jar(baseline == null ? "tree" : baseline, "--baseline", root, cache, console);
            SuiteResults[] samples = sample(jar, jar, metrics, 1, console);
            writeNoise(samples[0], samples[1], metrics);
            console.printf("wrote the speed noise of %d pairs to %s%n", pairs, record);
            return 0;
        }
        if (baseline == null || candidate == null || out == null) {
            throw new BadInputException("gate speed needs --baseline REF, --candidate REF and --out DIR (or --calibrate)");
        }
        NoiseProfile noise = readNoise(metrics);
        Path a = jar(baseline, "--baseline", root, cache, console);
        Path b = jar(candidate, "--candidate", root, cache, console);
        List<GateGroup> groups = List.of(new GateGroup(GROUP, List.of(GROUP)));
        SuiteResults[] first = sample(a, b, metrics, 1, console);
        List<Long> main = indices(1);
        List<GateTest> screen = RegressionGate.screen(groups, noise, first[0], main, first[1], main);
        List<GateTest> confirmation = List.of();
        List<Long> fresh = indices(pairs + 1);
        List<String> flagged = screen.stream().filter(GateTest::flagged).map(GateTest::metric).toList();
        if (!flagged.isEmpty()) {
            console.printf("flagged %s: re-measuring on %d fresh pairs%n", flagged, pairs);
            SuiteResults[] again = sample(a, b, flagged, pairs + 1, console);
            confirmation = RegressionGate.confirm(screen, groups, noise, again[0], fresh, again[1], fresh);
        }
        GateRun run = new GateRun("speed", baseline, candidate, "speed", metrics, main, fresh,
                List.of(new GateOutcome("speed", screen, confirmation)));
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "gate.json")) {
            GateReport.write(run, set.path());
            set.commit();
        }
        console.print(GateReport.summary(run));
        for (GateTest t : screen) {
            console.printf("  %-22s %s -> %s (%s)%n", t.metric(), JsonNumbers.format(t.comparison().baselineMean()),
                    JsonNumbers.format(t.comparison().candidateMean()),
                    t.comparison().change() == null ? "-" : String.format(java.util.Locale.ROOT, "%+.1f%%",
                            100 * t.comparison().change()));
        }
        return run.regressed() ? GateCommand.EXIT_REGRESSION : 0;
    }

    /**
     * The fewest pairs with which one figure of {@code figures}, worse in every pair, can be
     * flagged: its exact one-sided signed-rank p is 2^-n, and Benjamini-Hochberg multiplies the
     * smallest p by the number of tests, so 2^-n x figures must reach {@link RegressionGate#LEVEL}.
     */
    static int minimumPairs(int figures) {
        int n = 1;
        while (Math.scalb(1.0, -n) * figures > RegressionGate.LEVEL) {
            n++;
        }
        return n;
    }

    private List<Long> indices(long first) {
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            list.add(first + i);
        }
        return list;
    }

    /** {@code pairs} alternating samples of both jars, indexed from {@code first}. */
    private SuiteResults[] sample(Path a, Path b, List<String> metrics, long first, PrintWriter console)
            throws IOException, InterruptedException {
        SuiteResults as = new SuiteResults();
        SuiteResults bs = new SuiteResults();
        for (int i = 0; i < pairs; i++) {
            long index = first + i;
            boolean aFirst = i % 2 == 0;
            Map<String, Object> x = SpeedSampler.sample(aFirst ? a : b, home(aFirst ? a : b), metrics);
            Map<String, Object> y = SpeedSampler.sample(aFirst ? b : a, home(aFirst ? b : a), metrics);
            as.add(GROUP, GROUP, index, aFirst ? x : y);
            bs.add(GROUP, GROUP, index, aFirst ? y : x);
            console.printf("  pair %d/%d: baseline %s, candidate %s%n", i + 1, pairs, as.metrics(GROUP, index),
                    bs.metrics(GROUP, index));
            console.flush();
        }
        return new SuiteResults[] {as, bs};
    }

    /** Where a benchmark jar runs: its checkout (bench/target/ -> the root) or its cache entry. */
    private static Path home(Path jar) {
        Path dir = jar.getParent();
        return dir.getFileName().toString().equals("target") ? dir.getParent().getParent() : dir;
    }

    /** The benchmark jar of a code reference. */
    private static Path jar(String ref, String option, Path root, BuildCache cache, PrintWriter console)
            throws IOException, InterruptedException {
        if (ref.equals("tree")) {
            return treeJar(root, console);
        }
        if (ref.startsWith("rev:") && ref.length() > 4) {
            return cache.benchmarks(cache.cli(ref.substring(4), console), console);
        }
        throw new BadInputException(option + " " + ref + ": the speed gate compares code: rev:GIT_REV or tree");
    }

    /** This checkout's benchmark jar, rebuilt when missing or older than a source. */
    private static Path treeJar(Path root, PrintWriter console) throws IOException, InterruptedException {
        Path jar = root.resolve("bench/target/benchmarks.jar");
        if (!Files.isRegularFile(jar) || newerSource(root, Files.getLastModifiedTime(jar).toMillis())) {
            console.println("building this checkout's benchmarks ...");
            console.flush();
            Processes.check(List.of("./mvnw", "-B", "-q", "-DskipTests", "-pl", "bench", "-am", "package"), root,
                    "building the benchmarks");
        }
        return jar;
    }

    private static boolean newerSource(Path root, long jarMillis) throws IOException {
        try (Stream<Path> modules = Files.list(root)) {
            // The benchmarks depend on every module but the CLI.
            for (Path module : modules.filter(Files::isDirectory)
                    .filter(m -> !m.getFileName().toString().equals("cli")).toList()) {
                Path pom = module.resolve("pom.xml");
                if (Files.isRegularFile(pom) && Files.getLastModifiedTime(pom).toMillis() > jarMillis) {
                    return true;
                }
                Path main = module.resolve("src/main");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        if (files.anyMatch(f -> lastModified(f) > jarMillis)) {
                            return true;
                        }
                    }
                }
            }
        }
        return Files.getLastModifiedTime(root.resolve("pom.xml")).toMillis() > jarMillis;
    }

    private static long lastModified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The noise record: per figure the spread of pair log ratios (and differences) of one jar against
     * itself. The gate's noise for n pairs is that spread / sqrt(n): the standard error of the mean
     * log ratio, which the Hodges-Lehmann change tracks within a few percent for near-normal timings.
     */
    private void writeNoise(SuiteResults a, SuiteResults b, List<String> metrics) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("pairs", pairs)
                .put("processors", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version"));
        ObjectNode byMetric = root.putObject("figures");
        for (String metric : metrics) {
            double sumLog = 0;
            double sumAbs = 0;
            for (int i = 1; i <= pairs; i++) {
                double x = a.value(GROUP, i, metric);
                double y = b.value(GROUP, i, metric);
                sumLog += Math.pow(Math.log(y / x), 2);
                sumAbs += Math.pow(y - x, 2);
            }
            // Root mean square around 0: the true ratio of a jar against itself is 1.
            byMetric.putObject(metric).put("pair_log_ratio_sd", new BigDecimal(JsonNumbers.format(Math.sqrt(sumLog / pairs))))
                    .put("pair_difference_sd", new BigDecimal(JsonNumbers.format(Math.sqrt(sumAbs / pairs))));
        }
        AtomicFiles.write(record, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private NoiseProfile readNoise(List<String> metrics) throws IOException {
        if (!Files.isRegularFile(record)) {
            throw new BadInputException("no speed noise record " + record + "; measure it with ./weir gate speed --calibrate");
        }
        JsonNode root = JSON.readTree(Files.readAllBytes(record));
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException(record + ": not a " + FORMAT + " file");
        }
        Map<String, MetricNoise> noise = new LinkedHashMap<>();
        double scale = 1 / Math.sqrt(pairs);
        for (String metric : metrics) {
            JsonNode m = root.path("figures").path(metric);
            if (!m.path("pair_log_ratio_sd").isNumber() || !m.path("pair_difference_sd").isNumber()) {
                throw new BadInputException(record + " has no noise for " + metric + "; re-measure with --calibrate");
            }
            noise.put(metric, new MetricNoise(Scale.RELATIVE, m.get("pair_log_ratio_sd").asDouble() * scale,
                    m.get("pair_difference_sd").asDouble() * scale));
        }
        return new NoiseProfile(Math.max(1, root.path("pairs").asInt(1)), pairs,
                Map.of(GROUP, new NoiseProfile.GroupNoise(List.of(GROUP), noise)));
    }
}
