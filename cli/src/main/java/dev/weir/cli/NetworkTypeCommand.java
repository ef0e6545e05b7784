package dev.weir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.DatasetSettings;
import dev.weir.models.dataset.TestSplit;
import dev.weir.models.nettype.DeciderFit;
import dev.weir.models.nettype.NetworkTypeStudy;
import dev.weir.models.nettype.WiredGuard;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TypeDecisionSettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir network-type}: network-type labels by outcome and the regret of type policies. */
@Command(name = "network-type", mixinStandardHelpOptions = true,
        description = {"Labels network types by outcome and measures the regret of type policies.",
                "Cuts the dataset calls of the traces (and synthetic scenarios) into 30 s segments, re-simulates each",
                "with every type's parameter set of --sets pinned, labels it with the type that scored best, and reports",
                "on the test calls the regret (score lost against the best type) and switches per minute of the rule",
                "decider running --model, of the best fixed set (chosen off the test split) and of each fixed type."})
final class NetworkTypeCommand implements Callable<Integer> {
    /** Bootstrap seed of the regret intervals. */
    static final long BOOTSTRAP_SEED = 20261130L;

    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model the decider runs.")
    Path model;
    @Option(names = "--sets", defaultValue = "configs/bundle-sets", paramLabel = "DIR",
            description = "Parameter sets (<type>.json) and decision.json (default: ${DEFAULT-VALUE}).")
    Path sets;
    @Option(names = "--scenarios", defaultValue = "configs/scenarios", paramLabel = "DIR",
            description = "Synthetic scenarios (default: ${DEFAULT-VALUE}).")
    Path scenarios;
    @Option(names = "--test-split", defaultValue = "configs/ml/test-split.json", paramLabel = "FILE",
            description = "The frozen test split (default: ${DEFAULT-VALUE}).")
    Path testSplitFile;
    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;
    @Option(names = "--max-calls", defaultValue = "0", description = "At most this many calls per dataset (0: all).")
    int maxCalls;
    @Option(names = "--replicates", defaultValue = "1000", description = "Bootstrap replicates (default: ${DEFAULT-VALUE}).")
    int replicates;
    @Option(names = "--threads", description = "Parallel simulations (default: all cores; never changes the output).")
    Integer threads;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON to write.")
    Path out;
    @Option(names = "--fit-decision", paramLabel = "FILE", description = {
            "Also fit the decision rule by outcome: run each candidate rule (default type, entry level, low rate,",
            "loss rate around --sets' decision.json) on the non-test calls, keep the lowest regret, run it on the",
            "test calls (report: decider_fit, fitted) and write it to FILE (a decision.json)."})
    Path fitDecision;
    @Option(names = "--guard-scenarios", defaultValue = "configs/tuning/wired_stable/holdout", paramLabel = "DIR",
            description = {"With --fit-decision: stable wired scenarios on which a rule may make no metric worse than",
                    "GCC's defaults by more than 2 % (issue 10's do-no-harm target; default: ${DEFAULT-VALUE})."})
    Path guardScenarios;
    @Option(names = "--guard-seeds", defaultValue = "8", description = "Seeds per guard scenario (default: ${DEFAULT-VALUE}).")
    int guardSeeds;

