package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallMetricsTest {

    /**
     * A constructed 1 s call on a 1 Mbps link, its packets and rows fed to the calculator in
     * order as a running call feeds them: 10 video packets of 1000 B sent every 100 ms, the
     * fifth dropped by the queue, the others arriving 50..140 ms later (+10 ms each; the last one
     * lands after the call's end and does not count as delivered); one 500 B
     * probe padding packet; frames rendered every 33.3 ms except a 300 ms gap.
     */
    private static CallMetrics constructedMetrics() {
        PacketLog log = new PacketLog(4);
        for (int i = 0; i < 10; i++) {
            int seq = log.append(PacketKind.VIDEO, 100_000L * i, 1000, i, i, -1);
            if (i == 4) {
                log.setNetwork(seq, -1, DropCause.QUEUE_OVERFLOW, 0, 1_000_000);
            } else {
                log.setNetwork(seq, 100_000L * i + 50_000 + 10_000L * i, DropCause.NONE, 0, 1_000_000);
            }
        }
        int probe = log.append(PacketKind.PROBE, 950_000, 500, -1, -1, 3);
        log.setNetwork(probe, 990_000, DropCause.NONE, 0, 1_000_000);

        SimulatorSettings settings = new SimulatorSettings();
        TimeSeries series = new TimeSeries(10);
        int time = TimeSeries.index("time_s");
        int delay = TimeSeries.index("one_way_delay_ms");
        int freeze = TimeSeries.index("freeze");
        int recv = TimeSeries.index("recv_bps");
        int capacity = TimeSeries.index("capacity_bps");
        for (int row = 0; row < 10; row++) {
            series.set(row, time, (row + 1) / 10.0);
            series.set(row, capacity, 1_000_000);
            series.set(row, recv, row < 9 ? 80_000 : 0);
        }
        series.set(2, delay, 450); // one row with a bad delay
        series.set(5, freeze, 0.5); // half a row frozen

        FreezeCounter freezes = new FreezeCounter(0, 33_333, 3.0, 150_000, 30);
        long renderUs = 0;
        for (int i = 0; i < 10; i++) {
            freezes.onFrameRendered(renderUs);
            renderUs += 33_333;
        }
        renderUs += 300_000 - 33_333;
        for (int i = 0; i < 10; i++) {
            freezes.onFrameRendered(renderUs);
            renderUs += 33_333;
        }
        freezes.finish(1_000_000);
        MetricsCalculator calculator = new MetricsCalculator(settings, 1_000_000);
        for (int i = 0; i < log.size(); i++) {
            calculator.onPacket(log.sizeBytes(i), log.dropCause(i) != DropCause.NONE, log.arrivalTimeUs(i),
                    log.kind(i) == PacketKind.PROBE, log.sendTimeUs(i));
        }
        double[] row = new double[TimeSeries.COLUMNS.size()];
        for (int r = 0; r < series.size(); r++) {
            for (int column = 0; column < row.length; column++) {
                row[column] = series.get(r, column);
            }
            calculator.onRow(row);
        }
        return calculator.finish(freezes, 1_000_000, 25_000, 20, 30, 30);
    }

    @Test
    void shouldComputeEveryMetricOfAConstructedCall() {
        CallMetrics metrics = constructedMetrics();
        assertEquals(10_500 * 8, metrics.value("avg_sent_bitrate_bps"), 1e-9);
        assertEquals(8_500 * 8, metrics.value("avg_recv_bitrate_bps"), 1e-9);
        assertEquals(8_000 * 8 / 1e6, metrics.value("utilization"), 1e-12); // probe padding excluded
        // The 300 ms gap after the 10th frame freezes; the trailing 100 ms after the 20th does not.
        assertEquals(30, metrics.value("freeze_pct"), 1e-9);
        assertEquals(0, metrics.value("freeze_500ms_pct"));
        assertEquals(0, metrics.value("connection_drop"));
        // Delays of the 8 video packets delivered in time: 50, 60, 70, 80, 100, 110, 120, 130 ms;
        // nearest rank: p50 is the 4th, p95 the 8th.
        assertEquals(80, metrics.value("delay_p50_ms"), 1e-9);
        assertEquals(130, metrics.value("delay_p95_ms"), 1e-9);
        assertEquals(100.0 / 11, metrics.value("loss_pct"), 1e-9);
        // Rendered 200 kbps, 20 fps of 30, frozen share from freeze_pct.
        double bitrateTerm = Math.log(200_000 / 50_000.0) / Math.log(80);
        double expectedScore = 100 * (0.75 * bitrateTerm + 0.25 * 20 / 30.0) * (1 - metrics.value("freeze_pct") / 100);
        assertEquals(expectedScore, metrics.value("video_quality_score"), 1e-9);
        assertEquals(30, metrics.value("avg_encode_fps"), 1e-9);
        assertEquals(100 * 1.5 / 10, metrics.value("bad_experience_pct"), 1e-9);
        assertEquals(1.0, metrics.value("time_to_80pct_capacity_s"), 1e-9); // 8% of capacity: never
    }

    @Test
    void shouldExposeKeysInTheirFixedOrderWithABooleanDrop() {
        CallMetrics metrics = constructedMetrics();
        List<String> expected = List.of("avg_sent_bitrate_bps", "avg_recv_bitrate_bps", "utilization", "freeze_pct",
                "freeze_500ms_pct", "connection_drop", "delay_p50_ms", "delay_p95_ms", "loss_pct",
                "video_quality_score", "avg_encode_fps", "bad_experience_pct", "time_to_80pct_capacity_s");
        assertEquals(expected, CallMetrics.keys());
        assertEquals(expected, List.copyOf(metrics.toMap().keySet()));
        assertEquals(Boolean.FALSE, metrics.toMap().get("connection_drop"));
        assertTrue(metrics.toMap().get("loss_pct") instanceof Double);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> metrics.value("mos"));
        assertTrue(error.getMessage().contains("mos") && error.getMessage().contains("freeze_pct"));
    }

    @Test
    void shouldWriteJsonInKeyOrderAndReadItBack(@TempDir Path directory) throws IOException {
        CallMetrics metrics = constructedMetrics();
        Path file = directory.resolve("out/metrics.json");
        metrics.writeJson(file);
        String json = Files.readString(file);
        int last = -1;
        for (String key : CallMetrics.keys()) {
            int at = json.indexOf("\"" + key + "\"");
            assertTrue(at > last, key + " out of order");
            last = at;
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> read = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json,
                java.util.LinkedHashMap.class);
        assertEquals(metrics, CallMetrics.fromMap(read));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file may remain");
        }
    }

    @Test
    void shouldRejectAnUnknownTimeSeriesColumnByName() {
        TimeSeries series = new TimeSeries(3);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> series.column("jitter"));
        assertTrue(error.getMessage().contains("jitter") && error.getMessage().contains("rtt_ms"));
        assertArrayEquals(new double[3], series.column("rtt_ms"));
    }

    @Test
    void shouldWriteCsvWithAHeaderAndFixedDecimals(@TempDir Path directory) throws IOException {
        TimeSeries series = new TimeSeries(1);
        series.set(0, TimeSeries.index("time_s"), 0.1);
        series.set(0, TimeSeries.index("rtt_ms"), 12.3456789);
        series.set(0, TimeSeries.index("target_bps"), 300_000.4);
        Path file = directory.resolve("series.csv");
        series.writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(String.join(",", series.columns()) + "," + String.join(",", series.textColumns()), lines.get(0));
        String[] cells = lines.get(1).split(",");
        assertEquals("0.1", cells[0]);
        assertEquals("300000", cells[series.columns().indexOf("target_bps")]);
        assertEquals("12.346", cells[series.columns().indexOf("rtt_ms")]);
        assertEquals("none", cells[series.columns().size()], "network_type of an estimator that does not steer");
        assertEquals(series.columns().size() + series.textColumns().size(), cells.length);
    }
}
