package dev.weir.cli;

import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.call.TimeSeries;
import java.io.Serializable;

/**
 * What a comparison keeps of one call: its metrics, and its time series only for the seed the
 * HTML report draws (a call's packet log and other seeds' series would not fit in memory over
 * thousands of calls). Serializable, so it comes back from a call run in another JVM.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scenario scenario name
 * @param family scenario family
 * @param estimator estimator name
 * @param seed seed
 * @param metrics the call's metrics
 * @param series the time series, or null when not kept
 */
record CallOutcome(String scenario, String family, String estimator, long seed, CallMetrics metrics,
                   TimeSeries series) implements Serializable {
    private static final long serialVersionUID = 1L;
}
