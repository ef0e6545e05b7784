package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.compare.MetricDirection;
import dev.weir.sim.gate.GateGroup;
import dev.weir.sim.gate.GateOutcome;
import dev.weir.sim.gate.GateRecord;
import dev.weir.sim.gate.GateRecordException;
import dev.weir.sim.gate.GateReport;
import dev.weir.sim.gate.GateRun;
import dev.weir.sim.gate.NoiseCalibration;
import dev.weir.sim.gate.NoiseProfile;
import dev.weir.sim.gate.SuiteResults;
import dev.weir.sim.call.CallMetrics;
import dev.weir.steer.Bundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./weir gate}: the regression gate for estimation quality (simulated calls) and, with
 * {@code gate speed}, for speed. Exit codes: 0 no confirmed regression, {@value #EXIT_REGRESSION}
 * a confirmed regression, 2 bad input (as every command).
 *
 * <p>One command line per instance; not thread-safe.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Gates a candidate against a baseline: fails on a confirmed quality regression.",
                "Runs both on a fixed suite of scenarios per network family x seeds (common",
                "random numbers) and tests every family and metric one-sided (Wilcoxon",
                "signed-rank, Benjamini-Hochberg). A metric is flagged only when it is",
                "significantly worse AND the change exceeds 3x its measured run-to-run noise",
                "(configs/gate/<suite>.json); flagged ones are re-run on fresh seeds and",
                "reported only when confirmed.",
                "REF: settings:FILE (gcc with GCC settings), bundle:DIR (weir with a bundle),",
                "rev:GIT_REV (another revision, built once into a content-addressed cache)",
                "or tree (this checkout). Writes DIR/gate.json and DIR/gate.md.",
                "Exit code 3 on a confirmed regression."},
        subcommands = {GateCommand.Check.class, GateCommand.Calibrate.class, GateCommand.UpdateRecord.class,
                GateSpeedCommand.class, GateEvaluateCommand.class, GateCommand.Worker.class})
final class GateCommand implements Callable<Integer> {
    /** Exit code of a confirmed regression: not 1 (an internal error) and not 2 (bad input). */
    static final int EXIT_REGRESSION = 3;

    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;

    @Option(names = "--baseline", paramLabel = "REF", description = "The reference: settings:FILE, bundle:DIR, "
            + "rev:GIT_REV or tree.")
    String baseline;
    @Option(names = "--candidate", paramLabel = "REF", description = "The change under test (same forms).")
    String candidate;
    @Option(names = "--suite", defaultValue = "quick", paramLabel = "quick|full",
            description = "quick: 8 synthetic scenarios x 20 seeds; full: the library and test traces x 30 seeds "
                    + "(traces only with a traces root). Default: ${DEFAULT-VALUE}.")
    String suite;
    @Option(names = "--estimator", defaultValue = "gcc", paramLabel = "NAME", completionCandidates = EstimatorNames.class,
            description = "What rev: and tree run (default: ${DEFAULT-VALUE}).")
    String estimator;
    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--record", paramLabel = "FILE", description = "Noise profile (default: configs/gate/<suite>.json).")
    Path record;
    @Option(names = "--threads", description = "Parallel calls (default: all cores; never changes the result).")
    Integer threads;
    @Option(names = "--build-cache", paramLabel = "DIR",
            description = "Builds of rev: references (default: $WEIR_BUILD_CACHE, else runs/build-cache).")
    Path buildCache;

