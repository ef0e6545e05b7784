package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketLogTest {

    @Test
    void shouldKeepEveryFieldOfEveryPacketAcrossGrowth(@TempDir Path directory) throws IOException {
        PacketLog log = new PacketLog(1);
        for (int i = 0; i < 100; i++) {
            int seq = log.append(PacketKind.VIDEO, 1_000L * i, 1200, i / 4, i, -1);
            log.setNetwork(seq, i % 10 == 0 ? -1 : 1_000L * i + 50_000,
                    i % 10 == 0 ? DropCause.BURST : DropCause.NONE, 7L * i, 2_000_000);
        }
        int probe = log.append(PacketKind.PROBE, 200_000, 1200, -1, -1, 3);
        log.setNetwork(probe, 250_000, DropCause.NONE, 0, 2_000_000);
        assertEquals(101, log.size());
        assertEquals(37, log.sequence(37));
        assertEquals(PacketKind.VIDEO, log.kind(37));
        assertEquals(37_000, log.sendTimeUs(37));
        assertEquals(87_000, log.arrivalTimeUs(37));
        assertEquals(-1, log.arrivalTimeUs(30));
        assertEquals(DropCause.BURST, log.dropCause(30));
        assertEquals(259, log.queueDelayUs(37));
        assertEquals(2_000_000, log.capacityBpsAtEnqueue(37));
        assertEquals(9, log.frameId(37));
        assertEquals(37, log.mediaId(37));
        assertEquals(3, log.probeClusterId(100));
        assertThrows(IndexOutOfBoundsException.class, () -> log.kind(101));

        Path file = directory.resolve("packets.csv");
        log.writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(102, lines.size());
        assertEquals(PacketLog.CSV_HEADER, lines.get(0));
        assertEquals("30,video,30000,-1,1200,burst,210,2000000,7,30,-1", lines.get(31));
        assertEquals("100,probe,200000,250000,1200,none,0,2000000,-1,-1,3", lines.get(101));
    }
}
