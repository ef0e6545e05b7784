package dev.weir.bwe.api;

/** The delay-based detector's verdict on the path (libwebrtc's {@code BandwidthUsage}). Immutable and thread-safe. */
public enum BandwidthUsage {
    /** Queueing delay is stable. */
    NORMAL,
    /** Queueing delay grows: the sender exceeds the bottleneck. */
    OVERUSING,
    /** Queueing delay shrinks: a queue is draining. */
    UNDERUSING
}
