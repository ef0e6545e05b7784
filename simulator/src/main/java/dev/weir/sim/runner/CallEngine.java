package dev.weir.sim.runner;

import java.io.Serializable;
import java.util.List;

/**
 * Where a list of independent {@link CallJob}s runs: in this process ({@link ParallelRunner}, the
 * default) or on a cluster (the {@code spark-runner} module, found through
 * {@link CallEngineProvider}). Every engine returns the results in job order, so outputs built from
 * them are byte-identical whichever engine ran the jobs.
 *
 * <p>Implementations state their own thread-safety; one {@link #runCalls} at a time is always safe.
 */
public interface CallEngine extends AutoCloseable {
    /**
     * Runs every job and returns their results in the order of {@code jobs}.
     *
     * @param progress told, on the calling thread, after each finished job, {@code done} rising by
     *     one from 1 to the job count
     * @throws TaskFailedException for the first failed job (by job order on a cluster engine, by
     *     completion order in process); its cause is what the job threw
     * @throws InterruptedException if the calling thread is interrupted (the jobs are cancelled)
     */
    <R extends Serializable> List<R> runCalls(List<? extends CallJob<? extends R>> jobs, ProgressListener progress)
            throws InterruptedException;

    /** What runs the jobs, for the console, e.g. {@code "2 threads"} or {@code "Spark local[2]"}. */
    String description();

    /** Releases what the engine holds (a cluster session); the in-process engine holds nothing. */
    @Override
    default void close() {
    }
}
