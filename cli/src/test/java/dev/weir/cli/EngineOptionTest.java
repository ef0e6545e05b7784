package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.runner.CallEngineProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --engine} and {@code --master} in the default CLI, which carries no Spark: asking for the
 * Spark engine says how to get it, an unknown engine or options that do not apply to the local
 * engine are refused; each is bad input (exit code 2) and nothing is written.
 */
class EngineOptionTest {
    private static final String SCENARIO = """
            {"name": "short", "duration_s": 6,
             "link": {"capacity": {"type": "constant", "kbps": 1000}, "one_way_delay_ms": 30, "queue_ms": 200}}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String command, String... engineArgs) throws Exception {
        Path scenario = dir.resolve("short.json");
        Files.writeString(scenario, SCENARIO);
        Path held = dir.resolve("held.json");
        Files.writeString(held, SCENARIO.replace("\"short\"", "\"held\""));
        Path result = dir.resolve("out");
        String[] base = switch (command) {
            case "compare" -> new String[] {"compare", "--scenarios", scenario.toString(), "--estimators",
                    "gcc,oracle", "--seeds", "1", "--out", result.toString()};
            case "dataset" -> new String[] {"dataset", "--no-traces", "--scenarios", dir.toString(), "--seeds", "1",
                    "--duration-s", "15", "--out", result.toString()};
            case "tune" -> new String[] {"tune", "--type", "wired_stable", "--scenarios", scenario.toString(),
                    "--holdout", held.toString(), "--seeds", "1", "--budget", "2", "--out",
                    result.resolve("set.json").toString()};
            default -> throw new IllegalArgumentException(command);
        };
        String[] args = new String[base.length + engineArgs.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(engineArgs, 0, args, base.length, engineArgs.length);
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theDefaultCliHasNoEngineProviderOnItsClassPath() {
        assertFalse(ServiceLoader.load(CallEngineProvider.class).iterator().hasNext(),
                "a provider here would put a cluster engine on the default CLI's class path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "dataset", "tune"})
    void sparkSaysHowToRunIt(String command) throws Exception {
        assertEquals(2, run(command, "--engine", "spark", "--master", "local[2]"));
        assertTrue(err.toString().contains("the Spark engine is not on the class path: run with spark-submit of"
                + " spark-runner/target/weir-spark.jar"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing may be written for bad input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "dataset", "tune"})
    void anUnknownEngineIsRefused(String command) throws Exception {
        assertEquals(2, run(command, "--engine", "hadoop"));
        assertTrue(err.toString().contains("--engine 'hadoop' is not an engine: use local or spark"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aMasterOrZeroThreadsAreRefusedWithTheLocalEngine() throws Exception {
        assertEquals(2, run("compare", "--master", "local[2]"));
        assertTrue(err.toString().contains("--master local[2] applies only to --engine spark"), err.toString());
        assertEquals(2, run("compare", "--engine", "local", "--threads", "0"));
        assertTrue(err.toString().contains("--threads must be at least 1, got 0"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
