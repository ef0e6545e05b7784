package dev.weir.cli;

import dev.weir.models.data.Dataset;
import dev.weir.models.dataset.SplitRule;
import dev.weir.models.train.TrainerSettings;
import dev.weir.sim.runner.StartupTrace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weir train}: the streaming multi-task LSTM + dense classifier with Deeplearning4j. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the streaming multi-task classifier on a dataset.",
                "Trains the classifier (loss attribution, congestion onset) on a dataset's train split with early",
                "stopping on its validation split (or a grouped cross-validation fold), calibrates it there, evaluates",
                "it on --split (default validation: decisions are made there, never on test) and writes",
                "DIR/<sha256>.weirmodel, DIR/eval.json and reliability plots. Same data + seeds -> same bytes."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (./weir dataset).")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--settings", paramLabel = "FILE", description = "Trainer settings JSON (default: built-in).")
    Path settingsFile;
    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "Training seeds; several give figures as means with intervals (default: the settings' seed).")
    List<Long> seeds;
    @Option(names = "--max-epochs", description = "Overrides the settings' max_epochs.")
    Integer maxEpochs;
    @Option(names = "--fold", description = "Grouped cross-validation fold used as validation (overrides the settings).")
    Integer fold;
    @Option(names = "--split", defaultValue = "validation",
            description = "Split the evaluation reports on: validation (default) or test.")
    String split;
    @Option(names = "--horizon-s",
            description = "Validation experiments: narrow the congestion label to this horizon (at most the data's).")
    Double horizonS;
    @Option(names = "--replicates", defaultValue = "200",
            description = "Bootstrap replicates of the intervals (default: ${DEFAULT-VALUE}; 0: none).")
    int replicates;

    @Override
    public Integer call() throws Exception {
        // ND4J's native start-up (0.6-0.9 s) overlaps reading the dataset: the first batch needs both.
        Thread warmUp = new Thread(() -> org.nd4j.linalg.factory.Nd4j.zeros(1), "nd4j-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        TrainerSettings settings = ModelTraining.settings(settingsFile, maxEpochs);
        long readStartNs = System.nanoTime();
        Dataset dataset = Dataset.read(data);
        StartupTrace.mark(StartupTrace.INPUTS);
        long readNs = System.nanoTime() - readStartNs;
        if (fold != null) {
            if (fold < 0 || fold >= settings.folds) {
                throw new BadInputException("--fold " + fold + " outside [0, " + (settings.folds - 1) + "]");
            }
            int folds = settings.folds;
            dataset = dataset.resplit(source -> source.split().equals(SplitRule.TEST) ? SplitRule.TEST
                    : SplitRule.fold(source.group(), folds) == fold ? SplitRule.VALIDATION : SplitRule.TRAIN);
        }
        if (horizonS != null) {
            dataset = dataset.withCongestionHorizon(horizonS);
        }
        warmUp.join();
        var console = spec.commandLine().getOut();
        console.printf(java.util.Locale.ROOT, "dataset read and verified in %.2f s (%d steps)%n", readNs / 1e9,
                dataset.steps());
        List<Long> seedList = seeds == null || seeds.isEmpty() ? List.of(settings.seed) : seeds;
        ModelTraining.Outcome trained = ModelTraining.trainAll(dataset, settings, seedList, console);
        ModelTraining.Outcome outcome = ModelTraining.evaluate(trained.seeds(), dataset, dataset, split, replicates,
                console);
        ModelTraining.write(outcome, out, console);
        return 0;
    }
}
