package dev.weir.sim.net;

/** Ground truth: why the network dropped a packet (or {@link #NONE} when it was delivered). Immutable and thread-safe. */
public enum DropCause {
    /** Delivered. */
    NONE,
    /** The bottleneck queue was full: congestion loss. */
    QUEUE_OVERFLOW,
    /** Independent (Bernoulli) random loss, e.g. radio errors. */
    RANDOM,
    /** Loss in the bad state of a Gilbert-Elliott channel: bursty, not caused by the sender. */
    BURST
}
