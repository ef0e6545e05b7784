package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.dataset.DatasetGenerator;
import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.DatasetSettings;
import dev.weir.models.dataset.LabelAgreement;
import dev.weir.models.dataset.TestSplit;
import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.StartupTrace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir dataset}: labelled signal sequences from simulated calls over scenarios and real traces. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Builds a labelled dataset of signal sequences from simulated calls.",
                "Simulates 3-5 minute calls at random offsets into every trace under <traces-root>/<dataset>/",
                "{train,test}/ (and the synthetic scenarios), steered by GCC, GCC with a tuned parameter set or,",
                "with --steering-model, the weir estimator; writes every signal step with labels, split by",
                "recording group against the frozen test split, to FILE. Same inputs, same bytes, any --threads."})
final class DatasetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    EngineOption engine;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Dataset file to write.")
    Path out;
    @Option(names = "--scenarios", defaultValue = "configs/scenarios", paramLabel = "DIR",
            description = "Synthetic scenario files (trace scenarios in it are skipped; default: ${DEFAULT-VALUE}).")
    Path scenarios;
    @Option(names = "--datasets", split = ",", paramLabel = "NAME",
            description = "Trace datasets under the traces root (default: all), e.g. hsdpa-3g,mahimahi.")
    List<String> datasets = List.of();
    @Option(names = "--no-traces", description = "Synthetic scenarios only (no traces root needed).")
    boolean noTraces;
    @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;
    @Option(names = "--max-calls", defaultValue = "0",
            description = "At most this many calls per dataset, for quick runs (0: all).")
    int maxCalls;
    @Option(names = "--threads", description = "Parallel calls of --engine local (default: all cores; never changes"
            + " the output).")
    Integer threads;
    @Option(names = "--settings", paramLabel = "FILE", description = "Labelling settings JSON (default: built-in).")
    Path settingsFile;
    @Option(names = "--test-split", defaultValue = "configs/ml/test-split.json", paramLabel = "FILE",
            description = "The frozen test split (default: ${DEFAULT-VALUE}).")
    Path testSplitFile;
    @Option(names = "--steering-model", paramLabel = "FILE",
            description = "Model of the weir-driven calls (without it no call is weir-driven).")
    Path steeringModel;

    /** Simulates the request's calls on its threads with a progress bar, announcing how many there are. */
    static Dataset generate(DatasetRequest request, PrintWriter console) throws InterruptedException {
        return generate(request, new ParallelRunner(request.threads()), console);
    }

    /** Simulates the request's calls on {@code engine} with a progress bar, announcing how many there are. */
    static Dataset generate(DatasetRequest request, CallEngine engine, PrintWriter console)
            throws InterruptedException {
        int calls = DatasetGenerator.plan(request, new ArrayList<>(), new ArrayList<>()).size();
        StartupTrace.mark(StartupTrace.INPUTS);
        console.printf("dataset: %d calls on %s%n", calls, engine.description());
        console.flush();
        try (ConsoleProgress progress = new ConsoleProgress("calls", calls)) {
            return DatasetGenerator.generate(request, engine, progress);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path root = noTraces ? null : traces.resolve();
        if (!noTraces && root == null) {
            throw new BadInputException("no traces root: pass --traces-root DIR (or --no-traces for synthetic data)");
        }
        DatasetSettings settings = settingsFile == null ? new DatasetSettings()
                : SettingsJson.read(settingsFile, DatasetSettings.class);
        if (!Files.isDirectory(scenarios)) {
            throw new BadInputException("--scenarios " + scenarios + " is not a directory");
        }
        DatasetRequest request;
        try {
            request = DatasetRequest.builder().scenarioDir(scenarios).tracesRoot(root).datasets(datasets).seeds(seeds)
                    .maxCallsPerDataset(maxCalls).testSplit(TestSplit.read(testSplitFile))
                    .steeringModel(steeringModel == null ? null : ModelArtifact.read(steeringModel))
                    .threads(threads != null ? threads : Runtime.getRuntime().availableProcessors())
                    .settings(settings).build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        var console = spec.commandLine().getOut();
        Dataset dataset;
        try (CallEngine calls = engine.open(threads)) {
            dataset = generate(request, calls, console);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        dataset.write(out);
        console.printf(Locale.ROOT, "%d steps -> %s (digest %s)%n", dataset.steps(), out, dataset.digest());
        printCounts(dataset, console);
        LabelAgreement agreement = LabelAgreement.ruleVsTruth(dataset, settings);
        console.printf(Locale.ROOT, "production rule (RTT spike, 4 s/4 s) vs ground truth: agreement %.3f, Cohen's kappa"
                + " %.3f, precision %.3f, recall %.3f%n", agreement.observedAgreement(), agreement.cohensKappa(),
                agreement.precision(), agreement.recall());
        return 0;
    }

    /** Calls, decisions and label counts per split. */
    static void printCounts(Dataset dataset, PrintWriter console) {
        var counts = dataset.settings().path("counts");
        for (String split : Dataset.SPLITS) {
            var node = counts.path(split);
            var loss = node.path(Dataset.TASK_LOSS_ATTRIBUTION);
            var congestion = node.path(Dataset.TASK_CONGESTION);
            console.printf(Locale.ROOT, "  %-10s %4d calls %8d decisions; loss none/pure/mixed/congestion %d/%d/%d/%d;"
                    + " congestion no/yes %d/%d (gated %d)%n", split, node.path("calls").asLong(),
                    node.path("decisions").asLong(), loss.path("none").asLong(), loss.path("pure_random").asLong(),
                    loss.path("mixed").asLong(), loss.path("congestion").asLong(), congestion.path("no").asLong(),
                    congestion.path("yes").asLong(), congestion.path("gated").asLong());
            console.printf(Locale.ROOT, "  %-10s %s; %s%n", "", classCounts(node, Dataset.TASK_RANDOM_LOSS_RATE,
                    FecHeads.RATE_CLASSES), classCounts(node, Dataset.TASK_LOSS_BURST, FecHeads.BURST_CLASSES));
        }
    }

    /** {@code task none/class.../class n/n/...} from a split's counts. */
    private static String classCounts(JsonNode split, String task, List<String> classes) {
        JsonNode counts = split.path(task);
        StringBuilder names = new StringBuilder(task).append(" none");
        StringBuilder values = new StringBuilder().append(counts.path("none").asLong());
        for (String cls : classes) {
            names.append('/').append(cls);
            values.append('/').append(counts.path(cls).asLong());
        }
        return names.append(' ').append(values).toString();
    }
}
