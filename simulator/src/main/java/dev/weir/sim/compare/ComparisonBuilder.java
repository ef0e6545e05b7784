package dev.weir.sim.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects paired per-call metrics of two variants A and B (same scenario, same seed) and builds a
 * {@link ComparisonReport}; the statistics are described in {@link PairedComparison}.
 *
 * <p>Metric values may be {@link Number} or {@link Boolean} (compared as a 0/1 rate). A pair is
 * left out of one metric's comparison when either side lacks the metric, is null or is not finite
 * (for example a ramp-up time that was never reached); each metric reports its own {@code n}.
 *
 * <p>Determinism: within a scenario pairs are ordered by seed, so the report does not depend on
 * the order calls finished in. Scenarios keep the order of their first {@link #add}. Metrics
 * follow {@link MetricDirection#KNOWN_METRICS}, then unknown metric names sorted.
 *
 * <p>Overall: all (scenario, seed) pairs are pooled into one paired sample, as an online A/B test
 * pools all calls. Every call weighs the same, so scenarios with more seeds weigh more, and
 * scenarios with large values (e.g. high-capacity links for bitrate) dominate absolute metrics;
 * read the per-scenario rows for per-network effects. Scenario-to-scenario spread enters the
 * variance of the differences, which makes the overall interval conservative.
 *
 * <p>Not thread-safe: collect results on one thread (e.g. from the list a parallel run returns).
 */
public final class ComparisonBuilder {
    /** Name of the pooled group in reports. */
    public static final String OVERALL = "overall";

    private final String aName;
    private final String bName;
    /** scenario name -> (seed -> pair), scenarios in first-add order. */
    private final Map<String, TreeMap<Long, Pair>> scenarios = new LinkedHashMap<>();

    private record Pair(Map<String, Object> a, Map<String, Object> b) {
    }

    /** Starts a comparison of variant {@code bName} (candidate) against {@code aName} (baseline). */
    public ComparisonBuilder(String aName, String bName) {
        this.aName = Objects.requireNonNull(aName, "aName");
        this.bName = Objects.requireNonNull(bName, "bName");
    }

    /**
     * Adds the metrics of A and B for one seed of one scenario. The maps are copied.
     *
     * @throws IllegalArgumentException if this (scenario, seed) was already added or a value is
     *     neither a Number, a Boolean nor null
     */
    public ComparisonBuilder add(String scenario, long seed, Map<String, ?> aMetrics,
            Map<String, ?> bMetrics) {
        Objects.requireNonNull(scenario, "scenario");
        Map<String, Object> aCopy = copyChecked(scenario, seed, aName, aMetrics);
        Map<String, Object> bCopy = copyChecked(scenario, seed, bName, bMetrics);
        TreeMap<Long, Pair> bySeed = scenarios.computeIfAbsent(scenario, s -> new TreeMap<>());
        if (bySeed.containsKey(seed)) {
            throw new IllegalArgumentException("scenario '" + scenario + "' seed " + seed
                    + " was already added");
        }
        bySeed.put(seed, new Pair(aCopy, bCopy));
        return this;
    }

    /** Computes the report from everything added so far; the builder stays usable. */
    public ComparisonReport build() {
        List<String> metricOrder = metricOrder();
        List<ScenarioComparison> perScenario = new ArrayList<>();
        List<Pair> pooled = new ArrayList<>();
        TreeSet<Long> seeds = new TreeSet<>();
        for (Map.Entry<String, TreeMap<Long, Pair>> e : scenarios.entrySet()) {
            List<Pair> pairs = new ArrayList<>(e.getValue().values());
            perScenario.add(compareGroup(e.getKey(), pairs, metricOrder));
            pooled.addAll(pairs);
            seeds.addAll(e.getValue().keySet());
        }
        return new ComparisonReport(aName, bName, seeds.size(), perScenario,
                compareGroup(OVERALL, pooled, metricOrder));
    }

    private static ScenarioComparison compareGroup(String name, List<Pair> pairs,
            List<String> metricOrder) {
        List<MetricComparison> metrics = new ArrayList<>(metricOrder.size());
        double[] a = new double[pairs.size()];
        double[] b = new double[pairs.size()];
        for (String metric : metricOrder) {
            int n = 0;
            for (Pair p : pairs) {
                double av = toDouble(p.a().get(metric));
                double bv = toDouble(p.b().get(metric));
                if (Double.isFinite(av) && Double.isFinite(bv)) {
                    a[n] = av;
                    b[n] = bv;
                    n++;
                }
            }
            metrics.add(PairedComparison.compare(metric, Arrays.copyOf(a, n),
                    Arrays.copyOf(b, n)));
        }
        return new ScenarioComparison(name, pairs.size(), metrics);
    }

    private List<String> metricOrder() {
        TreeSet<String> present = new TreeSet<>();
        for (TreeMap<Long, Pair> bySeed : scenarios.values()) {
            for (Pair p : bySeed.values()) {
                present.addAll(p.a().keySet());
                present.addAll(p.b().keySet());
            }
        }
        List<String> order = new ArrayList<>();
        for (String known : MetricDirection.KNOWN_METRICS) {
            if (present.remove(known)) {
                order.add(known);
            }
        }
        order.addAll(present);
        return order;
    }

    /** NaN stands for "missing" (absent, null or non-finite). */
    private static double toDouble(Object v) {
        if (v instanceof Boolean) {
            return ((Boolean) v) ? 1 : 0;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        return Double.NaN;
    }

    private static Map<String, Object> copyChecked(String scenario, long seed, String variant,
            Map<String, ?> metrics) {
        Objects.requireNonNull(metrics, "metrics of " + variant);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : metrics.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof Number) && !(v instanceof Boolean)) {
                throw new IllegalArgumentException("scenario '" + scenario + "' seed " + seed
                        + " variant " + variant + ": metric '" + e.getKey()
                        + "' is neither a number nor a boolean: " + v.getClass().getName());
            }
            copy.put(Objects.requireNonNull(e.getKey(), "metric name"), v);
        }
        return copy;
    }
}
