package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoTest {

    @Test
    void shouldDescribeAValidArtifact(@TempDir Path dir) throws Exception {
        ModelArtifact artifact = TrainedModel.artifact();
        Path file = artifact.writeTo(dir);
        String text = ModelInfo.describe(file);
        assertTrue(text.contains(artifact.fileName()), text);
        assertTrue(text.contains("parameters: " + artifact.architecture().parameterCount()), text);
        assertTrue(text.contains("LSTM(6, last step)"), text);
        assertTrue(text.contains("head congestion: softmax over [no, yes]"), text);
        assertTrue(text.contains("trend") && text.contains("dense_noise"), text);
        assertTrue(text.contains(TrainedModel.DATA.digest()), text);
        assertTrue(text.contains("best_epoch"), text);
        assertTrue(text.contains("step 200 ms"), text);
    }

    @Test
    void shouldFailClearlyOnACorruptFile(@TempDir Path dir) throws Exception {
        byte[] bytes = TrainedModel.artifact().toBytes();
        bytes[bytes.length - 40] ^= 0x40; // a bit of the last weight: the trailing digest no longer matches
        Path file = dir.resolve("model.weirmodel");
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelInfo.describe(file));
        assertTrue(e.getMessage().contains("model.weirmodel") && e.getMessage().contains("does not match the trailer"),
                e.getMessage());
    }

    @Test
    void shouldFailClearlyOnAFileThatIsNoArtifact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "not a model");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelInfo.describe(file));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
    }
}
