package dev.weir.steer;

/**
 * One model decision: the calibrated head outputs the steering acts on and the window summaries
 * the type rule reads. Reused (overwritten) by every decision.
 *
 * <p>Not thread-safe: owned by one estimator.
 */
final class ModelDecision {
    /** P(the loss in the window is random, not congestion). */
    double randomLossProbability;
    /** P(congestion within the model's horizon). */
    double congestionProbability;
    /** Share of packets lost over the last 4 s, [0, 1]. */
    double lossRate4s;
    /**
     * The model's expected non-congestive loss share of the next media packets, [0, 1]
     * ({@code dev.weir.bwe.model.FecHeads#RATE_HEAD}); NaN when the model has no such head.
     */
    double nonCongestiveLossRate = Double.NaN;
    /** P(those losses come alone, not in bursts) ({@code FecHeads#BURST_HEAD}); NaN without the head. */
    double isolatedLossProbability = Double.NaN;

    /**
     * The loss share FEC is sized for. With the FEC heads: the predicted non-congestive share times
     * P(isolated), because XOR FEC (one parity packet per group) repairs one loss per group and
     * congestion loss is only fed by it. Without them: the observed 4 s share, as before the heads.
     */
    double fecLossRate() {
        if (Double.isNaN(nonCongestiveLossRate) || Double.isNaN(isolatedLossProbability)) {
            return lossRate4s;
        }
        return nonCongestiveLossRate * isolatedLossProbability;
    }
    /** Standard deviation of the RTT over the last 10 s, ms. */
    double rttStdMs;
}
