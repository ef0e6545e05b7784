package dev.weir.sim.runner;

import java.io.Serializable;

/**
 * One independent call (or other unit of work) for a {@link CallEngine}, as data: it names its
 * inputs (a {@link dev.weir.sim.scenario.Scenario}, which serializes as its source, a seed, an
 * estimator name, settings as JSON text) and computes its result from them alone, in whatever JVM
 * runs it. A job must not write files or touch shared state: outputs are written by the caller from
 * the results, which come back in job order.
 *
 * <p>Implementations are immutable records; thread-safe.
 *
 * @param <R> the result, serializable so it can come back from another JVM
 */
public interface CallJob<R extends Serializable> extends Serializable {
    /** Names the job in progress and failure messages, e.g. {@code "lte-drive/gcc/seed 7"}. */
    String description();

    /** Computes the result; may be interrupted when another job of the run fails. */
    R run() throws Exception;
}
