package dev.weir.cli;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.tune.Tuner;
import dev.weir.sim.tune.TuningRun;
import dev.weir.sim.tune.TuningSpace;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TuningRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir tune}: one network type's parameter set, searched by simulation and checked on held-out scenarios. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Tunes one network type's parameter set by simulated calls.",
                "Every call runs the weir estimator pinned to that type. CMA-ES (Apache Commons Math)",
                "searches the type's values (GCC tuning, FEC, early back-off); every candidate runs",
                "the same scenarios and seeds,",
                "scored by the objective J (lower is better; see docs/tuning.md). The best candidate and",
                "GCC's defaults then run the --holdout scenarios: the candidate is written to --out only",
                "if the 95%% interval of its objective change lies below zero and its p95 delay, freezes and",
                "bad-experience time are no more than 2%% worse; otherwise --out gets GCC's",
                "defaults for the type. FILE.candidate.json always holds the best candidate with its record;",
                "FILE.journal makes an interrupted tuning resume where it stopped.",
                "Only synthetic scenarios and train/ traces may be used: test/ traces are refused."})
final class TuneCommand implements Callable<Integer> {
    /** A {@code traces:} path into a test split, in a scenario file's text. */
    private static final Pattern TEST_TRACE = Pattern.compile("\"traces:([^\"]*/)?test/[^\"]*\"");

    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    BundleOption bundle;
    @Mixin
    ScenarioPaths scenarioPaths;
    @Mixin
    EngineOption engine;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "Network type: wired_stable, congestion_prone, random_loss or cellular_variable.")
    String type;
    @Option(names = "--scenarios", required = true, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenarios the candidates are scored on (files, or directories of them).")
    List<Path> scenarios;
    @Option(names = "--holdout", required = true, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Held-out scenarios of the same type for the acceptance check.")
    List<Path> holdout;
    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N",
            description = "Seeds 1..N for every candidate (common random numbers; default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--budget", defaultValue = "60", paramLabel = "B",
            description = "Candidate evaluations of the search (default: ${DEFAULT-VALUE}).")
    int budget;
    @Option(names = "--search-seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the optimiser's random draws (default: ${DEFAULT-VALUE}).")
    long searchSeed;
    @Option(names = "--threads", description = "Parallel calls of --engine local (default: all cores; never changes"
            + " the output).")
    Integer threads;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The parameter-set JSON to write.")
    Path out;
    @Option(names = "--start", paramLabel = "FILE",
            description = "Parameter set the search starts from (default: --bundle's set for the type if given,"
                    + " else GCC's defaults). --bundle (default configs/bundle) also gives the model that drives"
                    + " early back-off and the swap-in time.")
    Path start;

    @Override
    public Integer call() throws Exception {
        NetworkType networkType = NetworkType.byId(type);
        if (networkType == null) {
            throw new BadInputException("--type '" + type
                    + "' is not a network type: use wired_stable, congestion_prone, random_loss or cellular_variable");
        }
        if (seeds < 1 || seeds > 1000) {
            throw new BadInputException("--seeds " + seeds + " must be within 1..1000");
        }
        if (budget < 2) {
            throw new BadInputException("--budget " + budget + " must be at least 2");
        }
        refuseTestTraces(scenarios, "--scenarios");
        refuseTestTraces(holdout, "--holdout");
        Path root = traces.resolve();
        List<Scenario> tuning = ScenarioSet.load(scenarios, root, scenarioPaths.allowAbsolutePaths);
        List<Scenario> held = ScenarioSet.load(holdout, root, scenarioPaths.allowAbsolutePaths);
        for (Scenario s : held) {
            if (tuning.stream().anyMatch(t -> t.sourceSha256().equals(s.sourceSha256()))) {
                throw new BadInputException("held-out scenario '" + s.name() + "' is also a tuning scenario");
            }
        }
        ParameterSet from = startSet(networkType);
        // The calls run GCC's defaults until the candidate swaps in, and the model drives early back-off.
        Bundle base = baseWithModel(bundle.load());
        long[] seedList = new long[seeds];
        for (int i = 0; i < seeds; i++) {
            seedList[i] = i + 1;
        }
        TuningRun.Plan plan = new TuningRun.Plan(TuningSpace.forType(networkType), from, base, tuning, held, seedList, budget, searchSeed);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter console = spec.commandLine().getOut();
        Path journal = sibling(out, ".journal");
        TuningRun.Outcome outcome;
        try (CallEngine calls = engine.open(threads)) {
            console.printf(Locale.ROOT, "tuning %s from %s: %d values, %d scenarios x %d seeds per candidate, budget %d"
                    + " on %s%n", networkType.id(), plan.start().id, plan.space().dimensions().size(), tuning.size(),
                    seeds, budget, calls.description());
            outcome = TuningRun.run(plan, calls, journal, (done, total, score, best) -> {
                err.printf(Locale.ROOT, "tune %s: %d/%d J %.3f best %.3f%n", networkType.id(), done, total, score,
                        best);
                err.flush();
            });
        }
        Tuner.Result search = outcome.search();
        if (search.resumedEvaluations() > 0) {
            console.printf("resumed %d evaluations from %s%n", search.resumedEvaluations(), journal);
        }
        TuningRecord record = outcome.candidate().tuned;
        printScore(console, "tuning scenarios", record.train);
        printScore(console, "held-out scenarios", record.holdout);
        for (TuningRecord.Guard guard : record.guards) {
            console.printf(Locale.ROOT, "guard %-18s defaults %.3f, tuned %.3f (may rise by %.3f): %s%n", guard.metric,
                    guard.defaultsMean, guard.tunedMean, guard.allowedIncrease, guard.passed ? "held" : "FAILED");
        }
        Path candidateFile = sibling(out, ".candidate.json");
        AtomicFiles.write(candidateFile, SettingsJson.write(outcome.candidate()).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out, SettingsJson.write(outcome.set()).getBytes(StandardCharsets.UTF_8));
        if (outcome.accepted()) {
            console.printf("accepted: %s -> %s%n", outcome.set().id, out);
        } else {
            console.printf("not accepted (held-out interval not below 0, or a guard failed): GCC's defaults -> %s,"
                    + " the candidate -> %s%n", out, candidateFile);
        }
        return 0;
    }

    /** GCC's default sets with {@code bundle}'s model (none when it has none). */
    private static Bundle baseWithModel(Bundle bundle) {
        return Bundle.gccDefaults().with("tuning-base", bundle.decision(), bundle.model());
    }

    private ParameterSet startSet(NetworkType networkType) {
        ParameterSet from = start != null ? ParameterSet.read(start)
                : bundle.bundle != null ? bundle.load().parameterSet(networkType) : ParameterSet.defaults(networkType);
        if (from.networkType() != networkType) {
            throw new BadInputException((start != null ? "--start " + start : "the start set") + " is for "
                    + from.type + ", not " + networkType.id());
        }
        return from;
    }

    private static void printScore(PrintWriter console, String what, TuningRecord.Score score) {
        console.printf(Locale.ROOT, "%-19s J defaults %.3f, tuned %.3f, change %+.3f [%+.3f, %+.3f], p = %.4g (%d calls)%n",
                what + ":", score.defaultsMean, score.tunedMean, score.changeEstimate, score.changeLow,
                score.changeHigh, score.pValue, score.calls);
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return file.resolveSibling(stem + suffix);
    }

    /** Tuning on test/ traces would make every reported figure a result on training data. */
    private static void refuseTestTraces(List<Path> paths, String option) throws IOException {
        for (Path path : paths) {
            List<Path> files;
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
                }
            } else {
                files = List.of(path);
            }
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue; // the scenario loader names it
                }
                Matcher test = TEST_TRACE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                if (test.find()) {
                    throw new BadInputException(option + " " + file + " uses the test split (" + test.group()
                            + "): tuning may use only synthetic scenarios and train/ traces");
                }
            }
        }
    }
}
