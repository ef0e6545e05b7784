package dev.weir.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.cli.WeirCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad {@code --engine spark} options are bad input (exit code 2) with a message that names them,
 * and nothing is written: a malformed master, none at all, {@code --threads} (the master sets the
 * parallelism), and a master other than the one this JVM's session runs.
 */
class SparkOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.start();
    }

    private int compare(String... engineArgs) {
        String[] base = {"compare", "--scenarios", SharedSpark.fixtures().resolve("scenarios/drop.json").toString(),
                "--estimators", "gcc,oracle", "--seeds", "1", "--out", dir.resolve("out").toString()};
        String[] args = new String[base.length + engineArgs.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(engineArgs, 0, args, base.length, engineArgs.length);
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "local[0]", "spark://", "local[two]", "http://host:7077"})
    void refusesAMalformedMaster(String master) {
        assertEquals(2, compare("--engine", "spark", "--master", master));
        assertTrue(err.toString().contains("--master '" + master + "' is not a Spark master URL")
                && err.toString().contains("local[N]"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing may be written for bad input");
    }

    @Test
    void asksForAMasterWhenNoneIsConfigured() {
        assertEquals(2, compare("--engine", "spark"));
        assertTrue(err.toString().contains("no Spark master: pass --master URL"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void refusesThreadsWithSpark() {
        assertEquals(2, compare("--engine", "spark", "--master", SharedSpark.MASTER, "--threads", "2"));
        assertTrue(err.toString().contains("--threads applies only to --engine local"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void refusesAMasterOtherThanTheRunningSessions() {
        assertEquals(2, compare("--engine", "spark", "--master", "local[1]"));
        assertTrue(err.toString().contains("runs master local[2]: cannot open another with master local[1]"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
