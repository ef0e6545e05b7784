package dev.weir.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.runner.CallJob;
import dev.weir.sim.runner.TaskFailedException;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioException;
import dev.weir.sim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine on {@code local[2]}: results in call order with progress on the calling thread,
 * the first failed call by order reported with the exception it threw (also when it is not
 * serializable, or when the call's scenario cannot be resolved on the executor), and calls that
 * cannot leave the driver refused with a clear message.
 */
class SparkEngineTest {
    private static SparkEngine engine;

    @BeforeAll
    static void open() {
        SharedSpark.start();
        engine = SparkEngine.open(SharedSpark.MASTER);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** i squared, or a failure at the chosen indices. */
    record Square(int i, boolean fail, boolean serializableFailure) implements CallJob<Integer> {
        @Override
        public String description() {
            return "square " + i;
        }

        @Override
        public Integer run() {
            if (fail) {
                throw serializableFailure ? new ScenarioException("job-" + i, "fails on purpose")
                        : new UnserializableFailure("job " + i + " fails on purpose");
            }
            return i * i;
        }
    }

    /** An exception that cannot travel: it holds a thread. */
    static final class UnserializableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Thread notSerializable = Thread.currentThread();

        UnserializableFailure(String message) {
            super(message);
        }
    }

    /** One gcc call on a scenario; the result is its mean sent bitrate. */
    record GccCall(Scenario scenario, long seed) implements CallJob<Double> {
        @Override
        public String description() {
            return scenario.name() + " seed " + seed;
        }

        @Override
        public Double run() {
            return CallSimulator.run(scenario, "gcc",
                    EstimatorRegistry.withBuiltIns().create("gcc", new EstimatorContext(scenario)), seed)
                    .metrics().value("avg_sent_bitrate_bps");
        }
    }

    private static List<Square> squares(int count, int... failing) {
        List<Square> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean fail = false;
            for (int f : failing) {
                fail |= f == i;
            }
            jobs.add(new Square(i, fail, true));
        }
        return jobs;
    }

    @Test
    void returnsResultsInCallOrderAndReportsEveryCallOnTheCallingThread() throws Exception {
        int count = 23; // not a multiple of the 8 slices: they differ in size
        List<Integer> done = new ArrayList<>();
        Thread caller = Thread.currentThread();
        List<Integer> results = engine.runCalls(squares(count), (d, total) -> {
            assertEquals(caller, Thread.currentThread());
            assertEquals(count, total);
            done.add(d);
        });

        List<Integer> expected = new ArrayList<>();
        List<Integer> rising = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(i * i);
            rising.add(i + 1);
        }
        assertEquals(expected, results);
        assertEquals(rising, done);
        assertEquals(List.of(), engine.runCalls(List.<Square>of(), (d, total) -> { }));
    }

    @Test
    void reportsTheFirstFailedCallByOrderWithWhatItThrew() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> engine.runCalls(squares(20, 17, 5), (d, total) -> { }));
        assertEquals(5, e.taskIndex());
        assertEquals("square 5", e.taskDescription());
        ScenarioException cause = assertInstanceOf(ScenarioException.class, e.getCause());
        assertEquals("job-5: fails on purpose", cause.getMessage());
    }

    @Test
    void sendsAnExceptionThatCannotTravelAsItsText() {
        List<Square> jobs = new ArrayList<>(squares(6));
        jobs.set(3, new Square(3, true, false));
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> engine.runCalls(jobs, (d, total) -> { }));
        assertEquals(3, e.taskIndex());
        RemoteCallException cause = assertInstanceOf(RemoteCallException.class, e.getCause());
        assertTrue(cause.getMessage().contains("UnserializableFailure: job 3 fails on purpose"), cause.getMessage());
    }

    @Test
    void resolvesScenariosOnTheExecutorsFromTheirText(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Files.createDirectories(traces.resolve("set"));
        Files.writeString(traces.resolve("set/flat"), "0\t1.5\n1\t1.5\n2\t0.8\n3\t1.2\n");
        Scenario scenario = ScenarioLoader.parse("""
                {"name": "flat", "duration_s": 5, "link": {"capacity": {"type": "cooked", "file": "traces:set/flat"},
                 "one_way_delay_ms": 20, "queue_ms": 200}}""", null, traces, "flat.json");
        List<GccCall> calls = List.of(new GccCall(scenario, 1), new GccCall(scenario, 2));
        List<Double> driver = new ArrayList<>();
        for (GccCall call : calls) {
            driver.add(call.run());
        }
        assertEquals(driver, engine.runCalls(calls, (d, total) -> { }), "the same calls as on the driver");

        // The executors read the trace again: gone, the calls fail as bad input naming it.
        Scenario other = ScenarioLoader.parse("""
                {"name": "flat-2", "duration_s": 6, "link": {"capacity": {"type": "cooked", "file": "traces:set/flat"},
                 "one_way_delay_ms": 20, "queue_ms": 200}}""", null, traces, "flat-2.json");
        Files.delete(traces.resolve("set/flat"));
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> engine.runCalls(List.of(new GccCall(other, 1)), (d, total) -> { }));
        ScenarioException cause = assertInstanceOf(ScenarioException.class, e.getCause());
        assertTrue(cause.getMessage().contains("set/flat"), cause.getMessage());
    }

    @Test
    void refusesAScenarioBuiltInCodeBeforeAnythingRuns() throws Exception {
        Scenario loaded = ScenarioLoader.parse("""
                {"name": "in-code", "duration_s": 5, "link": {"capacity": {"type": "constant", "kbps": 800},
                 "one_way_delay_ms": 20, "queue_ms": 200}}""", null, null, "in-code.json");
        Scenario inCode = new Scenario(loaded.name(), loaded.family(), loaded.durationUs(), loaded.link(),
                loaded.returnDelayUs(), loaded.returnLossRate(), loaded.feedbackIntervalUs(), loaded.media(),
                loaded.crossTraffic());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.runCalls(List.of(new GccCall(inCode, 1)), (d, total) -> { }));
        assertTrue(e.getMessage().contains("'in-code' was built in code"), e.getMessage());
    }
}