    @Override
    public Integer call() throws Exception {
        Path root = traces.resolve();
        if (root == null) {
            throw new BadInputException("network types are labelled on real traces: pass --traces-root DIR");
        }
        PrintWriter console = spec.commandLine().getOut();
        Bundle setsBundle = readSets(sets);
        ModelArtifact artifact = ModelArtifact.read(model);
        DatasetRequest request = request(root, scenarios, TestSplit.read(testSplitFile), seeds, maxCalls,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        Bundle bundle = NetworkTypeStudy.bundle(setsBundle, artifact);
        // The guard's scenarios are read before the study runs, so a bad path fails at once.
        WiredGuard guard = fitDecision == null ? null : wiredGuard(root);
        List<NetworkTypeStudy.CallResult> results = simulate(request, bundle, console);
        ObjectNode report = report(results, setsBundle, artifact, replicates, console);
        if (fitDecision != null) {
            console.println("network type: fitting the decision rule on the non-test calls");
            console.flush();
            DeciderFit.Fit fit;
            try (ConsoleProgress progress = new ConsoleProgress("decider runs", 1)) {
                fit = DeciderFit.run(request, bundle, results, DeciderFit.grid(setsBundle.decision()), guard,
                        progress);
            } catch (IllegalStateException e) {
                throw new BadInputException(e.getMessage() + " (" + guardScenarios + ")");
            }
            report.set("decider_fit", DeciderFit.report(fit));
            ObjectNode fitted = NetworkTypeStudy.report(fit.calls(), replicates, BOOTSTRAP_SEED);
            report.set("fitted", fitted.path("test"));
            var decider = fitted.path("test").path("rule_based_decider");
            console.printf("fitted decision (candidate %d): %s; test regret %s %s, %s switches/min%n", fit.chosen(),
                    oneLine(fit.decision()), decider.path("regret"),
                    decider.path("regret_ci95"), decider.path("switches_per_min"));
            AtomicFiles.write(fitDecision, (SettingsJson.write(fit.decision()) + "\n").getBytes(StandardCharsets.UTF_8));
            console.println("wrote " + fitDecision);
        }
        AtomicFiles.write(out, (report.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        console.println("wrote " + out);
        return 0;
    }

    private WiredGuard wiredGuard(Path root) throws java.io.IOException {
        if (guardSeeds < 1) {
            throw new BadInputException("--guard-seeds " + guardSeeds + ": at least 1");
        }
        List<Scenario> scenarios = ScenarioSet.load(List.of(guardScenarios), root, false); // never empty
        return new WiredGuard(scenarios, java.util.stream.LongStream.rangeClosed(1, guardSeeds).boxed().toList());
    }

    /** The study over the request's calls, its report printed in short. */
    static ObjectNode run(Path root, Path scenarios, TestSplit testSplit, Bundle sets, ModelArtifact model,
                          List<Long> seeds, int maxCalls, int replicates, int threads, PrintWriter console)
            throws InterruptedException {
        DatasetRequest request = request(root, scenarios, testSplit, seeds, maxCalls, threads);
        return report(simulate(request, NetworkTypeStudy.bundle(sets, model), console), sets, model, replicates,
                console);
    }

    private static DatasetRequest request(Path root, Path scenarios, TestSplit testSplit, List<Long> seeds,
                                          int maxCalls, int threads) {
        return DatasetRequest.builder().scenarioDir(scenarios).tracesRoot(root).seeds(seeds)
                .maxCallsPerDataset(maxCalls).testSplit(testSplit).threads(threads)
                .settings(new DatasetSettings()).build();
    }

    private static List<NetworkTypeStudy.CallResult> simulate(DatasetRequest request, Bundle bundle,
                                                              PrintWriter console) throws InterruptedException {
        console.println("network type: segments x types re-simulated, the decider over every call");
        console.flush();
        try (ConsoleProgress progress = new ConsoleProgress("simulations", 1)) {
            return NetworkTypeStudy.run(request, bundle, progress);
        }
    }

    private static ObjectNode report(List<NetworkTypeStudy.CallResult> results, Bundle sets, ModelArtifact model,
                                     int replicates, PrintWriter console) {
        ObjectNode report = NetworkTypeStudy.report(results, replicates, BOOTSTRAP_SEED);
        report.put("sets", sets.id());
        report.put("model_sha256", model.sha256());
        report.put("decision", oneLine(sets.decision()));
        var test = report.path("test");
        console.printf("network type (test): decider regret %s %s, %s switches/min; best fixed set %s regret %s %s%n",
                test.path("rule_based_decider").path("regret"), test.path("rule_based_decider").path("regret_ci95"),
                test.path("rule_based_decider").path("switches_per_min"), report.path("best_fixed_set").asText(),
                test.path("best_fixed_set").path("regret"), test.path("best_fixed_set").path("regret_ci95"));
        return report;
    }

    /** {@code decision} as JSON on one line, for the console and the report. */
    private static String oneLine(TypeDecisionSettings decision) {
        return SettingsJson.write(decision).replaceAll("\\s+", " ");
    }

    /** The parameter sets ({@code <type>.json}) and decision settings ({@code decision.json}) of {@code dir}. */
    static Bundle readSets(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--sets " + dir + " is not a directory");
        }
        EnumMap<NetworkType, ParameterSet> map = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            map.put(type, ParameterSet.read(dir.resolve(type.id() + ".json")));
        }
        TypeDecisionSettings decision = SettingsJson.read(dir.resolve("decision.json"), TypeDecisionSettings.class);
        return Bundle.of("sets:" + dir.getFileName(), map, decision, null);
    }
}
