package dev.weir.cli;

import dev.weir.sim.gate.GateRecord;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gate's fixed suites. Fixed on purpose: a gate compares like with like, and its noise profile
 * is measured on exactly these scenarios and seed counts; changing a suite means recalibrating
 * ({@code ./weir gate calibrate}) and re-recording ({@code ./weir gate update-record}), and the
 * committed record names the scenario files' digests so a stale one is refused.
 * <ul>
 *   <li>{@code quick} (CI): one synthetic scenario per network family of the library, two for random
 *       loss (3 % where the loss-based rule holds the rate, 10 % where LossBasedBweV2 and the classic
 *       rule part ways), 20 seeds; no traces.</li>
 *   <li>{@code full}: the whole scenario library and four more test-split traces
 *       ({@code configs/gate/scenarios}), 30 seeds; trace scenarios only when a traces root exists.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class GateSuites {
    /** Where records and the gate's own scenarios live, relative to the repository root. */
    static final Path GATE_DIR = Path.of("configs", "gate");

    /**
     * A suite.
     *
     * @param name its name
     * @param files scenario files relative to the repository root, in report order
     * @param traceFiles the subset of {@code files} that needs the traces root
     * @param main screening seeds
     * @param confirm confirmation seeds (disjoint from main)
     * @param calibrationFirstSeed the first seed of the calibration blocks (disjoint from both)
     * @param calibrationReplicates A-vs-A replicates calibration measures
     */
    record Suite(String name, List<String> files, Set<String> traceFiles, GateRecord.SeedRange main,
                 GateRecord.SeedRange confirm, long calibrationFirstSeed, int calibrationReplicates) {
        /** The committed record of this suite, relative to the repository root. */
        Path recordFile() {
            return GATE_DIR.resolve(name + ".json");
        }

        /** The record a command reads or writes: {@code option} (a --record path) if given, else the committed one. */
        Path recordFile(Path root, Path option) {
            return option != null ? option : root.resolve(recordFile());
        }
    }

    static final Suite QUICK = new Suite("quick",
            library("wired-stable", "congested-alternating", "capacity-drop", "capacity-rise", "random-loss-3",
                    "random-loss-10", "bursty-loss", "cross-traffic-onoff"),
            Set.of(), new GateRecord.SeedRange(1, 20), new GateRecord.SeedRange(1_001, 20), 100_001, 20);

    private static final List<String> LIBRARY_TRACES = library("cellular-low", "cellular-high", "broadband-fcc");
    private static final List<String> GATE_TRACES = List.of("configs/gate/scenarios/ferry-3g.json",
            "configs/gate/scenarios/tmobile-lte.json", "configs/gate/scenarios/broadband-fcc-2.json",
            "configs/gate/scenarios/puffer-home.json");

    static final Suite FULL = new Suite("full", concat(
            library("wired-stable", "congested-alternating", "capacity-drop", "capacity-rise", "random-loss-1",
                    "random-loss-3", "random-loss-5", "random-loss-10", "random-loss-20", "bursty-loss",
                    "cross-traffic-onoff"), LIBRARY_TRACES, GATE_TRACES),
            new LinkedHashSet<>(concat(LIBRARY_TRACES, GATE_TRACES)), new GateRecord.SeedRange(1, 30),
            new GateRecord.SeedRange(2_001, 30), 200_001, 20);

    private GateSuites() {
    }

    /**
     * The repository the gate works in: the nearest directory from the working directory up that
     * holds {@code configs/gate} (so the command also works from a module directory), else the
     * working directory.
     */
    static Path repositoryRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(GATE_DIR)) && Files.isDirectory(dir.resolve("configs/scenarios"))) {
                return dir;
            }
        }
        return cwd;
    }

    /** The working tree's committed bundle (what {@code weir} runs in CI), or GCC's defaults without one. */
    static dev.weir.steer.Bundle treeBundle(Path root) {
        Path dir = root.resolve(BundleOption.COMMITTED);
        return Files.isDirectory(dir) ? dev.weir.steer.BundleLoader.load(dir) : dev.weir.steer.Bundle.gccDefaults();
    }

    /** The suite named {@code name}; bad input for any other name. */
    static Suite named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new BadInputException("--suite must be quick or full, got '" + name + "'");
        };
    }

    /**
     * One loaded suite scenario.
     *
     * @param scenario the scenario
     * @param file its file (absolute)
     * @param entry what a record says about it (name, family, file relative to the root, digest)
     */
    record SuiteScenario(Scenario scenario, Path file, GateRecord.ScenarioEntry entry) {
    }

    /**
     * Loads {@code suite}'s scenarios from the repository at {@code root}: every synthetic one, and
     * the trace ones only when {@code tracesRoot} is not null.
     */
    static List<SuiteScenario> load(Path root, Suite suite, Path tracesRoot) {
        List<SuiteScenario> out = new ArrayList<>();
        for (String file : suite.files()) {
            boolean traces = suite.traceFiles().contains(file);
            if (traces && tracesRoot == null) {
                continue;
            }
            Path path = root.resolve(file).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new BadInputException("suite " + suite.name() + ": scenario file " + file + " is missing under "
                        + root);
            }
            Scenario scenario = ScenarioLoader.load(path, tracesRoot);
            out.add(new SuiteScenario(scenario, path, new GateRecord.ScenarioEntry(scenario.name(), scenario.family(),
                    file, scenario.sourceSha256(), traces)));
        }
        return out;
    }

    /** Scenario name to family, in suite order. */
    static Map<String, String> families(List<SuiteScenario> scenarios) {
        Map<String, String> families = new LinkedHashMap<>();
        scenarios.forEach(s -> families.put(s.scenario().name(), s.scenario().family()));
        return families;
    }

    /**
     * Fails unless {@code record} was made for {@code suite} as loaded: the same seeds, and every
     * loaded scenario with the same file digest.
     */
    static void requireMatches(GateRecord record, Path recordFile, Suite suite, List<SuiteScenario> loaded) {
        String refresh = "; re-measure with ./weir gate calibrate --suite " + suite.name()
                + " (and ./weir gate update-record for quick), then review and commit " + recordFile;
        if (!record.suite().equals(suite.name()) || !record.main().equals(suite.main())
                || !record.confirm().equals(suite.confirm())) {
            throw new BadInputException(recordFile + " is not a record of the " + suite.name() + " suite's seeds"
                    + refresh);
        }
        for (SuiteScenario s : loaded) {
            GateRecord.ScenarioEntry recorded = record.scenarios().stream()
                    .filter(e -> e.name().equals(s.entry().name())).findFirst().orElse(null);
            if (recorded == null) {
                throw new BadInputException(recordFile + " has no scenario " + s.entry().name() + refresh);
            }
            if (!recorded.sha256().equals(s.entry().sha256()) || !recorded.family().equals(s.entry().family())) {
                throw new BadInputException(recordFile + " was measured on another version of " + s.entry().file()
                        + " (sha256 " + recorded.sha256() + ", now " + s.entry().sha256() + ")" + refresh);
            }
        }
    }

    private static List<String> library(String... names) {
        List<String> files = new ArrayList<>();
        for (String name : names) {
            files.add("configs/scenarios/" + name + ".json");
        }
        return List.copyOf(files);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
