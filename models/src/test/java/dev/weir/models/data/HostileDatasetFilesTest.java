package dev.weir.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Crafted dataset files (src/test/resources/hostile/dataset, weir containers of format 2, valid
 * trailing digests) that once passed the size check by overflow, or carried labels the evaluator
 * then used as class indices: each gives a {@link DatasetFormatException} naming the file and the
 * fault.
 */
class HostileDatasetFilesTest {

    @Test
    void sampleCountTimesSampleSizeOverflowingToTheBlobLengthIsRejected() {
        // 970881267037344822 samples x 19 bytes wraps to 2 (mod 2^64), the blob's length.
        DatasetFormatException e = read("size-overflow.weirds");
        assertTrue(e.getMessage().endsWith("blob holds 2 bytes, header says 970881267037344822 samples of 19 bytes"),
                e.getMessage());
    }

    @Test
    void lossTypeLabelOutsideItsClassesIsRejectedWithSampleAndTask() {
        DatasetFormatException e = read("loss-type-label-5.weirds");
        assertTrue(e.getMessage().endsWith("sample 1 has loss_type label 5: expected -1 (none), 0 or 1"),
                e.getMessage());
    }

    @Test
    void sourceIndexOutsideTheSourcesIsRejected() {
        DatasetFormatException e = read("source-index-out-of-range.weirds");
        assertTrue(e.getMessage().endsWith("sample 1 names source 7 of 1"), e.getMessage());
    }

    @Test
    void headerThatIsNotAnObjectIsRejected() {
        DatasetFormatException e = read("header-not-object.weirds");
        assertTrue(e.getMessage().endsWith("header: expected a JSON object, found an array (line 1, column 1)"),
                e.getMessage());
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
