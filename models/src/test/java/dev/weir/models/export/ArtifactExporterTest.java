package dev.weir.models.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Prediction;
import dev.weir.models.net.NetworkInputs;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ArtifactExporterTest {
    private static final int SAMPLES = 256;
    private static TrainingFixture trained;

    @BeforeAll
    static void train() {
        trained = TrainingFixture.train(7, 99);
    }

    @Test
    void shouldTrainToNonTrivialWeights() {
        INDArray after = trained.graph.params();
        assertFalse(after.equalsWithEps(trained.initialParams, 1e-3), "training left the parameters unchanged");
    }

    @Test
    void shouldMatchDeeplearning4jOutputsAfterExportAndReload() {
        byte[] bytes = trained.export().toBytes();
        LstmClassifier classifier = new LstmClassifier(ModelArtifact.read(bytes, ModelArtifact.fileNameFor(bytes)));
        Prediction prediction = classifier.newPrediction();
        SplittableRandom random = new SplittableRandom(2024);
        float[][] windows = new float[SAMPLES][];
        float[][] dense = new float[SAMPLES][];
        for (int n = 0; n < SAMPLES; n++) {
            windows[n] = TrainingFixture.rawWindow(random);
            dense[n] = TrainingFixture.rawDense(random);
        }
        INDArray[] dl4j = trained.graph.output(false,
                NetworkInputs.timeSeries(windows, TrainingFixture.ARCH, trained.normalisation),
                NetworkInputs.dense(dense, TrainingFixture.ARCH, trained.normalisation));

        double maxDiff = 0;
        double spread = 0;
        for (int n = 0; n < SAMPLES; n++) {
            classifier.predict(windows[n], dense[n], prediction);
            for (int head = 0; head < 2; head++) {
                for (int cls = 0; cls < 2; cls++) {
                    float expected = dl4j[head].getFloat(n, cls);
                    maxDiff = Math.max(maxDiff, Math.abs(expected - prediction.probability(head, cls)));
                    spread = Math.max(spread, Math.abs(expected - dl4j[head].getFloat(0, cls)));
                }
            }
        }
        assertTrue(maxDiff <= 1e-5, "max abs difference to DL4J " + maxDiff);
        // The comparison means something only if outputs vary with the input.
        assertTrue(spread > 1e-3, "DL4J outputs barely vary with the input: " + spread);
    }

    @Test
    void shouldGiveIdenticalParametersAndArtifactBytesForSameSeedAndData() {
        TrainingFixture again = TrainingFixture.train(7, 99);
        assertArrayEquals(trained.graph.params().toFloatVector(), again.graph.params().toFloatVector());
        assertArrayEquals(trained.export().toBytes(), again.export().toBytes());
    }

    @Test
    void shouldGiveDifferentParametersForAnotherSeed() {
        TrainingFixture other = TrainingFixture.train(8, 99);
        assertFalse(java.util.Arrays.equals(trained.graph.params().toFloatVector(),
                other.graph.params().toFloatVector()));
    }

    @Test
    void shouldRecordLibraryVersionsInProvenance() {
        ModelArtifact artifact = trained.export();
        assertEquals("1.0.0-M2.1", artifact.provenance().libraryVersions().get("deeplearning4j-nn"));
        assertEquals("1.0.0-M2.1", artifact.provenance().libraryVersions().get("nd4j-native"));
    }

    @Test
    void shouldRejectGraphOfAnotherArchitecture() {
        ModelArchitecture wider = new ModelArchitecture(20, 6, 9, 5, 8, 8, List.of(
                new HeadSpec("loss_type", List.of("random", "congestion")),
                new HeadSpec("congestion", List.of("no", "yes"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArtifactExporter.export(trained.graph, wider, null, null, null, null));
        assertTrue(e.getMessage().contains("lstm.W has shape [6, 32], the architecture needs [6, 36]"),
                e.getMessage());
    }
}
