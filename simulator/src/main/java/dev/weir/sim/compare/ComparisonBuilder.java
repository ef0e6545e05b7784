package dev.weir.sim.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects per-call metrics of N estimators that ran on the same scenarios and seeds (common
 * random numbers) and builds a {@link ComparisonReport}: a leaderboard per scenario family and
 * overall ({@link Leaderboards}), and every candidate paired against the baseline
 * ({@link PairedComparison}) per scenario and over all pairs pooled.
 *
 * <p>Multiple comparisons: every (candidate, group, metric) p-value of the report forms one
 * family, adjusted by Benjamini-Hochberg ({@link FalseDiscoveryRate}); verdicts follow the
 * adjusted values at {@link PairedComparison#SIGNIFICANCE_LEVEL}.
 *
 * <p>Metric values may be {@link Number} or {@link Boolean} (a 0/1 rate). A value that is absent,
 * null or not finite leaves that call out of that metric only; each comparison reports its n.
 *
 * <p>Determinism: seeds are sorted, scenarios keep the order of their first {@link #add},
 * estimators the order given, metrics follow {@link MetricDirection#KNOWN_METRICS} then other
 * names sorted; the report does not depend on the order calls finished in.
 *
 * <p>Not thread-safe: collect results on one thread (e.g. from the list a parallel run returns).
 */
public final class ComparisonBuilder {
    /** Name of the pooled group in reports. */
    public static final String OVERALL = "overall";

    private final List<String> estimators;
    private final String baseline;
    /** scenario -> seed -> estimator -> metrics, scenarios in first-add order. */
    private final Map<String, TreeMap<Long, Map<String, Map<String, Double>>>> calls = new LinkedHashMap<>();
    private final Map<String, String> families = new LinkedHashMap<>();

    /**
     * Starts a comparison of {@code estimators} (distinct, at least two) against {@code baseline},
     * which must be one of them.
     */
    public ComparisonBuilder(List<String> estimators, String baseline) {
        if (estimators.size() < 2 || new LinkedHashSet<>(estimators).size() != estimators.size()) {
            throw new IllegalArgumentException("need at least two distinct estimators, got " + estimators);
        }
        if (!estimators.contains(baseline)) {
            throw new IllegalArgumentException("baseline '" + baseline + "' is not among " + estimators);
        }
        this.estimators = List.copyOf(estimators);
        this.baseline = baseline;
    }

    /** The two-variant case: B against baseline A. */
    public ComparisonBuilder(String a, String b) {
        this(List.of(a, b), a);
    }

    /**
     * Adds one call's metrics. The map is copied.
     *
     * @throws IllegalArgumentException for an unknown estimator, a call already added, a scenario
     *     seen before with another family, or a value neither Number, Boolean nor null
     */
    public ComparisonBuilder add(String scenario, String family, long seed, String estimator, Map<String, ?> metrics) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(family, "family");
        if (!estimators.contains(estimator)) {
            throw new IllegalArgumentException("estimator '" + estimator + "' is not among " + estimators);
        }
        String known = families.putIfAbsent(scenario, family);
        if (known != null && !known.equals(family)) {
            throw new IllegalArgumentException("scenario '" + scenario + "' has family '" + known + "', not '"
                    + family + "'");
        }
        Map<String, Map<String, Double>> byEstimator = calls.computeIfAbsent(scenario, s -> new TreeMap<>())
                .computeIfAbsent(seed, s -> new LinkedHashMap<>());
        if (byEstimator.containsKey(estimator)) {
            throw new IllegalArgumentException("scenario '" + scenario + "' seed " + seed + " estimator "
                    + estimator + " was already added");
        }
        byEstimator.put(estimator, toDoubles(scenario, seed, estimator, metrics));
        return this;
    }

    /** Adds A's and B's metrics of one seed (two-variant builders; family = scenario name). */
    public ComparisonBuilder add(String scenario, long seed, Map<String, ?> aMetrics, Map<String, ?> bMetrics) {
        add(scenario, scenario, seed, estimators.get(0), aMetrics);
        return add(scenario, scenario, seed, estimators.get(1), bMetrics);
    }

    /** Computes the report from everything added so far; the builder stays usable. */
    public ComparisonReport build() {
        List<String> metrics = metricOrder();
        List<Long> seeds = new ArrayList<>(new TreeSet<>(calls.values().stream()
                .flatMap(bySeed -> bySeed.keySet().stream()).toList()));
        List<EstimatorComparison> raw = new ArrayList<>();
        for (String candidate : estimators) {
            if (!candidate.equals(baseline)) {
                raw.add(compareCandidate(candidate, metrics));
            }
        }
        List<EstimatorComparison> corrected = correct(raw);
        int tests = countTested(raw);
        return new ComparisonReport(estimators, baseline, seeds, tests, Collections.unmodifiableMap(families),
                Leaderboards.of(estimators, families, calls, metrics), corrected, samples(seeds, metrics));
    }

    private EstimatorComparison compareCandidate(String candidate, List<String> metrics) {
        List<ScenarioComparison> perScenario = new ArrayList<>();
        List<Map<String, Map<String, Double>>> pooled = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, Map<String, Map<String, Double>>>> e : calls.entrySet()) {
            List<Map<String, Map<String, Double>>> pairs = new ArrayList<>();
            for (Map<String, Map<String, Double>> byEstimator : e.getValue().values()) {
                if (byEstimator.containsKey(baseline) && byEstimator.containsKey(candidate)) {
                    pairs.add(byEstimator);
                }
            }
            perScenario.add(compareGroup(e.getKey(), families.get(e.getKey()), pairs, candidate, metrics));
            pooled.addAll(pairs);
        }
        return new EstimatorComparison(candidate, perScenario, compareGroup(OVERALL, OVERALL, pooled, candidate,
                metrics));
    }

    private ScenarioComparison compareGroup(String name, String family, List<Map<String, Map<String, Double>>> pairs,
            String candidate, List<String> metrics) {
        List<MetricComparison> out = new ArrayList<>(metrics.size());
        double[] a = new double[pairs.size()];
        double[] b = new double[pairs.size()];
        for (String metric : metrics) {
            int n = 0;
            for (Map<String, Map<String, Double>> call : pairs) {
                double av = call.get(baseline).getOrDefault(metric, Double.NaN);
                double bv = call.get(candidate).getOrDefault(metric, Double.NaN);
                if (Double.isFinite(av) && Double.isFinite(bv)) {
                    a[n] = av;
                    b[n] = bv;
                    n++;
                }
            }
            out.add(PairedComparison.compare(metric, Arrays.copyOf(a, n), Arrays.copyOf(b, n)));
        }
        return new ScenarioComparison(name, family, pairs.size(), out);
    }

    /** Benjamini-Hochberg over every tested comparison of the report, then the verdicts. */
    private static List<EstimatorComparison> correct(List<EstimatorComparison> raw) {
        List<Double> pValues = new ArrayList<>();
        forEachGroup(raw, g -> g.metrics().forEach(m -> {
            if (m.pValue() != null) {
                pValues.add(m.pValue());
            }
        }));
        double[] adjusted = FalseDiscoveryRate.benjaminiHochberg(pValues.stream().mapToDouble(Double::doubleValue)
                .toArray());
        int[] next = {0};
        List<EstimatorComparison> out = new ArrayList<>();
        for (EstimatorComparison c : raw) {
            List<ScenarioComparison> scenarios = new ArrayList<>();
            for (ScenarioComparison s : c.scenarios()) {
                scenarios.add(correctGroup(s, adjusted, next));
            }
            out.add(new EstimatorComparison(c.estimator(), scenarios, correctGroup(c.overall(), adjusted, next)));
        }
        return out;
    }

    private static ScenarioComparison correctGroup(ScenarioComparison g, double[] adjusted, int[] next) {
        List<MetricComparison> metrics = new ArrayList<>();
        for (MetricComparison m : g.metrics()) {
            metrics.add(m.pValue() == null ? m : m.corrected(adjusted[next[0]++], PairedComparison.SIGNIFICANCE_LEVEL));
        }
        return new ScenarioComparison(g.name(), g.family(), g.pairs(), metrics);
    }

    private static int countTested(List<EstimatorComparison> raw) {
        int[] count = {0};
        forEachGroup(raw, g -> g.metrics().forEach(m -> count[0] += m.pValue() == null ? 0 : 1));
        return count[0];
    }

    /** Visits groups in the one fixed order that {@link #correct} assigns adjusted values in. */
    private static void forEachGroup(List<EstimatorComparison> comparisons,
            java.util.function.Consumer<ScenarioComparison> visitor) {
        for (EstimatorComparison c : comparisons) {
            c.scenarios().forEach(visitor);
            visitor.accept(c.overall());
        }
    }

    private Map<String, Map<String, Map<String, double[]>>> samples(List<Long> seeds, List<String> metrics) {
        Map<String, Map<String, Map<String, double[]>>> out = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<Long, Map<String, Map<String, Double>>>> e : calls.entrySet()) {
            Map<String, Map<String, double[]>> byEstimator = new LinkedHashMap<>();
            for (String estimator : estimators) {
                Map<String, double[]> byMetric = new LinkedHashMap<>();
                for (String metric : metrics) {
                    double[] values = new double[seeds.size()];
                    for (int i = 0; i < values.length; i++) {
                        Map<String, Double> call = e.getValue().getOrDefault(seeds.get(i), Map.of()).get(estimator);
                        values[i] = call == null ? Double.NaN : call.getOrDefault(metric, Double.NaN);
                    }
                    byMetric.put(metric, values);
                }
                byEstimator.put(estimator, Collections.unmodifiableMap(byMetric));
            }
            out.put(e.getKey(), Collections.unmodifiableMap(byEstimator));
        }
        return Collections.unmodifiableMap(out);
    }

    private List<String> metricOrder() {
        TreeSet<String> present = new TreeSet<>();
        calls.values().forEach(bySeed -> bySeed.values().forEach(byEstimator ->
                byEstimator.values().forEach(m -> present.addAll(m.keySet()))));
        List<String> order = new ArrayList<>();
        for (String known : MetricDirection.KNOWN_METRICS) {
            if (present.remove(known)) {
                order.add(known);
            }
        }
        order.addAll(present);
        return order;
    }

    /** Numbers as doubles, booleans as 0/1, anything missing or non-finite as NaN. */
    private static Map<String, Double> toDoubles(String scenario, long seed, String estimator, Map<String, ?> metrics) {
        Objects.requireNonNull(metrics, "metrics of " + estimator);
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : metrics.entrySet()) {
            Object v = e.getValue();
            double value;
            if (v instanceof Boolean flag) {
                value = flag ? 1 : 0;
            } else if (v instanceof Number number) {
                value = number.doubleValue();
            } else if (v == null) {
                value = Double.NaN;
            } else {
                throw new IllegalArgumentException("scenario '" + scenario + "' seed " + seed + " estimator "
                        + estimator + ": metric '" + e.getKey() + "' is neither a number nor a boolean: "
                        + v.getClass().getName());
            }
            copy.put(Objects.requireNonNull(e.getKey(), "metric name"), value);
        }
        return copy;
    }
}
