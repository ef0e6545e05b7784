package dev.weir.cli;

import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.ReportWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir compare}: a paired A/B comparison with confidence intervals. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Runs variants A and B on the same scenarios and seeds (paired) and reports, per metric,",
                "B's relative change vs A with a 95% confidence interval and a paired t-test p-value,",
                "per scenario and overall. Writes DIR/report.json and DIR/report.md."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    ScenarioPaths scenarioPaths;

    @Option(names = "--scenarios", required = true, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files, or directories of them.")
    List<Path> scenarios;
    @Option(names = "--a", defaultValue = "gcc", description = "Variant A, the baseline (default: ${DEFAULT-VALUE}).")
    String a;
    @Option(names = "--b", defaultValue = "oracle", description = "Variant B (default: ${DEFAULT-VALUE}).")
    String b;
    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..N per scenario (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--threads", description = "Parallel calls (default: all cores).")
    Integer threads;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--calls", description = "Also write each scenario's seed-1 calls (csv, metrics, plot).")
    boolean calls;

    @Override
    public Integer call() throws Exception {
        var console = spec.commandLine().getOut();
        int pool = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (pool < 1) {
            throw new BadInputException("--threads must be at least 1, got " + pool);
        }
        ComparisonReport report = AbRun.run(ScenarioSet.load(scenarios, traces.resolve(), scenarioPaths.allowAbsolutePaths), a, b, seeds, pool, out,
                calls, console);
        console.print(ReportWriter.toText(report));
        console.printf("%nwrote %s and %s%n", out.resolve("report.json"), out.resolve("report.md"));
        return 0;
    }
}
