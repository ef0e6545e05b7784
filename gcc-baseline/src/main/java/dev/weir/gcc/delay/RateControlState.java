package dev.weir.gcc.delay;

/** States of {@link AimdRateControl} (libwebrtc's {@code RateControlState}). Immutable and thread-safe. */
public enum RateControlState {
    /** Keep the rate: after a decrease, or while the queue drains (underuse). */
    HOLD,
    /** Grow the rate: the path shows no queue growth. */
    INCREASE,
    /** Cut the rate: overuse; returns to {@link #HOLD} right after the cut. */
    DECREASE
}
