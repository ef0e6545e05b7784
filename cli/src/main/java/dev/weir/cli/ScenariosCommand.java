package dev.weir.cli;

import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir scenarios}: validates and lists scenario files. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "Loads (validates) scenario files and lists them: name, family, duration, capacity, loss.")
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    ScenarioPaths scenarioPaths;

    @Option(names = "--dir", defaultValue = DEFAULT_DIR, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files or directories (default: ${DEFAULT-VALUE}).")
    List<Path> paths;

    /** The default of {@code --dir}. */
    static final String DEFAULT_DIR = "configs/scenarios";

    @Override
    public Integer call() throws Exception {
        return list(paths, traces.resolve(), scenarioPaths.allowAbsolutePaths, spec.commandLine().getOut());
    }

    /** Loads the scenarios of {@code paths} and prints one line each; returns the exit code (0). */
    static int list(List<Path> paths, Path tracesRoot, boolean allowAbsolutePaths, PrintWriter console)
            throws IOException {
        List<Scenario> scenarios = ScenarioSet.load(paths, tracesRoot, allowAbsolutePaths);
        StartupTrace.mark(StartupTrace.INPUTS);
        for (Scenario s : scenarios) {
            console.printf(Locale.ROOT, "%-24s %-14s %5.0f s  %-40s %s%n", s.name(), s.family(), s.durationUs() / 1e6,
                    s.link().capacity().describe(), s.link().loss().describe());
            StartupTrace.mark(StartupTrace.FIRST_OUTPUT);
        }
        return 0;
    }
}
