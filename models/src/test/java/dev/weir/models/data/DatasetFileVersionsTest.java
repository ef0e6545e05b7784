package dev.weir.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.container.ContainerFormat;
import dev.weir.bwe.container.ContainerWriter;
import dev.weir.bwe.util.Sha256;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format 4 (the FEC ground truth after the network types) against format 3, which is still read:
 * {@code src/test/resources/legacy/dataset-v3-two-calls.weirds} is {@link DatasetTest#tiny()} as
 * the version 3 writer wrote it (without its FEC values).
 */
class DatasetFileVersionsTest {
    /** Offset of random_loss_share in tiny()'s blob: rows, dense, decisions, times, then 7 x 5 label bytes and lead times. */
    private static final int SHARE_OFFSET = 5 * 2 * 4 + 5 * 4 + 5 + 5 * 4 + 5 + 5 + 5 * 4 + 5 + 5 + 5 + 5;
    private static final ContainerFormat VERSION_3 = new ContainerFormat("WEIRDSET", 3, "weir dataset", 64 << 20,
            8L << 30);

    private static Path legacy() throws URISyntaxException {
        return Path.of(DatasetFileVersionsTest.class.getResource("/legacy/dataset-v3-two-calls.weirds").toURI());
    }

    private static byte[] current(Path dir) throws Exception {
        Path file = dir.resolve("d.weirdata");
        DatasetTest.tiny().write(file);
        return Files.readAllBytes(file);
    }

    private static byte[] header(byte[] file) {
        int start = ContainerFormat.PREAMBLE_BYTES;
        return Arrays.copyOfRange(file, start, start + HostileDatasetFilesTest.headerLength(file));
    }

    private static DatasetFormatException rejected(Path dir, byte[] bytes) throws Exception {
        Path file = dir.resolve("bad.weirdata");
        Files.write(file, bytes);
        return assertThrows(DatasetFormatException.class, () -> Dataset.read(file));
    }

    @Test
    void shouldWriteVersion4WithTheTwoFloatArraysPerStep(@TempDir Path dir) throws Exception {
        byte[] bytes = current(dir);
        assertEquals(4, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        byte[] blob = HostileDatasetFilesTest.blob(bytes);
        assertEquals(5 * (2 * 4 + 4 + 15 + 8 + 4), blob.length);
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0.03f, b.getFloat(SHARE_OFFSET + 2 * 4));
        assertEquals(2f, b.getFloat(SHARE_OFFSET + 5 * 4 + 2 * 4));
        assertTrue(Float.isNaN(b.getFloat(SHARE_OFFSET)));
    }

    @Test
    void shouldReadAVersion3FileWithTheFecGroundTruthAbsent(@TempDir Path dir) throws Exception {
        Dataset old = Dataset.read(legacy());
        Dataset expected = DatasetTest.tiny();
        assertEquals(expected.steps(), old.steps());
        assertEquals(expected.sources(), old.sources());
        for (int i = 0; i < old.steps(); i++) {
            assertEquals(expected.tsValue(i, 0), old.tsValue(i, 0));
            assertEquals(expected.tsValue(i, 1), old.tsValue(i, 1));
            assertEquals(expected.denseValue(i, 0), old.denseValue(i, 0));
            assertEquals(expected.isDecision(i), old.isDecision(i));
            assertEquals(expected.timeMs(i), old.timeMs(i));
            for (String task : new String[] {Dataset.TASK_LOSS_ATTRIBUTION, Dataset.TASK_CONGESTION,
                    Dataset.TASK_NETWORK_TYPE}) {
                assertEquals(expected.label(task, i), old.label(task, i), task + " at " + i);
            }
            assertEquals(expected.leadTimeS(i), old.leadTimeS(i));
            assertEquals(expected.gate(i), old.gate(i));
            assertEquals(expected.cause(i), old.cause(i));
            assertEquals(expected.congestedNow(i), old.congestedNow(i));
            assertEquals(Float.floatToIntBits(expected.baselineScore(0, i)),
                    Float.floatToIntBits(old.baselineScore(0, i)));
            assertTrue(Float.isNaN(old.randomLossShare(i)) && Float.isNaN(old.meanBurstPackets(i)), "step " + i);
            assertEquals(Dataset.NO_LABEL, old.label(Dataset.TASK_RANDOM_LOSS_RATE, i));
            assertEquals(Dataset.NO_LABEL, old.label(Dataset.TASK_LOSS_BURST, i));
        }
        byte[] bytes = Files.readAllBytes(legacy());
        assertEquals(Sha256.hex(bytes, 0, bytes.length - ContainerFormat.TRAILER_BYTES), old.digest(),
                "the identity of the file read");
        Path again = dir.resolve("again.weirdata");
        old.write(again);
        byte[] rewritten = Files.readAllBytes(again);
        assertEquals(4, ByteBuffer.wrap(rewritten).order(ByteOrder.LITTLE_ENDIAN).getInt(8), "written as version 4");
        Dataset reread = Dataset.read(again);
        assertTrue(Float.isNaN(reread.randomLossShare(2)));
        reread.write(dir.resolve("third.weirdata"));
        assertArrayEquals(rewritten, Files.readAllBytes(dir.resolve("third.weirdata")));
    }

    @Test
    void shouldNameTheVersionWhenTheBlobHasTheOtherVersionsLength(@TempDir Path dir) throws Exception {
        byte[] bytes = current(dir);
        byte[] blob = HostileDatasetFilesTest.blob(bytes);
        byte[] withoutFec = new byte[blob.length - 5 * 8];
        System.arraycopy(blob, 0, withoutFec, 0, SHARE_OFFSET);
        System.arraycopy(blob, SHARE_OFFSET + 5 * 8, withoutFec, SHARE_OFFSET, blob.length - SHARE_OFFSET - 5 * 8);
        assertTrue(rejected(dir, HostileDatasetFilesTest.seal(header(bytes), withoutFec)).getMessage()
                .endsWith("blob holds 155 bytes, header says 5 steps of 39 bytes (format version 4)"));
        assertTrue(rejected(dir, ContainerWriter.toBytes(VERSION_3, header(bytes), blob)).getMessage()
                .endsWith("blob holds 195 bytes, header says 5 steps of 31 bytes (format version 3)"));
        Dataset asVersion3 = Dataset.read(writeTo(dir, ContainerWriter.toBytes(VERSION_3, header(bytes), withoutFec)));
        assertEquals(Dataset.LOSS_MIXED, asVersion3.label(Dataset.TASK_LOSS_ATTRIBUTION, 2), "the blob minus FEC is v3");
        assertEquals(0.25f, asVersion3.baselineScore(0, 2));
    }

    @Test
    void shouldRejectFecGroundTruthOutOfRangeWithStepAndField(@TempDir Path dir) throws Exception {
        byte[] bytes = current(dir);
        byte[] blob = HostileDatasetFilesTest.blob(bytes);
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putFloat(SHARE_OFFSET + 2 * 4, 1.5f);
        assertTrue(rejected(dir, HostileDatasetFilesTest.seal(header(bytes), blob)).getMessage()
                .endsWith("step 2 has random_loss_share 1.5 outside NaN (none) or [0, 1]"));
        byte[] burst = HostileDatasetFilesTest.blob(bytes);
        ByteBuffer.wrap(burst).order(ByteOrder.LITTLE_ENDIAN).putFloat(SHARE_OFFSET + 5 * 4, 3f);
        assertTrue(rejected(dir, HostileDatasetFilesTest.seal(header(bytes), burst)).getMessage()
                .endsWith("step 0 has mean_burst_packets 3.0 outside NaN (none) or a finite run >= 1 beside a share"));
    }

    private static Path writeTo(Path dir, byte[] bytes) throws Exception {
        Path file = dir.resolve("ok.weirdata");
        Files.write(file, bytes);
        return file;
    }
}
