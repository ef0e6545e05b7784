package dev.weir.gcc.delay;

/**
 * Running estimate of the bottleneck capacity, learnt from the acknowledged rate at each overuse.
 * A port of libwebrtc's {@code modules/congestion_controller/goog_cc/link_capacity_estimator.cc}:
 * EWMA of the rate (alpha 0.05 at overuse, 0.5 for a probe result) and of the normalised squared
 * error (clamped to [0.4, 2.5] kbps), giving bounds of estimate +- 3 sigma. {@link AimdRateControl}
 * resets it when throughput leaves the bounds.
 *
 * <p>Never throws; non-finite or negative rates are ignored.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class LinkCapacityEstimator {
    private double overuseAlpha;
    private double probeAlpha;
    private double minDeviationKbps;
    private double maxDeviationKbps;
    private double boundSigmas;

    private boolean hasEstimate;
    private double estimateKbps;
    /** Normalised variance (kbps^2 / kbps), as libwebrtc's deviation_kbps_; starts at the minimum clamp. */
    private double deviationKbps;

    /** Takes the link-capacity fields of {@code settings}; the caller has validated them. */
    public LinkCapacityEstimator(AimdSettings settings) {
        configure(settings);
        deviationKbps = minDeviationKbps;
    }

    /** Swaps the parameters keeping the estimate (the caller has validated them). */
    void configure(AimdSettings settings) {
        overuseAlpha = settings.linkCapacityAlpha;
        probeAlpha = settings.linkCapacityProbeAlpha;
        minDeviationKbps = settings.linkCapacityMinDeviationKbps;
        maxDeviationKbps = settings.linkCapacityMaxDeviationKbps;
        boundSigmas = settings.linkCapacityBoundSigmas;
    }

    /** Estimate plus 3 sigma, bps; +infinity without an estimate. */
    public double upperBoundBps() {
        return hasEstimate ? (estimateKbps + boundSigmas * deviationEstimateKbps()) * 1000.0 : Double.POSITIVE_INFINITY;
    }

    /** Estimate minus 3 sigma, bps; 0 without an estimate. */
    public double lowerBoundBps() {
        return hasEstimate ? (estimateKbps - boundSigmas * deviationEstimateKbps()) * 1000.0 : 0.0;
    }

    /** Forgets the estimate (the variance is kept, as in libwebrtc). */
    public void reset() {
        hasEstimate = false;
    }

    /** Folds in the acknowledged rate measured when an overuse was detected. */
    public void onOveruseDetected(double acknowledgedRateBps) {
        update(acknowledgedRateBps, overuseAlpha);
    }

    /** Folds in a probe result, weighted more heavily than an overuse sample. */
    public void onProbeRate(double probeRateBps) {
        update(probeRateBps, probeAlpha);
    }

    public boolean hasEstimate() {
        return hasEstimate;
    }

    /** The estimate, bps; 0 without one. */
    public double estimateBps() {
        return hasEstimate ? estimateKbps * 1000.0 : 0.0;
    }

    private void update(double rateBps, double alpha) {
        if (!Double.isFinite(rateBps) || rateBps < 0.0) {
            return;
        }
        double sampleKbps = rateBps / 1000.0;
        if (!hasEstimate) {
            estimateKbps = sampleKbps;
            hasEstimate = true;
        } else {
            estimateKbps = (1.0 - alpha) * estimateKbps + alpha * sampleKbps;
        }
        // Variance of the estimate, normalised by the estimate (floor 1 kbps avoids dividing by ~0).
        double norm = Math.max(estimateKbps, 1.0);
        double errorKbps = estimateKbps - sampleKbps;
        deviationKbps = (1.0 - alpha) * deviationKbps + alpha * errorKbps * errorKbps / norm;
        deviationKbps = Math.max(minDeviationKbps, Math.min(maxDeviationKbps, deviationKbps));
    }

    private double deviationEstimateKbps() {
        // sigma = sqrt(normalised variance * estimate).
        return Math.sqrt(deviationKbps * Math.max(estimateKbps, 0.0));
    }
}
