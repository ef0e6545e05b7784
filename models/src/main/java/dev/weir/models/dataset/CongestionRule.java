package dev.weir.models.dataset;

import dev.weir.models.data.Dataset;

/**
 * The production-style congestion label of the ML BWE design (docs/ml.md, the
 * congestion task): from the RTT and loss series the sender observed (no simulator truth), split time at
 * the sample into the past {@code rule_past_ms} and the future {@code rule_future_ms}. Exactly:
 * <ol>
 *   <li>{@code minPast} = the smallest positive RTT of the past steps; no positive RTT: no label (-1).
 *   <li>A future step k is a spike when {@code rtt[k] >= minPast + max(spike_min_ms,
 *       spike_fraction x minPast)}.
 *   <li>Positive (1) when some spike step k is followed by loss (a step j >= k, same step
 *       included since the order inside a step is unknown, with loss fraction above
 *       {@code rule_loss_fraction}) or by further RTT growth (a step j > k with
 *       {@code rtt[j] >= rtt[k] + max(growth_min_ms, growth_fraction x rtt[k])}), both within the
 *       future part; else 0. Without the whole future in the series: -1.
 * </ol>
 * Steps with RTT 0 (none measured yet) never spike.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class CongestionRule {
    private CongestionRule() {
    }

    /**
     * The rule label at step boundary {@code now}: past steps are {@code [now - past, now)}, future
     * steps {@code [now, now + future)} of the given series (one value per step, oldest first).
     *
     * @return 1 congestion ahead, 0 none, {@link Dataset#NO_LABEL} when the series does not cover
     *     the split or the past holds no RTT
     */
    public static int label(float[] rttMs, float[] lossFraction, int length, int now, DatasetSettings settings) {
        int past = settings.steps(settings.rulePastMs);
        int future = settings.steps(settings.ruleFutureMs);
        if (now - past < 0 || now + future > length || length > Math.min(rttMs.length, lossFraction.length)) {
            return Dataset.NO_LABEL;
        }
        double minPast = Double.MAX_VALUE;
        for (int k = now - past; k < now; k++) {
            if (rttMs[k] > 0) {
                minPast = Math.min(minPast, rttMs[k]);
            }
        }
        if (minPast == Double.MAX_VALUE) {
            return Dataset.NO_LABEL;
        }
        double spikeMs = minPast + Math.max(settings.spikeMinMs, settings.spikeFraction * minPast);
        int end = now + future;
        for (int k = now; k < end; k++) {
            if (!(rttMs[k] >= spikeMs)) {
                continue;
            }
            for (int j = k; j < end; j++) {
                if (lossFraction[j] > settings.ruleLossFraction) {
                    return 1;
                }
            }
            double growthMs = rttMs[k] + Math.max(settings.growthMinMs, settings.growthFraction * rttMs[k]);
            for (int j = k + 1; j < end; j++) {
                if (rttMs[j] >= growthMs) {
                    return 1;
                }
            }
        }
        return 0;
    }

    /**
     * Whether the latest {@code recentSteps} of {@code rttMs[0, length)} reach the spike level
     * above the minimum positive RTT of the whole series (the {@code congestion:rtt_rise} baseline).
     */
    static boolean recentSpike(float[] rttMs, int length, int recentSteps, DatasetSettings settings) {
        double min = Double.MAX_VALUE;
        for (int k = 0; k < length; k++) {
            if (rttMs[k] > 0) {
                min = Math.min(min, rttMs[k]);
            }
        }
        if (min == Double.MAX_VALUE) {
            return false;
        }
        double spikeMs = min + Math.max(settings.spikeMinMs, settings.spikeFraction * min);
        for (int k = Math.max(0, length - recentSteps); k < length; k++) {
            if (rttMs[k] >= spikeMs) {
                return true;
            }
        }
        return false;
    }
}
