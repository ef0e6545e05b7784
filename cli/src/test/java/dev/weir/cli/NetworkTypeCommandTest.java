package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir network-type --fit-decision}: a bad guard is refused before any call is simulated. */
class NetworkTypeCommandTest {
    private static final Path ROOT = GateSuites.repositoryRoot();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... extra) throws IOException {
        Path model;
        try (Stream<Path> files = Files.list(ROOT.resolve("configs/bundle"))) {
            model = files.filter(f -> f.toString().endsWith(".weirmodel")).findFirst().orElseThrow();
        }
        String[] base = {"network-type", "--model", model.toString(), "--sets",
            ROOT.resolve("configs/bundle-sets").toString(), "--traces-root", dir.toString(), "--out",
            dir.resolve("report.json").toString(), "--fit-decision", dir.resolve("decision.json").toString(),
            "--test-split", ROOT.resolve("configs/ml/test-split.json").toString(), "--scenarios",
            ROOT.resolve("configs/scenarios").toString()};
        String[] args = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void refusesAMissingGuardDirectoryBeforeSimulatingAnything() throws IOException {
        assertEquals(2, run("--guard-scenarios", dir.resolve("missing").toString()));
        assertTrue(err.toString().contains("missing"), err.toString());
        assertFalse(out.toString().contains("segments x types"), "no study ran: " + out);
        assertFalse(Files.exists(dir.resolve("decision.json")));
        assertFalse(Files.exists(dir.resolve("report.json")));
    }

    @Test
    void refusesZeroGuardSeeds() throws IOException {
        assertEquals(2, run("--guard-seeds", "0", "--guard-scenarios",
                ROOT.resolve("configs/tuning/wired_stable/holdout").toString()));
        assertTrue(err.toString().contains("--guard-seeds 0"), err.toString());
        assertFalse(Files.exists(dir.resolve("decision.json")));
    }
}
