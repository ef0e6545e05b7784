package dev.weir.sim.tune;

import dev.weir.sim.call.CallMetrics;
import dev.weir.steer.TuningRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The do-no-harm guards: over the same calls, a tuned set's mean of each guarded metric (what a
 * user sees: p95 delay, freezes, time frozen or over 400 ms delay) may exceed GCC's defaults' mean
 * by at most the larger of 2 % and the metric's noise floor (1 ms, 0.1 and 0.1 percentage points:
 * below those, differences are a few frames or packets). J charges delay only above 150 ms, so
 * without the guards a search trades delay that users on good links notice for bitrate.
 *
 * <p>The acceptance check applies them to held-out calls; the search adds {@link #penalty} on the
 * tuning calls, so it looks for sets that will pass.
 *
 * <p>Thread-safe (static functions only).
 */
final class Guards {
    /** Guarded metrics. */
    private static final String[] METRICS = {"delay_p95_ms", "freeze_pct", "bad_experience_pct"};
    /** Noise floor per guarded metric, in its unit (ms, percentage points, percentage points). */
    private static final double[] ABSOLUTE = {1.0, 0.1, 0.1};
    /** Relative tolerance of every guard: the "no metric worse by more than 2 %". */
    private static final double RELATIVE = 0.02;
    /** Objective points per allowed increase by which a guard is exceeded (a steep wall, not a ban). */
    static final double PENALTY_PER_TOLERANCE = 5.0;

    private Guards() {
    }

    /** Each guard of {@code tuned} against {@code defaults} (the same calls). */
    static List<TuningRecord.Guard> of(List<CallMetrics> defaults, List<CallMetrics> tuned) {
        List<TuningRecord.Guard> guards = new ArrayList<>();
        for (int g = 0; g < METRICS.length; g++) {
            TuningRecord.Guard guard = new TuningRecord.Guard();
            guard.metric = METRICS[g];
            guard.defaultsMean = mean(defaults, guard.metric);
            guard.tunedMean = mean(tuned, guard.metric);
            guard.allowedIncrease = Math.max(RELATIVE * Math.abs(guard.defaultsMean), ABSOLUTE[g]);
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

    private static double mean(List<CallMetrics> calls, String metric) {
        double sum = 0;
        for (CallMetrics call : calls) {
            sum += call.value(metric);
        }
        return sum / calls.size();
    }
}
