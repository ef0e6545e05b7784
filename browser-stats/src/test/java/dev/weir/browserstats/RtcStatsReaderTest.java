package dev.weir.browserstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading rtcstats dumps: delta decompression, which stat gives each value, and bad dumps. */
class RtcStatsReaderTest {
    @TempDir
    Path dir;

    @Test
    void mergesDeltaCompressedSamplesAndReadsTheTransportsSelectedPair() {
        RtcStatsDump dump = RtcStatsReader.read(Fixtures.dump("chrome-compressed.ndjson"));
        assertEquals(9, dump.lines());
        assertEquals(5, dump.methods().get("getstats"));
        assertEquals(List.of("PC_0", "PC_1"), dump.connections().stream().map(RtcStatsDump.PeerConnection::id).toList());
        RtcStatsDump.PeerConnection pc = dump.connection("PC_0");
        assertTrue(pc.deltaCompressed());
        List<StatsSample> s = pc.samples();
        assertEquals(4, s.size());
        // CP2 sent more but the transport selected CP1.
        assertEquals(1_000, s.get(0).bytesSent(), 0);
        assertEquals(300_000, s.get(0).estimateBps(), 0);
        assertEquals(50, s.get(0).rttMs(), 1e-9, "the pair's STUN RTT wins over RTCP's");
        assertEquals(10, s.get(0).packetsSent(), 0);
        assertEquals(2, s.get(0).jitterMs(), 1e-9);
        // Line 4 repeats only what changed: the RTT stays, the estimate and counters move.
        assertEquals(4, s.get(1).line());
        assertEquals(4_000, s.get(1).timeMs());
        assertEquals(126_000, s.get(1).bytesSent(), 0);
        assertEquals(500_000, s.get(1).estimateBps(), 0);
        assertEquals(50, s.get(1).rttMs(), 1e-9);
        assertEquals(5, s.get(1).packetsLost(), 0);
        // Line 6 leaves RI1 out: its last values stand.
        assertEquals(80, s.get(2).rttMs(), 1e-9);
        assertEquals(5, s.get(2).packetsLost(), 0);
        assertEquals(4, s.get(2).jitterMs(), 1e-9);
        assertEquals(500_000, s.get(2).estimateBps(), 0);
        assertEquals(376_000, dump.connection("PC_0").bytesSent(), 0);
        assertEquals(100, dump.connection("PC_1").bytesSent(), 0);
        assertEquals(64, dump.sha256().length());
    }

    @Test
    void firefoxHasNoEstimateAndTakesRttFromRtcp() {
        List<StatsSample> s = RtcStatsReader.read(Fixtures.dump("firefox.ndjson")).connection("PC_0").samples();
        assertEquals(2, s.size());
        assertTrue(Double.isNaN(s.get(1).estimateBps()));
        assertEquals(250_000, s.get(1).bytesSent(), 0, "the pair marked selected, not the nominated one");
        assertEquals(50, s.get(1).rttMs(), 1e-9, "mean of the remote-inbound streams' RTT");
        assertEquals(2, s.get(1).jitterMs(), 1e-9);
        assertEquals(2, s.get(1).packetsLost(), 0);
        assertEquals(200, s.get(1).packetsSent(), 0);
    }

    @Test
    void legacyGoogStatsHoldNumbersAsStrings() {
        List<StatsSample> s = RtcStatsReader.read(Fixtures.dump("legacy-goog.ndjson")).connection("PC_0").samples();
        assertEquals(900_000, s.get(1).estimateBps(), 0);
        assertEquals(44, s.get(1).rttMs(), 1e-9, "the active connection's googRtt");
        assertEquals(101_000, s.get(1).bytesSent(), 0);
        assertEquals(110, s.get(1).packetsSent(), 0);
        assertEquals(3, s.get(1).packetsLost(), 0);
        assertTrue(Double.isNaN(s.get(1).jitterMs()));
    }

    @Test
    void badDumpsNameTheLineAndField() {
        assertProblem("malformed-json.ndjson", 2, "malformed JSON");
        assertProblem("bad-field.ndjson", 3, "PC_0 getstats CP1.availableOutgoingBitrate: expected a number, found a string \"fast\"");
        assertProblem("not-an-array.ndjson", 1, "expected [method, peerConnectionId, value, timestamp], found an object");
        assertProblem("backwards.ndjson", 2, "earlier than the connection's previous sample (2000)");
        assertProblem("no-getstats.ndjson", 0, "no getStats samples in 2 lines");
        assertProblem("negative-bytes.ndjson", 1, "CP1.bytesSent: -5 is negative");
        assertProblem("value-not-object.ndjson", 1, "expected an object of stats reports, found a string");
        StatsFormatException missing = assertThrows(StatsFormatException.class,
                () -> RtcStatsReader.read(dir.resolve("none.ndjson")));
        assertTrue(missing.getMessage().endsWith("file not found"), missing.getMessage());
    }

    @Test
    void oversizedLinesAreRefusedBeforeTheyAreRead() throws IOException {
        Path file = dir.resolve("long.ndjson");
        StringBuilder text = new StringBuilder("[\"getstats\",\"PC_0\",{\"x\":\"");
        text.append("a".repeat(RtcStatsReader.MAX_LINE_BYTES)).append("\"},1]\n");
        Files.writeString(file, "[\"create\",\"PC_0\",{},1]\n" + text);
        StatsFormatException e = assertThrows(StatsFormatException.class, () -> RtcStatsReader.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("line longer than"), e.getMessage());
    }

    @Test
    void anArrayOfReportsWithIdsIsReadToo() throws IOException {
        Path file = dir.resolve("array.ndjson");
        Files.writeString(file, "[\"getStats\",\"pc1\",[{\"id\":\"p\",\"type\":\"candidate-pair\",\"selected\":true,"
                + "\"bytesSent\":10,\"availableOutgoingBitrate\":1000}],1000]\n");
        StatsSample sample = RtcStatsReader.read(file).connection("pc1").samples().get(0);
        assertEquals(10, sample.bytesSent(), 0);
        assertEquals(1_000, sample.estimateBps(), 0);
    }

    private static void assertProblem(String fixture, long line, String text) {
        StatsFormatException e = assertThrows(StatsFormatException.class,
                () -> RtcStatsReader.read(Fixtures.dump(fixture)), fixture);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage() + "\n should contain: " + text);
        assertTrue(e.getMessage().contains(fixture), "names the file: " + e.getMessage());
    }
}
