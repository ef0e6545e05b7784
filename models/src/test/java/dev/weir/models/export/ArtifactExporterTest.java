package dev.weir.models.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.Calibration;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Prediction;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ArtifactExporterTest {
    private static final int SEQUENCES = 16;
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

    /**
     * The streaming runtime (one {@code advance} per step, state carried, {@code predict} per step)
     * against Deeplearning4j's output over whole sequences: within 1e-5 at every step of every
     * sequence.
     */
    @Test
    void shouldMatchDeeplearning4jAtEveryStepOfAStreamAfterExportAndReload() {
        byte[] bytes = trained.export(null).toBytes();
        LstmClassifier classifier = new LstmClassifier(ModelArtifact.read(bytes, ModelArtifact.fileNameFor(bytes)));
        Prediction prediction = classifier.newPrediction();
        SplittableRandom random = new SplittableRandom(2024);
        float[][] rows = TrainingFixture.rawRows(random, SEQUENCES);
        float[][] dense = TrainingFixture.rawDense(random, SEQUENCES);
        trained.graph.rnnClearPreviousState();
        INDArray[] dl4j = trained.graph.output(false, TrainingFixture.timeSeries(rows, trained.normalisation),
                TrainingFixture.denseSeries(dense, trained.normalisation));
        int f = TrainingFixture.ARCH.tsFeatures();
        int d = TrainingFixture.ARCH.denseFeatures();
        double maxDiff = 0;
        double spread = 0;
        float[] denseRow = new float[d];
        for (int n = 0; n < SEQUENCES; n++) {
            classifier.reset();
            for (int t = 0; t < TrainingFixture.STEPS; t++) {
                classifier.advance(rows[n], t * f);
                System.arraycopy(dense[n], t * d, denseRow, 0, d);
                classifier.predict(denseRow, prediction);
                for (int head = 0; head < 2; head++) {
                    for (int cls = 0; cls < prediction.classCount(head); cls++) {
                        float expected = dl4j[head].getFloat(n, cls, t);
                        maxDiff = Math.max(maxDiff, Math.abs(expected - prediction.probability(head, cls)));
                        spread = Math.max(spread, Math.abs(expected - dl4j[head].getFloat(0, cls, 0)));
                    }
                }
            }
        }
        assertTrue(maxDiff <= 1e-5, "max abs difference to DL4J " + maxDiff);
        // The comparison means something only if outputs vary with the input and the state.
        assertTrue(spread > 1e-3, "DL4J outputs barely vary with the input: " + spread);
    }

    @Test
    void shouldCarryTheCalibrationIntoTheRuntime() {
        List<Calibration> calibration = List.of(new Calibration("loss_attribution", 2f, new float[] {0f, 0.5f, -0.5f}),
                new Calibration("congestion", 0.5f, new float[] {0f, 1f}));
        ModelArtifact calibrated = trained.export(calibration);
        assertEquals(calibration, calibrated.calibration());
        LstmClassifier plain = new LstmClassifier(trained.export(null));
        LstmClassifier scaled = new LstmClassifier(calibrated);
        Prediction a = plain.newPrediction();
        Prediction b = scaled.newPrediction();
        float[][] rows = TrainingFixture.rawRows(new SplittableRandom(3), 1);
        float[][] dense = TrainingFixture.rawDense(new SplittableRandom(4), 1);
        float[] denseRow = java.util.Arrays.copyOf(dense[0], TrainingFixture.ARCH.denseFeatures());
        plain.advance(rows[0], 0);
        scaled.advance(rows[0], 0);
        plain.predict(denseRow, a);
        scaled.predict(denseRow, b);
        // log p_b(c) - log p_b(0) = (log p_a(c) - log p_a(0)) / T + bias(c).
        for (int c = 1; c < 3; c++) {
            double expected = (Math.log(a.probability(0, c)) - Math.log(a.probability(0, 0))) / 2 + (c == 1 ? 0.5 : -0.5);
            assertEquals(expected, Math.log(b.probability(0, c)) - Math.log(b.probability(0, 0)), 1e-4);
        }
    }

    @Test
    void shouldGiveIdenticalParametersAndArtifactBytesForSameSeedAndData() {
        TrainingFixture again = TrainingFixture.train(7, 99);
        assertArrayEquals(trained.graph.params().toFloatVector(), again.graph.params().toFloatVector());
        assertArrayEquals(trained.export(null).toBytes(), again.export(null).toBytes());
    }

    @Test
    void shouldGiveDifferentParametersForAnotherSeed() {
        TrainingFixture other = TrainingFixture.train(8, 99);
        assertFalse(java.util.Arrays.equals(trained.graph.params().toFloatVector(),
                other.graph.params().toFloatVector()));
    }

    @Test
    void shouldRecordLibraryVersionsInProvenance() {
        ModelArtifact artifact = trained.export(null);
        assertEquals("1.0.0-M2.1", artifact.provenance().libraryVersions().get("deeplearning4j-nn"));
        assertEquals("1.0.0-M2.1", artifact.provenance().libraryVersions().get("nd4j-native"));
    }

    @Test
    void shouldRejectGraphOfAnotherArchitecture() {
        ModelArchitecture wider = new ModelArchitecture(1, 6, 9, 5, 8, 8, List.of(
                new HeadSpec("loss_attribution", List.of("pure_random", "mixed", "congestion")),
                new HeadSpec("congestion", List.of("no", "yes"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArtifactExporter.export(trained.graph, wider, null, null, null, null, null));
        assertTrue(e.getMessage().contains("lstm.W has shape [6, 32], the architecture needs [6, 36]"),
                e.getMessage());
    }
}
