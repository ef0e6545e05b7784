package dev.weir.sim.runner;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One independent unit of work for {@link ParallelRunner}, with a description that names it in
 * failure messages (e.g. {@code "scenario lte-drive seed 7 variant gcc"}).
 *
 * <p>Immutable and thread-safe if {@code work} is.
 *
 * @param description what the task does, for error messages
 * @param work the computation; it may be interrupted when another task fails
 * @param <T> result type
 */
public record Task<T>(String description, Callable<T> work) {
    public Task {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(work, "work");
    }

    /** Shorthand for {@code new Task<>(description, work)}. */
    public static <T> Task<T> of(String description, Callable<T> work) {
        return new Task<>(description, work);
    }
}
