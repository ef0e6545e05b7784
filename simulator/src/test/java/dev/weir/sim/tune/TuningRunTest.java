package dev.weir.sim.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TuningRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TuningRun} on short random-loss calls: the same plan gives the same bytes, an interrupted
 * journal resumes without repeating its calls, a journal of another tuning is refused, and the
 * held-out check accepts only an interval wholly below zero.
 * <pre>
 *   sender --pacer--> [queue 300 ms] --1 Mbps or 600 kbps, 5-8 % random loss--> 40 ms --> receiver
 *      ^                                                                              |
 *      +------------------------- 40 ms: feedback every 100 ms ------------------------+
 * </pre>
 */
class TuningRunTest {
    private static final long DURATION_US = 12_000_000;
    private static final long[] SEEDS = {1, 2};
    private static final int BUDGET = 4;
    private static final long SEARCH_SEED = 7;

    @TempDir
    Path dir;

    private static Scenario lossy(String name, long capacityBps, double loss) {
        return TestScenarios.scenario(name, DURATION_US,
                TestScenarios.link(new TestScenarios.ConstantCapacity(capacityBps), 40_000, 300_000, loss),
                TestScenarios.media(300_000));
    }

    private static TuningRun.Plan plan(long[] seeds) {
        Bundle base = Bundle.gccDefaults();
        return new TuningRun.Plan(TuningSpace.forType(NetworkType.RANDOM_LOSS),
                base.parameterSet(NetworkType.RANDOM_LOSS), base,
                List.of(lossy("train-a", 1_000_000, 0.05), lossy("train-b", 600_000, 0.08)),
                List.of(lossy("held", 800_000, 0.06)), seeds, BUDGET, SEARCH_SEED);
    }

    private static TuningRun.Outcome run(TuningRun.Plan plan, Path journal) throws Exception {
        System.out.println("[tune] random_loss search seed=" + SEARCH_SEED + " call seeds=" + Arrays.toString(SEEDS));
        return TuningRun.run(plan, new ParallelRunner(2), journal, (done, total, score, best) -> { });
    }

    @Test
    void theSamePlanGivesTheSameCandidateAndJournalBytes() throws Exception {
        TuningRun.Outcome first = run(plan(SEEDS), dir.resolve("a.journal"));
        TuningRun.Outcome second = run(plan(SEEDS), dir.resolve("b.journal"));

        assertEquals(SettingsJson.write(first.candidate()), SettingsJson.write(second.candidate()));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.journal")), Files.readAllBytes(dir.resolve("b.journal")));
        TuningRecord record = first.candidate().tuned;
        assertEquals(List.of(1L, 2L), record.seeds);
        assertEquals(List.of("train-a", "train-b"), record.scenarios.stream().map(s -> s.name).toList());
        assertEquals(64, record.scenarios.get(0).capacitySha256.length());
        assertEquals(4, record.train.calls);
        assertEquals(2, record.holdout.calls);
        assertEquals(Files.readAllLines(dir.resolve("a.journal")).size() - 1, record.evaluations,
                "one journal line per distinct candidate");
        assertTrue(record.evaluations >= 2 && record.evaluations <= BUDGET + 1, "start set + budget");
    }

    @Test
    void anInterruptedTuningResumesFromItsJournalWithTheSameResult() throws Exception {
        Path journal = dir.resolve("t.journal");
        TuningRun.Outcome whole = run(plan(SEEDS), journal);
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertTrue(lines.size() >= 5, "header, start set and at least 3 candidates: " + lines);

        // killed after the start set and two candidates, the third cut mid-line
        Path cut = dir.resolve("cut.journal");
        Files.writeString(cut, String.join("\n", lines.subList(0, 4)) + "\n" + lines.get(4).substring(0, 10),
                StandardCharsets.UTF_8);
        TuningRun.Outcome resumed = run(plan(SEEDS), cut);

        assertEquals(3, resumed.search().resumedEvaluations());
        assertEquals(SettingsJson.write(whole.candidate()), SettingsJson.write(resumed.candidate()));
    }

