package dev.weir.cli;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.plot.OverlayPlot;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir overlay}: several estimators' calls of one scenario and seed on one time axis, as a PNG. */
@Command(name = "overlay", mixinStandardHelpOptions = true,
        description = {"Overlays several estimators' calls of one scenario on one time axis (PNG).",
                "Every estimator runs the scenario on the same seed; the PNG stacks the capacity and each",
                "target, each call's queueing delay and loss, and the model's probability of congestion",
                "ahead for estimators that have one. The design's Figure 7 is",
                "overlay --scenario configs/scenarios/congested-alternating.json --estimators gcc,weir."})
final class OverlayCommand implements Callable<Integer> {
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
    @Option(names = "--estimators", required = true, split = ",", paramLabel = "NAME",
            completionCandidates = EstimatorNames.class,
            description = "Estimators to overlay, comma-separated (1 to 6): ${COMPLETION-CANDIDATES}.")
    List<String> estimators;
    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (estimators.size() > 6 || estimators.stream().distinct().count() != estimators.size()) {
            throw new BadInputException("--estimators takes 1 to 6 different names, got " + estimators);
        }
        CallRunner runner = new CallRunner(bundle.supplier());
        estimators.forEach(runner::requireKnown);
        Scenario scenario = ScenarioLoader.load(scenarioFile, traces.resolve(), scenarioPaths.allowAbsolutePaths);
        Map<String, TimeSeries> calls = new LinkedHashMap<>();
        var console = spec.commandLine().getOut();
        for (String estimator : estimators) {
            CallResult result = runner.run(scenario, estimator, seed);
            calls.put(estimator, result.series());
            console.printf(Locale.ROOT, "%-14s sent %6.0f kbps, freeze %5.2f %%, delay p95 %6.1f ms, quality %5.1f%n",
                    estimator, result.metrics().value("avg_sent_bitrate_bps") / 1e3,
                    result.metrics().value("freeze_pct"), result.metrics().value("delay_p95_ms"),
                    result.metrics().value("video_quality_score"));
        }
        OverlayPlot.writePng(out, String.format(Locale.ROOT, "%s, seed %d: %s", scenario.name(), seed,
                String.join(" vs ", estimators)), calls);
        console.printf("wrote %s%n", out);
        return 0;
    }
}
