package dev.weir.cli;

import dev.weir.peers.PeerCatalog;
import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.TextReport;
import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir compare}: N estimators on common scenarios and seeds, a leaderboard and paired tests. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares estimators on the same scenarios and seeds: leaderboards and paired tests.",
                "Every estimator runs every scenario on seeds 1..N (common random numbers).",
                "Writes DIR/report.json, DIR/report.md and DIR/report.html (one self-contained",
                "file with plots): leaderboards per scenario family and overall (mean and 95%%",
                "interval per metric), and each estimator against the baseline per scenario and",
                "overall: the change with a 95%% interval (Hodges-Lehmann on per-seed log",
                "ratios), the exact Wilcoxon signed-rank p-value, that p-value adjusted by",
                "Benjamini-Hochberg over the whole report, and a verdict that follows it.",
                "A/B test a GCC settings change (the field-trial workflow): --a gcc",
                "--b gcc@trial --settings-b trial.json; NAME@LABEL runs estimator NAME under",
                "another label."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    BundleOption bundle;
    @Mixin
    ScenarioPaths scenarioPaths;
    @Mixin
    PeersRoot peers;
    @Mixin
    EngineOption engine;

    @Option(names = "--scenarios", arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files, or directories of them.")
    List<Path> scenarios = new ArrayList<>();
    @Option(names = "--test-traces", split = ",", paramLabel = "DATASET",
            description = {"Also one scenario per trace of <traces-root>/DATASET/test/ (e.g. fcc,hsdpa-3g,mahimahi,puffer;",
                    "'all' for every dataset): the dataset generator's trace scenarios (delay, queue, loss",
                    "drawn per trace), families trace-<dataset>-<loss>."})
    List<String> testTraces = new ArrayList<>();
    @Option(names = "--trace-duration-s", defaultValue = "60", paramLabel = "S",
            description = "Seconds per test-trace call (default: ${DEFAULT-VALUE}).")
    int traceDurationS;
    @Option(names = "--audio", description = {"Add the 32 kbps audio stream (one packet per 20 ms) to every call, for all",
            "estimators alike: the MMSys'24 peers were trained on calls that always carried audio."})
    boolean audio;
    @ArgGroup(exclusive = true)
    Variants variants = new Variants();
    @Option(names = "--baseline", paramLabel = "NAME",
            description = "The estimator the others are tested against (default: the first of --estimators, or --a).")
    String baseline;
    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N",
            description = "How many seeds: each scenario runs on seeds 1..N (a count, not a seed; default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--threads", description = "Parallel calls of --engine local (default: all cores; never changes"
            + " the output).")
    Integer threads;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--calls", description = "Also write each scenario's seed-1 calls (csv, metrics, plot).")
    boolean calls;
    @Option(names = "--settings", paramLabel = "NAME=FILE", mapFallbackValue = "",
            completionCandidates = EstimatorNames.WithGccSettings.class,
            description = "GCC settings JSON for the compared estimator NAME (repeatable), for estimators built"
                    + " on GCC: ${COMPLETION-CANDIDATES}. Without one an estimator runs libwebrtc's defaults.")
    Map<String, Path> settings;
    @Option(names = "--settings-a", paramLabel = "FILE", description = "GCC settings JSON for --a.")
    Path settingsA;
    @Option(names = "--settings-b", paramLabel = "FILE", description = "GCC settings JSON for --b.")
    Path settingsB;

    /** Either N estimators or the two-variant form. */
    static final class Variants {
        @Option(names = "--estimators", split = ",", paramLabel = "NAME", completionCandidates = EstimatorNames.class,
                description = "Estimators to compare, comma-separated (two or more): ${COMPLETION-CANDIDATES};"
                        + " NAME@LABEL runs NAME again under another label (e.g. with other --settings).")
        List<String> estimators;
        @ArgGroup(exclusive = false)
        TwoWay twoWay;
    }

    /** {@code --a X --b Y}: the two-variant comparison, A the baseline. */
    static final class TwoWay {
        @Option(names = "--a", required = true, paramLabel = "NAME", completionCandidates = EstimatorNames.class,
                description = "Variant A, the baseline: ${COMPLETION-CANDIDATES} (or NAME@LABEL).")
        String a;
        @Option(names = "--b", required = true, paramLabel = "NAME", completionCandidates = EstimatorNames.class,
                description = "Variant B: ${COMPLETION-CANDIDATES} (or NAME@LABEL).")
        String b;
    }

    @Override
    public Integer call() throws Exception {
        List<String> names;
        if (variants.estimators != null) {
            names = variants.estimators;
        } else if (variants.twoWay != null) {
            names = List.of(variants.twoWay.a, variants.twoWay.b);
        } else {
            names = List.of("gcc", "oracle");
        }
        String base = baseline != null ? baseline : names.get(0);
        var console = spec.commandLine().getOut();
        SettingsFiles files = settingsFiles(names);
        if (scenarios.isEmpty() && testTraces.isEmpty()) {
            throw new BadInputException("nothing to compare on: pass --scenarios and/or --test-traces");
        }
        Path tracesRoot = traces.resolve();
        List<Scenario> set = new ArrayList<>(scenarios.isEmpty() ? List.of()
                : ScenarioSet.load(scenarios, tracesRoot, scenarioPaths.allowAbsolutePaths));
        set.addAll(ScenarioSet.testTraces(testTraces, tracesRoot, traceDurationS));
        ScenarioSet.requireUniqueNames(set);
        StartupTrace.mark(StartupTrace.INPUTS);
        PeerCatalog catalog = peers.catalog();
        Bundle loaded = bundle.load();
        ComparisonReport report = ComparisonRun.run(set, names, base, seeds, () -> engine.open(threads), out, calls,
                console, loaded, new CallRunner(loaded, files, catalog), files, catalog, audio);
        console.print(TextReport.of(report));
        console.printf("%nwrote %s, %s and %s%n", out.resolve("report.json"), out.resolve("report.md"),
                out.resolve("report.html"));
        return 0;
    }

    /** --settings NAME=FILE and --settings-a/-b, each naming one of the compared estimators. */
    private SettingsFiles settingsFiles(List<String> names) {
        SettingsFiles files = SettingsFiles.none();
        if ((settingsA != null || settingsB != null) && variants.twoWay == null) {
            throw new BadInputException("--settings-a and --settings-b go with --a and --b; use --settings NAME=FILE"
                    + " with --estimators");
        }
        if (settingsA != null) {
            files.add(variants.twoWay.a, settingsA);
        }
        if (settingsB != null) {
            files.add(variants.twoWay.b, settingsB);
        }
        if (settings != null) {
            for (Map.Entry<String, Path> entry : settings.entrySet()) {
                if (!names.contains(entry.getKey())) {
                    throw new BadInputException("--settings " + entry.getKey() + "=...: '" + entry.getKey()
                            + "' is not among the compared estimators " + names);
                }
                if (entry.getValue() == null || entry.getValue().toString().isEmpty()) {
                    throw new BadInputException("--settings " + entry.getKey() + ": expected NAME=FILE");
                }
                files.add(entry.getKey(), entry.getValue());
            }
        }
        return files;
    }
}
