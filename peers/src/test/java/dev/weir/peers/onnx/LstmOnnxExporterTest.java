package dev.weir.peers.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelArtifactBuilder;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.model.TensorSpec;
import dev.weir.bwe.signal.FeatureSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The exported graph against the pure-Java runtime, within 1e-5 on every head probability. */
class LstmOnnxExporterTest {
    private static final int INPUTS = 2_000;

    /** The committed default model (models/default), found from the module or repository directory. */
    private static ModelArtifact defaultModel() throws Exception {
        for (String dir : new String[] {"../models/default", "models/default"}) {
            Path folder = Path.of(dir);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    Path file = files.filter(p -> p.toString().endsWith(ModelArtifact.FILE_EXTENSION)).findFirst()
                            .orElseThrow();
                    return ModelArtifact.read(file);
                }
            }
        }
        throw new IllegalStateException("models/default not found from " + Path.of("").toAbsolutePath());
    }

    /** Three heads, odd sizes, weights up to +-1.5 so gates saturate as well as stay linear. */
    private static ModelArtifact randomModel(long seed) {
        ModelArchitecture arch = new ModelArchitecture(7, 5, 6, 4, 3, 5, List.of(
                new HeadSpec("a", List.of("x", "y")), new HeadSpec("b", List.of("p", "q", "r")),
                new HeadSpec("c", List.of("only", "two"))));
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < arch.tsFeatures(); i++) {
            ts.add("ts_" + i);
        }
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < arch.denseFeatures(); i++) {
            dense.add("dense_" + i);
        }
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(arch)
                .featureSchema(FeatureSchema.custom(200, arch.tsSteps(), ts, dense))
                .normalisation(new Normalisation(values(random, 5, 10, 0), values(random, 5, 2, 0.5f),
                        values(random, 4, 10, 0), values(random, 4, 2, 0.5f)))
                .provenance(new Provenance("sha256:" + "cd".repeat(32), List.of(1L), null, Map.of("java", "17"),
                        "export test"));
        for (TensorSpec spec : arch.tensorLayout()) {
            builder.tensor(spec.name(), values(random, (int) spec.elementCount(), 1.5f, 0));
        }
        return builder.build();
    }

    private static float[] values(SplittableRandom random, int n, float scale, float floor) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = floor > 0 ? floor + (float) random.nextDouble() * scale : (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    @Test
    void shouldAgreeWithTheJavaRuntimeOnTheDefaultModel() throws Exception {
        ModelArtifact artifact = defaultModel();
        ExportCheck.Result result = ExportCheck.compare(artifact, LstmOnnxExporter.export(artifact), INPUTS, 20261130);
        System.out.printf("default model: %d inputs, max |onnx - java| %.3g, mean %.3g%n", result.inputs(),
                result.maxAbsDifference(), result.meanAbsDifference());
        assertTrue(result.agrees(), "max difference " + result.maxAbsDifference());
    }

    @Test
    void shouldAgreeWithTheJavaRuntimeOnARandomThreeHeadModel() {
        ModelArtifact artifact = randomModel(7);
        ExportCheck.Result result = ExportCheck.compare(artifact, LstmOnnxExporter.export(artifact), INPUTS, 11);
        assertTrue(result.agrees(), "max difference " + result.maxAbsDifference());
        assertTrue(result.meanAbsDifference() > 0 || result.maxAbsDifference() == 0);
    }

    @Test
    void shouldNameInputsOutputsAndFeaturesForOtherTools() throws Exception {
        ModelArtifact artifact = defaultModel();
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(LstmOnnxExporter.export(artifact))) {
            assertEquals(List.of("ts_window", "dense"), new ArrayList<>(session.getInputNames()));
            assertEquals(List.of("loss_type", "congestion"), new ArrayList<>(session.getOutputNames()));
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals(String.join(",", artifact.featureSchema().tsFeatureNames()), meta.get("weir.ts_features"));
            assertEquals(artifact.featureSchemaDigest(), meta.get("weir.feature_schema_digest"));
            assertEquals(artifact.sha256(), meta.get("weir.model_sha256"));
            assertEquals("random,congestion", meta.get("weir.head.loss_type"));
        }
    }

    @Test
    void shouldDetectAGraphThatDisagrees() {
        ModelArtifact artifact = randomModel(7);
        ModelArtifact other = randomModel(8);
        ExportCheck.Result result = ExportCheck.compare(artifact, LstmOnnxExporter.export(other), 200, 1);
        assertTrue(!result.agrees() && result.maxAbsDifference() > 1e-3, "a different model must not pass");
    }
}
