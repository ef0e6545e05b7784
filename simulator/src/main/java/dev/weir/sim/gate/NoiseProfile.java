package dev.weir.sim.gate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant's measured run-to-run noise over a suite ({@link NoiseCalibration}): per group, the
 * scenarios it pools and per metric a {@link MetricNoise}. The gate's threshold for a metric is
 * {@link RegressionGate#THRESHOLD_SIGMAS} times that noise.
 *
 * <p>Immutable and thread-safe.
 *
 * @param replicates how many pairs of disjoint seed sets the noise was measured on
 * @param seedsPerReplicate seeds per scenario in each set (the suite's seed count)
 * @param groups group name to its noise, in suite order
 */
public record NoiseProfile(int replicates, int seedsPerReplicate, Map<String, GroupNoise> groups) {
    public NoiseProfile {
        if (replicates < 1 || seedsPerReplicate < 1) {
            throw new IllegalArgumentException("replicates and seeds per replicate must be >= 1");
        }
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /**
     * One group's noise.
     *
     * @param scenarios the scenarios the group pooled when calibrated
     * @param metrics metric name to noise, in report order
     */
    public record GroupNoise(List<String> scenarios, Map<String, MetricNoise> metrics) {
        public GroupNoise {
            scenarios = List.copyOf(scenarios);
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }
}
