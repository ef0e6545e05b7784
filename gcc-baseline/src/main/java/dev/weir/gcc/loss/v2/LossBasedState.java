package dev.weir.gcc.loss.v2;

/**
 * State of the loss-based estimate, after libwebrtc's {@code LossBasedState}
 * (modules/congestion_controller/goog_cc/loss_based_bwe_v2.h, https://webrtc.googlesource.com/src).
 * goog_cc pads up to the target in {@link #INCREASE_USING_PADDING} and lets the probe controller
 * probe only in {@link #INCREASING} or {@link #DELAY_BASED_ESTIMATE}.
 *
 * <p>Immutable and thread-safe.
 */
public enum LossBasedState {
    /** Loss-limited and rising; probes may be sent. */
    INCREASING,
    /** Loss-limited and rising; the pacer pads up to the target to test the new rate. */
    INCREASE_USING_PADDING,
    /** Loss-limited and falling (or held after a fall). */
    DECREASING,
    /** Not loss-limited: the estimate equals the delay-based one (or the maximum). */
    DELAY_BASED_ESTIMATE
}
