package dev.weir.bwe.api;

/**
 * Told when an estimator's target rate changes (Pion's {@code OnTargetBitrateChange}, libwebrtc's
 * {@code TargetTransferRateObserver}): the encoder's hook, so a client need not compare results
 * itself.
 *
 * <p>Called synchronously on the estimator's thread, at the end of the event whose result carries
 * the new target, with that result (read it during the call: it is the caller's reused object).
 * The listener must not call back into the estimator. Probe requests, pacing and padding rates
 * still come from the result of every event. An exception the listener throws reaches the caller
 * of the event method.
 */
@FunctionalInterface
public interface TargetRateListener {
    /** {@code result.targetRateBps()} differs from the target last reported to this listener. */
    void onTargetRateChanged(BweResult result);
}
