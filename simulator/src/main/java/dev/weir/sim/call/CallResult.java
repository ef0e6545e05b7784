package dev.weir.sim.call;

/**
 * Everything one simulated call produced. Immutable once returned; thread-safe to read.
 *
 * <p>Per-packet ground truth is not part of the result: it went to the call's
 * {@link PacketTap}s as the call ran (see {@link CallOutputs}).
 *
 * @param scenarioName the scenario's name
 * @param family the scenario's network family
 * @param estimatorName name the estimator ran under
 * @param seed the seed the call ran with
 * @param series one row per 100 ms, or null when the call's {@link CallOutputs} did not keep it
 *     ({@link #series()} then throws)
 * @param metrics the call's summary metrics
 */
public record CallResult(String scenarioName, String family, String estimatorName, long seed, TimeSeries series,
                         CallMetrics metrics) {
    /**
     * One row per 100 ms.
     *
     * @throws IllegalStateException when the call streamed its series without keeping it
     */
    @Override
    public TimeSeries series() {
        if (series == null) {
            throw new IllegalStateException("the call streamed its time series without keeping it"
                    + " (CallOutputs.keepSeries(false))");
        }
        return series;
    }

    /** Whether {@link #series()} holds the series. */
    public boolean hasSeries() {
        return series != null;
    }
}
