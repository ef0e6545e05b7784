package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines {@link FastPath} runs without picocli print, to both streams, exactly what
 * picocli prints for them and exit with its code; the others it leaves to picocli.
 */
class FastPathTest {
    private static final String SCENARIO = """
            {"name": "%s", "duration_s": 30,
             "link": {"capacity": {"type": "constant", "kbps": 1000}, "one_way_delay_ms": 30, "queue_ms": 200}}
            """;

    /** Output of one run: exit code, standard output, standard error. */
    private record Run(int code, String out, String err) {
    }

    private static Run fast(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Integer code = FastPath.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return code == null ? null : new Run(code, out.toString(), err.toString());
    }

    private static Run picocli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WeirCommand.executeWithPicocli(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintTheHelpPicocliRendersWithEveryCommandListed() {
        assertEquals(UsageText.render(), FastPath.usage(), "weir-usage.txt is stale: run the build's process-classes");
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h"})) {
            assertEquals(picocli(args), fast(args), String.join(" ", args));
        }
        for (WeirCommand.Subcommand subcommand : WeirCommand.SUBCOMMANDS) {
            assertTrue(FastPath.usage().contains("\n  " + subcommand.name() + " "), subcommand.name());
        }
    }

    @Test
    void shouldPrintTheVersionPicocliPrints() {
        assertEquals(picocli("--version"), fast("--version"));
        assertEquals(picocli("-V"), fast("-V"));
    }

    @Test
    void shouldListScenariosAndReportBadOnesAsPicocliDoes(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), SCENARIO.formatted("alpha"));
        Path b = Files.writeString(dir.resolve("b.json"), SCENARIO.formatted("beta"));
        Path twin = Files.writeString(Files.createDirectories(dir.resolve("twin")).resolve("a.json"),
                SCENARIO.formatted("alpha"));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\", \"duration_s\": -1}");
        Path traced = Files.writeString(dir.resolve("traced.json"), """
                {"name": "traced", "duration_s": 30,
                 "link": {"capacity": {"type": "cooked", "file": "traces:t.cooked"}, "one_way_delay_ms": 30,
                          "queue_ms": 200}}
                """);
        Path traces = Files.createDirectories(dir.resolve("traces"));
        Files.writeString(traces.resolve("t.cooked"), "0.0\t1.5\n1.0\t0.5\n");
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"scenarios", "--dir", a.toString(), b.toString()});
        lines.add(new String[] {"scenarios", "--dir", dir.toString()});
        lines.add(new String[] {"scenarios", "--dir=" + a, "--dir", b.toString()});
        lines.add(new String[] {"scenarios", "--dir", a.toString(), twin.toString()});
        lines.add(new String[] {"scenarios", "--dir", broken.toString()});
        lines.add(new String[] {"scenarios", "--dir", dir.resolve("missing.json").toString()});
        lines.add(new String[] {"scenarios", "--dir", traced.toString(), "--traces-root", traces.toString()});
        lines.add(new String[] {"scenarios", "--allow-absolute-paths", "--dir", traced.toString(), "--traces-root",
            traces.toString()});
        lines.add(new String[] {"scenarios", "--dir", traced.toString(), "--traces-root", dir.resolve("no").toString()});
        lines.add(new String[] {"scenarios"});
        for (String[] args : lines) {
            Run fast = fast(args);
            assertNotNull(fast, () -> "not on the fast path: " + String.join(" ", args));
            assertEquals(picocli(args), fast, String.join(" ", args));
        }
        assertTrue(fast("scenarios", "--dir", a.toString(), b.toString()).out().contains("beta"));
        assertEquals(2, fast("scenarios", "--dir", broken.toString()).code());
    }

    @Test
    void shouldLeaveEveryOtherCommandLineToPicocli() {
        for (String[] args : List.of(new String[] {"scenarios", "--dir"}, new String[] {"scenarios", "--bogus"},
                new String[] {"scenarios", "--help"}, new String[] {"scenarios", "--dir", "-x"},
                new String[] {"scenarios", "--traces-root", "a", "--traces-root", "b"},
                new String[] {"scenarios", "--allow-absolute-paths", "--allow-absolute-paths"},
                new String[] {"scenarios", "--traces-root=a"}, new String[] {"scenarios", "--dir", "a\0b"},
                new String[] {"--help", "simulate"}, new String[] {"-hV"}, new String[] {"simulate", "--help"},
                new String[] {"help"}, new String[] {"bogus"})) {
            assertNull(fast(args), String.join(" ", args));
        }
        Run missingValue = picocli("scenarios", "--dir");
        assertEquals(2, missingValue.code());
        assertTrue(missingValue.err().contains("--dir"), missingValue.err());
    }
}
