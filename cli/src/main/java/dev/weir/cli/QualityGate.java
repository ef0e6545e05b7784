package dev.weir.cli;

import dev.weir.sim.gate.GateGroup;
import dev.weir.sim.gate.GateOutcome;
import dev.weir.sim.gate.GateRecord;
import dev.weir.sim.gate.GateTest;
import dev.weir.sim.gate.NoiseProfile;
import dev.weir.sim.gate.RegressionGate;
import dev.weir.sim.gate.SuiteResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Runs one variant's quality gate over a suite: both sides on the suite's seeds, the screening
 * tests, then both sides again on the confirmation seeds for the scenarios of flagged groups only,
 * and the confirmation tests ({@link RegressionGate}).
 *
 * <p>Stateless; thread-safe.
 */
final class QualityGate {
    private QualityGate() {
    }

    /**
     * Gates {@code candidate} against {@code baseline}.
     *
     * @param recordFile the record {@code noise} came from, for messages
     */
    static GateOutcome run(String variant, GateSuites.Suite suite, List<GateSuites.SuiteScenario> scenarios,
            NoiseProfile noise, Path recordFile, CallSource baseline, CallSource candidate, int threads,
            PrintWriter console) throws IOException, InterruptedException {
        if (noise.seedsPerReplicate() != suite.main().count()) {
            throw new BadInputException(recordFile + ": the " + variant + " noise was measured for "
                    + noise.seedsPerReplicate() + " seeds, the suite runs " + suite.main().count()
                    + "; re-measure with ./weir gate calibrate --suite " + suite.name());
        }
        Set<String> names = GateSuites.families(scenarios).keySet();
        List<GateGroup> groups = RegressionGate.usableGroups(noise, names);
        if (groups.isEmpty()) {
            throw new BadInputException(recordFile + ": no calibrated group of the " + variant
                    + " noise profile has all its scenarios in this run");
        }
        List<Long> main = suite.main().seeds();
        SuiteResults a = timed(console, variant + " baseline", scenarios.size() * main.size(),
                () -> baseline.run(scenarios, main, threads, console));
        SuiteResults b = timed(console, variant + " candidate", scenarios.size() * main.size(),
                () -> candidate.run(scenarios, main, threads, console));
        List<GateTest> screen = RegressionGate.screen(groups, noise, a, main, b, main);
        Set<String> again = RegressionGate.scenariosToConfirm(screen, groups);
        if (again.isEmpty()) {
            return new GateOutcome(variant, screen, List.of());
        }
        List<GateSuites.SuiteScenario> subset = scenarios.stream()
                .filter(s -> again.contains(s.scenario().name())).toList();
        List<Long> fresh = suite.confirm().seeds();
        console.printf("%s: %d test(s) flagged; confirming on seeds %d-%d%n", variant,
                screen.stream().filter(GateTest::flagged).count(), fresh.get(0), fresh.get(fresh.size() - 1));
        SuiteResults a2 = timed(console, variant + " baseline (confirmation)", subset.size() * fresh.size(),
                () -> baseline.run(subset, fresh, threads, console));
        SuiteResults b2 = timed(console, variant + " candidate (confirmation)", subset.size() * fresh.size(),
                () -> candidate.run(subset, fresh, threads, console));
        return new GateOutcome(variant, screen, RegressionGate.confirm(screen, groups, noise, a2, fresh, b2, fresh));
    }

    /** The recorded calls of a variant as a call source (CI's baseline: nothing re-runs). */
    static CallSource recorded(GateRecord.Variant variant, Path recordFile) {
        return (scenarios, seeds, threads, console) -> {
            for (GateSuites.SuiteScenario s : scenarios) {
                if (!variant.expected().covers(s.scenario().name(), seeds)) {
                    throw new BadInputException(recordFile + " has no expected " + variant.name() + " calls of "
                            + s.scenario().name() + " on seeds " + seeds + "; run ./weir gate update-record");
                }
            }
            return variant.expected();
        };
    }

    /** Something that yields calls. */
    interface Work {
        SuiteResults get() throws IOException, InterruptedException;
    }

    static SuiteResults timed(PrintWriter console, String what, int calls, Work work)
            throws IOException, InterruptedException {
        long startNs = System.nanoTime();
        SuiteResults results = work.get();
        console.printf("  %s: %d calls in %.1f s%n", what, calls, (System.nanoTime() - startNs) / 1e9);
        console.flush();
        return results;
    }
}
