package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining the sender's and receiver's logs into 100 ms rows, and reading logs strictly. */
class CallAnalysisTest {
    private static final long START_US = 1_000_000;
    private static final int SIZE = 1_200;

    @TempDir
    Path dir;

    private static CsvTable rows(int count, long targetBps) {
        CsvTable rows = new CsvTable(UdpSender.ROW_COLUMNS);
        for (int i = 0; i < count; i++) {
            Object[] values = new Object[UdpSender.ROW_COLUMNS.size()];
            java.util.Arrays.fill(values, 0);
            values[0] = START_US + (i + 1) * 100_000L;
            values[1] = targetBps;
            values[12] = "12.5"; // rtt_ms
            values[16] = "wired_stable";
            values[17] = "default";
            rows.add(values);
        }
        return rows;
    }

    @Test
    void ratesLossAndDelayPerRow() {
        CsvTable sent = new CsvTable(UdpSender.SENT_COLUMNS);
        CsvTable arrivals = new CsvTable(UdpReceiver.ARRIVAL_COLUMNS);
        for (int i = 0; i < 10; i++) {
            long sendUs = START_US + i * 10_000L;
            sent.add(i, sendUs, SIZE, -1, i == 0 ? "probe" : "video");
            if (i != 3 && i != 9) {
                arrivals.add(i, sendUs + (i == 5 ? 25_000 : 5_000), SIZE);
            }
        }
        CallAnalysis.Joined joined = CallAnalysis.join(sent, arrivals, rows(3, 500_000), START_US,
                START_US + 300_000, 987_000);
        CallAnalysis.Series s = joined.series();
        assertEquals(3, s.rows());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, s.column("time_s"), 1e-9);
        assertArrayEquals(new double[] {960_000, 0, 0}, s.column("send_bps"), 1e-6);
        assertArrayEquals(new double[] {768_000, 0, 0}, s.column("recv_bps"), 1e-6);
        assertArrayEquals(new double[] {0.2, 0, 0}, s.column("loss_fraction"), 1e-9);
        assertArrayEquals(new double[] {7.5, 7.5, 7.5}, s.column("one_way_delay_ms"), 1e-9, "mean, then held");
        assertArrayEquals(new double[] {2.5, 2.5, 2.5}, s.column("queue_delay_ms"), 1e-9, "above the 5 ms minimum");
        assertArrayEquals(new double[] {987_000, 987_000, 987_000}, s.column("capacity_bps"), 1e-9);
        assertArrayEquals(new double[] {500_000, 500_000, 500_000}, s.column("target_bps"), 1e-9);
        assertArrayEquals(new double[] {12.5, 12.5, 12.5}, s.column("rtt_ms"), 1e-9);
        assertEquals("wired_stable", s.text().get("network_type")[2]);
        assertEquals(10, joined.packetsSent());
        assertEquals(2, joined.packetsLost());
        assertEquals(7, joined.mediaDelaysMs().length, "the probe packet is not media");
        String csv = s.toCsv();
        assertTrue(csv.startsWith("time_s,capacity_bps,target_bps,pacing_bps,"), csv);
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().startsWith("0.1,987000,500000,"), csv);
    }

    @Test
    void rowsStopWhereTheSenderStoppedSampling() {
        CallAnalysis.Joined joined = CallAnalysis.join(new CsvTable(UdpSender.SENT_COLUMNS),
                new CsvTable(UdpReceiver.ARRIVAL_COLUMNS), rows(2, 300_000), START_US, START_US + 300_000, 1);
        assertEquals(2, joined.series().rows(), "a third row would read as a target of 0");
    }

    @Test
    void joinsAcrossTheSixteenBitWrapAndIgnoresDuplicatesAndStrangers() {
        int packets = 65_600;
        CsvTable sent = new CsvTable(UdpSender.SENT_COLUMNS);
        CsvTable arrivals = new CsvTable(UdpReceiver.ARRIVAL_COLUMNS);
        for (int i = 0; i < packets; i++) {
            sent.add(i, START_US + i, SIZE, -1, "video");
            arrivals.add(i & 0xFFFF, START_US + i + 1_000, SIZE);
        }
        arrivals.add(65_599 & 0xFFFF, START_US + 90_000, SIZE); // a duplicate
        arrivals.add(65_700 & 0xFFFF, START_US + 90_000, SIZE); // never sent
        CallAnalysis.Joined joined = CallAnalysis.join(sent, arrivals, rows(1, 1), START_US, START_US + 100_000, 1);
        assertEquals(0, joined.packetsLost());
        assertEquals((long) packets * SIZE, joined.bytesReceived());
        assertEquals(1.0, joined.mediaDelaysMs()[packets - 1], 1e-9);
    }

    @Test
    void aLogWithGapsInTheSenderNumberingIsRejected() {
        CsvTable sent = new CsvTable(UdpSender.SENT_COLUMNS);
        sent.add(0, START_US, SIZE, -1, "video");
        sent.add(2, START_US, SIZE, -1, "video");
        NetpathException error = assertThrows(NetpathException.class, () -> CallAnalysis.join(sent,
                new CsvTable(UdpReceiver.ARRIVAL_COLUMNS), rows(1, 1), START_US, START_US + 100_000, 1));
        assertTrue(error.getMessage().contains("sent.csv row 3"), error.getMessage());
    }

    @Test
    void logsRoundTripAndDamagedOnesNameFileAndLine() throws IOException {
        CsvTable table = new CsvTable(UdpReceiver.ARRIVAL_COLUMNS);
        table.add(1, 2, 3);
        Path file = dir.resolve("arrivals.csv");
        table.write(file);
        CsvTable read = CsvTable.read(file, UdpReceiver.ARRIVAL_COLUMNS);
        assertEquals(3, read.whole(0, "size_bytes"));

        Files.writeString(file, "transport_seq,arrival_us\n1,2\n");
        NetpathException header = assertThrows(NetpathException.class,
                () -> CsvTable.read(file, UdpReceiver.ARRIVAL_COLUMNS));
        assertTrue(header.getMessage().contains("line 1"), header.getMessage());

        Files.writeString(file, "transport_seq,arrival_us,size_bytes\n1,2,3\n4,5\n");
        NetpathException short2 = assertThrows(NetpathException.class,
                () -> CsvTable.read(file, UdpReceiver.ARRIVAL_COLUMNS));
        assertTrue(short2.getMessage().contains("line 3"), short2.getMessage());

        Files.writeString(file, "transport_seq,arrival_us,size_bytes\n1,x,3\n");
        CsvTable text = CsvTable.read(file, UdpReceiver.ARRIVAL_COLUMNS);
        assertThrows(NetpathException.class, () -> text.number(0, "arrival_us"));
        assertEquals(Collections.emptyList(), CsvTable.read(dir.resolve("arrivals.csv"),
                UdpReceiver.ARRIVAL_COLUMNS).columns().subList(0, 0));
    }
}
