package dev.weir.bwe.lossdiff;

/** A loss classifier's verdict on one loss event (a gap of lost packets). Immutable and thread-safe. */
public enum Verdict {
    /** No loss event has been classified yet. */
    NONE,
    /** Random (wireless, non-congestive) loss: not caused by the sender's rate. */
    RANDOM,
    /** Congestion loss: a queue overflowed. */
    CONGESTION
}
