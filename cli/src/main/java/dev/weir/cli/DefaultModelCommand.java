package dev.weir.cli;

import dev.weir.models.data.Dataset;
import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.DatasetSettings;
import dev.weir.models.train.TrainerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weir default-model}: regenerates the committed default model bit-identically from the
 * committed scenarios and the shared traces (pinned request and trainer settings).
 */
@Command(name = "default-model", mixinStandardHelpOptions = true,
        description = {"Regenerates the committed default model bit-identically.",
                "Regenerates models/default from configs/scenarios and the traces root: the dataset",
                "(seeds 1,2; 60 s calls; every trace), then training and test-split evaluation with the",
                "default trainer settings. Same inputs -> same model bytes."})
final class DefaultModelCommand implements Callable<Integer> {
    /** The pinned dataset request of the default model. */
    static final List<Long> SEEDS = List.of(1L, 2L);
    static final int DURATION_S = 60;

    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;

    @Option(names = "--out", defaultValue = "models/default", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--scenarios", defaultValue = "configs/scenarios", paramLabel = "DIR",
            description = "Synthetic scenarios (default: ${DEFAULT-VALUE}).")
    Path scenarios;
    @Option(names = "--keep-dataset", paramLabel = "FILE", description = "Also write the dataset to FILE.")
    Path keepDataset;

    @Override
    public Integer call() throws Exception {
        Path root = traces.resolve();
        if (root == null) {
            throw new BadInputException("the default model is trained on real traces: pass --traces-root DIR");
        }
        DatasetRequest request = DatasetRequest.builder().scenarioDir(scenarios).tracesRoot(root).seeds(SEEDS)
                .durationS(DURATION_S).threads(Runtime.getRuntime().availableProcessors())
                .settings(new DatasetSettings()).build();
        var console = spec.commandLine().getOut();
        console.println("default model: dataset, then training");
        Dataset dataset = DatasetCommand.generate(request, console);
        console.printf("dataset: %d samples, digest %s%n", dataset.size(), dataset.digest());
        if (keepDataset != null) {
            dataset.write(keepDataset);
        }
        ModelTraining.run(dataset, new TrainerSettings(), out, false, console);
        return 0;
    }
}
