package dev.weir.sim.gate;

import dev.weir.sim.compare.Scale;

/**
 * The measured run-to-run noise of one metric in one group: the standard deviation of the
 * Hodges-Lehmann change between two runs of the same variant on disjoint seed sets of the suite's
 * size (so, what re-running the suite with other seeds moves the metric by), on the scale the gate
 * analyses it: log ratio when every calibration value was > 0, else the metric's unit. The
 * absolute-scale figure is kept as well, for a gate run whose data hold a 0 where calibration had
 * none.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scale the scale {@code sd} is on
 * @param sd noise on {@code scale}: natural-log ratio units (0.01 ~ 1 %) or the metric's unit
 * @param absoluteSd noise of the difference B - A in the metric's unit
 */
public record MetricNoise(Scale scale, double sd, double absoluteSd) {
    public MetricNoise {
        if (!(sd >= 0) || !(absoluteSd >= 0) || Double.isInfinite(sd) || Double.isInfinite(absoluteSd)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + sd + " and " + absoluteSd);
        }
    }

    /** The noise on {@code analysed}: {@link #sd} on the calibrated scale, {@link #absoluteSd} on the absolute one. */
    public double sdOn(Scale analysed) {
        return analysed == scale ? sd : absoluteSd;
    }
}
