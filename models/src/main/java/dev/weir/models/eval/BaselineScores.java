package dev.weir.models.eval;

import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.models.data.Dataset;
import java.util.List;

/**
 * Continuous scores of the baselines at a decision step, from the same inputs the model has (the
 * call's rows up to the step and the step's dense vector), each oriented so that higher means
 * "congestion" (loss attribution: the loss is not purely random; onset: congestion ahead):
 * <ul>
 *   <li>{@code persistence}: the latest step's delay above the running minimum, ms (a queue now);</li>
 *   <li>{@code gcc_overuse}: the delay detector's trend over its threshold at the latest step (its
 *       continuous score; the detector says overuse above 1);</li>
 *   <li>{@code rtt_rise}: the highest RTT of the latest 1 s minus the lowest of the 10 s window, ms
 *       (the spike rule's continuous score);</li>
 *   <li>{@code inherent_loss}: in the spirit of LossBasedBweV2's inherent loss (libwebrtc
 *       {@code loss_based_bwe_v2.cc}: loss the link shows whatever the rate is not the sender's
 *       doing): the loss rate of the window's steps sent below the window's mean rate is taken
 *       as inherent, and the score is the share of the latest 2 s's loss rate above it,
 *       {@code 1 - inherent / recent} clamped to [0, 1] (0 without recent loss);</li>
 *   <li>the classic loss-differentiation rules: the dataset's share of congestion verdicts.</li>
 * </ul>
 *
 * <p>Features are found by name in the dataset's schema; a baseline whose features the schema lacks
 * is not available ({@link #has}).
 *
 * <p>Immutable and thread-safe.
 */
final class BaselineScores {
    /** Steps of the 10 s window (200 ms steps). */
    static final int WINDOW_STEPS = 50;
    /** Steps of the latest 1 s. */
    static final int RECENT_STEPS = 5;
    /** Steps of the loss look-back (2 s). */
    static final int LOOKBACK_STEPS = 10;

    private final int aboveMin;
    private final int trend;
    private final int threshold;
    private final int rtt;
    private final int loss;
    private final int send;

    BaselineScores(Dataset d) {
        List<String> names = d.tsFeatureNames();
        aboveMin = names.indexOf(TimeSeriesFeature.DELAY_ABOVE_MIN_MS.featureName());
        trend = names.indexOf(TimeSeriesFeature.DELAY_TREND_MS.featureName());
        threshold = names.indexOf(TimeSeriesFeature.DELAY_THRESHOLD_MS.featureName());
        rtt = names.indexOf(TimeSeriesFeature.RTT_MS.featureName());
        loss = names.indexOf(TimeSeriesFeature.LOSS_FRACTION.featureName());
        send = names.indexOf(TimeSeriesFeature.SEND_RATE_KBPS.featureName());
    }

    /** Whether the schema has the features baseline {@code name} needs. */
    boolean has(String name) {
        return switch (name) {
            case "persistence" -> aboveMin >= 0;
            case "gcc_overuse" -> trend >= 0 && threshold >= 0;
            case "rtt_rise" -> rtt >= 0;
            case "inherent_loss" -> loss >= 0 && send >= 0;
            default -> false;
        };
    }

    double persistence(Dataset d, int step) {
        return d.tsValue(step, aboveMin);
    }

    double gccOveruse(Dataset d, int step) {
        double t = d.tsValue(step, threshold);
        return t > 0 ? d.tsValue(step, trend) / t : 0;
    }

    double rttRise(Dataset d, int step, int callStart) {
        double recentMax = 0;
        double windowMin = Double.MAX_VALUE;
        for (int k = Math.max(callStart, step - WINDOW_STEPS + 1); k <= step; k++) {
            double value = d.tsValue(k, rtt);
            if (value > 0) {
                windowMin = Math.min(windowMin, value);
            }
            if (k > step - RECENT_STEPS) {
                recentMax = Math.max(recentMax, value);
            }
        }
        return windowMin == Double.MAX_VALUE ? 0 : Math.max(0, recentMax - windowMin);
    }

    double inherentLoss(Dataset d, int step, int callStart) {
        int from = Math.max(callStart, step - WINDOW_STEPS + 1);
        double sendSum = 0;
        for (int k = from; k <= step; k++) {
            sendSum += d.tsValue(k, send);
        }
        double sendMean = sendSum / (step - from + 1);
        double lowLoss = 0;
        int low = 0;
        for (int k = from; k <= step; k++) {
            if (d.tsValue(k, send) < sendMean) {
                lowLoss += d.tsValue(k, loss);
                low++;
            }
        }
        double recent = 0;
        int recentSteps = 0;
        for (int k = Math.max(callStart, step - LOOKBACK_STEPS + 1); k <= step; k++) {
            recent += d.tsValue(k, loss);
            recentSteps++;
        }
        recent /= recentSteps;
        if (!(recent > 0)) {
            return 0;
        }
        double inherent = low == 0 ? 0 : lowLoss / low;
        return Math.max(0, Math.min(1, 1 - inherent / recent));
    }

    /** The logistic regression's inputs at {@code step}: the normalised latest row, then the normalised dense vector. */
    static void features(Dataset d, int step, Normalisation norm, double[] out, int offset) {
        int ts = d.tsFeatures();
        for (int f = 0; f < ts; f++) {
            out[offset + f] = norm.normaliseTs(f, d.tsValue(step, f));
        }
        for (int f = 0; f < d.denseInputs(); f++) {
            out[offset + ts + f] = norm.normaliseDense(f, d.denseValue(step, f));
        }
    }
}
