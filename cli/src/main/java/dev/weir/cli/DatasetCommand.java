package dev.weir.cli;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.models.data.Dataset;
import dev.weir.models.dataset.DatasetGenerator;
import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.DatasetSettings;
import dev.weir.models.dataset.LabelAgreement;
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

/** {@code weir dataset}: labelled windows from simulated calls over scenarios and real traces. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Builds a labelled dataset of signal windows from simulated GCC calls.",
                "Simulates GCC calls over the synthetic scenarios and every trace under <traces-root>/<dataset>/",
                "{train,test}/, and writes labelled signal windows (split by trace) to FILE.",
                "The same inputs give the same bytes, whatever --threads is."})
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
    @Option(names = "--duration-s", defaultValue = "60", description = "Seconds per call (default: ${DEFAULT-VALUE}).")
    int durationS;
    @Option(names = "--max-calls", defaultValue = "0",
            description = "At most this many calls per dataset, for quick runs (0: all).")
    int maxCalls;
    @Option(names = "--threads", description = "Parallel calls of --engine local (default: all cores; never changes"
            + " the output).")
    Integer threads;
    @Option(names = "--settings", paramLabel = "FILE", description = "Labelling settings JSON (default: built-in).")
    Path settingsFile;

    /** Simulates the request's calls on its threads with a progress bar, announcing how many there are. */
    static Dataset generate(DatasetRequest request, PrintWriter console) throws InterruptedException {
        return generate(request, new ParallelRunner(request.threads()), console);
    }

    /** Simulates the request's calls on {@code engine} with a progress bar, announcing how many there are. */
    static Dataset generate(DatasetRequest request, CallEngine engine, PrintWriter console)
            throws InterruptedException {
        int calls = DatasetGenerator.plan(request, new ArrayList<>()).size();
        StartupTrace.mark(StartupTrace.INPUTS);
        console.printf("dataset: %d calls of %d s on %s%n", calls, request.durationS(), engine.description());
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
                    .maxCallsPerDataset(maxCalls).durationS(durationS)
                    .threads(threads != null ? threads : Runtime.getRuntime().availableProcessors())
                    .settings(settings).build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        var console = spec.commandLine().getOut();
        Dataset dataset;
        try (CallEngine calls = engine.open(threads)) {
            dataset = generate(request, calls, console);
        }
        dataset.write(out);
        console.printf(Locale.ROOT, "%d samples -> %s (digest %s)%n", dataset.size(), out, dataset.digest());
        for (String split : List.of("train", "validation", "test")) {
            int[] idx = dataset.indicesOfSplit(split);
            int[] loss = new int[3];
            int[] congestion = new int[2];
            for (int i : idx) {
                loss[dataset.label(Dataset.TASK_LOSS_TYPE, i) + 1]++;
                congestion[dataset.label(Dataset.TASK_CONGESTION, i)]++;
            }
            console.printf(Locale.ROOT, "  %-10s %6d samples; loss_type none/random/congestion %d/%d/%d;"
                    + " congestion no/yes %d/%d%n", split, idx.length, loss[0], loss[1], loss[2], congestion[0],
                    congestion[1]);
        }
        LabelAgreement agreement = LabelAgreement.ruleVsTruth(dataset);
        console.printf(Locale.ROOT, "congestion_rule vs ground truth: agreement %.3f, Cohen's kappa %.3f,"
                + " precision %.3f, recall %.3f%n", agreement.observedAgreement(), agreement.cohensKappa(),
                agreement.precision(), agreement.recall());
        return 0;
    }
}
