package dev.weir.bwe.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an artifact's JSON header, checking every field's type, presence and range and rejecting
 * unknown and duplicate fields. Sizes are checked against their caps before anything is
 * allocated for them.
 *
 * <p>Stateless and thread-safe.
 */
final class HeaderReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** Floats are read as exact decimals, then rounded once to float32 (no double rounding). */
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Cap on recorded seeds; a training run has a handful. */
    private static final int MAX_SEEDS = 1024;
    /** Cap on recorded library versions. */
    private static final int MAX_LIBRARIES = 256;
    /** Cap on a tensor name's length in characters: "head." + a 64-character head name + ".W". */
    private static final int MAX_TENSOR_NAME_CHARS = 256;
    /** Cap on a tensor's rank; the format has matrices and vectors only. */
    private static final int MAX_TENSOR_RANK = 4;
    /** Cap on lstm_gate_order's length; the only valid value has 4 characters. */
    private static final int MAX_GATE_ORDER_CHARS = 16;

    private HeaderReader() {
    }

    /** Parses and checks a header; every problem is a {@link ModelFormatException} naming {@code source}. */
    static ArtifactHeader read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source, "header is not valid JSON: " + SettingsJson.describe(e));
        }
        return new Reader(source).header(root);
    }

    /** Reads one header, remembering the source for messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        ArtifactHeader header(JsonNode root) {
            requireObject(root, "header", "format_version", "architecture", "feature_schema", "normalisation",
                    "provenance", "metrics", "tensors", "blob_sha256");
            int version = intField(root, "", "format_version", 0, Integer.MAX_VALUE);
            if (version != ModelArtifact.FORMAT_VERSION) {
                throw fail("format_version " + version + " is not supported (this reader reads "
                        + ModelArtifact.FORMAT_VERSION + ")");
            }
            ModelArchitecture arch = architecture(root.get("architecture"));
            FeatureSchema schema = schema(root.get("feature_schema"), arch);
            Normalisation norm = normalisation(root.get("normalisation"), arch);
            Provenance prov = provenance(root.get("provenance"));
            JsonNode metrics = root.get("metrics");
            if (!metrics.isObject()) {
                throw fail("metrics must be a JSON object");
            }
            List<TensorSpec> tensors = tensors(root.get("tensors"), arch);
            String blobSha = text(root, "", "blob_sha256", 64);
            if (!SHA256_HEX.matcher(blobSha).matches()) {
                throw fail("blob_sha256 '" + blobSha + "' is not 64 lowercase hex digits");
            }
            return new ArtifactHeader(version, arch, schema, norm, prov, (ObjectNode) metrics, tensors, blobSha);
        }

        private ModelArchitecture architecture(JsonNode node) {
            requireObject(node, "architecture", "ts_steps", "ts_features", "lstm_units", "lstm_gate_order",
                    "dense_features", "dense_units", "merge_units", "heads");
            String gates = text(node, "architecture.", "lstm_gate_order", MAX_GATE_ORDER_CHARS);
            if (!ModelArchitecture.LSTM_GATE_ORDER.equals(gates)) {
                throw fail("architecture.lstm_gate_order '" + gates + "' is not supported (must be '"
                        + ModelArchitecture.LSTM_GATE_ORDER + "')");
            }
            int tsSteps = intField(node, "architecture.", "ts_steps", 1, ModelArchitecture.MAX_TS_STEPS);
            int tsFeatures = intField(node, "architecture.", "ts_features", 1, ModelArchitecture.MAX_TS_FEATURES);
            int lstmUnits = intField(node, "architecture.", "lstm_units", 1, ModelArchitecture.MAX_LSTM_UNITS);
            int denseFeatures = intField(node, "architecture.", "dense_features", 1,
                    ModelArchitecture.MAX_DENSE_FEATURES);
            int denseUnits = intField(node, "architecture.", "dense_units", 1, ModelArchitecture.MAX_LAYER_UNITS);
            int mergeUnits = intField(node, "architecture.", "merge_units", 1, ModelArchitecture.MAX_LAYER_UNITS);
            JsonNode headsNode = array(node, "architecture.", "heads", ModelArchitecture.MAX_HEADS);
            List<HeadSpec> heads = new ArrayList<>();
            for (int i = 0; i < headsNode.size(); i++) {
                JsonNode head = headsNode.get(i);
                String path = "architecture.heads[" + i + "].";
                requireObject(head, path.substring(0, path.length() - 1), "name", "classes");
                String name = text(head, path, "name", HeadSpec.MAX_NAME_CHARS);
                List<String> classes = strings(head, path, "classes", HeadSpec.MAX_CLASSES, HeadSpec.MAX_NAME_CHARS);
                try {
                    heads.add(new HeadSpec(name, classes));
                } catch (IllegalArgumentException e) {
                    throw fail("architecture.heads[" + i + "]: " + e.getMessage());
                }
            }
            try {
                return new ModelArchitecture(tsSteps, tsFeatures, lstmUnits, denseFeatures, denseUnits, mergeUnits,
                        heads);
            } catch (IllegalArgumentException e) {
                throw fail("architecture: " + e.getMessage());
            }
        }

        private FeatureSchema schema(JsonNode node, ModelArchitecture arch) {
            requireObject(node, "feature_schema", "ts", "dense", "step_ms", "schema_version");
            List<String> ts = strings(node, "feature_schema.", "ts", ModelArchitecture.MAX_TS_FEATURES,
                    FeatureSchema.MAX_NAME_CHARS);
            List<String> dense = strings(node, "feature_schema.", "dense", ModelArchitecture.MAX_DENSE_FEATURES,
                    FeatureSchema.MAX_NAME_CHARS);
            int stepMs = intField(node, "feature_schema.", "step_ms", 1, FeatureSchema.MAX_STEP_MS);
            int version = intField(node, "feature_schema.", "schema_version", 1, Integer.MAX_VALUE);
            if (ts.size() != arch.tsFeatures()) {
                throw fail("feature_schema.ts names " + ts.size() + " features but architecture.ts_features is "
                        + arch.tsFeatures());
            }
            if (dense.size() != arch.denseFeatures()) {
                throw fail("feature_schema.dense names " + dense.size()
                        + " features but architecture.dense_features is " + arch.denseFeatures());
            }
            try {
                return new FeatureSchema(ts, dense, stepMs, version);
            } catch (IllegalArgumentException e) {
                throw fail("feature_schema: " + e.getMessage());
            }
        }

        private Normalisation normalisation(JsonNode node, ModelArchitecture arch) {
            requireObject(node, "normalisation", "ts_mean", "ts_std", "dense_mean", "dense_std");
            float[] tsMean = floats(node, "ts_mean", arch.tsFeatures());
            float[] tsStd = floats(node, "ts_std", arch.tsFeatures());
            float[] denseMean = floats(node, "dense_mean", arch.denseFeatures());
            float[] denseStd = floats(node, "dense_std", arch.denseFeatures());
            try {
                return new Normalisation(tsMean, tsStd, denseMean, denseStd);
            } catch (IllegalArgumentException e) {
                throw fail("normalisation." + e.getMessage());
            }
        }

        private Provenance provenance(JsonNode node) {
            requireObject(node, "provenance", "dataset_digest", "seeds", "trainer_settings", "library_versions",
                    "created_by");
            String digest = text(node, "provenance.", "dataset_digest", Provenance.MAX_STRING_CHARS);
            JsonNode seedsNode = array(node, "provenance.", "seeds", MAX_SEEDS);
            List<Long> seeds = new ArrayList<>();
            for (int i = 0; i < seedsNode.size(); i++) {
                JsonNode seed = seedsNode.get(i);
                if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                    throw fail("provenance.seeds[" + i + "] must be a 64-bit integer, is " + seed);
                }
                seeds.add(seed.longValue());
            }
            JsonNode settings = node.get("trainer_settings");
            if (!settings.isObject()) {
                throw fail("provenance.trainer_settings must be a JSON object");
            }
            JsonNode versionsNode = node.get("library_versions");
            if (!versionsNode.isObject() || versionsNode.size() > MAX_LIBRARIES) {
                throw fail("provenance.library_versions must be an object of at most " + MAX_LIBRARIES
                        + " name: version strings");
            }
            Map<String, String> versions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : versionsNode.properties()) {
                if (!entry.getValue().isTextual()) {
                    throw fail("provenance.library_versions." + entry.getKey() + " must be a string");
                }
                versions.put(entry.getKey(), entry.getValue().textValue());
            }
            String createdBy = text(node, "provenance.", "created_by", Provenance.MAX_STRING_CHARS);
            try {
                return new Provenance(digest, seeds, (ObjectNode) settings, versions, createdBy);
            } catch (IllegalArgumentException e) {
                throw fail("provenance." + e.getMessage());
            }
        }

        private List<TensorSpec> tensors(JsonNode node, ModelArchitecture arch) {
            int expected = arch.tensorLayout().size();
            if (node == null || !node.isArray()) {
                throw fail("tensors must be an array");
            }
            if (node.size() != expected) {
                throw fail("tensors lists " + node.size() + " tensors but the architecture needs " + expected);
            }
            List<TensorSpec> tensors = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode tensor = node.get(i);
                String path = "tensors[" + i + "]";
                requireObject(tensor, path, "name", "shape", "offset", "length");
                String name = text(tensor, path + ".", "name", MAX_TENSOR_NAME_CHARS);
                if (name.isEmpty()) {
                    throw fail(path + ".name must not be empty");
                }
                JsonNode shapeNode = array(tensor, path + ".", "shape", MAX_TENSOR_RANK);
                List<Integer> shape = new ArrayList<>();
                for (int d = 0; d < shapeNode.size(); d++) {
                    JsonNode dim = shapeNode.get(d);
                    if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.intValue() < 0) {
                        throw fail(path + ".shape[" + d + "] must be a non-negative 32-bit integer, is " + dim);
                    }
                    shape.add(dim.intValue());
                }
                long offset = longField(tensor, path + ".", "offset");
                long length = longField(tensor, path + ".", "length");
                tensors.add(new TensorSpec(name, shape, offset, length));
            }
            return List.copyOf(tensors);
        }

        // ------------------------------------------------------------ field helpers

        private void requireObject(JsonNode node, String path, String... fields) {
            if (node == null || !node.isObject()) {
                throw fail(path + " must be a JSON object");
            }
            Set<String> allowed = Set.of(fields);
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!allowed.contains(entry.getKey())) {
                    throw fail(path + " has unknown field '" + entry.getKey() + "'");
                }
            }
            for (String field : fields) {
                if (!node.has(field) || node.get(field).isNull()) {
                    throw fail(path + "." + field + " is missing");
                }
            }
        }

        private int intField(JsonNode node, String path, String field, int min, int max) {
            JsonNode value = node.get(field);
            if (!value.isIntegralNumber() || !value.canConvertToLong()
                    || value.longValue() < min || value.longValue() > max) {
                throw fail(path + field + " = " + value + ": must be an integer in [" + min + ", " + max + "]");
            }
            return value.intValue();
        }

        private long longField(JsonNode node, String path, String field) {
            JsonNode value = node.get(field);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw fail(path + field + " = " + value + ": must be a non-negative 64-bit integer");
            }
            return value.longValue();
        }

        private String text(JsonNode node, String path, String field, int maxChars) {
            JsonNode value = node.get(field);
            if (!value.isTextual() || value.textValue().length() > maxChars) {
                throw fail(path + field + " must be a string of at most " + maxChars + " characters");
            }
            return value.textValue();
        }

        private JsonNode array(JsonNode node, String path, String field, int maxSize) {
            JsonNode value = node.get(field);
            if (!value.isArray() || value.size() > maxSize) {
                throw fail(path + field + " must be an array of at most " + maxSize + " elements");
            }
            return value;
        }

        private List<String> strings(JsonNode node, String path, String field, int maxSize, int maxChars) {
            JsonNode array = array(node, path, field, maxSize);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (!value.isTextual() || value.textValue().length() > maxChars) {
                    throw fail(path + field + "[" + i + "] must be a string of at most " + maxChars + " characters");
                }
                values.add(value.textValue());
            }
            return values;
        }

        private float[] floats(JsonNode node, String field, int size) {
            JsonNode array = node.get(field);
            if (!array.isArray() || array.size() != size) {
                throw fail("normalisation." + field + " must be an array of " + size + " numbers (one per feature)"
                        + (array.isArray() ? ", has " + array.size() : ""));
            }
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                JsonNode value = array.get(i);
                float parsed = value.isNumber() ? Float.parseFloat(value.decimalValue().toString()) : Float.NaN;
                if (!Float.isFinite(parsed)) {
                    throw fail("normalisation." + field + "[" + i + "] = " + value
                            + ": must be a number within float32 range");
                }
                values[i] = parsed;
            }
            return values;
        }

        private ModelFormatException fail(String problem) {
            return new ModelFormatException(source, problem);
        }
    }
}
