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
 * picocli prints for them, write the same files and exit with its code; the others it leaves to
 * picocli.
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
        lines.add(new String[] {"scenarios", "--scenarios", a.toString(), b.toString()});
        lines.add(new String[] {"scenarios", "--scenarios", dir.toString()});
        lines.add(new String[] {"scenarios", "--scenarios=" + a, "--scenarios", b.toString()});
        lines.add(new String[] {"scenarios", "--scenarios", a.toString(), twin.toString()});
        lines.add(new String[] {"scenarios", "--scenarios", broken.toString()});
        lines.add(new String[] {"scenarios", "--scenarios", dir.resolve("missing.json").toString()});
        lines.add(new String[] {"scenarios", "--scenarios", traced.toString(), "--traces-root", traces.toString()});
        lines.add(new String[] {"scenarios", "--allow-absolute-paths", "--scenarios", traced.toString(), "--traces-root",
            traces.toString()});
        lines.add(new String[] {"scenarios", "--scenarios", traced.toString(), "--traces-root", dir.resolve("no").toString()});
        lines.add(new String[] {"scenarios", "--traces-root=" + traces, "--scenarios", traced.toString()});
        lines.add(new String[] {"scenarios"});
        for (String[] args : lines) {
            Run fast = fast(args);
            assertNotNull(fast, () -> "not on the fast path: " + String.join(" ", args));
            assertEquals(picocli(args), fast, String.join(" ", args));
        }
        assertTrue(fast("scenarios", "--scenarios", a.toString(), b.toString()).out().contains("beta"));
        assertEquals(2, fast("scenarios", "--scenarios", broken.toString()).code());
    }

    @Test
    void shouldSimulateWritingTheFilesAndSummaryPicocliWrites(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("short.json"), """
                {"name": "short", "duration_s": 6,
                 "link": {"capacity": {"type": "constant", "kbps": 1000}, "one_way_delay_ms": 30, "queue_ms": 200,
                          "loss": {"type": "random", "rate": 0.02}}}
                """);
        Path settings = Files.writeString(dir.resolve("gcc.json"), "{}");
        List<List<String>> lines = List.of(
                List.of("--scenario", scenario.toString(), "--out", "@OUT"),
                List.of("--scenario", scenario.toString(), "--out", "@OUT", "--audio", "--settings", settings.toString(),
                        "--event-log", "@OUT.events"),
                List.of("--estimator", "oracle", "--seed", "7", "--scenario", scenario.toString(), "--out", "@OUT",
                        "--plot"),
                List.of("--estimator=gcc-classic", "--seed=3", "--scenario=" + scenario, "--out=@OUT",
                        "--allow-absolute-paths"),
                List.of("--scenario", scenario.toString(), "--out", "@OUT", "--estimator", "nonsense"),
                List.of("--scenario", dir.resolve("missing.json").toString(), "--out", "@OUT"),
                List.of("--scenario", scenario.toString(), "--out", "@OUT", "--bundle", dir.resolve("nb").toString()),
                List.of("--scenario", scenario.toString(), "--out", "@OUT", "--traces-root",
                        dir.resolve("nt").toString()));
        int n = 0;
        for (List<String> line : lines) {
            Path fastOut = dir.resolve("fast-" + n);
            Path picocliOut = dir.resolve("picocli-" + n++);
            Run fast = fast(simulate(line, fastOut));
            assertNotNull(fast, () -> "not on the fast path: " + line);
            Run picocli = picocli(simulate(line, picocliOut));
            assertEquals(picocli, new Run(fast.code(), fast.out().replace(fastOut.toString(), picocliOut.toString()),
                    fast.err().replace(fastOut.toString(), picocliOut.toString())), line.toString());
            for (String file : List.of("timeseries.csv", "metrics.json", "settings.json", "plot.png")) {
                assertEquals(Files.exists(picocliOut.resolve(file)), Files.exists(fastOut.resolve(file)), file);
                if (Files.exists(fastOut.resolve(file)) && !file.endsWith(".png")) {
                    assertEquals(Files.readString(picocliOut.resolve(file)), Files.readString(fastOut.resolve(file)));
                }
            }
            Path fastEvents = Path.of(fastOut + ".events");
            Path picocliEvents = Path.of(picocliOut + ".events");
            assertEquals(Files.exists(picocliEvents), Files.exists(fastEvents));
            if (Files.exists(fastEvents)) {
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(picocliEvents), Files.readAllBytes(fastEvents)),
                        "event logs differ");
            }
        }
        assertEquals(2, fast(simulate(lines.get(4), dir.resolve("x"))).code(), "unknown estimator");
    }

    private static String[] simulate(List<String> options, Path out) {
        List<String> args = new ArrayList<>(List.of("simulate"));
        options.forEach(option -> args.add(option.replace("@OUT", out.toString())));
        return args.toArray(new String[0]);
    }

    @Test
    void shouldLeaveEveryOtherCommandLineToPicocli() {
        for (String[] args : List.of(new String[] {"scenarios", "--scenarios"}, new String[] {"scenarios", "--bogus"},
                new String[] {"scenarios", "--help"}, new String[] {"scenarios", "--scenarios", "-x"},
                new String[] {"scenarios", "--traces-root", "a", "--traces-root", "b"},
                new String[] {"scenarios", "--allow-absolute-paths", "--allow-absolute-paths"},
                new String[] {"scenarios", "--scenarios", "a\0b"},
                new String[] {"--help", "simulate"}, new String[] {"-hV"}, new String[] {"simulate", "--help"},
                new String[] {"simulate", "--scenario", "s.json"}, new String[] {"simulate", "--out", "o"},
                new String[] {"simulate", "--scenario", "s.json", "--out", "o", "--seed", "0x10"},
                new String[] {"simulate", "--scenario", "s.json", "--out", "o", "--seed", "-5"},
                new String[] {"simulate", "--scenario", "s.json", "--out", "o", "--plot", "--plot"},
                new String[] {"simulate", "--scenario", "s.json", "--out", "o", "--plot=true"},
                new String[] {"simulate", "--scenario", "s.json", "--out", "o", "--scenario", "t.json"},
                new String[] {"simulate", "--scenario", "s.json", "--out", "o", "extra"},
                new String[] {"simulate", "--verbose", "--scenario", "s.json", "--out", "o"},
                new String[] {"help"}, new String[] {"bogus"})) {
            assertNull(fast(args), String.join(" ", args));
        }
        Run missingValue = picocli("scenarios", "--scenarios");
        assertEquals(2, missingValue.code());
        assertTrue(missingValue.err().contains("--scenarios"), missingValue.err());
    }
}
