package dev.weir.sim.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A group of suite scenarios whose calls the gate pools into one paired test per metric: one group
 * per network family, and {@link #OVERALL} over every scenario (a small change everywhere shows
 * there first). When the suite has trace scenarios, {@link #OVERALL_SYNTHETIC} pools the synthetic
 * ones, so a machine without the traces still has a calibrated overall group.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name family name, {@link #OVERALL} or {@link #OVERALL_SYNTHETIC}
 * @param scenarios scenario names in suite order
 */
public record GateGroup(String name, List<String> scenarios) {
    /** Every scenario of the suite. */
    public static final String OVERALL = "overall";
    /** Every synthetic (trace-free) scenario of a suite that also has trace scenarios. */
    public static final String OVERALL_SYNTHETIC = "overall-synthetic";

    public GateGroup {
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("group " + name + " has no scenario");
        }
        scenarios = List.copyOf(scenarios);
    }

    /**
     * The groups of a suite: one per family in first-seen order, then {@link #OVERALL}, then
     * {@link #OVERALL_SYNTHETIC} when {@code traceScenarios} is not empty.
     *
     * @param families scenario name to family, in suite order
     * @param traceScenarios the scenarios that need trace files
     */
    public static List<GateGroup> of(Map<String, String> families, Set<String> traceScenarios) {
        Map<String, List<String>> byFamily = new LinkedHashMap<>();
        families.forEach((scenario, family) -> byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(scenario));
        List<GateGroup> groups = new ArrayList<>();
        byFamily.forEach((family, scenarios) -> groups.add(new GateGroup(family, scenarios)));
        if (byFamily.containsKey(OVERALL) || byFamily.containsKey(OVERALL_SYNTHETIC)) {
            throw new IllegalArgumentException("a family may not be named " + OVERALL + " or " + OVERALL_SYNTHETIC);
        }
        groups.add(new GateGroup(OVERALL, new ArrayList<>(families.keySet())));
        if (!traceScenarios.isEmpty()) {
            List<String> synthetic = families.keySet().stream().filter(s -> !traceScenarios.contains(s)).toList();
            if (!synthetic.isEmpty()) {
                groups.add(new GateGroup(OVERALL_SYNTHETIC, synthetic));
            }
        }
        return groups;
    }
}
