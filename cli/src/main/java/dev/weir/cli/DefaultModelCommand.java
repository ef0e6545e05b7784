package dev.weir.cli;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.DatasetSettings;
import dev.weir.models.dataset.SplitRule;
import dev.weir.models.dataset.TestSplit;
import dev.weir.models.eval.EvalReport;
import dev.weir.models.eval.ModelEvaluation;
import dev.weir.models.train.TrainerSettings;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
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
 * committed scenarios, the frozen test split and the shared traces (pinned request and trainer
 * settings), in two rounds so the data covers the regime the model steers:
 * <ol>
 *   <li>calls of every trace and scenario with seeds {@link #FIRST_SEEDS}, steered by GCC or GCC
 *       with a tuned parameter set; a first model is trained on them (seed {@link #TRAIN_SEEDS}[0]);</li>
 *   <li>calls with seeds {@link #SECOND_SEEDS} where a third are steered by the weir estimator running
 *       that first model; the final models (seeds {@link #TRAIN_SEEDS}) train on both rounds, then their
 *       FEC heads on their frozen trunk; loss attribution and congestion ship uncalibrated
 *       ({@link #UNCALIBRATED}), the FEC heads calibrated on validation;</li>
 *   <li>evaluation on the test split with 1000 bootstrap replicates; then online: test calls
 *       (seed {@link #ONLINE_SEED}) all steered by the weir estimator running the shipped model,
 *       evaluated with the same thresholds ({@code eval.json}'s {@code online});</li>
 *   <li>the network-type study ({@code NetworkTypeStudy}, seeds {@link #NETWORK_TYPE_SEEDS}) with the
 *       committed parameter sets and the shipped model ({@code eval.json}'s {@code network_type}).</li>
 * </ol>
 */
@Command(name = "default-model", mixinStandardHelpOptions = true,
        description = {"Regenerates the committed default model bit-identically.",
                "Regenerates models/default from configs/scenarios, configs/ml/test-split.json and the traces root:",
                "a dataset of GCC-steered calls, a first model, calls steered by the weir estimator running it, the",
                "final model (three training seeds for the figures), test-split evaluation with intervals and an",
                "online evaluation on weir-steered test calls. Same inputs -> same model bytes."})
final class DefaultModelCommand implements Callable<Integer> {
    static final List<Long> FIRST_SEEDS = List.of(1L);
    static final List<Long> SECOND_SEEDS = List.of(2L);
    static final long ONLINE_SEED = 3L;
    /** Epochs of the first-round model: it only steers round 2, so it need not converge fully. */
    static final int FIRST_MODEL_EPOCHS = 5;
    static final List<Long> TRAIN_SEEDS = List.of(1L, 2L, 3L);
    static final int REPLICATES = 1000;
    static final List<Long> NETWORK_TYPE_SEEDS = List.of(1L);
    /**
     * The heads that ship uncalibrated: loss attribution and congestion. By leave-one-fold-out over
     * the five grouped folds of the session-4 data (./weir calibration-study), their raw outputs had
     * the lowest held-out ECE: onset 0.028 against 0.032 with the calibration fitted on the other
     * folds pooled and 0.058 with the validation fold's, loss attribution 0.015 against 0.019 and
     * 0.024 (docs/ml.md, "Calibration per grouped fold"). The FEC heads, trained on the frozen
     * trunk, are calibrated on the validation split: raw, the burst head predicted 0.72 bursty on
     * validation where 0.39 were.
     */
    static final List<String> UNCALIBRATED = List.of(Dataset.TASK_LOSS_ATTRIBUTION, Dataset.TASK_CONGESTION);

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
    @Option(names = "--test-split", defaultValue = "configs/ml/test-split.json", paramLabel = "FILE",
            description = "The frozen test split (default: ${DEFAULT-VALUE}).")
    Path testSplitFile;
    @Option(names = "--keep-datasets", paramLabel = "DIR",
            description = "Also write the datasets (first round, both rounds, online) to DIR.")
    Path keepDatasets;
    @Option(names = "--sets", defaultValue = "configs/bundle-sets", paramLabel = "DIR",
            description = "Parameter sets of the network-type study (default: ${DEFAULT-VALUE}).")
    Path sets;
    @Option(names = "--max-calls", defaultValue = "0",
            description = "Dry runs only: at most this many calls per dataset (the committed model uses all).")
    int maxCalls;
    @Option(names = "--max-epochs", description = "Dry runs only: overrides the trainer's max_epochs.")
    Integer maxEpochs;

    @Override
    public Integer call() throws Exception {
        Path root = traces.resolve();
        if (root == null) {
            throw new BadInputException("the default model is trained on real traces: pass --traces-root DIR");
        }
        TestSplit testSplit = TestSplit.read(testSplitFile);
        PrintWriter console = spec.commandLine().getOut();
        TrainerSettings settings = ModelTraining.settings(null, maxEpochs);
        settings.uncalibratedTasks = UNCALIBRATED;
        dev.weir.steer.Bundle bundleSets = NetworkTypeCommand.readSets(sets);

        console.println("default model, round 1: GCC-steered calls");
        Dataset first = DatasetCommand.generate(request(root, testSplit, FIRST_SEEDS, null, null,
                new DatasetSettings()), console);
        console.printf("round 1: %d steps, digest %s%n", first.steps(), first.digest());
        TrainerSettings firstSettings = dev.weir.bwe.config.SettingsJson.copy(settings, TrainerSettings.class);
        firstSettings.maxEpochs = Math.min(firstSettings.maxEpochs, FIRST_MODEL_EPOCHS);
        ModelArtifact firstModel = ModelTraining.trainAll(first, firstSettings, TRAIN_SEEDS.subList(0, 1), console)
                .seeds().get(0);

        console.println("default model, round 2: calls steered by the weir estimator running the first model");
        Dataset second = DatasetCommand.generate(request(root, testSplit, SECOND_SEEDS, firstModel, null,
                new DatasetSettings()), console);
        Dataset both = Dataset.builder(first.schema(), first.baselineNames()).addAll(first).addAll(second)
                .settings(first.settings().put("second_round_digest", second.digest())
                        .put("first_model", firstModel.sha256()))
                .build();
        console.printf("rounds 1+2: %d steps, digest %s%n", both.steps(), both.digest());
        DatasetCommand.printCounts(first, console);

        List<ModelArtifact> finalModels = ModelTraining.trainAll(both, settings, TRAIN_SEEDS, console).seeds();
        ModelTraining.Outcome evaluated = ModelTraining.evaluate(finalModels, both, both, SplitRule.TEST,
                REPLICATES, console);

        console.println("online: test calls steered by the weir estimator running the shipped model");
        DatasetSettings onlineSettings = new DatasetSettings();
        onlineSettings.gccPercent = 0;
        onlineSettings.weirPercent = 100;
        Dataset online = DatasetCommand.generate(request(root, testSplit, List.of(ONLINE_SEED), evaluated.shipped(),
                SplitRule.TEST, onlineSettings), console);
        EvalReport onlineReport = ModelEvaluation.evaluate(List.of(evaluated.shipped()), both, online, SplitRule.TEST,
                testSplit.digest(), REPLICATES);
        console.print("online: " + onlineReport.summary());
        ObjectNode types = NetworkTypeCommand.run(root, scenarios, testSplit, bundleSets, evaluated.shipped(),
                NETWORK_TYPE_SEEDS, maxCalls, REPLICATES, Runtime.getRuntime().availableProcessors(), console);
        EvalReport report = evaluated.report().with("online", onlineReport.toJsonNode())
                .withTask("network_type", networkTypeTask(types));
        ModelTraining.Outcome outcome = new ModelTraining.Outcome(evaluated.shipped(), finalModels, report);
        if (keepDatasets != null) {
            java.nio.file.Files.createDirectories(keepDatasets);
            first.write(keepDatasets.resolve("round1.weirdata"));
            both.write(keepDatasets.resolve("rounds12.weirdata"));
            online.write(keepDatasets.resolve("online.weirdata"));
        }
        ModelTraining.write(outcome, out, console);
        return 0;
    }

    private DatasetRequest request(Path root, TestSplit testSplit, List<Long> seeds, ModelArtifact steering,
                                   String onlySplit, DatasetSettings settings) {
        return DatasetRequest.builder().scenarioDir(scenarios).tracesRoot(root).seeds(seeds).testSplit(testSplit)
                .steeringModel(steering).onlySplit(onlySplit).maxCallsPerDataset(maxCalls)
                .threads(Runtime.getRuntime().availableProcessors()).settings(settings).build();
    }

    /**
     * The network-type study in eval.json's shape: the type policy that uses the model is the
     * bundle's decision rule on the model's loss and congestion heads ({@code model}), whose default
     * type and levels were fitted by outcome on the non-test segments ({@code ./weir network-type
     * --fit-decision}); the best fixed set, each fixed type and the oracle are the baselines.
     */
    static ObjectNode networkTypeTask(ObjectNode study) {
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.put("definition", study.path("definition").asText());
        ObjectNode model = task.putObject("model");
        model.put("policy", "rule_based_decider: the bundle's NetworkTypeDecider on the model's heads and window"
                + " summaries; its default type, enterable types and levels (decision.json) fitted by outcome on the"
                + " regret of the non-test segments among the rules that pass the wired guard");
        model.put("decision", study.path("decision").asText());
        model.setAll((ObjectNode) study.path("test").path("rule_based_decider"));
        ObjectNode baselines = task.putObject("baselines");
        study.path("test").fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("rule_based_decider")) {
                baselines.set(entry.getKey(), entry.getValue());
            }
        });
        task.put("best_fixed_set", study.path("best_fixed_set").asText());
        task.set("labels", study.path("labels"));
        task.put("sets", study.path("sets").asText());
        return task;
    }
}
