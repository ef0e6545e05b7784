package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir simulate}: one call, one estimator, one seed. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulates one call and writes its time series, metrics and plot.",
                "Simulates one call over a scenario and writes DIR/timeseries.csv (one row per 100 ms),",
                "DIR/metrics.json and, with --plot, DIR/plot.png. DIR is replaced as a whole when the run is",
                "complete; an existing DIR must be empty or an earlier simulate output."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    BundleOption bundle;
    @Mixin
    ScenarioPaths scenarioPaths;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario JSON file.")
    Path scenarioFile;
    /** The default of {@code --estimator}. */
    static final String DEFAULT_ESTIMATOR = "gcc";

    @Option(names = "--estimator", defaultValue = DEFAULT_ESTIMATOR, paramLabel = "NAME",
            completionCandidates = EstimatorNames.class,
            description = "Estimator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String estimator;
    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--plot", description = "Also write plot.png (capacity, target, received rate; delay; loss).")
    boolean plot;

    @Override
    public Integer call() throws Exception {
        return run(scenarioFile, estimator, seed, out, plot, bundle, traces.resolve(), scenarioPaths.allowAbsolutePaths,
                spec.commandLine().getOut());
    }

    /** Runs one call and prints its summary; returns the exit code (0). Shared with {@link FastPath}. */
    static int run(Path scenarioFile, String estimator, long seed, Path out, boolean plot, BundleOption bundle,
                   Path tracesRoot, boolean allowAbsolutePaths, PrintWriter w) throws IOException {
        CallRunner runner = new CallRunner(bundle.supplier());
        runner.requireKnown(estimator);
        Scenario scenario = ScenarioLoader.load(scenarioFile, tracesRoot, allowAbsolutePaths);
        StartupTrace.mark(StartupTrace.INPUTS);
        CallResult result;
        // The set appears as a whole or not at all: never a csv of one run beside the plot of another.
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "metrics.json")) {
            result = runner.runInto(scenario, estimator, seed, set.path(), plot);
            set.commit();
        }
        w.printf("%s with %s, seed %d (%.0f s simulated) -> %s%n", scenario.name(), estimator, seed,
                scenario.durationUs() / 1e6, out);
        for (Map.Entry<String, Object> metric : result.metrics().toMap().entrySet()) {
            w.printf("  %-26s %s%n", metric.getKey(), Format.value(metric.getValue()));
        }
        w.flush();
        StartupTrace.mark(StartupTrace.FIRST_OUTPUT); // the call's outputs are in place and summarised
        return 0;
    }
}
