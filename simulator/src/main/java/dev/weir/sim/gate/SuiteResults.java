package dev.weir.sim.gate;

import dev.weir.sim.compare.JsonNumbers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-call metrics of one variant over a gate suite: scenario, seed, metric, value. Values are
 * rounded to {@link JsonNumbers#format}'s 9 significant digits on the way in, so metrics computed
 * now and metrics read back from a committed record compare equal when the code did not change
 * (a record stores the same 9 digits), whatever the JDK's shortest-decimal rules.
 *
 * <p>Not thread-safe while adding; collect results on one thread (e.g. from the list a parallel run
 * returns), then read from any thread.
 */
public final class SuiteResults {
    private final Map<String, String> families = new LinkedHashMap<>();
    private final Map<String, TreeMap<Long, Map<String, Double>>> calls = new LinkedHashMap<>();

    /**
     * Adds one call's metrics (numbers, or booleans as 0/1; others are rejected). A scenario keeps
     * the family of its first call.
     *
     * @throws IllegalArgumentException for a call already added, another family for a known
     *     scenario, or a value that is neither a finite number nor a boolean
     */
    public SuiteResults add(String scenario, String family, long seed, Map<String, ?> metrics) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(family, "family");
        String known = families.putIfAbsent(scenario, family);
        if (known != null && !known.equals(family)) {
            throw new IllegalArgumentException("scenario '" + scenario + "' has family '" + known + "', not '" + family
                    + "'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : metrics.entrySet()) {
            Object v = e.getValue();
            double value;
            if (v instanceof Boolean flag) {
                value = flag ? 1 : 0;
            } else if (v instanceof Number number && Double.isFinite(number.doubleValue())) {
                value = round(number.doubleValue());
            } else {
                throw new IllegalArgumentException("scenario '" + scenario + "' seed " + seed + ": metric '" + e.getKey()
                        + "' is not a finite number or a boolean: " + v);
            }
            values.put(e.getKey(), value);
        }
        if (calls.computeIfAbsent(scenario, s -> new TreeMap<>()).putIfAbsent(seed,
                Collections.unmodifiableMap(values)) != null) {
            throw new IllegalArgumentException("scenario '" + scenario + "' seed " + seed + " was already added");
        }
        return this;
    }

    /** Adds every call of {@code other} (same rules as {@link #add}). */
    public SuiteResults addAll(SuiteResults other) {
        for (String scenario : other.scenarios()) {
            for (long seed : other.seeds(scenario)) {
                add(scenario, other.family(scenario), seed, other.metrics(scenario, seed));
            }
        }
        return this;
    }

    /** The value, or null when the call or the metric is absent. */
    public Double value(String scenario, long seed, String metric) {
        Map<String, Double> call = metrics(scenario, seed);
        return call == null ? null : call.get(metric);
    }

    /** A call's metrics (unmodifiable), or null when absent. */
    public Map<String, Double> metrics(String scenario, long seed) {
        TreeMap<Long, Map<String, Double>> bySeed = calls.get(scenario);
        return bySeed == null ? null : bySeed.get(seed);
    }

    /** Whether every seed of {@code seeds} has a call for {@code scenario}. */
    public boolean covers(String scenario, Iterable<Long> seeds) {
        for (long seed : seeds) {
            if (metrics(scenario, seed) == null) {
                return false;
            }
        }
        return true;
    }

    /** Scenarios in the order of their first call. */
    public Set<String> scenarios() {
        return Collections.unmodifiableSet(families.keySet());
    }

    /** The scenario's family, or null for an unknown scenario. */
    public String family(String scenario) {
        return families.get(scenario);
    }

    /** Seeds with a call for {@code scenario}, ascending (empty for an unknown scenario). */
    public NavigableSet<Long> seeds(String scenario) {
        TreeMap<Long, Map<String, Double>> bySeed = calls.get(scenario);
        return bySeed == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(bySeed.navigableKeySet());
    }

    /** {@code value} with 9 significant digits, as reports and records write it. */
    public static double round(double value) {
        return Double.parseDouble(JsonNumbers.format(value));
    }
}
