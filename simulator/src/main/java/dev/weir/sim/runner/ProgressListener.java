package dev.weir.sim.runner;

/**
 * Receives progress of a {@link ParallelRunner} run. Called on the thread that called
 * {@code run}, one call at a time, with {@code done} rising by one from 1 to {@code total}.
 *
 * <p>Implementations need not be thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
    /** {@code done} of {@code total} tasks have finished successfully. */
    void onProgress(int done, int total);
}
