package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.container.ContainerFormat;
import dev.weir.bwe.container.ContainerWriter;
import dev.weir.bwe.signal.FeatureSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Small hand-built artifacts and byte-level surgery on them, for the model tests. */
final class TestArtifacts {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestArtifacts() {
    }

    /** Two heads as the real model has: loss attribution (three classes) and congestion. */
    static ModelArchitecture architecture(int tsFeatures, int units, int denseFeatures, int denseUnits,
            int mergeUnits) {
        return new ModelArchitecture(1, tsFeatures, units, denseFeatures, denseUnits, mergeUnits, List.of(
                new HeadSpec("loss_attribution", List.of("pure_random", "mixed", "congestion")),
                new HeadSpec("congestion", List.of("no", "yes"))));
    }

    static ModelArchitecture small() {
        return architecture(3, 4, 2, 3, 4);
    }

    static FeatureSchema schema(ModelArchitecture arch) {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < arch.tsFeatures(); i++) {
            ts.add("ts_" + i);
        }
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < arch.denseFeatures(); i++) {
            dense.add("dense_" + i);
        }
        return FeatureSchema.custom(100, 5, ts, dense);
    }

    static Provenance provenance() {
        ObjectNode settings = JSON.createObjectNode().put("learning_rate", 0.001).put("epochs", 3);
        return new Provenance("sha256:" + "ab".repeat(32), List.of(42L, 7L), settings,
                Map.of("deeplearning4j", "1.0.0-M2.1", "java", "17"), "weir tests");
    }

    /** Transforms alternating linear and signed log1p, centre and scale drawn from {@code seed}, scale in [0.5, 2.5). */
    static Normalisation randomNormalisation(ModelArchitecture arch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Normalisation(alternating(arch.tsFeatures()), uniform(random, arch.tsFeatures(), 3f),
                positive(random, arch.tsFeatures()), alternating(arch.denseFeatures()),
                uniform(random, arch.denseFeatures(), 3f), positive(random, arch.denseFeatures()));
    }

    static Normalisation.Transform[] alternating(int count) {
        Normalisation.Transform[] transforms = new Normalisation.Transform[count];
        for (int i = 0; i < count; i++) {
            transforms[i] = i % 2 == 0 ? Normalisation.Transform.LINEAR : Normalisation.Transform.SIGNED_LOG1P;
        }
        return transforms;
    }

    /** A calibration per head drawn from {@code seed}: temperature in [0.5, 2.5), bias in [-1, 1). */
    static List<Calibration> randomCalibration(ModelArchitecture arch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Calibration> calibration = new ArrayList<>();
        for (HeadSpec head : arch.heads()) {
            calibration.add(new Calibration(head.name(), (float) (0.5 + 2 * random.nextDouble()),
                    uniform(random, head.classCount(), 1f)));
        }
        return calibration;
    }

    /** A builder with every tensor filled with uniform values in [-scale, scale). */
    static ModelArtifactBuilder randomBuilder(ModelArchitecture arch, Normalisation norm, long seed, float scale) {
        SplittableRandom random = new SplittableRandom(seed);
        ModelArtifactBuilder builder = ModelArtifact.builder()
                .architecture(arch)
                .featureSchema(schema(arch))
                .normalisation(norm)
                .provenance(provenance())
                .metrics(JSON.createObjectNode().put("accuracy", 0.875).put("count", 1200));
        for (TensorSpec spec : arch.tensorLayout()) {
            builder.tensor(spec.name(), uniform(random, (int) spec.elementCount(), scale));
        }
        return builder;
    }

    static ModelArtifact random(ModelArchitecture arch, long seed) {
        return randomBuilder(arch, randomNormalisation(arch, seed + 1), seed, 0.5f)
                .calibration(randomCalibration(arch, seed + 2)).build();
    }

    static float[] uniform(SplittableRandom random, int count, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    private static float[] positive(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (0.5 + 2 * random.nextDouble());
        }
        return values;
    }

    static int headerLength(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    }

    static ObjectNode header(byte[] file) {
        try {
            return (ObjectNode) JSON.readTree(new String(file, ContainerFormat.PREAMBLE_BYTES, headerLength(file),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blob of a container file. */
    static byte[] blob(byte[] file) {
        int blobStart = ContainerFormat.PREAMBLE_BYTES + headerLength(file) + ContainerFormat.BLOB_LENGTH_BYTES;
        return Arrays.copyOfRange(file, blobStart, file.length - ContainerFormat.TRAILER_BYTES);
    }

    /** The file with its header edited by {@code edit}, the blob unchanged, the trailing digest recomputed. */
    static byte[] withHeader(byte[] file, Consumer<ObjectNode> edit) {
        ObjectNode header = header(file);
        edit.accept(header);
        try {
            return ContainerWriter.toBytes(ModelArtifact.FORMAT, JSON.writeValueAsBytes(header), blob(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file with blob value {@code index} set to {@code value}, the trailing digest recomputed. */
    static byte[] withBlobValue(byte[] file, int index, float value) {
        byte[] blob = blob(file);
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * index, value);
        byte[] header = Arrays.copyOfRange(file, ContainerFormat.PREAMBLE_BYTES,
                ContainerFormat.PREAMBLE_BYTES + headerLength(file));
        return ContainerWriter.toBytes(ModelArtifact.FORMAT, header, blob);
    }
}
