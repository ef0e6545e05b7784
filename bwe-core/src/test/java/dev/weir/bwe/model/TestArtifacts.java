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

    /** Two heads as the real model has: loss type and congestion. */
    static ModelArchitecture architecture(int steps, int tsFeatures, int units, int denseFeatures, int denseUnits,
            int mergeUnits) {
        return new ModelArchitecture(steps, tsFeatures, units, denseFeatures, denseUnits, mergeUnits, List.of(
                new HeadSpec("loss_type", List.of("random", "congestion")),
                new HeadSpec("congestion", List.of("no", "yes"))));
    }

    static ModelArchitecture small() {
        return architecture(5, 3, 4, 2, 3, 4);
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
        return FeatureSchema.custom(100, arch.tsSteps(), ts, dense);
    }

    static Provenance provenance() {
        ObjectNode settings = JSON.createObjectNode().put("learning_rate", 0.001).put("epochs", 3);
        return new Provenance("sha256:" + "ab".repeat(32), List.of(42L, 7L), settings,
                Map.of("deeplearning4j", "1.0.0-M2.1", "java", "17"), "weir tests");
    }

    /** Mean and std drawn from {@code seed}, std in [0.5, 2.5). */
    static Normalisation randomNormalisation(ModelArchitecture arch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Normalisation(uniform(random, arch.tsFeatures(), 3f), positive(random, arch.tsFeatures()),
                uniform(random, arch.denseFeatures(), 3f), positive(random, arch.denseFeatures()));
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
        return randomBuilder(arch, randomNormalisation(arch, seed + 1), seed, 0.5f).build();
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