    @Override
    public Integer call() throws Exception {
        if (baseline == null || candidate == null || out == null) {
            throw new BadInputException("gate needs --baseline REF, --candidate REF and --out DIR (or a subcommand: "
                    + "check, calibrate, update-record, speed, evaluate)");
        }
        PrintWriter console = spec.commandLine().getOut();
        Path root = GateSuites.repositoryRoot();
        RecordedSuite gated = recordedSuite(root, suite, record, traces);
        GateSuites.Suite s = gated.suite();
        Path recordFile = gated.recordFile();
        List<GateSuites.SuiteScenario> scenarios = gated.scenarios();
        GateRef a = GateRef.parse("--baseline", baseline, estimator);
        GateRef b = GateRef.parse("--candidate", candidate, estimator);
        String variant = a.variant();
        GateRecord.Variant profile = gated.record().variant(variant);
        if (profile == null || profile.noise() == null) {
            throw new BadInputException(recordFile + " has no noise profile for " + variant
                    + "; measure it with ./weir gate calibrate --suite " + s.name() + " --variants " + variant);
        }
        int pool = pool(threads);
        GateRef.Context context = new GateRef.Context(new BuildCache(root,
                buildCache != null ? buildCache : BuildCache.defaultRoot(root)), gated.tracesRoot(),
                GateSuites.treeBundle(root), console);
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "gate.json")) {
            CallSource baselineCalls = a.source(context);
            CallSource candidateCalls = b.source(context);
            GateOutcome outcome = QualityGate.run(variant, s, scenarios, profile.noise(), recordFile, baselineCalls,
                    candidateCalls, pool, console);
            GateRun run = new GateRun("quality", baseline, candidate, s.name(), names(scenarios), s.main().seeds(),
                    s.confirm().seeds(), List.of(outcome));
            GateReport.write(run, set.path());
            set.commit();
            console.print(GateReport.summary(run));
            console.printf("wrote %s and %s%n", out.resolve("gate.md"), out.resolve("gate.json"));
            return run.regressed() ? EXIT_REGRESSION : 0;
        }
    }

    static GateRecord readRecord(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no gate record " + file + " (run from the repository root, or measure one"
                    + " with ./weir gate calibrate)");
        }
        try {
            return GateRecord.read(file);
        } catch (GateRecordException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** A suite, its gate record and its scenarios, checked to be the ones the record was made on. */
    private record RecordedSuite(GateSuites.Suite suite, Path recordFile, GateRecord record, Path tracesRoot,
            List<GateSuites.SuiteScenario> scenarios) {
    }

    /**
     * Loads the suite named {@code suite}, its record ({@code record}, else the suite's own file) and
     * its scenarios, and fails unless the record was made on them; {@code traces} null: no traces root.
     */
    private static RecordedSuite recordedSuite(Path root, String suite, Path record, TracesRoot traces) {
        GateSuites.Suite s = GateSuites.named(suite);
        Path recordFile = s.recordFile(root, record);
        GateRecord rec = readRecord(recordFile);
        Path tracesRoot = traces != null ? traces.resolve() : null;
        List<GateSuites.SuiteScenario> scenarios = GateSuites.load(root, s, tracesRoot);
        GateSuites.requireMatches(rec, recordFile, s, scenarios);
        return new RecordedSuite(s, recordFile, rec, tracesRoot, scenarios);
    }

    static int pool(Integer threads) {
        int pool = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (pool < 1) {
            throw new BadInputException("--threads must be at least 1, got " + pool);
        }
        return pool;
    }

    static List<String> names(List<GateSuites.SuiteScenario> scenarios) {
        return scenarios.stream().map(s -> s.scenario().name()).toList();
    }

    /** The metrics gated: every call metric with a direction, in report order. */
    static List<String> gatedMetrics() {
        return CallMetrics.keys().stream().filter(m -> MetricDirection.of(m) != MetricDirection.NEUTRAL).toList();
    }

    /** {@code ./weir gate check}: CI's gate of this checkout against the committed record. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Gates this checkout against the committed baseline record (what CI runs).",
                    "Runs every recorded variant (gcc with its defaults, weir with",
                    "configs/bundle) on the quick suite and tests it against the recorded",
                    "calls and noise, without re-running the baseline. Exit code 3 on a",
                    "confirmed regression; a deliberate change updates the record with",
                    "./weir gate update-record."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--suite", defaultValue = "quick", paramLabel = "quick|full", description = "Default: ${DEFAULT-VALUE}.")
        String suite;
        @Option(names = "--record", paramLabel = "FILE", description = "Default: configs/gate/<suite>.json.")
        Path record;
        @Option(names = "--out", defaultValue = "runs/gate-check", paramLabel = "DIR",
                description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path out;
        @Option(names = "--threads", description = "Parallel calls (default: all cores).")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            PrintWriter console = spec.commandLine().getOut();
            Path root = GateSuites.repositoryRoot();
            // The record's calls are from the synthetic scenarios only, so CI never needs traces.
            RecordedSuite gated = recordedSuite(root, suite, record, null);
            GateSuites.Suite s = gated.suite();
            Path recordFile = gated.recordFile();
            List<GateSuites.SuiteScenario> scenarios = gated.scenarios();
            Bundle bundle = GateSuites.treeBundle(root);
            List<GateOutcome> outcomes = new ArrayList<>();
            for (GateRecord.Variant v : gated.record().variants()) {
                if (v.expected() == null || v.noise() == null) {
                    continue;
                }
                outcomes.add(QualityGate.run(v.name(), s, scenarios, v.noise(), recordFile,
                        QualityGate.recorded(v, recordFile), GateRef.tree(v.name(), bundle), pool(threads), console));
            }
            if (outcomes.isEmpty()) {
                throw new BadInputException(recordFile + " records no variant with noise and expected calls; run"
                        + " ./weir gate calibrate and ./weir gate update-record");
            }
            GateRun run = new GateRun("quality", "record:" + relative(root, recordFile), "tree", s.name(), names(scenarios),
                    s.main().seeds(), s.confirm().seeds(), outcomes);
            try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "gate.json")) {
                GateReport.write(run, set.path());
                set.commit();
            }
            console.print(GateReport.summary(run));
            if (outcomes.stream().anyMatch(o -> !o.improvements().isEmpty())) {
                console.println("improvements beyond the noise: record them with ./weir gate update-record (and review"
                        + " the diff), so a later change cannot give them back unnoticed");
            }
            console.printf("wrote %s and %s%n", out.resolve("gate.md"), out.resolve("gate.json"));
            return run.regressed() ? EXIT_REGRESSION : 0;
        }
    }

    /** {@code ./weir gate calibrate}: re-measures the noise profile of this checkout's variants. */
    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = {"Re-measures the run-to-run noise the gate's thresholds come from.",
                    "Runs each variant of this checkout on 2 x R disjoint blocks of the suite's",
                    "seed count and measures, per family and metric, the spread of the change",
                    "between two runs of the same variant (R A-vs-A replicates). Rewrites the",
                    "noise in configs/gate/<suite>.json: review the diff."})
    static final class Calibrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        TracesRoot traces;
        @Option(names = "--suite", defaultValue = "quick", paramLabel = "quick|full", description = "Default: ${DEFAULT-VALUE}.")
        String suite;
        @Option(names = "--variants", split = ",", defaultValue = "gcc,weir", paramLabel = "NAME",
                description = "Estimators to calibrate (default: ${DEFAULT-VALUE}).")
        List<String> variants;
        @Option(names = "--replicates", paramLabel = "R", description = "A-vs-A replicates (default: the suite's, 20).")
        Integer replicates;
        @Option(names = "--record", paramLabel = "FILE", description = "Default: configs/gate/<suite>.json.")
        Path record;
        @Option(names = "--threads", description = "Parallel calls (default: all cores).")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            PrintWriter console = spec.commandLine().getOut();
            Path root = GateSuites.repositoryRoot();
            GateSuites.Suite s = GateSuites.named(suite);
            Path recordFile = s.recordFile(root, record);
            Path tracesRoot = traces.resolve();
            if (!s.traceFiles().isEmpty() && tracesRoot == null) {
                throw new BadInputException("calibrating the " + s.name() + " suite needs its trace scenarios:"
                        + " give --traces-root");
            }
            int r = replicates != null ? replicates : s.calibrationReplicates();
            if (r < 2) {
                throw new BadInputException("--replicates must be at least 2, got " + r);
            }
            List<GateSuites.SuiteScenario> scenarios = GateSuites.load(root, s, tracesRoot);
            List<GateRecord.ScenarioEntry> entries = scenarios.stream().map(GateSuites.SuiteScenario::entry).toList();
            GateRecord rec = Files.isRegularFile(recordFile) ? readRecord(recordFile)
                    : new GateRecord(s.name(), entries, s.main(), s.confirm(), List.of());
            boolean sameSuite = rec.scenarios().equals(entries) && rec.main().equals(s.main())
                    && rec.confirm().equals(s.confirm());
            if (!sameSuite) {
                console.println("the suite changed since the record was made: expected calls dropped; run"
                        + " ./weir gate update-record after this");
                List<GateRecord.Variant> kept = new ArrayList<>();
                rec.variants().forEach(v -> kept.add(new GateRecord.Variant(v.name(), v.ref(), null, 0, null)));
                rec = new GateRecord(s.name(), entries, s.main(), s.confirm(), kept);
            }
            List<List<Long>> blocks = NoiseCalibration.consecutiveBlocks(s.calibrationFirstSeed(), 2 * r,
                    s.main().count());
            List<Long> all = blocks.stream().flatMap(List::stream).toList();
            List<GateGroup> groups = GateGroup.of(GateSuites.families(scenarios), s.traceFiles().isEmpty() ? java.util.Set.of()
                    : scenarios.stream().filter(x -> x.entry().traces()).map(x -> x.scenario().name())
                            .collect(java.util.stream.Collectors.toSet()));
            Bundle bundle = GateSuites.treeBundle(root);
            for (String variant : variants) {
                GateRef.parse("--variants", "tree", variant);
                SuiteResults pool = QualityGate.timed(console, variant + " calibration", scenarios.size() * all.size(),
                        () -> GateRef.tree(variant, bundle).run(scenarios, all, pool(threads), console));
                NoiseProfile noise = NoiseCalibration.measure(groups, pool, blocks, gatedMetrics());
                GateRecord.Variant old = rec.variant(variant);
                rec = rec.with(new GateRecord.Variant(variant, treeRef(variant), noise, s.calibrationFirstSeed(),
                        old == null ? null : old.expected()));
            }
            rec.write(recordFile);
            console.printf("wrote the noise of %s (%d replicates of %d seeds) to %s%n", String.join(", ", variants), r,
                    s.main().count(), recordFile);
            return 0;
        }
    }

    /** {@code file} relative to {@code root} when inside it (reports must not depend on the checkout's path). */
    static String relative(Path root, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : file.toString();
    }

    /** How a record names what the working tree runs for {@code variant}. */
    static String treeRef(String variant) {
        return switch (variant) {
            case "gcc" -> "settings:configs/gcc/default.json";
            case "weir" -> "bundle:configs/bundle";
            default -> "tree --estimator " + variant;
        };
    }

    /** {@code ./weir gate update-record}: the deliberate, reviewed update of CI's expected calls. */
    @Command(name = "update-record", mixinStandardHelpOptions = true,
            description = {"Records this checkout's calls as the baseline CI gates against.",
                    "Runs every variant of configs/gate/<suite>.json on the suite's seeds and",
                    "confirmation seeds and rewrites its expected calls. Do it on purpose (a",
                    "change whose effect is wanted) and review the diff: it is what",
                    "./weir gate check compares with."})
    static final class UpdateRecord implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--suite", defaultValue = "quick", paramLabel = "quick|full", description = "Default: ${DEFAULT-VALUE}.")
        String suite;
        @Option(names = "--record", paramLabel = "FILE", description = "Default: configs/gate/<suite>.json.")
        Path record;
        @Option(names = "--threads", description = "Parallel calls (default: all cores).")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            PrintWriter console = spec.commandLine().getOut();
            Path root = GateSuites.repositoryRoot();
            RecordedSuite gated = recordedSuite(root, suite, record, null);
            GateSuites.Suite s = gated.suite();
            List<GateSuites.SuiteScenario> scenarios = gated.scenarios();
            GateRecord rec = gated.record();
            List<Long> seeds = new ArrayList<>(s.main().seeds());
            seeds.addAll(s.confirm().seeds());
            Bundle bundle = GateSuites.treeBundle(root);
            for (GateRecord.Variant v : rec.variants()) {
                SuiteResults calls = QualityGate.timed(console, v.name(), scenarios.size() * seeds.size(),
                        () -> GateRef.tree(v.name(), bundle).run(scenarios, seeds, pool(threads), console));
                rec = rec.with(new GateRecord.Variant(v.name(), treeRef(v.name()), v.noise(), v.calibrationFirstSeed(),
                        calls));
            }
            Path recordFile = gated.recordFile();
            rec.write(recordFile);
            console.printf("wrote the expected calls of %s to %s: review the diff before committing%n",
                    String.join(", ", rec.variants().stream().map(GateRecord.Variant::name).toList()), recordFile);
            return 0;
        }
    }

    /** {@code ./weir gate worker}: runs calls for a gate of another revision (a stable protocol). */
    @Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
            description = "Runs calls for a gate running on another revision and writes their metrics as JSON.")
    static final class Worker implements Callable<Integer> {
        @Mixin
        TracesRoot traces;
        @Mixin
        BundleOption bundle;
        @Option(names = "--estimator", required = true)
        String estimator;
        @Option(names = "--scenario", required = true, arity = "1..*")
        List<Path> scenarios;
        @Option(names = "--seeds", required = true, split = ",")
        List<Long> seeds;
        @Option(names = "--threads")
        Integer threads;
        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() throws Exception {
            Path tracesRoot = traces.resolve();
            List<GateSuites.SuiteScenario> loaded = new ArrayList<>();
            for (var scenario : ScenarioSet.load(scenarios, tracesRoot, false)) {
                loaded.add(new GateSuites.SuiteScenario(scenario, null, null));
            }
            GateRef.parse("--estimator", "tree", estimator);
            SuiteResults results = GateRef.tree(estimator, bundle.load()).run(loaded, seeds, pool(threads),
                    new PrintWriter(java.io.Writer.nullWriter()));
            List<GateCallsFile.Call> calls = new ArrayList<>();
            for (GateSuites.SuiteScenario s : loaded) {
                String name = s.scenario().name();
                for (long seed : seeds) {
                    calls.add(new GateCallsFile.Call(name, s.scenario().family(), seed,
                            new java.util.LinkedHashMap<>(results.metrics(name, seed))));
                }
            }
            GateCallsFile.write(out, estimator, calls);
            return 0;
        }
    }
}
