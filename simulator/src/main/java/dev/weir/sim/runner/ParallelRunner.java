package dev.weir.sim.runner;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent tasks (e.g. one simulated call each) on a fixed number of threads and returns
 * their results in task order, whatever order they finish in, so outputs stay deterministic.
 *
 * <p>Progress goes to a {@link ProgressListener} on the calling thread. The first failure stops
 * the run: tasks not yet started are skipped, running ones are interrupted (their results are
 * discarded; CPU-bound tasks that ignore interrupts finish in the background on daemon threads),
 * and {@code run} throws {@link TaskFailedException} naming the task.
 *
 * <p>The in-process {@link CallEngine}: {@link #runCalls} runs {@link CallJob}s the same way, on the
 * objects themselves (nothing is serialized).
 *
 * <p>Thread-safe: the runner holds only its thread count; each {@code run} uses its own pool.
 */
public final class ParallelRunner implements CallEngine {
    /** Numbers pools in thread names, to tell runs apart in thread dumps. */
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final int threads;

    /** A runner with one thread per available processor. */
    public ParallelRunner() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A runner with {@code threads} (>= 1) worker threads. */
    public ParallelRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Number of worker threads. */
    public int threads() {
        return threads;
    }

    @Override
    public <R extends Serializable> List<R> runCalls(List<? extends CallJob<? extends R>> jobs,
            ProgressListener progress) throws InterruptedException {
        List<Task<R>> tasks = new ArrayList<>(jobs.size());
        for (CallJob<? extends R> job : jobs) {
            tasks.add(Task.of(job.description(), job::run));
        }
        return run(tasks, progress);
    }

    @Override
    public String description() {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    /** Runs {@code tasks} without progress reports; see {@link #run(List, ProgressListener)}. */
    public <T> List<T> run(List<? extends Task<? extends T>> tasks) throws InterruptedException {
        return run(tasks, (done, total) -> { });
    }

    /**
     * Runs every task and returns their results in the order of {@code tasks}.
     *
     * @throws TaskFailedException for the first task that threw (the others are cancelled)
     * @throws InterruptedException if the calling thread is interrupted (the tasks are cancelled)
     */
    public <T> List<T> run(List<? extends Task<? extends T>> tasks, ProgressListener progress)
            throws InterruptedException {
        Objects.requireNonNull(progress, "progress");
        int total = tasks.size();
        if (total == 0) {
            return List.of();
        }
        Object[] results = new Object[total];
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, total),
                daemonThreads());
        CompletionService<Integer> completions = new ExecutorCompletionService<>(pool);
        List<Future<Integer>> futures = new ArrayList<>(total);
        boolean succeeded = false;
        try {
            for (int i = 0; i < total; i++) {
                futures.add(completions.submit(wrap(i, tasks.get(i), results, stop)));
            }
            int done = 0;
            while (done < total) {
                Future<Integer> finished = completions.take();
                try {
                    finished.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Failure failure) {
                        throw new TaskFailedException(failure.index,
                                tasks.get(failure.index).description(), failure.getCause());
                    }
                    // A task skipped because another one failed: that failure is still to come.
                    continue;
                }
                done++;
                progress.onProgress(done, total);
            }
            succeeded = true;
        } finally {
            if (!succeeded) {
                stop.set(true);
                for (Future<Integer> f : futures) {
                    f.cancel(true);
                }
            }
            pool.shutdownNow();
        }
        @SuppressWarnings("unchecked")
        List<T> ordered = (List<T>) Arrays.asList(results);
        return Collections.unmodifiableList(ordered);
    }

    private static <T> Callable<Integer> wrap(int index, Task<T> task,
            Object[] results, AtomicBoolean stop) {
        return () -> {
            if (stop.get()) {
                throw new Skipped();
            }
            try {
                // Published to the caller by Future.get (happens-before).
                results[index] = task.work().call();
                return index;
            } catch (Throwable t) {
                // Set before this future completes, so no later task starts.
                stop.set(true);
                throw new Failure(index, t);
            }
        };
    }

    private static ThreadFactory daemonThreads() {
        int poolId = POOL_COUNTER.incrementAndGet();
        AtomicInteger threadCounter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "weir-runner-" + poolId + "-" + threadCounter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A task threw; carries its index to the caller. */
    private static final class Failure extends Exception {
        final int index;

        Failure(int index, Throwable cause) {
            super(cause);
            this.index = index;
        }
    }

    /** A task was not started because another task had failed. */
    private static final class Skipped extends Exception {
    }
}
