package dev.weir.cli;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.EvalReport;
import dev.weir.models.eval.ModelEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir eval-model}: per-task metrics of models and baselines on a split, with intervals and reliability plots. */
@Command(name = "eval-model", mixinStandardHelpOptions = true,
        description = {"Evaluates model artifacts on a dataset split against the baselines.",
                "Streams each call through the pure-Java runtime that ships in bwe-core, picks every threshold on the",
                "validation split of --reference (default: --data), and writes DIR/eval.json (cluster-bootstrap",
                "intervals over recording groups; several --model files are training seeds, figures their mean)",
                "and DIR/reliability-<head>.svg."})
final class EvalModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model artifact (.weirmodel); repeat for several seeds.")
    List<Path> models;
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file.")
    Path data;
    @Option(names = "--reference", paramLabel = "FILE",
            description = "Dataset whose validation split sets thresholds and whose train split fits the logistic"
                    + " baselines (default: --data).")
    Path reference;
    @Option(names = "--split", defaultValue = "test",
            description = "train, validation, test or all (default: ${DEFAULT-VALUE}).")
    String split;
    @Option(names = "--replicates", defaultValue = "1000",
            description = "Bootstrap replicates (default: ${DEFAULT-VALUE}; 0: none).")
    int replicates;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<ModelArtifact> artifacts = new ArrayList<>();
        for (Path model : models) {
            artifacts.add(ModelArtifact.read(model));
        }
        Dataset dataset = Dataset.read(data);
        Dataset referenceData = reference == null ? dataset : Dataset.read(reference);
        EvalReport report;
        try {
            report = ModelEvaluation.evaluate(artifacts, referenceData, dataset, split,
                    referenceData.settings().path("test_split_digest").asText("none"), replicates);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Files.createDirectories(out);
        report.writeJson(out.resolve("eval.json"));
        report.writeReliabilityPlots(out);
        spec.commandLine().getOut().print(report.summary());
        spec.commandLine().getOut().println("wrote " + out.resolve("eval.json"));
        return 0;
    }
}
