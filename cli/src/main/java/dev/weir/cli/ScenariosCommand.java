package dev.weir.cli;

import dev.weir.sim.scenario.Scenario;
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

    @Option(names = "--dir", defaultValue = "configs/scenarios", arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files or directories (default: ${DEFAULT-VALUE}).")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        var console = spec.commandLine().getOut();
        for (Scenario s : ScenarioSet.load(paths, traces.resolve(), scenarioPaths.allowAbsolutePaths)) {
            console.printf(Locale.ROOT, "%-24s %-14s %5.0f s  %-40s %s%n", s.name(), s.family(), s.durationUs() / 1e6,
                    s.link().capacity().describe(), s.link().loss().describe());
        }
        return 0;
    }
}
