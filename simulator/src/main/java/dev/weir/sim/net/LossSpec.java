package dev.weir.sim.net;

/**
 * An immutable description of a loss process from which each call makes its own stateful
 * {@link LossModel}. Thread-safe.
 */
public interface LossSpec {

    /** A fresh model in its initial state. */
    LossModel newModel();

    /** Long-run expected loss rate in [0, 1] (for reports and sanity checks). */
    double expectedLossRate();

    /** A short description for reports (e.g. {@code "random 5%"}). */
    String describe();
}
