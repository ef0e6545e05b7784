package dev.weir.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.container.ContainerFormat;
import dev.weir.bwe.container.ContainerWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Crafted dataset files (src/test/resources/hostile/dataset, weir containers of format 3, valid
 * trailing digests) that once passed the size check by overflow, or carried labels the evaluator
 * then used as class indices: each gives a {@link DatasetFormatException} naming the file and the
 * fault. {@link #remakeFixtures} writes them again from {@link DatasetTest#tiny()} when the format
 * changes ({@code -Dweir.remakeFixtures=true}).
 */
class HostileDatasetFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stepCountTimesStepSizeOverflowingToTheBlobLengthIsRejected() {
        // 8925843906633654008 steps x 31 bytes wraps to 8 (mod 2^64), the blob's length; the
        // sources' step counts give the claim away first.
        DatasetFormatException e = read("size-overflow.weirds");
        assertTrue(e.getMessage().endsWith("header.steps = 8925843906633654008: must equal the sources' steps (5)"),
                e.getMessage());
    }

    @Test
    void lossClassOutsideItsClassesIsRejectedWithStepAndTask() {
        DatasetFormatException e = read("loss-class-5.weirds");
        assertTrue(e.getMessage().endsWith("step 1 has loss_attribution label 5: expected -1 (none) or 0..2"),
                e.getMessage());
    }

    @Test
    void decisionFlagOtherThanZeroOrOneIsRejected() {
        DatasetFormatException e = read("decision-flag-7.weirds");
        assertTrue(e.getMessage().endsWith("step 0 has decision 7: expected 0 or 1"), e.getMessage());
    }

    @Test
    void headerThatIsNotAnObjectIsRejected() {
        DatasetFormatException e = read("header-not-object.weirds");
        assertTrue(e.getMessage().endsWith("header: expected a JSON object, found an array (line 1, column 1)"),
                e.getMessage());
    }

    /** Writes the fixtures (and the fuzz test's seeds) again; run deliberately after a format change. */
    @Test
    void remakeFixtures() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("weir.remakeFixtures"), "set -Dweir.remakeFixtures=true to remake");
        Path sources = Path.of("src/test/resources");
        Path hostile = sources.resolve("hostile/dataset");
        Path seeds = sources.resolve("dev/weir/models/data/DatasetFuzzTestInputs/"
                + "datasetBytesGiveADatasetOrADatasetFormatException");
        Path valid = Files.createTempFile("valid", ".weirds");
        DatasetTest.tiny().write(valid);
        byte[] bytes = Files.readAllBytes(valid);
        Files.delete(valid);
        byte[] header = Arrays.copyOfRange(bytes, ContainerFormat.PREAMBLE_BYTES,
                ContainerFormat.PREAMBLE_BYTES + headerLength(bytes));
        byte[] blob = blob(bytes);
        ObjectNode node = (ObjectNode) JSON.readTree(new String(header, StandardCharsets.UTF_8));

        ObjectNode overflow = node.deepCopy();
        overflow.put("steps", 8925843906633654008L);
        byte[] size = seal(JSON.writeValueAsBytes(overflow), new byte[8]);
        // Loss classes start after rows (5 x 2 x 4), dense (5 x 4), decisions (5), times (5 x 4).
        byte[] lossBlob = blob.clone();
        lossBlob[40 + 20 + 5 + 20 + 1] = 5;
        byte[] loss = seal(header, lossBlob);
        byte[] flagBlob = blob.clone();
        flagBlob[40 + 20] = 7;
        byte[] flag = seal(header, flagBlob);
        byte[] array = seal("[1, 2]".getBytes(StandardCharsets.UTF_8), blob);
        for (Path dir : new Path[] {hostile, seeds}) {
            Files.createDirectories(dir);
            Files.write(dir.resolve("size-overflow.weirds"), size);
            Files.write(dir.resolve("loss-class-5.weirds"), loss);
            Files.write(dir.resolve("decision-flag-7.weirds"), flag);
            Files.write(dir.resolve("header-not-object.weirds"), array);
        }
        Files.write(seeds.resolve("valid-two-calls.weirds"), bytes);
    }

    static byte[] seal(byte[] header, byte[] blob) {
        return ContainerWriter.toBytes(DatasetFile.FORMAT, header, blob);
    }

    static int headerLength(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    }

    static byte[] blob(byte[] file) {
        int start = ContainerFormat.PREAMBLE_BYTES + headerLength(file) + ContainerFormat.BLOB_LENGTH_BYTES;
        return Arrays.copyOfRange(file, start, file.length - ContainerFormat.TRAILER_BYTES);
    }

    private static DatasetFormatException read(String name) {
        Path file;
        try {
            file = Path.of(HostileDatasetFilesTest.class.getResource("/hostile/dataset/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Dataset.read(file));
        assertEquals(file + ": ", e.getMessage().substring(0, file.toString().length() + 2));
        return e;
    }
}
