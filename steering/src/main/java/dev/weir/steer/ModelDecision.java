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
    /** Standard deviation of the RTT over the last 10 s, ms. */
    double rttStdMs;
}
