package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.compare.JsonNumbers;
import dev.weir.sim.gate.GateEvaluation;
import dev.weir.sim.gate.GateGroup;
import dev.weir.sim.gate.GateOutcome;
import dev.weir.sim.gate.GateRecord;
import dev.weir.sim.gate.GateTest;
import dev.weir.sim.gate.RegressionGate;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./weir gate evaluate}: how often the gate cries wolf and what it catches, for gcc on a
 * suite (no traces). Every replicate is a whole gate (screening and confirmation) on its own seed
 * blocks from {@value #FIRST_SEED}, disjoint from the suite's and the calibration's seeds:
 * <ul>
 *   <li>false alarms, independent: gcc against gcc on other seeds (no common random numbers: the
 *       noisiest a no-op change can look);</li>
 *   <li>false alarms, negligible change: gcc against a settings file whose change is far too small to
 *       matter (AIMD backoff 0.85 -> 0.8501) on the same seeds, so call trajectories diverge as after
 *       a real edit;</li>
 *   <li>power: gcc against each injected regression (AIMD backoff 0.80 ... 0.50), the share of gates
 *       that confirm a regression.</li>
 * </ul>
 *
 * <p>One command line per instance; not thread-safe.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measures the gate: its false-alarm rate and its power (injected regressions).",
                "Runs whole gates of gcc against itself on independent seeds, against a",
                "negligible change and against each --candidates settings file, every",
                "replicate on fresh seed blocks; writes DIR/evaluation.json and",
                "DIR/evaluation.md."})
final class GateEvaluateCommand implements Callable<Integer> {
    /** First seed of the evaluation's blocks: disjoint from the suites' and the calibration's seeds. */
    static final long FIRST_SEED = 1_000_001;
    private static final Path EVALUATION_DIR = GateSuites.GATE_DIR.resolve("evaluation");
    private static final List<String> SHOWN = List.of("avg_sent_bitrate_bps", "delay_p95_ms", "video_quality_score");

