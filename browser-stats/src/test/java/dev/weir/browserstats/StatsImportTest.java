package dev.weir.browserstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.steer.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model path over a browser call: a generated 40 s Chrome-style dump (one sample a second,
 * delta-compressed: 1 Mbps sent, a 1.2 Mbps estimate, 40 ms RTT, 2 ms jitter, 5 % loss in the
 * second half) through the recorder, model and decision, the 100 ms rows and the scenario.
 */
class StatsImportTest {
    private static final int SECONDS = 40;
    private static final double SEND_BPS = 1_000_000;
    private static final double ESTIMATE_BPS = 1_200_000;
    private static final int PACKETS_PER_S = 100;
    private static Bundle bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadBundle() {
        bundle = Fixtures.committedBundle();
    }

    /** The generated dump: getstats lines of PC_0 only after a first full sample. */
    static Path writeCall(Path dir) throws IOException {
        StringBuilder text = new StringBuilder("[\"create\",\"PC_0\",{},0]\n");
        long bytes = 0;
        long packets = 0;
        long lost = 0;
        for (int s = 0; s <= SECONDS; s++) {
            long timeMs = 1_000_000L + s * 1_000L;
            if (s == 0) {
                text.append(String.format(Locale.ROOT, "[\"getstats\",\"PC_0\",{\"T\":{\"timestamp\":%d,\"type\":"
                        + "\"transport\",\"selectedCandidatePairId\":\"P\"},\"P\":{\"timestamp\":%d,\"type\":"
                        + "\"candidate-pair\",\"bytesSent\":0,\"availableOutgoingBitrate\":%d,"
                        + "\"currentRoundTripTime\":0.04},\"O\":{\"timestamp\":%d,\"type\":\"outbound-rtp\","
                        + "\"packetsSent\":0},\"R\":{\"timestamp\":%d,\"type\":\"remote-inbound-rtp\",\"packetsLost\":0,"
                        + "\"jitter\":0.002}},%d]%n", timeMs, timeMs, (long) ESTIMATE_BPS, timeMs, timeMs, timeMs));
                continue;
            }
            bytes += (long) (SEND_BPS / 8);
            packets += PACKETS_PER_S;
            if (s > SECONDS / 2) {
                lost += PACKETS_PER_S / 20;
            }
            text.append(String.format(Locale.ROOT, "[\"getstats\",\"PC_0\",{\"P\":{\"timestamp\":0,\"bytesSent\":%d},"
                    + "\"O\":{\"timestamp\":0,\"packetsSent\":%d},\"R\":{\"timestamp\":0,\"packetsLost\":%d},"
                    + "\"timestamp\":%d},%d]%n", bytes, packets, lost, timeMs, timeMs));
        }
        Path file = dir.resolve("call.ndjson");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theRecorderSeesTheBrowsersCall() throws IOException {
        RtcStatsDump dump = RtcStatsReader.read(writeCall(dir));
        StatsSeries series = StatsSeries.of(dump.source(), dump.connection("PC_0"));
        StatsReplay replay = new StatsReplay(dump.source(), bundle);
        List<StatsReplay.Decision> decisions = replay.run(series);
        SignalRecorder recorder = replay.recorder();
        double lossSum = 0;
        int steps = 25; // the last 5 s
        for (int i = 0; i < steps; i++) {
            lossSum += recorder.value(i + 2, TimeSeriesFeature.LOSS_FRACTION);
            assertEquals(1_000, recorder.value(i + 2, TimeSeriesFeature.SEND_RATE_KBPS), 60, "step " + i);
            assertEquals(1_200, recorder.value(i + 2, TimeSeriesFeature.TARGET_RATE_KBPS), 1e-3);
            assertEquals(0, recorder.value(i + 2, TimeSeriesFeature.IN_ALR), 0);
            float rtt = recorder.value(i + 2, TimeSeriesFeature.RTT_MS);
            assertTrue(rtt >= 38 && rtt <= 55, "rtt " + rtt);
        }
        assertEquals(0.05, lossSum / steps, 0.015, "5 % loss spread over the steps");
        assertEquals(2, recorder.value(2, TimeSeriesFeature.JITTER_MS), 0.3, "the browser's jitter, rebuilt");
        assertFalse(replay.modelFailed());
        // One decision per 200 ms step once the 10 s window is full: (40 - 10) s * 5.
        assertTrue(decisions.size() >= 140 && decisions.size() <= 152, "decisions: " + decisions.size());
        assertTrue(decisions.get(0).timeUs() >= 10_000_000 && decisions.get(0).timeUs() <= 10_400_000);
        for (StatsReplay.Decision d : decisions) {
            assertTrue(d.randomLossProbability() >= 0 && d.randomLossProbability() <= 1);
            assertTrue(d.congestionProbability() >= 0 && d.congestionProbability() <= 1);
        }
        assertEquals(0.05, decisions.get(decisions.size() - 1).lossRate4s(), 0.01);
    }

    @Test
    void rowsScenarioAndFiles() throws IOException {
        StatsImport.Result result = StatsImport.run(writeCall(dir), null, bundle);
        assertEquals("PC_0", result.connection().id());
        assertEquals(SECONDS * 10, result.networkTypes().length);
        double[] t = result.column("time_s");
        assertEquals(0.1, t[0], 1e-9);
        assertEquals(SECONDS, t[t.length - 1], 1e-9);
        assertEquals(ESTIMATE_BPS, result.column("target_bps")[5], 0);
        assertEquals(SEND_BPS, result.column("send_bps")[5], 1e-6);
        assertEquals(40, result.column("rtt_ms")[5], 1e-9);
        assertEquals(0.05, result.column("loss_fraction")[t.length - 1], 1e-9);
        assertEquals(0, result.column("network_type_code")[50], 0, "no decision before the window is full");
        assertTrue(result.column("network_type_code")[t.length - 1] >= 1);
        assertEquals(1, result.column("stats_sample")[9], 0, "the sample at 1.0 s");
        assertEquals(0, result.column("stats_sample")[10], 0);

        Path out = dir.resolve("out");
        StatsImport.write(result, out);
        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals("time_s,target_bps,send_bps,recv_bps,rtt_ms,loss_fraction,jitter_ms,in_alr,stats_sample,"
                + "network_type_code,p_congestion,p_random_loss,network_type", csv.get(0));
        assertEquals(SECONDS * 10 + 1, csv.size());
        String summary = Files.readString(out.resolve("stats.json"));
        assertTrue(summary.contains("\"peer_connection\" : \"PC_0\""), summary);
        assertTrue(summary.contains("approximations"), summary);
        assertTrue(Files.size(out.resolve("plot.png")) > 10_000);

        Scenario scenario = ScenarioLoader.parse(StatsScenario.json(result, "recorded-test"), null, null, "test");
        assertEquals(SECONDS * 1_000_000L, scenario.durationUs());
        assertEquals(1_200_000, scenario.link().capacity().capacityBpsAt(5_000_000), "max(delivered, estimate)");
        assertEquals(20_000, scenario.link().oneWayDelayUs(), "half the smallest RTT");
        assertEquals(20_000, scenario.returnDelayUs());
    }

    @Test
    void anUnknownPeerConnectionListsTheKnownOnes() {
        StatsFormatException e = assertThrows(StatsFormatException.class,
                () -> StatsImport.run(Fixtures.dump("chrome-compressed.ndjson"), "PC_7", bundle));
        assertTrue(e.getMessage().contains("no peer connection 'PC_7'"), e.getMessage());
        assertTrue(e.getMessage().contains("PC_0 (4 samples, 0.38 MB sent)"), e.getMessage());
    }

    @Test
    void aBundleWithoutAModelIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> StatsImport.run(Fixtures.dump("chrome-compressed.ndjson"), null, Bundle.gccDefaults()));
    }
}
