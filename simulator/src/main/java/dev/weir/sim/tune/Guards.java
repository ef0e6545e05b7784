package dev.weir.sim.tune;

import dev.weir.sim.call.CallMetrics;
import dev.weir.steer.TuningRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The do-no-harm guards, the one place their arithmetic lives: over the same calls, a candidate's
 * mean of a guarded metric may be worse than GCC's defaults' mean by at most the larger of 2 % and
 * the metric's noise floor (1 ms of delay, 0.1 percentage points of freezes or time frozen or over
 * 400 ms: below those, differences are a few frames or packets; none for rates and scores). J
 * charges delay only above 150 ms, so without the guards a search trades delay that users on good
 * links notice for bitrate.
 *
 * <p>The tuning guards p95 delay, freezes and time frozen or over 400 ms ({@link #of}): the
 * acceptance check applies them to held-out calls; the search adds {@link #penalty} on the tuning
 * calls, so it looks for sets that will pass. The network-type decision fit checks more metrics on
 * stable wired links with {@link #excess} (issue 10's "no metric worse by more than 2 %").
 *
 * <p>Thread-safe (static functions only).
 */
public final class Guards {
    /** Metrics the tuning guards. */
    private static final String[] TUNING_METRICS = {"delay_p95_ms", "freeze_pct", "bad_experience_pct"};
    /** Relative tolerance of every guard: the "no metric worse by more than 2 %". */
    public static final double RELATIVE = 0.02;
    /** Objective points per allowed increase by which a guard is exceeded (a steep wall, not a ban). */
    static final double PENALTY_PER_TOLERANCE = 5.0;

    private Guards() {
    }

    /** Noise floor of {@code metric} in its unit (ms, percentage points); 0 for metrics without one. */
    public static double floor(String metric) {
        return switch (metric) {
            case "delay_p95_ms" -> 1.0;
            case "freeze_pct", "bad_experience_pct" -> 0.1;
            default -> 0.0;
        };
    }

    /** The worsening a guard allows against a defaults' mean of {@code defaultsMean}. */
    public static double tolerance(String metric, double defaultsMean) {
        return Math.max(RELATIVE * Math.abs(defaultsMean), floor(metric));
    }

    /**
     * How far {@code candidateMean} is worse than {@code defaultsMean} in units of the tolerance
     * (at most 1 passes; negative when better).
     */
    public static double excess(String metric, double defaultsMean, double candidateMean, boolean higherIsBetter) {
        double worsening = (candidateMean - defaultsMean) * (higherIsBetter ? -1 : 1);
        double tolerance = tolerance(metric, defaultsMean);
        return tolerance > 0 ? worsening / tolerance : worsening > 0 ? Double.POSITIVE_INFINITY : 0;
    }

    /** Each tuning guard of {@code tuned} against {@code defaults} (the same calls). */
    static List<TuningRecord.Guard> of(List<CallMetrics> defaults, List<CallMetrics> tuned) {
        List<TuningRecord.Guard> guards = new ArrayList<>();
        for (String metric : TUNING_METRICS) {
            TuningRecord.Guard guard = new TuningRecord.Guard();
            guard.metric = metric;
            guard.defaultsMean = mean(defaults, metric);
            guard.tunedMean = mean(tuned, metric);
            guard.allowedIncrease = tolerance(metric, guard.defaultsMean);
            guard.passed = guard.tunedMean - guard.defaultsMean <= guard.allowedIncrease;
            guards.add(guard);
        }
        return guards;
    }

    /** Objective points added for exceeded guards: {@link #PENALTY_PER_TOLERANCE} per allowed increase beyond it. */
    static double penalty(List<TuningRecord.Guard> guards) {
        double penalty = 0;
        for (TuningRecord.Guard guard : guards) {
            double excess = guard.tunedMean - guard.defaultsMean - guard.allowedIncrease;
            if (excess > 0) {
                penalty += PENALTY_PER_TOLERANCE * excess / guard.allowedIncrease;
            }
        }
        return penalty;
    }

    /** The mean of {@code metric} over {@code calls}. */
    public static double mean(List<CallMetrics> calls, String metric) {
        double sum = 0;
        for (CallMetrics call : calls) {
            sum += call.value(metric);
        }
        return sum / calls.size();
    }
}