    @Test
    void aJournalOfAnotherTuningIsRefused() throws Exception {
        Path journal = dir.resolve("t.journal");
        run(plan(SEEDS), journal);

        TuningJournalException e = assertThrows(TuningJournalException.class,
                () -> run(plan(new long[] {3, 4}), journal));
        assertTrue(e.getMessage().contains("belongs to another tuning"), e.getMessage());
    }

    @Test
    void aCandidateThatBreaksASettingsConstraintIsInvalid() {
        TuningSpace space = new TuningSpace(NetworkType.CONGESTION_PRONE,
                List.of(Dimension.of("early_backoff.exit_probability", 0.1, 0.9)));
        ParameterSet base = ParameterSet.defaults(NetworkType.CONGESTION_PRONE); // enter probability 0.7
        assertNull(space.apply(base, new double[] {1.0}, "bad"), "exit 0.9 above enter 0.7");
        ParameterSet valid = space.apply(base, new double[] {0.5}, "good");
        assertEquals(0.5, valid.earlyBackoff.exitProbability, 1e-12);
        assertEquals("good", valid.id);
    }

    @Test
    void theHeldOutCheckAcceptsOnlyAnIntervalWhollyBelowZero() {
        double[] defaults = {10, 12, 9, 11, 10, 13, 12, 9, 10, 11};
        double[] better = new double[defaults.length];
        double[] mixed = new double[defaults.length];
        for (int i = 0; i < defaults.length; i++) {
            better[i] = defaults[i] - 1 - 0.1 * i;
            mixed[i] = defaults[i] + (i % 2 == 0 ? -1 : 0.8);
        }
        TuningRecord.Score clear = TuningRun.score(defaults, better);
        assertTrue(clear.changeHigh < 0, "every call better: " + clear.changeHigh);
        assertEquals(-1.45, clear.changeEstimate, 1e-9);

        TuningRecord.Score noisy = TuningRun.score(defaults, mixed);
        assertFalse(noisy.changeHigh < 0, "half the calls worse: " + noisy.changeHigh);

        TuningRecord.Score tooFew = TuningRun.score(new double[] {1, 2, 3}, new double[] {0, 1, 2});
        assertEquals(Double.POSITIVE_INFINITY, tooFew.changeHigh, "three calls cannot bound a 95 % interval");
    }

    @Test
    void aGuardFailsWhenTheTunedSetWorsensP95DelayByMoreThanTwoPercent() {
        List<CallMetrics> defaults = List.of(metrics(27.0, 0.0), metrics(27.0, 0.0));
        List<TuningRecord.Guard> slower = Guards.of(defaults, List.of(metrics(30.5, 0.0), metrics(30.5, 0.0)));
        assertEquals("delay_p95_ms", slower.get(0).metric);
        assertFalse(slower.get(0).passed, "27 -> 30.5 ms is 13 % worse");
        assertTrue(slower.get(1).passed, "no freezes either way");
        assertEquals(Guards.PENALTY_PER_TOLERANCE * 2.5, Guards.penalty(slower), 1e-9,
                "3.5 ms worse with 1 ms allowed: 2.5 tolerances beyond");

        List<TuningRecord.Guard> close = Guards.of(defaults, List.of(metrics(27.9, 0.05), metrics(27.9, 0.05)));
        assertTrue(close.stream().allMatch(g -> g.passed), "0.9 ms and 0.05 points are within the noise floors");
        assertEquals(0.0, Guards.penalty(close));
    }

    private static CallMetrics metrics(double delayP95Ms, double freezePct) {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (String key : CallMetrics.keys()) {
            values.put(key, 0.0);
        }
        values.put("connection_drop", false);
        values.put("delay_p95_ms", delayP95Ms);
        values.put("freeze_pct", freezePct);
        values.put("bad_experience_pct", freezePct);
        return CallMetrics.fromMap(values);
    }
}
