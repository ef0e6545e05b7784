package dev.weir.cli;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.models.data.Dataset;
import dev.weir.models.train.TrainerSettings;
import dev.weir.sim.runner.StartupTrace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weir train}: the multi-task LSTM + dense classifier with Deeplearning4j. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the multi-task classifier on a dataset.",
                "Trains the multi-task classifier (loss type, congestion ahead) on a dataset's train split with",
                "early stopping on its validation split, evaluates it on the test split and writes",
                "DIR/<sha256>.weirmodel and DIR/eval.json. Same data + seed -> same bytes."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (./weir dataset).")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--settings", paramLabel = "FILE", description = "Trainer settings JSON (default: built-in).")
    Path settingsFile;
    @Option(names = "--seed", description = "Overrides the settings' seed.")
    Long seed;
    @Option(names = "--max-epochs", description = "Overrides the settings' max_epochs.")
    Integer maxEpochs;
    @Option(names = "--compare-single-task",
            description = "Also train one model per task and write DIR/task-comparison.json.")
    boolean compare;

    @Override
    public Integer call() throws Exception {
        TrainerSettings settings = settingsFile == null ? new TrainerSettings()
                : SettingsJson.read(settingsFile, TrainerSettings.class);
        if (seed != null) {
            settings.seed = seed;
        }
        if (maxEpochs != null) {
            settings.maxEpochs = maxEpochs;
        }
        Dataset dataset = Dataset.read(data);
        StartupTrace.mark(StartupTrace.INPUTS);
        ModelTraining.run(dataset, settings, out, compare, spec.commandLine().getOut());
        return 0;
    }
}
