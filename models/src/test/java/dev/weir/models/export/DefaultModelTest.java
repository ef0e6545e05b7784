package dev.weir.models.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.signal.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed default model (models/default) loads for the runtime's feature schema: a change
 * of features without regenerating the model fails here, not in a client.
 */
class DefaultModelTest {
    private static final Path DEFAULT = Path.of("default");

    @Test
    void shouldBeBuiltForTheRuntimesFeatureSchemaAndMatchItsEvaluation() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(DEFAULT)) {
            models = files.filter(f -> f.toString().endsWith(ModelArtifact.FILE_EXTENSION)).toList();
        }
        assertEquals(1, models.size(), "one model in " + DEFAULT.toAbsolutePath() + ": " + models);
        ModelArtifact artifact = ModelArtifact.read(models.get(0), FeatureSchema.defaults());
        assertEquals(FeatureSchema.defaults(), artifact.featureSchema());
        new LstmClassifier(artifact, FeatureSchema.defaults());
        JsonNode eval = new ObjectMapper().readTree(DEFAULT.resolve("eval.json").toFile());
        assertEquals(artifact.sha256(), eval.path("model_sha256").asText());
    }
}
