package dev.weir.sim.tune;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.compare.HodgesLehmann;
import dev.weir.sim.compare.SignedRankTest;
import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TuningRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One tuning of one network type, end to end: CMA-ES over the type's {@link TuningSpace} on the
 * tuning scenarios, then the acceptance check. The best candidate and GCC's defaults run the same
 * held-out scenarios on the same seeds; the candidate is accepted only when the 95 % interval of
 * the per-call objective change (Hodges-Lehmann, tuned minus defaults) lies wholly below zero and
 * no guarded metric (p95 delay, freezes, time frozen or over 400 ms) got worse by more than 2 %.
 * An accepted candidate is returned with its {@link TuningRecord}; otherwise GCC's defaults are
 * returned for the type (with a provenance that says why) and the candidate beside them for
 * inspection, so a set that did not beat the defaults never reaches a bundle.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class TuningRun {
    /** Two-sided level of the held-out interval. */
    private static final double ALPHA = 0.05;
    /** Version of how the configuration digest is built: a change starts new journals. */
    private static final String DIGEST_VERSION = "weir-tuning/3";

    /**
     * What a run produced.
     *
     * @param set the set to put in the bundle: the tuned set when accepted, else GCC's defaults
     * @param candidate the best candidate with its record (accepted or not)
     * @param search the search's result
     */
    public record Outcome(ParameterSet set, ParameterSet candidate, Tuner.Result search) {
        public boolean accepted() {
            return candidate.tuned.accepted;
        }
    }

    /** What to tune, on what, for how long. */
    public record Plan(TuningSpace space, ParameterSet start, Bundle base, List<Scenario> scenarios,
                       List<Scenario> holdout, long[] seeds, int budget, long searchSeed) {
        public Plan {
            if (scenarios.isEmpty() || holdout.isEmpty()) {
                throw new IllegalArgumentException("tuning needs tuning scenarios and held-out scenarios");
            }
            if (start.networkType() != space.type()) {
                throw new IllegalArgumentException("the start set is for " + start.type + ", the space for "
                        + space.type().id());
            }
            seeds = seeds.clone();
        }
    }

    private TuningRun() {
    }

    /** Runs {@code plan} with its journal at {@code journal}, the calls on {@code engine}. */
    public static Outcome run(Plan plan, CallEngine engine, Path journal, Tuner.Progress progress)
            throws IOException, InterruptedException {
        NetworkType type = plan.space().type();
        String digest = configurationDigest(plan);
        String prefix = type.id() + "/tuned-" + digest.substring(0, 12);
        CandidateEvaluator train = new CandidateEvaluator(plan.scenarios(), plan.seeds(), plan.base(), type, engine);
        Tuner tuner = new Tuner(plan.space(), train, plan.budget(), plan.searchSeed());
        Tuner.Result search = tuner.tune(plan.start(), prefix, journal, digest, progress);

        ParameterSet defaults = ParameterSet.defaults(type);
        ParameterSet candidate = search.best().copy();
        candidate.id = prefix;
        CandidateEvaluator held = new CandidateEvaluator(plan.holdout(), plan.seeds(), plan.base(), type, engine);
        TuningRecord record = new TuningRecord();
        record.optimiser = String.format(Locale.ROOT, "CMA-ES (Apache Commons Math 3.6.1 CMAESOptimizer), unit-cube"
                + " search over %d values, sigma %.2f, population %d, seed %d", plan.space().dimensions().size(),
                Tuner.INITIAL_SIGMA, Tuner.populationOf(plan.space().dimensions().size()), plan.searchSeed());
        record.objective = TuningObjective.DESCRIPTION + "; the search minimises its mean plus "
                + Guards.PENALTY_PER_TOLERANCE + " points per tolerance by which a do-no-harm guard is exceeded";
        record.budget = plan.budget();
        record.evaluations = search.evaluations();
        record.startedFrom = plan.start().id;
        record.seeds = new ArrayList<>();
        for (long seed : plan.seeds()) {
            record.seeds.add(seed);
        }
        record.scenarios = new ArrayList<>(ScenarioDigests.of(plan.scenarios()));
        record.holdoutScenarios = new ArrayList<>(ScenarioDigests.of(plan.holdout()));
        record.train = score(train.objectives(defaults), train.objectives(candidate));
        List<CallMetrics> heldDefaults = held.metrics(defaults);
        List<CallMetrics> heldTuned = held.metrics(candidate);
        record.holdout = score(objectives(heldDefaults), objectives(heldTuned));
        record.guards = new ArrayList<>(Guards.of(heldDefaults, heldTuned));
        record.accepted = record.holdout.changeHigh < 0 && record.guards.stream().allMatch(g -> g.passed);
        candidate.tuned = record;
        candidate.provenance = String.format(Locale.ROOT, "tuned by ./weir tune (%s) on %d scenarios x %d seeds;"
                        + " held-out objective change vs GCC's defaults %+.2f [%+.2f, %+.2f] over %d calls",
                "CMA-ES", plan.scenarios().size(), plan.seeds().length, record.holdout.changeEstimate,
                record.holdout.changeLow, record.holdout.changeHigh, record.holdout.calls);
        if (record.accepted) {
            return new Outcome(candidate, candidate, search);
        }
        String failedGuards = record.guards.stream().filter(g -> !g.passed)
                .map(g -> String.format(Locale.ROOT, "%s %.2f -> %.2f", g.metric, g.defaultsMean, g.tunedMean))
                .reduce((a, b) -> a + ", " + b).map(text -> "; guards failed: " + text).orElse("");
        defaults.provenance = String.format(Locale.ROOT, "libwebrtc defaults: tuned candidate %s was not accepted"
                        + " on %d held-out calls (objective change %+.2f [%+.2f, %+.2f]%s)", candidate.id,
                record.holdout.calls, record.holdout.changeEstimate, record.holdout.changeLow,
                record.holdout.changeHigh, failedGuards);
        return new Outcome(defaults, candidate, search);
    }

    private static double[] objectives(List<CallMetrics> calls) {
        double[] objectives = new double[calls.size()];
        for (int i = 0; i < objectives.length; i++) {
            objectives[i] = TuningObjective.of(calls.get(i));
        }
        return objectives;
    }

    /** Per-call comparison of {@code tuned} against {@code defaults} (same calls, same order). */
    static TuningRecord.Score score(double[] defaults, double[] tuned) {
        double[] change = new double[tuned.length];
        double defaultsSum = 0;
        double tunedSum = 0;
        for (int i = 0; i < change.length; i++) {
            change[i] = tuned[i] - defaults[i];
            defaultsSum += defaults[i];
            tunedSum += tuned[i];
        }
        TuningRecord.Score score = new TuningRecord.Score();
        score.calls = change.length;
        score.defaultsMean = defaultsSum / change.length;
        score.tunedMean = tunedSum / change.length;
        HodgesLehmann.Interval interval = HodgesLehmann.of(change, ALPHA);
        score.changeEstimate = interval.estimate();
        // Too few calls for a 95 % interval: it is unbounded, so it cannot lie below zero.
        score.changeLow = interval.hasBounds() ? interval.low() : Double.NEGATIVE_INFINITY;
        score.changeHigh = interval.hasBounds() ? interval.high() : Double.POSITIVE_INFINITY;
        score.pValue = SignedRankTest.test(change).pValue();
        return score;
    }

    /** SHA-256 of everything that decides the search's path: a journal only resumes the same search. */
    static String configurationDigest(Plan plan) {
        MessageDigest digest = ScenarioDigests.sha256();
        StringBuilder text = new StringBuilder(DIGEST_VERSION).append('\n');
        text.append(plan.space().type().id()).append('\n');
        for (Dimension d : plan.space().dimensions()) {
            text.append(d).append('\n');
        }
        text.append(SettingsJson.write(plan.start())).append('\n');
        // the model decides early back-off and when the set swaps in; the base's sets never run
        text.append(plan.base().model() == null ? "no model" : plan.base().model().fileName()).append('\n');
        for (TuningRecord.ScenarioDigest s : ScenarioDigests.of(plan.scenarios())) {
            text.append(s.name).append(' ').append(s.scenarioSha256).append(' ').append(s.capacitySha256).append('\n');
        }
        for (long seed : plan.seeds()) {
            text.append(seed).append(' ');
        }
        text.append('\n').append(plan.searchSeed()).append('\n').append(TuningObjective.DESCRIPTION);
        return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