    @Spec
    CommandSpec spec;
    @Option(names = "--suite", defaultValue = "quick", paramLabel = "quick|full", description = "Default: ${DEFAULT-VALUE}.")
    String suite;
    @Option(names = "--replicates", defaultValue = "30", description = "Gates per false-alarm experiment (default: ${DEFAULT-VALUE}).")
    int replicates;
    @Option(names = "--power-replicates", defaultValue = "10", description = "Gates per candidate (default: ${DEFAULT-VALUE}).")
    int powerReplicates;
    @Option(names = "--negligible", paramLabel = "FILE",
            description = "Settings of the negligible change (default: configs/gate/evaluation/negligible-*.json).")
    Path negligible;
    @Option(names = "--candidates", arity = "0..*", paramLabel = "FILE",
            description = "Injected regressions, GCC settings files (default: configs/gate/evaluation/backoff-*.json).")
    List<Path> candidates;
    @Option(names = "--record", paramLabel = "FILE", description = "Default: configs/gate/<suite>.json.")
    Path record;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--threads", description = "Parallel calls (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (replicates < 1 || powerReplicates < 1) {
            throw new BadInputException("--replicates and --power-replicates must be at least 1");
        }
        PrintWriter console = spec.commandLine().getOut();
        Path root = GateSuites.repositoryRoot();
        GateSuites.Suite s = GateSuites.named(suite);
        Path recordFile = s.recordFile(root, record);
        GateRecord rec = GateCommand.readRecord(recordFile);
        List<GateSuites.SuiteScenario> scenarios = GateSuites.load(root, s, null);
        GateSuites.requireMatches(rec, recordFile, s, scenarios);
        GateRecord.Variant gcc = rec.variant("gcc");
        if (gcc == null || gcc.noise() == null) {
            throw new BadInputException(recordFile + " has no gcc noise profile; run ./weir gate calibrate");
        }
        Map<String, GateRef> variants = new LinkedHashMap<>();
        variants.put("gcc", GateRef.parse("baseline", "settings:" + root.resolve("configs/gcc/default.json"), "gcc"));
        Path negligibleFile = negligible != null ? negligible : only(defaults(root, "negligible-"));
        String negligibleName = name(negligibleFile);
        variants.put(negligibleName, GateRef.parse("--negligible", "settings:" + negligibleFile, "gcc"));
        List<Path> injected = candidates != null && !candidates.isEmpty() ? candidates : defaults(root, "backoff-");
        for (Path file : injected) {
            variants.put(name(file), GateRef.parse("--candidates", "settings:" + file, "gcc"));
        }
        int pool = GateCommand.pool(threads);
        Map<String, GateSuites.SuiteScenario> byName = new LinkedHashMap<>();
        scenarios.forEach(x -> byName.put(x.scenario().name(), x));
        GateRef.Context context = new GateRef.Context(null, null, null, console);
        Map<String, CallSource> sources = new LinkedHashMap<>();
        for (Map.Entry<String, GateRef> v : variants.entrySet()) {
            sources.put(v.getKey(), v.getValue().source(context));
        }
        List<GateGroup> groups = RegressionGate.usableGroups(gcc.noise(), byName.keySet());
        GateEvaluation evaluation = new GateEvaluation(groups, gcc.noise(), (variant, names, seeds) -> {
            List<GateSuites.SuiteScenario> subset = names.stream().map(byName::get).toList();
            return sources.get(variant).run(subset, seeds, pool, console);
        });

        long startNs = System.nanoTime();
        List<Experiment> experiments = new ArrayList<>();
        Experiment independent = new Experiment("gcc vs gcc, independent seeds", "gcc", "false alarm");
        for (int i = 0; i < replicates; i++) {
            independent.add(evaluation.gate("gcc", evaluation.block(FIRST_SEED, 4 * i), evaluation.block(FIRST_SEED,
                    4 * i + 2), "gcc", evaluation.block(FIRST_SEED, 4 * i + 1), evaluation.block(FIRST_SEED, 4 * i + 3)));
            progress(console, independent, startNs);
        }
        experiments.add(independent);
        experiments.add(sameSeeds(evaluation, "gcc vs " + negligibleName, negligibleName, "false alarm", replicates,
                console, startNs));
        for (Path file : injected) {
            experiments.add(sameSeeds(evaluation, "gcc vs " + name(file), name(file), "power", powerReplicates, console,
                    startNs));
        }
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "evaluation.json")) {
            AtomicFiles.write(set.path().resolve("evaluation.json"), json(s, experiments)
                    .getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(set.path().resolve("evaluation.md"), markdown(s, experiments)
                    .getBytes(StandardCharsets.UTF_8));
            set.commit();
        }
        console.print(markdown(s, experiments));
        console.printf("%d gates in %.0f s (%.1f s per gate; calls shared between gates)%n",
                experiments.stream().mapToInt(e -> e.outcomes.size()).sum(), (System.nanoTime() - startNs) / 1e9,
                (System.nanoTime() - startNs) / 1e9 / experiments.stream().mapToInt(e -> e.outcomes.size()).sum());
        return 0;
    }

    /** Gates of gcc against {@code variant} on common seeds: replicate i screens block 4i, confirms on 4i + 2. */
    private static Experiment sameSeeds(GateEvaluation evaluation, String title, String variant, String kind,
            int count, PrintWriter console, long startNs) throws Exception {
        Experiment e = new Experiment(title, variant, kind);
        for (int i = 0; i < count; i++) {
            List<Long> main = evaluation.block(FIRST_SEED, 4 * i);
            List<Long> confirm = evaluation.block(FIRST_SEED, 4 * i + 2);
            e.add(evaluation.gate("gcc", main, confirm, variant, main, confirm));
            progress(console, e, startNs);
        }
        return e;
    }

    private static void progress(PrintWriter console, Experiment e, long startNs) {
        GateOutcome last = e.outcomes.get(e.outcomes.size() - 1);
        console.printf("  [%4.0f s] %s #%d: %d flagged, %d confirmed%n", (System.nanoTime() - startNs) / 1e9, e.title,
                e.outcomes.size(), last.flagged().size(), last.regressions().size());
        console.flush();
    }

    /** One experiment's gates. */
    private static final class Experiment {
        final String title;
        final String variant;
        final String kind;
        final List<GateOutcome> outcomes = new ArrayList<>();

        Experiment(String title, String variant, String kind) {
            this.title = title;
            this.variant = variant;
            this.kind = kind;
        }

        void add(GateOutcome o) {
            outcomes.add(o);
        }

        GateEvaluation.Rate flagged() {
            return new GateEvaluation.Rate((int) outcomes.stream().filter(o -> !o.flagged().isEmpty()).count(),
                    outcomes.size());
        }

        GateEvaluation.Rate confirmed() {
            return new GateEvaluation.Rate((int) outcomes.stream().filter(GateOutcome::regressed).count(),
                    outcomes.size());
        }

        /** group/metric -> gates that confirmed it, most frequent first then by name. */
        List<Map.Entry<String, Integer>> regressedMetrics() {
            Map<String, Integer> counts = new TreeMap<>();
            for (GateOutcome o : outcomes) {
                for (GateTest t : o.regressions()) {
                    counts.merge(t.group() + "/" + t.metric(), 1, Integer::sum);
                }
            }
            List<Map.Entry<String, Integer>> list = new ArrayList<>(counts.entrySet());
            list.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey())
                    : b.getValue() - a.getValue());
            return list;
        }

        /** Median over gates of the overall screening change of {@code metric}. */
        Double medianOverallChange(String metric) {
            double[] changes = outcomes.stream().flatMap(o -> o.screen().stream())
                    .filter(t -> t.group().equals(GateGroup.OVERALL) && t.metric().equals(metric)
                            && t.comparison().change() != null)
                    .mapToDouble(t -> t.comparison().change()).sorted().toArray();
            if (changes.length == 0) {
                return null;
            }
            int m = changes.length / 2;
            return changes.length % 2 == 1 ? changes[m] : 0.5 * (changes[m - 1] + changes[m]);
        }
    }

    private static String markdown(GateSuites.Suite s, List<Experiment> experiments) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Gate evaluation (").append(s.name()).append(" suite, gcc)\n\n")
                .append("Each row: independent whole gates (screening and confirmation on their own seed blocks).")
                .append(" Rates with exact 95 % (Clopper-Pearson) intervals; the overall change is the median")
                .append(" screening Hodges-Lehmann change across gates.\n\n")
                .append("| experiment | gates | any flag before confirmation | confirmed regression | overall change ")
                .append(String.join(" / ", SHOWN)).append(" | most often confirmed |\n|---|---|---|---|---|---|\n");
        for (Experiment e : experiments) {
            sb.append("| ").append(e.title).append(" (").append(e.kind).append(") | ").append(e.outcomes.size())
                    .append(" | ").append(rate(e.flagged())).append(" | ").append(rate(e.confirmed())).append(" | ");
            List<String> changes = new ArrayList<>();
            for (String metric : SHOWN) {
                Double c = e.medianOverallChange(metric);
                changes.add(c == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * c));
            }
            sb.append(String.join(" / ", changes)).append(" | ");
            List<String> top = e.regressedMetrics().stream().limit(3).map(x -> x.getKey() + " (" + x.getValue() + ")")
                    .toList();
            sb.append(top.isEmpty() ? "-" : String.join(", ", top)).append(" |\n");
        }
        return sb.toString();
    }

    private static String rate(GateEvaluation.Rate r) {
        return String.format(Locale.ROOT, "%d/%d = %.1f%% [%.1f, %.1f]", r.events(), r.trials(), 100 * r.rate(),
                100 * r.low95(), 100 * r.high95());
    }

    private static String json(GateSuites.Suite s, List<Experiment> experiments) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("suite", s.name()).put("baseline", "gcc")
                .put("first_seed", FIRST_SEED);
        ArrayNode list = root.putArray("experiments");
        for (Experiment e : experiments) {
            ObjectNode node = list.addObject().put("title", e.title).put("variant", e.variant).put("kind", e.kind)
                    .put("gates", e.outcomes.size());
            rate(node.putObject("flagged"), e.flagged());
            rate(node.putObject("confirmed"), e.confirmed());
            ObjectNode changes = node.putObject("median_overall_change");
            for (String metric : SHOWN) {
                Double c = e.medianOverallChange(metric);
                if (c == null) {
                    changes.putNull(metric);
                } else {
                    changes.put(metric, new BigDecimal(JsonNumbers.format(c)));
                }
            }
            ObjectNode metrics = node.putObject("confirmed_metrics");
            e.regressedMetrics().forEach(x -> metrics.put(x.getKey(), x.getValue()));
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root).replace("\r\n", "\n") + "\n";
    }

    private static void rate(ObjectNode node, GateEvaluation.Rate r) {
        node.put("events", r.events()).put("trials", r.trials())
                .put("rate", new BigDecimal(JsonNumbers.format(r.rate())))
                .put("ci95_low", new BigDecimal(JsonNumbers.format(r.low95())))
                .put("ci95_high", new BigDecimal(JsonNumbers.format(r.high95())));
    }

    private static List<Path> defaults(Path root, String prefix) throws java.io.IOException {
        Path dir = root.resolve(EVALUATION_DIR);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("no " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".json"))
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).toList();
        }
    }

    private static Path only(List<Path> files) {
        if (files.size() != 1) {
            throw new BadInputException("expected one " + EVALUATION_DIR + "/negligible-*.json, found " + files);
        }
        return files.get(0);
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

}
