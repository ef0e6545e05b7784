package dev.weir.cli;

import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.TextReport;
import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weir compare}: N estimators on common scenarios and seeds, a leaderboard and paired tests. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares estimators on the same scenarios and seeds: leaderboards and paired tests.",
                "Every estimator runs every scenario on seeds 1..N (common random numbers).",
                "Writes DIR/report.json, DIR/report.md and DIR/report.html (one self-contained",
                "file with plots): leaderboards per scenario family and overall (mean and 95%%",
                "interval per metric), and each estimator against the baseline per scenario and",
                "overall: the change with a 95%% interval (Hodges-Lehmann on per-seed log",
                "ratios), the exact Wilcoxon signed-rank p-value, that p-value adjusted by",
                "Benjamini-Hochberg over the whole report, and a verdict that follows it."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    BundleOption bundle;
    @Mixin
    ScenarioPaths scenarioPaths;

    @Option(names = "--scenarios", required = true, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files, or directories of them.")
    List<Path> scenarios;
    @ArgGroup(exclusive = true)
    Variants variants = new Variants();
    @Option(names = "--baseline", paramLabel = "NAME",
            description = "The estimator the others are tested against (default: the first of --estimators, or --a).")
    String baseline;
    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N",
            description = "How many seeds: each scenario runs on seeds 1..N (a count, not a seed; default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--threads", description = "Parallel calls (default: all cores; never changes the output).")
    Integer threads;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--calls", description = "Also write each scenario's seed-1 calls (csv, metrics, plot).")
    boolean calls;

    /** Either N estimators or the two-variant form. */
    static final class Variants {
        @Option(names = "--estimators", split = ",", paramLabel = "NAME", completionCandidates = EstimatorNames.class,
                description = "Estimators to compare, comma-separated (two or more): ${COMPLETION-CANDIDATES}.")
        List<String> estimators;
        @ArgGroup(exclusive = false)
        TwoWay twoWay;
    }

    /** {@code --a X --b Y}: the two-variant comparison, A the baseline. */
    static final class TwoWay {
        @Option(names = "--a", required = true, paramLabel = "NAME", description = "Variant A, the baseline.")
        String a;
        @Option(names = "--b", required = true, paramLabel = "NAME", description = "Variant B.")
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
        int pool = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        var console = spec.commandLine().getOut();
        List<Scenario> loaded = ScenarioSet.load(scenarios, traces.resolve(), scenarioPaths.allowAbsolutePaths);
        StartupTrace.mark(StartupTrace.INPUTS);
        ComparisonReport report = ComparisonRun.run(loaded, names, base, seeds, pool, out, calls, console,
                bundle.supplier());
        console.print(TextReport.of(report));
        console.printf("%nwrote %s, %s and %s%n", out.resolve("report.json"), out.resolve("report.md"),
                out.resolve("report.html"));
        return 0;
    }
}
