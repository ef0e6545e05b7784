package dev.weir.models.nettype;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.models.dataset.CallPlan;
import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.SplitRule;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.ProgressListener;
import dev.weir.sim.runner.Task;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.TypeDecisionSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The network-type decision fitted by outcome: every candidate decision rule ({@link #grid}) runs
 * the whole of every non-test call of the network-type study (the weir estimator with the bundle's
 * model and sets, the candidate deciding), each segment is charged the regret of the type the rule
 * had in force for most of it (the study's pinned-set scores), and the candidate with the lowest
 * mean regret over the non-test segments is chosen (ties: fewer switches per minute, then the
 * earlier candidate) among those that pass the {@link WiredGuard} (issue 10's do-no-harm target on
 * stable wired links). Only the chosen rule is then run on the test calls, so the test split is read
 * once, for the figure reported.
 *
 * <p>The candidates include the fixed policies (a default type and nothing enterable), so a rule
 * is kept only when its departures from the default pay on the non-test segments.
 *
 * <p>Why a fitted rule and not a separately trained type head: with the committed sets, three
 * types carry GCC's defaults, so outcome labels separate two sets only, and the rule over the two
 * calibrated heads already has the few degrees of freedom such a choice needs (its default type,
 * its entry level, the rate below which predicted congestion counts, the loss rate above which
 * random loss counts), each fitted here on what it costs, not on label accuracy.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeciderFit {
    /** Entry levels tried; each exit level is {@link #HYSTERESIS} below (the committed rule: 0.6 / 0.35). */
    static final double[] ENTER_EVIDENCE = {0.6, 0.8};
    /** Gap between a candidate's entry and exit levels, as in the committed rule. */
    static final double HYSTERESIS = 0.25;
    /** Rates below which predicted congestion counts, bps: the committed 1 Mbps, and 3 Mbps (most cellular traces). */
    static final long[] LOW_RATE_BPS = {1_000_000, 3_000_000};
    /** Loss rates over 4 s above which loss attribution counts: the committed 1 %, and 5 % (clearly lossy). */
    static final double[] MIN_LOSS_RATE = {0.01, 0.05};
    /** Default types tried: GCC's defaults, and the one tuned set the best fixed policy picks. */
    static final NetworkType[] DEFAULT_TYPES = {NetworkType.WIRED_STABLE, NetworkType.CONGESTION_PRONE};
    /** Types the rule has evidence for. */
    static final NetworkType[] WITH_EVIDENCE = NetworkType.values();

    private DeciderFit() {
    }

    /**
     * One fit.
     *
     * @param candidates the rules tried, in order
     * @param regret per candidate, mean regret per non-test segment (points of the objective)
     * @param switchesPerMin per candidate, type switches per minute over the non-test calls
     * @param bestShare per candidate, share of non-test segments on the best type
     * @param guards per candidate, the wired guard's check (empty when the fit ran without one)
     * @param chosen index of the chosen rule
     * @param calls every call of the study with the chosen rule's run as its decider
     */
    public record Fit(List<TypeDecisionSettings> candidates, double[] regret, double[] switchesPerMin,
                      double[] bestShare, List<WiredGuard.Check> guards, int chosen,
                      List<NetworkTypeStudy.CallResult> calls) {
        /** The chosen rule. */
        public TypeDecisionSettings decision() {
            return candidates.get(chosen);
        }
    }

    /**
     * The candidates: {@code base} with every combination of default type, types the rule may enter
     * (every subset of the types that have evidence: none is the fixed set), entry level, low rate
     * and loss rate; a level that no enterable type reads is left at {@code base}'s, and duplicates
     * are dropped (first kept), so the fixed policies appear once each.
     */
    public static List<TypeDecisionSettings> grid(TypeDecisionSettings base) {
        List<TypeDecisionSettings> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NetworkType type : DEFAULT_TYPES) {
            List<NetworkType> others = new ArrayList<>();
            for (NetworkType other : WITH_EVIDENCE) {
                if (other != type) {
                    others.add(other);
                }
            }
            for (int subset = 0; subset < 1 << others.size(); subset++) {
                List<String> enterable = new ArrayList<>();
                for (int i = 0; i < others.size(); i++) {
                    if ((subset & 1 << i) != 0) {
                        enterable.add(others.get(i).id());
                    }
                }
                for (double enter : ENTER_EVIDENCE) {
                    for (long lowRate : LOW_RATE_BPS) {
                        for (double lossRate : MIN_LOSS_RATE) {
                            TypeDecisionSettings c = SettingsJson.copy(base, TypeDecisionSettings.class);
                            c.defaultType = type.id();
                            c.enterableTypes = List.copyOf(enterable);
                            if (!enterable.isEmpty()) {
                                c.enterEvidence = enter;
                                c.exitEvidence = NetworkTypeStudy.round(enter - HYSTERESIS);
                            }
                            // Every evidence but random loss's reads the low rate; random loss's and
                            // wired_stable's read the loss rate.
                            boolean wired = enterable.contains(NetworkType.WIRED_STABLE.id());
                            if (wired || enterable.contains(NetworkType.CONGESTION_PRONE.id())
                                    || enterable.contains(NetworkType.CELLULAR_VARIABLE.id())) {
                                c.lowRateBps = lowRate;
                            }
                            if (wired || enterable.contains(NetworkType.RANDOM_LOSS.id())) {
                                c.minLossRate = lossRate;
                            }
                            if (seen.add(SettingsJson.write(c))) {
                                out.add(c);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Fits the decision on {@code study}'s non-test calls (the results of {@link NetworkTypeStudy#run}
     * on {@code calls}, same order) among the candidates {@code guard} passes (all when null) and
     * runs the chosen rule on its test calls.
     *
     * @throws IllegalStateException when the guard passes no candidate
     */
    public static Fit run(DatasetRequest calls, Bundle bundle, List<NetworkTypeStudy.CallResult> study,
                          List<TypeDecisionSettings> candidates, WiredGuard guard, ProgressListener progress)
            throws InterruptedException {
        List<CallPlan> plans = NetworkTypeStudy.plans(calls);
        if (plans.size() != study.size()) {
            throw new IllegalArgumentException("the study has " + study.size() + " calls, the request " + plans.size());
        }
        List<Integer> nonTest = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int p = 0; p < plans.size(); p++) {
            (study.get(p).source().split().equals(SplitRule.TEST) ? test : nonTest).add(p);
        }
        List<List<NetworkTypeStudy.CallResult>> runs =
                deciderRuns(plans, study, nonTest, bundle, candidates, calls.threads(), progress);
        double[] regret = new double[candidates.size()];
        double[] switches = new double[candidates.size()];
        double[] share = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            double[] r = NetworkTypeStudy.regret(runs.get(c), null, null, NetworkTypeStudy.CallResult::deciderTypeAt);
            regret[c] = r[0];
            share[c] = r[1];
            switches[c] = NetworkTypeStudy.deciderSwitchesPerMin(runs.get(c));
        }
        List<WiredGuard.Check> guards = guard == null ? List.of()
                : guard.check(bundle, candidates, calls.threads(), progress);
        boolean[] admissible = new boolean[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            admissible[c] = guards.isEmpty() || guards.get(c).passed();
        }
        int chosen = choose(regret, switches, admissible);
        if (chosen < 0) {
            throw new IllegalStateException("no candidate decision rule passes the wired guard");
        }
        List<NetworkTypeStudy.CallResult> onTest =
                deciderRuns(plans, study, test, bundle, List.of(candidates.get(chosen)), calls.threads(),
                        progress).get(0);
        List<NetworkTypeStudy.CallResult> all = new ArrayList<>(study);
        for (int i = 0; i < nonTest.size(); i++) {
            all.set(nonTest.get(i), runs.get(chosen).get(i));
        }
        for (int i = 0; i < test.size(); i++) {
            all.set(test.get(i), onTest.get(i));
        }
        return new Fit(candidates, regret, switches, share, guards, chosen, all);
    }

    /**
     * The admissible candidate with the lowest regret; ties go to fewer switches, then to the earlier
     * candidate; -1 when none is admissible.
     */
    static int choose(double[] regret, double[] switchesPerMin, boolean[] admissible) {
        int best = -1;
        for (int c = 0; c < regret.length; c++) {
            if (admissible[c] && (best < 0 || regret[c] < regret[best]
                    || (regret[c] == regret[best] && switchesPerMin[c] < switchesPerMin[best]))) {
                best = c;
            }
        }
        return best;
    }

    /** The fit as JSON: every candidate's non-test figures and the chosen rule. */
    public static ObjectNode report(Fit fit) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("definition", "each candidate decision rule runs every non-test call of the study; a segment is "
                + "charged the regret of the type in force for most of it; chosen: lowest mean regret per non-test "
                + "segment (ties: fewer switches per minute) among the rules that pass the wired guard (on stable "
                + "wired scenarios no metric worse than GCC's defaults by more than 2 % or its noise floor; excess "
                + "in units of that tolerance); only the chosen rule ran on the test calls");
        ArrayNode table = root.putArray("candidates");
        for (int c = 0; c < fit.candidates().size(); c++) {
            TypeDecisionSettings d = fit.candidates().get(c);
            ObjectNode row = table.addObject();
            row.put("default_type", d.defaultType);
            row.put("enterable_types", String.join(",", d.enterableTypes));
            row.put("enter_evidence", d.enterEvidence);
            row.put("exit_evidence", d.exitEvidence);
            row.put("low_rate_bps", d.lowRateBps);
            row.put("min_loss_rate", d.minLossRate);
            row.put("non_test_regret", NetworkTypeStudy.round(fit.regret()[c]));
            row.put("non_test_best_choice_share", NetworkTypeStudy.round(fit.bestShare()[c]));
            row.put("non_test_switches_per_min", NetworkTypeStudy.round(fit.switchesPerMin()[c]));
            if (!fit.guards().isEmpty()) {
                WiredGuard.Check check = fit.guards().get(c);
                row.put("wired_guard_passed", check.passed());
                row.put("wired_guard_worst_metric", check.worstMetric());
                row.put("wired_guard_worst_excess", NetworkTypeStudy.round(check.worstExcess()));
            }
        }
        root.put("chosen", fit.chosen());
        root.set("decision", SettingsJson.mapper().valueToTree(fit.decision()));
        return root;
    }

    /** Per candidate, the calls {@code indices} of {@code study} with that candidate's decider run. */
    private static List<List<NetworkTypeStudy.CallResult>> deciderRuns(
            List<CallPlan> plans, List<NetworkTypeStudy.CallResult> study, List<Integer> indices, Bundle bundle,
            List<TypeDecisionSettings> candidates, int threads, ProgressListener progress) throws InterruptedException {
        List<Task<double[]>> tasks = new ArrayList<>();
        for (TypeDecisionSettings candidate : candidates) {
            Bundle withCandidate = bundle.with(bundle.id(), candidate, bundle.model());
            for (int p : indices) {
                CallPlan plan = plans.get(p);
                double[] starts = study.get(p).segmentStartsS();
                tasks.add(Task.of(plan.description() + " decider", () -> NetworkTypeStudy.decider(plan, starts,
                        withCandidate)));
            }
        }
        List<double[]> results = new ParallelRunner(threads).run(tasks, progress);
        List<List<NetworkTypeStudy.CallResult>> out = new ArrayList<>();
        int i = 0;
        for (int c = 0; c < candidates.size(); c++) {
            List<NetworkTypeStudy.CallResult> calls = new ArrayList<>();
            for (int p : indices) {
                calls.add(study.get(p).withDeciderRun(results.get(i++)));
            }
            out.add(calls);
        }
        return out;
    }
}
