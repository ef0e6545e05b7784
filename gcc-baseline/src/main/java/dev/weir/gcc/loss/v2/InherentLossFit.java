package dev.weir.gcc.loss.v2;

/**
 * The loss model of {@link LossBasedBweV2} and its maximum-likelihood fit, after libwebrtc's
 * {@code GetLossProbability}, {@code GetObjective}, {@code GetDerivatives},
 * {@code NewtonsMethodUpdate}, {@code GetFeasibleInherentLoss} and {@code GetHighBandwidthBias}
 * (modules/congestion_controller/goog_cc/loss_based_bwe_v2.cc, https://webrtc.googlesource.com/src).
 *
 * <p>A channel is (inherent loss {@code l}, loss-limited bandwidth {@code B}); sending at rate
 * {@code r} loses {@code l + (1 - l)(r - B)/r} when {@code r > B}, else {@code l}. Each observation
 * contributes the log-likelihood of its lost and received packets (or kilobytes), weighted by age;
 * Newton steps move {@code l} towards the maximum for a fixed {@code B}, and a bias rewards higher
 * bandwidths while the average loss is below a threshold.
 *
 * <p>Allocation-free: the two derivatives are returned through fields. Not thread-safe: owned by
 * one {@link LossBasedBweV2}.
 */
final class InherentLossFit {
    /** Loss probabilities are kept in [1e-6, 1 - 1e-6] so both logarithms stay finite (libwebrtc). */
    private static final double MIN_LOSS_PROBABILITY = 1.0e-6;
    /** libwebrtc's replacement for a non-negative second derivative (mathematically impossible). */
    private static final double FALLBACK_SECOND_DERIVATIVE = -1.0e-6;
    /** Bytes per kilobyte in libwebrtc's {@code ToKiloBytes}. */
    private static final double BYTES_PER_KILOBYTE = 1000.0;

    private final ObservationWindow window;
    private LossBasedBweV2Settings settings;
    private double firstDerivative;
    private double secondDerivative;

    InherentLossFit(ObservationWindow window, LossBasedBweV2Settings settings) {
        this.window = window;
        this.settings = settings;
    }

    void settings(LossBasedBweV2Settings newSettings) {
        settings = newSettings;
    }

    /**
     * libwebrtc {@code NewtonsMethodUpdate}: {@code newton_iterations} damped Newton steps on the
     * inherent loss of channel ({@code inherentLoss}, {@code bandwidthBps}); returns the new loss.
     */
    double newtonUpdate(double inherentLoss, long bandwidthBps) {
        if (window.count() <= 0) {
            return inherentLoss;
        }
        for (int i = 0; i < settings.newtonIterations; i++) {
            computeDerivatives(inherentLoss, bandwidthBps);
            inherentLoss -= settings.newtonStepSize * firstDerivative / secondDerivative;
            inherentLoss = feasibleInherentLoss(inherentLoss, bandwidthBps);
        }
        return inherentLoss;
    }

    /** libwebrtc {@code GetObjective}: weighted log-likelihood plus the high-bandwidth bias. */
    double objective(double inherentLoss, long bandwidthBps, double averageReportedLossRatio) {
        double objective = 0.0;
        double highBandwidthBias = highBandwidthBias(bandwidthBps, averageReportedLossRatio);
        // Below the candidate bandwidth every observation has the same loss probability (the
        // inherent loss): reusing the logarithms of the previous observation is exact and saves
        // most of the per-report cost.
        double previousProbability = Double.NaN;
        double logLoss = 0.0;
        double logDelivery = 0.0;
        for (int slot = 0; slot < window.size(); slot++) {
            if (!window.isInitialized(slot)) {
                continue;
            }
            double lossProbability = lossProbability(inherentLoss, bandwidthBps, window.sendingRatesBps[slot]);
            if (lossProbability != previousProbability) {
                previousProbability = lossProbability;
                logLoss = Math.log(lossProbability);
                logDelivery = Math.log(1.0 - lossProbability);
            }
            double weight = window.temporalWeight(slot);
            if (settings.useByteLossRate) {
                double lostKb = window.lostSizesBytes[slot] / BYTES_PER_KILOBYTE;
                double receivedKb = (window.sizesBytes[slot] - window.lostSizesBytes[slot]) / BYTES_PER_KILOBYTE;
                objective += weight * (lostKb * logLoss + receivedKb * logDelivery);
                objective += weight * highBandwidthBias * (window.sizesBytes[slot] / BYTES_PER_KILOBYTE);
            } else {
                objective += weight * (window.numLostPackets[slot] * logLoss
                        + window.numReceivedPackets[slot] * logDelivery);
                objective += weight * highBandwidthBias * window.numPackets[slot];
            }
        }
        return objective;
    }

