package dev.weir.cli;

import dev.weir.models.eval.ModelInfo;
import dev.weir.sim.runner.StartupTrace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir model-info}: verifies an artifact and prints what it is. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = {"Verifies a model artifact and prints what it holds.",
                "Verifies a model artifact (digest, shapes, sizes, weights) and prints its architecture,",
                "features, normalisation, provenance and metrics. An invalid file exits with code 2."})
final class ModelInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Model artifact (.weirmodel).")
    Path file;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ModelInfo.describe(file));
        spec.commandLine().getOut().flush();
        StartupTrace.mark(StartupTrace.FIRST_OUTPUT);
        return 0;
    }
}
