package dev.weir.sim.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelRunnerTest {
    /** Guard against a hung test if the runner deadlocks; never reached when it works. */
    private static final long GUARD_SECONDS = 30;

    @Test
    void shouldReturnResultsInTaskOrderWhenTasksFinishInReverseOrder() throws Exception {
        int n = 4;
        // Task i may finish only after task i + 1 has: completion order is n-1, ..., 0.
        CountDownLatch[] mayFinish = new CountDownLatch[n];
        for (int i = 0; i < n; i++) {
            mayFinish[i] = new CountDownLatch(i == n - 1 ? 0 : 1);
        }
        ConcurrentLinkedQueue<Integer> finishOrder = new ConcurrentLinkedQueue<>();
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            tasks.add(Task.of("task " + i, () -> {
                assertTrue(mayFinish[index].await(GUARD_SECONDS, TimeUnit.SECONDS));
                finishOrder.add(index);
                if (index > 0) {
                    mayFinish[index - 1].countDown();
                }
                return "result " + index;
            }));
        }
        List<String> results = new ParallelRunner(n).run(tasks);
        assertEquals(List.of(3, 2, 1, 0), List.copyOf(finishOrder));
        assertEquals(List.of("result 0", "result 1", "result 2", "result 3"), results);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void cpuBoundTasksOfVariedLengthShouldGiveTheSequentialResultsAndFullProgress(int threads)
            throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        int n = 40;
        List<Task<Long>> tasks = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int iterations = 1 + random.nextInt(200_000);
            long seed = i;
            tasks.add(Task.of("work " + i, () -> busyWork(seed, iterations)));
            expected.add(busyWork(seed, iterations));
        }
        List<int[]> calls = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        List<Long> results = new ParallelRunner(threads).run(tasks, (done, total) -> {
            calls.add(new int[] {done, total});
            callers.add(Thread.currentThread());
        });
        assertEquals(expected, results);
        assertEquals(n, calls.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, calls.get(i)[0]);
            assertEquals(n, calls.get(i)[1]);
            assertEquals(Thread.currentThread(), callers.get(i));
        }
    }

    @Test
    void firstFailureShouldPropagateWithTheTaskDescriptionAndSkipTheRest() {
        AtomicInteger startedAfterFailure = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        List<Task<Integer>> tasks = new ArrayList<>();
        tasks.add(Task.of("scenario wired seed 0", () -> 0));
        tasks.add(Task.of("scenario wired seed 1", () -> {
            throw boom;
        }));
        for (int i = 2; i < 10; i++) {
            tasks.add(Task.of("scenario wired seed " + i, startedAfterFailure::incrementAndGet));
        }
        List<Integer> progress = new ArrayList<>();
        // One thread runs the tasks in order, so the tasks after the failing one must be skipped.
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> new ParallelRunner(1).run(tasks, (done, total) -> progress.add(done)));
        assertEquals(1, e.taskIndex());
        assertEquals("scenario wired seed 1", e.taskDescription());
        assertTrue(e.getMessage().contains("scenario wired seed 1"), e.getMessage());
        assertEquals(boom, e.getCause());
        assertEquals(0, startedAfterFailure.get());
        assertEquals(List.of(1), progress);
    }

    @Test
    void failureShouldInterruptTasksStillRunning() throws Exception {
        CountDownLatch blockerStarted = new CountDownLatch(1);
        CountDownLatch neverReleased = new CountDownLatch(1);
        CountDownLatch blockerInterrupted = new CountDownLatch(1);
        List<Task<Integer>> tasks = List.of(
                Task.of("blocker", () -> {
                    blockerStarted.countDown();
                    try {
                        neverReleased.await();
                    } catch (InterruptedException e) {
                        blockerInterrupted.countDown();
                        throw e;
                    }
                    return 0;
                }),
                Task.of("failing", () -> {
                    assertTrue(blockerStarted.await(GUARD_SECONDS, TimeUnit.SECONDS));
                    throw new java.io.IOException("trace missing");
                }));
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> new ParallelRunner(2).run(tasks));
        assertEquals("failing", e.taskDescription());
        assertInstanceOf(java.io.IOException.class, e.getCause());
        assertTrue(blockerInterrupted.await(GUARD_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void emptyTaskListShouldGiveAnEmptyResultWithoutProgress() throws Exception {
        List<Integer> progress = new ArrayList<>();
        assertEquals(List.of(), new ParallelRunner(2).run(List.<Task<Integer>>of(),
                (done, total) -> progress.add(done)));
        assertEquals(List.of(), progress);
    }

    @Test
    void shouldDefaultToOneThreadPerProcessorAndRejectZeroThreads() {
        assertEquals(Runtime.getRuntime().availableProcessors(), new ParallelRunner().threads());
        assertThrows(IllegalArgumentException.class, () -> new ParallelRunner(0));
    }

    /** A call job for {@link ParallelRunner#runCalls}: busy work named by its index. */
    record Busy(int index) implements CallJob<Long> {
        @Override
        public String description() {
            return "busy " + index;
        }

        @Override
        public Long run() {
            if (index < 0) {
                throw new IllegalStateException("negative job");
            }
            return busyWork(index, 10_000 * (index % 3 + 1));
        }
    }

    @Test
    void runsCallJobsAsTasksInJobOrderNamingAFailedOne() throws Exception {
        List<Busy> jobs = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            jobs.add(new Busy(i));
            expected.add(busyWork(i, 10_000 * (i % 3 + 1)));
        }
        List<Integer> progress = new ArrayList<>();
        CallEngine engine = new ParallelRunner(3);
        assertEquals(expected, engine.runCalls(jobs, (done, total) -> progress.add(done)));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), progress);
        assertEquals("3 threads", engine.description());
        assertEquals("1 thread", new ParallelRunner(1).description());

        jobs.set(4, new Busy(-4));
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> engine.runCalls(jobs, (d, t) -> { }));
        assertEquals(4, e.taskIndex());
        assertEquals("busy -4", e.taskDescription());
    }

    /** Deterministic CPU-bound work (xorshift steps). */
    private static long busyWork(long seed, int iterations) {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
