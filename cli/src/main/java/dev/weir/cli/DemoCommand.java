package dev.weir.cli;

import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.ReportWriter;
import dev.weir.sim.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weir demo}: the main job on a fresh clone. GCC against the oracle (told the true
 * capacity) over the built-in scenarios, which need no trace files: a paired A/B report with
 * confidence intervals, plus each scenario's calls with plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs GCC against the capacity-knowing oracle over the built-in scenarios (no traces needed)",
                "and writes an A/B report plus per-call time series and plots to DIR (default out/demo)."})
final class DemoCommand implements Callable<Integer> {
    /** Built-in scenarios of the demo: one per network type that needs no trace files. */
    static final List<String> SCENARIOS = List.of("wired-stable", "capacity-drop", "congested-alternating",
            "random-loss-5", "random-loss-20", "bursty-loss", "cross-traffic-onoff");

    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios-dir", defaultValue = "configs/scenarios", paramLabel = "DIR",
            description = "Where the built-in scenarios live (default: ${DEFAULT-VALUE}).")
    Path scenariosDir;
    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per scenario (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(scenariosDir)) {
            throw new BadInputException("scenario directory " + scenariosDir
                    + " not found: run from the repository root or pass --scenarios-dir");
        }
        List<Path> files = new ArrayList<>();
        for (String name : SCENARIOS) {
            files.add(scenariosDir.resolve(name + ".json"));
        }
        List<Scenario> scenarios = ScenarioSet.load(files, null, false);
        var console = spec.commandLine().getOut();
        console.println("weir demo: GCC (A) vs the oracle that knows the true capacity (B), paired seeds.");
        ComparisonReport report = AbRun.run(scenarios, "gcc", "oracle", seeds,
                Runtime.getRuntime().availableProcessors(), out, true, console);
        console.print(ReportWriter.toText(report));
        console.printf("%nReport: %s (and report.json)%nCalls with plots: %s%n", out.resolve("report.md"),
                out.resolve("calls"));
        return 0;
    }
}
