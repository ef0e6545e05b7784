package dev.weir.models.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arbitrary bytes as a dataset file: either a verified dataset or a {@link DatasetFormatException},
 * nothing else. Seeds: src/test/resources/dev/weir/models/data/DatasetFuzzTestInputs/.
 */
class DatasetFuzzTest {
    @TempDir
    static Path temp;
    private static Path file;

    @BeforeAll
    static void createInputFile() throws IOException {
        file = Files.createFile(temp.resolve("input.weirds"));
    }

    @FuzzTest
    void datasetBytesGiveADatasetOrADatasetFormatException(byte[] input) throws IOException {
        Files.write(file, input);
        try {
            Dataset.read(file);
        } catch (DatasetFormatException expected) {
            // the documented failure
        }
    }
}
