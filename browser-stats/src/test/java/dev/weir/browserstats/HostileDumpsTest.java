package dev.weir.browserstats;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted dumps (src/test/resources/hostile/stats, also fed to the CLI's forked 256 MB probe):
 * each gives a {@link StatsFormatException} naming its line, never an OutOfMemoryError, a stack
 * overflow or another exception.
 */
class HostileDumpsTest {
    private static final Path HOSTILE = Path.of("src", "test", "resources", "hostile", "stats");

    @TempDir
    Path dir;

    private static String rejected(Path file) {
        StatsFormatException e = assertThrows(StatsFormatException.class,
                () -> StatsImport.run(file, null, Fixtures.committedBundle()), file.toString());
        return e.getMessage();
    }

    @Test
    void deepNestingIsMalformedJsonNotAStackOverflow() {
        assertTrue(rejected(HOSTILE.resolve("deep-nesting.ndjson")).contains("line 1: malformed JSON"));
    }

    @Test
    void moreReportsThanAnyCallHasAreRefused() {
        assertTrue(rejected(HOSTILE.resolve("many-reports.ndjson")).contains("more than 20000 stats reports"));
    }

    @Test
    void aNumberBeyondDoubleIsNotAValue() {
        assertTrue(rejected(HOSTILE.resolve("infinite-number.ndjson")).contains("P.bytesSent: Infinity is not a finite"
                + " number"));
    }

    @Test
    void aPacketCounterThatJumpsByPetapacketsIsRefusedBeforeAnythingIsBuilt() {
        String message = rejected(HOSTILE.resolve("packet-flood.ndjson"));
        assertTrue(message.contains("line 2: packetsSent grows by 1000000000000000 in 1.0 s"), message);
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.ndjson");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(RtcStatsReader.MAX_FILE_BYTES + 1);
        }
        assertTrue(rejected(file).contains("more than the 1073741824-byte limit"));
    }
}
