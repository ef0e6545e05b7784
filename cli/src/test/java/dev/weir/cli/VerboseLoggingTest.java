package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's SLF4J binding in a fresh JVM (slf4j-simple reads its configuration once per JVM):
 * silent by default, weir's set-up messages on standard error with --verbose, standard output
 * unchanged either way.
 */
class VerboseLoggingTest {
    private static final String SCENARIO = """
            {"name": "tiny", "duration_s": 2,
             "link": {"capacity": {"type": "constant", "kbps": 1000}, "one_way_delay_ms": 30, "queue_ms": 200},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000}}
            """;

    @Test
    void verboseLogsWeirsSetUpToStandardErrorAndTheDefaultStaysQuiet(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("tiny.json"), SCENARIO);
        Result quiet = fork("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, quiet.code, quiet.err);
        assertEquals("", quiet.err, "warnings only by default");
        Result verbose = fork("simulate", "--verbose", "--scenario", scenario.toString(), "--out",
                dir.resolve("b").toString());
        assertEquals(0, verbose.code, verbose.err);
        assertTrue(verbose.err.contains("[DEBUG] GoogCcEstimator - gcc: bitrates [30000, 3000000] bps"), verbose.err);
        assertEquals(quiet.out.replace(dir.resolve("a").toString(), "DIR"),
                verbose.out.replace(dir.resolve("b").toString(), "DIR"), "standard output is the result either way");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result fork(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = WeirCommand.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        Path errFile = Files.createTempFile("weir-verbose", ".err");
        try {
            // Standard error to a file: reading two pipes one after the other could block the child.
            Process process = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            return new Result(code, out, Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
