package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stats-import} end to end on a small dump, its bad-input behaviour (exit 2, nothing
 * written), the scenario it writes going through {@code simulate}, and {@code udp-call}'s
 * argument checks (which come before any namespace is made).
 */
class RealWorldCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path committedBundle() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isDirectory(at.resolve("configs").resolve("bundle"))) {
            at = at.getParent();
        }
        return at.resolve("configs").resolve("bundle");
    }

    /** A 14 s Chrome-style delta-compressed dump of one connection sending 600 kbps with a 900 kbps estimate. */
    private Path dump() throws Exception {
        StringBuilder text = new StringBuilder("[\"create\",\"PC_3\",{},0]\n");
        text.append("[\"getstats\",\"PC_3\",{\"P\":{\"timestamp\":1000,\"type\":\"candidate-pair\",\"selected\":true,"
                + "\"bytesSent\":0,\"availableOutgoingBitrate\":900000,\"currentRoundTripTime\":0.03},"
                + "\"O\":{\"timestamp\":1000,\"type\":\"outbound-rtp\",\"packetsSent\":0},"
                + "\"R\":{\"timestamp\":1000,\"type\":\"remote-inbound-rtp\",\"packetsLost\":0,\"jitter\":0.001}},1000]\n");
        for (int s = 1; s <= 14; s++) {
            text.append(String.format(Locale.ROOT, "[\"getstats\",\"PC_3\",{\"P\":{\"timestamp\":0,\"bytesSent\":%d},"
                    + "\"O\":{\"timestamp\":0,\"packetsSent\":%d},\"R\":{\"timestamp\":0,\"packetsLost\":%d},"
                    + "\"timestamp\":%d},%d]%n", s * 75_000, s * 63, s, 1_000 + s * 1_000, 1_000 + s * 1_000));
        }
        Path file = dir.resolve("call.ndjson");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void statsImportWritesTheSeriesPlotSummaryAndASimulatableScenario() throws Exception {
        Path result = dir.resolve("imported");
        Path scenario = dir.resolve("scenarios").resolve("call.json");
        int code = run("stats-import", dump().toString(), "--out", result.toString(), "--scenario-out",
                scenario.toString(), "--bundle", committedBundle().toString());
        assertEquals(0, code, err.toString());
        assertTrue(Files.readAllLines(result.resolve("timeseries.csv")).get(0).startsWith("time_s,target_bps,send_bps"));
        assertTrue(Files.readString(result.resolve("stats.json")).contains("\"peer_connection\" : \"PC_3\""));
        assertTrue(Files.size(result.resolve("plot.png")) > 10_000);
        assertTrue(out.toString().contains("PC_3 of 1 connection(s), 14.0 s"), out.toString());
        assertEquals("recorded-call-PC_3", ScenarioLoader.load(scenario, null).name());

        Path simulated = dir.resolve("simulated");
        assertEquals(0, run("simulate", "--scenario", scenario.toString(), "--estimator", "gcc", "--out",
                simulated.toString()), err.toString());
        assertEquals(141, Files.readAllLines(simulated.resolve("timeseries.csv")).size());
    }

    @Test
    void aBadDumpExitsTwoNamingTheLineAndWritesNothing() throws Exception {
        Path file = dir.resolve("bad.ndjson");
        Files.writeString(file, "[\"getstats\",\"PC_0\",{\"P\":{\"timestamp\":1,\"type\":\"candidate-pair\","
                + "\"selected\":true,\"bytesSent\":10}},1000]\n[\"getstats\",\"PC_0\",{\"P\":{\"bytesSent\":true}},2000]\n");
        Path result = dir.resolve("imported");
        Path scenario = dir.resolve("call.json");
        int code = run("stats-import", file.toString(), "--out", result.toString(), "--scenario-out",
                scenario.toString(), "--bundle", committedBundle().toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("bad.ndjson line 2: PC_0 getstats P.bytesSent: expected a number, found a"
                + " boolean true"), err.toString());
        assertFalse(Files.exists(result));
        assertFalse(Files.exists(scenario));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "only the dump: no staging directory or temporary file left");
        }
    }

    @Test
    void statsImportWithoutAModelSaysSo() throws Exception {
        Path noModel = dir.resolve("no-such-bundle");
        assertEquals(2, run("stats-import", dump().toString(), "--out", dir.resolve("o").toString(), "--bundle",
                noModel.toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void udpCallChecksItsArgumentsBeforeTouchingTheNetwork() {
        assertEquals(2, run("udp-call", "--rate-kbps", "1000", "--seconds", "5", "--estimator", "nope"));
        assertTrue(err.toString().contains("unknown estimator 'nope'"), err.toString());
        assertEquals(2, run("udp-call", "--rate-kbps", "5", "--seconds", "5"));
        assertTrue(err.toString().contains("--rate-kbps 5: must be in [8, 100000]"), err.toString());
        assertEquals(2, run("udp-call", "--rate-kbps", "1000", "--seconds", "0"));
        assertEquals(2, run("udp-call", "--rate-kbps", "1000", "--seconds", "5", "--delay-ms", "-1"));
        assertEquals(2, run("udp-call", "--rate-kbps", "1000", "--seconds", "5", "--queue-ms", "0"));
    }
}
