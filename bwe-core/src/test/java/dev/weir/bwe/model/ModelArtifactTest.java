package dev.weir.bwe.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.container.ContainerWriter;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.util.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelArtifactTest {
    private static final String SOURCE = "test.weirmodel";

    private final ModelArtifact artifact = TestArtifacts.random(TestArtifacts.small(), 11);
    private final byte[] bytes = artifact.toBytes();

    @Test
    void shouldRoundTripToIdenticalBytes() {
        ModelArtifact read = ModelArtifact.read(bytes, SOURCE);
        ModelArtifactBuilder rebuilt = ModelArtifact.builder()
                .architecture(read.architecture())
                .featureSchema(read.featureSchema())
                .normalisation(read.normalisation())
                .provenance(read.provenance())
                .metrics(read.metrics());
        for (TensorSpec spec : read.tensorSpecs()) {
            rebuilt.tensor(spec.name(), read.tensor(spec.name()));
        }
        assertArrayEquals(bytes, rebuilt.build().toBytes());
        assertArrayEquals(bytes, read.toBytes());
        assertEquals(artifact.architecture(), read.architecture());
        assertEquals(artifact.featureSchema(), read.featureSchema());
        assertEquals(artifact.normalisation(), read.normalisation());
        assertEquals(artifact.provenance(), read.provenance());
        assertEquals(artifact.metrics(), read.metrics());
        for (TensorSpec spec : artifact.tensorSpecs()) {
            assertArrayEquals(artifact.tensor(spec.name()), read.tensor(spec.name()));
        }
    }

    @Test
    void shouldProduceSameBytesForSameInputsWhateverTheMetricsKeyOrder() {
        ObjectNode forward = TestArtifacts.JSON.createObjectNode().put("a", 1).put("b", 0.1).put("c", "x");
        ObjectNode backward = TestArtifacts.JSON.createObjectNode().put("c", "x").put("b", 0.1).put("a", 1);
        Normalisation norm = TestArtifacts.randomNormalisation(TestArtifacts.small(), 3);
        byte[] first = TestArtifacts.randomBuilder(TestArtifacts.small(), norm, 5, 1f).metrics(forward).build()
                .toBytes();
        byte[] second = TestArtifacts.randomBuilder(TestArtifacts.small(), norm, 5, 1f).metrics(backward).build()
                .toBytes();
        assertArrayEquals(first, second);
    }

    @Test
    void shouldBeAContainerWithMagicVersionCanonicalHeaderBlobAndTrailingDigest() {
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("WEIRMODL", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(2, file.getInt(8));
        int headerBytes = file.getInt(12);
        String json = new String(bytes, 16, headerBytes, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"architecture\":{\"dense_features\":2,\"dense_units\":3,\"heads\":["), json);
        assertTrue(json.contains("\"feature_schema_digest\":\"" + artifact.featureSchema().digest() + "\""), json);
        assertTrue(json.contains("\"provenance\":{\"created_by\""), json);
        long blobBytes = 4 * artifact.architecture().parameterCount();
        assertEquals(blobBytes, file.getLong(16 + headerBytes));
        assertEquals(16 + headerBytes + 8 + blobBytes + 32, bytes.length);
        assertEquals(Sha256.hex(bytes, 0, bytes.length - 32),
                HexFormat.of().formatHex(bytes, bytes.length - 32, bytes.length));
        assertEquals(List.of("architecture", "feature_schema", "feature_schema_digest", "metrics", "normalisation",
                "provenance", "tensors"), fieldNames(TestArtifacts.header(bytes)));
    }

    @Test
    void shouldRefuseAModelBuiltForAnotherFeatureSchemaNamingBothDigests() {
        FeatureSchema runtime = FeatureSchema.defaults();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> artifact.requireSchema(runtime));
        assertTrue(e.problem().contains("built for feature schema " + artifact.featureSchema().digest()), e.problem());
        assertTrue(e.problem().contains("the runtime's schema is " + runtime.digest()), e.problem());
        assertEquals(artifact.fileName(), e.source());
        assertThrows(ModelFormatException.class, () -> new LstmClassifier(artifact, runtime));
        artifact.requireSchema(artifact.featureSchema());
    }

    @Test
    void shouldRejectAHeaderWhoseSchemaDigestDoesNotMatchItsSchema() {
        assertRejected(edit(h -> h.put("feature_schema_digest", "0".repeat(64))),
                "header.feature_schema_digest = " + "0".repeat(64) + ": is not the digest of feature_schema");
        assertRejected(edit(h -> ((ObjectNode) h.get("feature_schema")).put("step_ms", 50)),
                "is not the digest of feature_schema");
    }

    @Test
    void shouldNameFileAfterItsSha256AndReadItBack(@TempDir Path dir) throws IOException {
        Path written = artifact.writeTo(dir);
        assertEquals(ModelArtifact.fileNameFor(bytes), written.getFileName().toString());
        assertTrue(written.getFileName().toString().matches("[0-9a-f]{64}\\.weirmodel"));
        assertArrayEquals(bytes, ModelArtifact.read(written).toBytes());
        assertEquals(artifact.sha256() + ".weirmodel", artifact.fileName());
    }

    @Test
    void shouldRejectFileWhoseNameIsAnotherDigest(@TempDir Path dir) throws IOException {
        Path renamed = dir.resolve("0".repeat(64) + ".weirmodel");
        Files.write(renamed, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArtifact.read(renamed));
        assertTrue(e.getMessage().startsWith(renamed.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is named after digest"), e.getMessage());
    }

    @Test
    void shouldReportMissingFile(@TempDir Path dir) {
        assertRejected(() -> ModelArtifact.read(dir.resolve("none.weirmodel")), "file not found");
    }

    @Test
    void shouldRejectCorruptBlobByte() {
        byte[] corrupt = bytes.clone();
        corrupt[corrupt.length - 40] ^= 0x10;
        assertRejected(corrupt, "does not match the trailer");
    }

    @Test
    void shouldRejectWrongMagic() {
        byte[] corrupt = bytes.clone();
        corrupt[0] = 'X';
        assertRejected(corrupt, "wrong magic bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 11, 15, 16, 40, -1, -4, -33, -400})
    void shouldRejectTruncatedFile(int length) {
        int cut = length >= 0 ? length : bytes.length + length;
        assertRejected(Arrays.copyOf(bytes, cut), "truncated");
    }

    @Test
    void shouldRejectEveryTruncation() {
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(ModelFormatException.class, () -> ModelArtifact.read(truncated, SOURCE), "cut " + cut);
        }
    }

    @Test
    void shouldRejectEverySingleByteFlipOfADigestNamedFile() {
        String digestName = "/models/" + ModelArtifact.fileNameFor(bytes);
        for (int i = 0; i < bytes.length; i++) {
            byte[] corrupt = bytes.clone();
            corrupt[i] ^= 0x01;
            assertThrows(ModelFormatException.class, () -> ModelArtifact.read(corrupt, digestName), "byte " + i);
        }
    }

    @Test
    void shouldRejectHeaderLengthBeyondCapBeforeReadingIt() {
        byte[] corrupt = bytes.clone();
        ByteBuffer.wrap(corrupt).order(ByteOrder.LITTLE_ENDIAN).putInt(12, -1);
        assertRejected(corrupt, "header length 4294967295 bytes is outside [1, 1048576]");
    }

    @Test
    void shouldRejectAnotherFormatVersion() {
        byte[] corrupt = bytes.clone();
        ByteBuffer.wrap(corrupt).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1);
        assertRejected(corrupt, "format version 1 is not supported (this reader reads version 2)");
    }

    @Test
    void shouldRejectHeaderClaimingHugeSizesWithoutAllocating() {
        assertRejected(edit(h -> arch(h).put("lstm_units", 1L << 31)), "architecture.lstm_units");
        assertRejected(edit(h -> arch(h).put("lstm_units", 4096).put("ts_steps", 0)),
                "header.architecture.ts_steps = 0: must be in [1, 10000]; "
                        + "header.architecture.lstm_units = 4096: must be in [1, 1024]");
    }

    @Test
    void shouldRejectArchitectureOverParameterCap() {
        // Every size within its own cap, the total (about 50.4 million) over the 16 million cap.
        assertRejected(edit(h -> {
            arch(h).put("ts_features", 1024).put("lstm_units", 1024).put("dense_features", 4096)
                    .put("dense_units", 4096).put("merge_units", 4096);
            ArrayNode classes = (ArrayNode) arch(h).get("heads").get(0).get("classes");
            for (int i = classes.size(); i < HeadSpec.MAX_CLASSES; i++) {
                classes.add("class_" + i);
            }
        }), "header.architecture.parameters = 50353154: total parameters 50353154 exceed the cap of 16000000");
    }

    @Test
    void shouldRejectNanWeight() {
        assertRejected(TestArtifacts.withBlobValue(bytes, 7, Float.NaN), "tensor 'lstm.W' value 7 is NaN");
    }

    @Test
    void shouldRejectInfiniteWeight() {
        long last = artifact.architecture().parameterCount() - 1;
        assertRejected(TestArtifacts.withBlobValue(bytes, (int) last, Float.POSITIVE_INFINITY),
                "value 1 is Infinity: weights must be finite");
    }

    @Test
    void shouldRejectShapeMismatch() {
        assertRejected(edit(h -> tensor(h, 0).set("shape", TestArtifacts.JSON.createArrayNode().add(16).add(3))),
                "tensor 'lstm.W' has shape [16, 3] but the architecture needs [3, 16]");
    }

    @Test
    void shouldRejectArchitectureThatDisagreesWithBlobSize() {
        assertRejected(edit(h -> arch(h).put("merge_units", 5)), "blob is");
    }

    @Test
    void shouldAcceptTensorsListedInAnyOrder() {
        byte[] reordered = edit(h -> {
            ArrayNode tensors = (ArrayNode) h.get("tensors");
            tensors.insert(0, tensors.remove(tensors.size() - 1));
        });
        ModelArtifact read = ModelArtifact.read(reordered, SOURCE);
        assertEquals("head.congestion.b", read.tensorSpecs().get(0).name());
        for (TensorSpec spec : artifact.tensorSpecs()) {
            assertArrayEquals(artifact.tensor(spec.name()), read.tensor(spec.name()));
        }
    }

    @Test
    void shouldRejectOverlappingTensors() {
        assertRejected(edit(h -> tensor(h, 2).put("offset_bytes", 0)), "overlaps the previous tensor");
    }

    @Test
    void shouldRejectTensorOutsideBlob() {
        assertRejected(edit(h -> tensor(h, 1).put("offset_bytes", Long.MAX_VALUE - 4)), "outside the");
    }

    @Test
    void shouldRejectUnknownAndDuplicatedTensors() {
        assertRejected(edit(h -> tensor(h, 1).put("name", "lstm.X")),
                "tensor 'lstm.X' is not part of the architecture");
        assertRejected(edit(h -> tensor(h, 1).put("name", "lstm.W")), "tensor 'lstm.W'");
    }

    @Test
    void shouldListEveryBrokenNormalisationValueWithItsPath() {
        assertRejected(edit(h -> {
            ((ArrayNode) h.get("normalisation").get("ts_std")).remove(0);
            ((ArrayNode) h.get("normalisation").get("dense_std")).set(1, 0.0);
            ((ArrayNode) h.get("normalisation").get("ts_mean")).set(0, 1e300);
        }), "header.normalisation.ts_mean[0] = Infinity: must be a finite float32; "
                + "header.normalisation.ts_std = 2 values: must have 3 (one per feature); "
                + "header.normalisation.dense_std[1] = 0.0: must be finite and > 0");
    }

    @Test
    void shouldRejectFeatureSchemaThatDisagreesWithArchitecture() {
        byte[] wider = TestArtifacts.withHeader(bytes, h -> {
            ObjectNode schema = (ObjectNode) h.get("feature_schema");
            ((ArrayNode) schema.get("dense_features")).addObject().put("name", "extra").put("unit", "1");
            h.put("feature_schema_digest", SettingsJson.mapper().convertValue(schema, FeatureSchema.class).digest());
        });
        assertRejected(wider, "header.feature_schema.dense_features = 3 dense inputs: must match "
                + "architecture.dense_features (2)");
    }

    @Test
    void shouldRejectUnknownFieldsMissingFieldsAndGateOrder() {
        assertRejected(edit(h -> h.put("timestamp", 1)), "unknown field 'timestamp'");
        assertRejected(edit(h -> h.put("format_version", 2)), "unknown field 'format_version'");
        assertRejected(edit(h -> arch(h).put("lstm_gate_order", "ifgo")),
                "header.architecture.lstm_gate_order = 'ifgo': is not supported (must be 'afoi')");
        assertRejected(edit(h -> arch(h).remove("heads")),
                "header.architecture.heads: Invalid `null` value: the field is missing or null, and it is required");
    }

    @Test
    void shouldRejectInvalidJsonAndDuplicateKeys() {
        byte[] notJson = TestArtifacts.withHeader(bytes, h -> { });
        notJson[16 + TestArtifacts.headerLength(notJson) - 1] = ' ';
        assertRejected(notJson, "Unexpected end-of-input");
        String header = new String(bytes, 16, TestArtifacts.headerLength(bytes), StandardCharsets.UTF_8);
        byte[] duplicated = ("{\"metrics\":{}," + header.substring(1)).getBytes(StandardCharsets.UTF_8);
        assertRejected(ContainerWriter.toBytes(ModelArtifact.FORMAT, duplicated, TestArtifacts.blob(bytes)),
                "Duplicate field 'metrics'");
    }

    @Test
    void shouldRejectBuilderWithMissingTensor() {
        ModelArtifactBuilder builder = TestArtifacts.randomBuilder(TestArtifacts.small(),
                Normalisation.identity(3, 2), 1, 1f);
        builder.tensor("merge.b", new float[3]);
        ModelFormatException e = assertThrows(ModelFormatException.class, builder::build);
        assertTrue(e.getMessage().contains("tensor 'merge.b' needs 4 values for shape [4], has 3"), e.getMessage());
    }

    @Test
    void shouldNeverThrowAnythingButModelFormatExceptionOnRandomGarbage() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(99);
        for (int trial = 0; trial < 500; trial++) {
            byte[] garbage = bytes.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                garbage[random.nextInt(garbage.length)] = (byte) random.nextInt(256);
            }
            try {
                ModelArtifact.read(garbage, SOURCE);
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(SOURCE + ": "), expected.getMessage());
            }
        }
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private byte[] edit(Consumer<ObjectNode> change) {
        return TestArtifacts.withHeader(bytes, change);
    }

    private static ObjectNode arch(ObjectNode header) {
        return (ObjectNode) header.get("architecture");
    }

    private static ObjectNode tensor(ObjectNode header, int index) {
        return (ObjectNode) header.get("tensors").get(index);
    }

    private static void assertRejected(byte[] file, String expectedFragment) {
        assertRejected(() -> ModelArtifact.read(file, SOURCE), expectedFragment);
    }

    private static void assertRejected(org.junit.jupiter.api.function.Executable read, String expectedFragment) {
        ModelFormatException e = assertThrows(ModelFormatException.class, read);
        assertTrue(e.getMessage().contains(expectedFragment), "message was: " + e.getMessage());
    }
}
