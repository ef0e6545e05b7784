package dev.weir.cli;

import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.TextReport;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
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
 * {@code weir demo}: the main job on a fresh clone. Today's GCC, classic GCC and the two
 * capacity-knowing oracles over the built-in scenarios, which need no trace files: leaderboards,
 * paired tests against GCC, and each scenario's calls with plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Compares GCC with classic GCC and the capacity-knowing oracles on built-in scenarios.",
                "No traces needed. Writes report.md, report.json, report.html (plots) and each",
                "scenario's seed-1 calls (time series, metrics, plot) to DIR (default out/demo)."})
final class DemoCommand implements Callable<Integer> {
    /** Built-in scenarios of the demo: one per network type that needs no trace files. */
    static final List<String> SCENARIOS = List.of("wired-stable", "capacity-drop", "congested-alternating",
            "random-loss-5", "random-loss-20", "bursty-loss", "cross-traffic-onoff");
    /** GCC first: the baseline every other estimator is tested against. */
    static final List<String> ESTIMATORS = List.of("gcc", "weir", "gcc-classic", "oracle-causal", "oracle");

    @Spec
    CommandSpec spec;
    @Mixin
    BundleOption bundle;

    @Option(names = "--scenarios", defaultValue = "configs/scenarios", paramLabel = "DIR",
            description = "Where the built-in scenarios live (default: ${DEFAULT-VALUE}).")
    Path scenariosDir;
    @Option(names = "--seeds", defaultValue = "8", paramLabel = "N",
            description = {"How many seeds: each scenario runs on seeds 1..N (a count; default: ${DEFAULT-VALUE}).",
                    "Fewer than 6 cannot give a significant verdict: the exact signed-rank test needs them."})
    int seeds;
    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(scenariosDir)) {
            throw new BadInputException("scenario directory " + scenariosDir
                    + " not found: run from the repository root or pass --scenarios");
        }
        List<Path> files = new ArrayList<>();
        for (String name : SCENARIOS) {
            files.add(scenariosDir.resolve(name + ".json"));
        }
        List<Scenario> scenarios = ScenarioSet.load(files, null, false);
        var console = spec.commandLine().getOut();
        console.println("weir demo: " + String.join(", ", ESTIMATORS) + " on the same seeds; baseline gcc.");
        Bundle loaded = bundle.load();
        ComparisonReport report = ComparisonRun.run(scenarios, ESTIMATORS, "gcc", seeds, ParallelRunner::new, out, true,
                console, loaded, new CallRunner(loaded), SettingsFiles.none(), null, false);
        console.print(TextReport.of(report));
        console.printf("%nReport: %s (and report.json)%nPlots: %s%nCalls: %s%n", out.resolve("report.md"),
                out.resolve("report.html"), out.resolve("calls"));
        return 0;
    }
}
