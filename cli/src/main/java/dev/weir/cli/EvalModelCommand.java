package dev.weir.cli;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.EvalReport;
import dev.weir.models.eval.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir eval-model}: per-task metrics of a model and of the rule baselines on a split. */
@Command(name = "eval-model", mixinStandardHelpOptions = true,
        description = {"Evaluates a model artifact on a dataset split against the rule baselines.",
                "Evaluates a model artifact on a dataset split (default test) with the pure-Java runtime that ships",
                "in bwe-core, next to the rule baselines, and writes DIR/eval.json."})
final class EvalModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model artifact (.weirmodel).")
    Path model;
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file.")
    Path data;
    @Option(names = "--split", defaultValue = "test",
            description = "train, validation, test or all (default: ${DEFAULT-VALUE}).")
    String split;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelArtifact artifact = ModelArtifact.read(model);
        Dataset dataset = Dataset.read(data);
        EvalReport report;
        try {
            report = Evaluator.evaluate(artifact, dataset, split);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Files.createDirectories(out);
        report.writeJson(out.resolve("eval.json"));
        spec.commandLine().getOut().println(report.summary());
        spec.commandLine().getOut().println("wrote " + out.resolve("eval.json"));
        return 0;
    }
}
