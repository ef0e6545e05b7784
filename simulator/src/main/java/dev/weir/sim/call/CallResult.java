package dev.weir.sim.call;

/**
 * Everything one simulated call produced. Immutable once returned; thread-safe to read.
 *
 * @param scenarioName the scenario's name
 * @param family the scenario's network family
 * @param estimatorName name the estimator ran under
 * @param seed the seed the call ran with
 * @param series one row per 100 ms
 * @param metrics the call's summary metrics
 * @param packets ground truth for every packet sent
 */
public record CallResult(String scenarioName, String family, String estimatorName, long seed, TimeSeries series,
                         CallMetrics metrics, PacketLog packets) {
}