    /** libwebrtc {@code GetFeasibleInherentLoss}: clamped to [lower bound, upper bound(B)]. */
    double feasibleInherentLoss(double inherentLoss, long bandwidthBps) {
        // NaN cannot arise from finite derivatives; if it ever did, the lower bound is the safe value.
        double atLeast = inherentLoss >= settings.inherentLossLowerBound ? inherentLoss : settings.inherentLossLowerBound;
        return Math.min(atLeast, inherentLossUpperBound(bandwidthBps));
    }

    /** libwebrtc {@code GetInherentLossUpperBound}: offset + balance / B, at most 1 (1 at B = 0). */
    private double inherentLossUpperBound(long bandwidthBps) {
        if (bandwidthBps == 0) {
            return 1.0;
        }
        double upperBound = settings.inherentLossUpperBoundOffset
                + settings.inherentLossUpperBoundBandwidthBalanceBps / (double) bandwidthBps;
        return Math.min(upperBound, 1.0);
    }

    /**
     * libwebrtc {@code GetHighBandwidthBias}: {@code a(loss) kbps + b(loss) log(1 + kbps)}, with
     * {@code kbps} rounded to an integer as {@code DataRate::kbps()} does.
     */
    private double highBandwidthBias(long bandwidthBps, double averageReportedLossRatio) {
        if (!UnitMath.isFinite(bandwidthBps)) {
            return 0.0;
        }
        long kbps = divideRoundToNearest(bandwidthBps, 1000);
        return adjustBiasFactor(averageReportedLossRatio, settings.higherBandwidthBiasFactor) * kbps
                + adjustBiasFactor(averageReportedLossRatio, settings.higherLogBandwidthBiasFactor) * Math.log(1.0 + kbps);
    }

    /** libwebrtc {@code AdjustBiasFactor}: positive below the preference threshold, negative above, smooth. */
    private double adjustBiasFactor(double lossRate, double biasFactor) {
        double threshold = settings.lossThresholdOfHighBandwidthPreference;
        // The smoothing factor is validated > 0, so the denominator is never zero.
        return biasFactor * (threshold - lossRate)
                / (settings.bandwidthPreferenceSmoothingFactor + Math.abs(threshold - lossRate));
    }

    private void computeDerivatives(double inherentLoss, long bandwidthBps) {
        double first = 0.0;
        double second = 0.0;
        for (int slot = 0; slot < window.size(); slot++) {
            if (!window.isInitialized(slot)) {
                continue;
            }
            double p = lossProbability(inherentLoss, bandwidthBps, window.sendingRatesBps[slot]);
            double weight = window.temporalWeight(slot);
            double lost;
            double received;
            if (settings.useByteLossRate) {
                lost = window.lostSizesBytes[slot] / BYTES_PER_KILOBYTE;
                received = (window.sizesBytes[slot] - window.lostSizesBytes[slot]) / BYTES_PER_KILOBYTE;
            } else {
                lost = window.numLostPackets[slot];
                received = window.numReceivedPackets[slot];
            }
            first += weight * (lost / p - received / (1.0 - p));
            second -= weight * (lost / (p * p) + received / ((1.0 - p) * (1.0 - p)));
        }
        if (!(second < 0.0)) {
            second = FALLBACK_SECOND_DERIVATIVE;
        }
        firstDerivative = first;
        secondDerivative = second;
    }

    /**
     * libwebrtc {@code GetLossProbability}. As there, {@code (1 - l)(r - B)} is a rate rounded to
     * whole bps before it is divided by {@code r}.
     */
    static double lossProbability(double inherentLoss, long lossLimitedBandwidthBps, long sendingRateBps) {
        inherentLoss = Math.min(Math.max(inherentLoss, 0.0), 1.0);
        double lossProbability = inherentLoss;
        if (UnitMath.isFinite(sendingRateBps) && UnitMath.isFinite(lossLimitedBandwidthBps)
                && sendingRateBps > lossLimitedBandwidthBps) {
            long excessBps = UnitMath.scale(UnitMath.subtract(sendingRateBps, lossLimitedBandwidthBps), 1 - inherentLoss);
            lossProbability += excessBps / (double) sendingRateBps;
        }
        return Math.min(Math.max(lossProbability, MIN_LOSS_PROBABILITY), 1.0 - MIN_LOSS_PROBABILITY);
    }

    /** rtc_base/numerics/divide_round.h {@code DivideRoundToNearest} (halves round up for positives). */
    static long divideRoundToNearest(long dividend, long divisor) {
        long quotient = dividend / divisor;
        long remainder = dividend % divisor;
        if (dividend < 0) {
            return -remainder > divisor / 2 ? quotient - 1 : quotient;
        }
        return remainder > (divisor - 1) / 2 ? quotient + 1 : quotient;
    }
}
