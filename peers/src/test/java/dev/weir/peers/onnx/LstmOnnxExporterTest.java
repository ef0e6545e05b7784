package dev.weir.peers.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.weir.bwe.model.Calibration;
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

/** The exported graph against the pure-Java runtime, within 1e-5 on every head probability, state carried. */
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

    /**
     * Three heads, odd sizes, weights up to +-1.5 so gates saturate as well as stay linear; both
     * feature transforms and a calibration that changes every head.
     */
    private static ModelArtifact randomModel(long seed) {
        List<HeadSpec> heads = List.of(new HeadSpec("a", List.of("x", "y")), new HeadSpec("b", List.of("p", "q", "r")),
                new HeadSpec("c", List.of("only", "two")));
        ModelArchitecture arch = new ModelArchitecture(ModelArchitecture.STREAMING_STEPS, 5, 6, 4, 3, 5, heads);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < arch.tsFeatures(); i++) {
            ts.add("ts_" + i);
        }
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < arch.denseFeatures(); i++) {
            dense.add("dense_" + i);
        }
        Normalisation.Transform log = Normalisation.Transform.SIGNED_LOG1P;
        Normalisation.Transform linear = Normalisation.Transform.LINEAR;
        List<Calibration> calibration = new ArrayList<>();
        for (HeadSpec head : heads) {
            calibration.add(new Calibration(head.name(), 0.5f + (float) random.nextDouble() * 2,
                    values(random, head.classCount(), 1, 0)));
        }
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(arch)
                .featureSchema(FeatureSchema.custom(200, arch.tsSteps(), ts, dense))
                .normalisation(new Normalisation(new Normalisation.Transform[] {log, linear, log, linear, linear},
                        values(random, 5, 3, 0), values(random, 5, 2, 0.5f),
                        new Normalisation.Transform[] {linear, log, log, linear}, values(random, 4, 3, 0),
                        values(random, 4, 2, 0.5f)))
                .calibration(calibration)
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
    void shouldNameInputsOutputsStateAndFeaturesForOtherTools() throws Exception {
        ModelArtifact artifact = defaultModel();
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(LstmOnnxExporter.export(artifact))) {
            assertEquals(List.of("ts_steps", "dense", "lstm_h_in", "lstm_c_in"),
                    new ArrayList<>(session.getInputNames()));
            List<String> outputs = new ArrayList<>();
            artifact.architecture().heads().forEach(head -> outputs.add(head.name()));
            outputs.add("lstm_h_out");
            outputs.add("lstm_c_out");
            assertEquals(outputs, new ArrayList<>(session.getOutputNames()));
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals(String.join(",", artifact.featureSchema().tsFeatureNames()), meta.get("weir.ts_features"));
            assertEquals(artifact.featureSchemaDigest(), meta.get("weir.feature_schema_digest"));
            assertEquals(artifact.sha256(), meta.get("weir.model_sha256"));
            HeadSpec first = artifact.architecture().heads().get(0);
            assertEquals(String.join(",", first.classes()), meta.get("weir.head." + first.name()));
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
