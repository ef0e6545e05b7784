package dev.weir.sim.gate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.compare.JsonNumbers;
import dev.weir.sim.compare.ReportJson;
import dev.weir.sim.compare.Scale;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A gate suite's committed baseline ({@code configs/gate/<suite>.json}): the suite (scenarios with
 * their files' SHA-256, the main and the confirmation seeds) and, per gated variant, its noise
 * profile ({@code ./weir gate calibrate}) and, optionally, its expected metrics on every suite seed
 * ({@code ./weir gate update-record}), against which CI gates the working tree without re-running
 * the baseline.
 *
 * <p>The file is byte-for-byte deterministic (fixed key order, {@link JsonNumbers} numbers, '\n'
 * line ends) so a regenerated record shows in a diff exactly what moved.
 *
 * <p>Immutable and thread-safe.
 *
 * @param suite suite name ({@code quick}, {@code full})
 * @param scenarios the suite's scenarios in order
 * @param main the seeds every scenario runs on
 * @param confirm the fresh seeds flagged tests are repeated on
 * @param variants the gated variants
 */
public record GateRecord(String suite, List<ScenarioEntry> scenarios, SeedRange main, SeedRange confirm,
                         List<Variant> variants) {
    /** Format tag of the file. */
    public static final String FORMAT = "weir-gate-record/1";
    /** Largest record file read (a full-suite record with expected values is ~1 MiB). */
    public static final long MAX_BYTES = 16L << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public GateRecord {
        scenarios = List.copyOf(scenarios);
        variants = List.copyOf(variants);
    }

    /**
     * A suite scenario.
     *
     * @param name scenario name
     * @param family its family (its gate group)
     * @param file its file, relative to the repository root
     * @param sha256 SHA-256 of the file's bytes
     * @param traces whether it needs the traces root
     */
    public record ScenarioEntry(String name, String family, String file, String sha256, boolean traces) {
    }

    /**
     * Seeds first, first + 1, ..., first + count - 1.
     *
     * @param first the first seed
     * @param count how many
     */
    public record SeedRange(long first, int count) {
        public SeedRange {
            if (count < 1) {
                throw new IllegalArgumentException("a seed range needs at least one seed");
            }
        }

        /** The seeds in order. */
        public List<Long> seeds() {
            List<Long> seeds = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                seeds.add(first + i);
            }
            return List.copyOf(seeds);
        }
    }

    /**
     * One gated variant.
     *
     * @param name the estimator name (gcc, weir)
     * @param ref what ran, as a gate reference ({@code settings:configs/gcc/default.json}, ...)
     * @param noise its noise profile, or null before calibration
     * @param calibrationFirstSeed the first seed of the calibration blocks (0 when no noise)
     * @param expected its metrics on {@link #main} and {@link #confirm} seeds, or null when not recorded
     */
    public record Variant(String name, String ref, NoiseProfile noise, long calibrationFirstSeed,
                          SuiteResults expected) {
    }

    /** The variant named {@code name}, or null. */
    public Variant variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** This record with {@code variant} replacing the one of the same name (or appended). */
    public GateRecord with(Variant variant) {
        List<Variant> list = new ArrayList<>(variants);
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(variant.name())) {
                at = i;
            }
        }
        if (at >= 0) {
            list.set(at, variant);
        } else {
            list.add(variant);
        }
        return new GateRecord(suite, scenarios, main, confirm, list);
    }

    /** Scenario name to family, in suite order. */
    public Map<String, String> families() {
        Map<String, String> families = new LinkedHashMap<>();
        scenarios.forEach(s -> families.put(s.name(), s.family()));
        return families;
    }

    // ---- reading ----

    /**
     * Reads and checks a record.
     *
     * @throws GateRecordException naming the file and what is wrong
     */
    public static GateRecord read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new GateRecordException(file + ": " + size + " bytes, more than a gate record can hold ("
                        + MAX_BYTES + ")");
            }
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            return parse(root, file.toString());
        } catch (IOException e) {
            throw new GateRecordException(file + ": cannot read the gate record: " + e.getMessage(), e);
        } catch (GateRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GateRecordException(file + ": " + e.getMessage(), e);
        }
    }

    private static GateRecord parse(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new GateRecordException(where + ": not a JSON object");
        }
        if (!FORMAT.equals(text(root, "format", where))) {
            throw new GateRecordException(where + ": format is not " + FORMAT);
        }
        List<ScenarioEntry> scenarios = new ArrayList<>();
        for (JsonNode s : array(root, "scenarios", where)) {
            scenarios.add(new ScenarioEntry(text(s, "name", where), text(s, "family", where), text(s, "file", where),
                    text(s, "sha256", where), s.path("traces").asBoolean(false)));
        }
        JsonNode seeds = object(root, "seeds", where);
        SeedRange main = range(object(seeds, "main", where), where + " seeds.main");
        SeedRange confirm = range(object(seeds, "confirm", where), where + " seeds.confirm");
        Map<String, String> families = new LinkedHashMap<>();
        scenarios.forEach(s -> families.put(s.name(), s.family()));
        List<Variant> variants = new ArrayList<>();
        for (JsonNode v : array(root, "variants", where)) {
            String name = text(v, "name", where);
            String w = where + " variant " + name;
            NoiseProfile noise = v.hasNonNull("noise") ? noise(v.get("noise"), w + " noise") : null;
            long calibrationFirst = v.hasNonNull("noise") ? v.get("noise").path("first_seed").asLong(0) : 0;
            SuiteResults expected = v.hasNonNull("expected") ? expected(v.get("expected"), families, w + " expected")
                    : null;
            variants.add(new Variant(name, text(v, "ref", w), noise, calibrationFirst, expected));
        }
        return new GateRecord(text(root, "suite", where), scenarios, main, confirm, variants);
    }

    private static NoiseProfile noise(JsonNode node, String where) {
        int replicates = node.path("replicates").asInt(0);
        int perReplicate = node.path("seeds_per_replicate").asInt(0);
        if (replicates < 1 || perReplicate < 1) {
            throw new GateRecordException(where + ": replicates and seeds_per_replicate must be >= 1");
        }
        Map<String, NoiseProfile.GroupNoise> groups = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(node, "groups", where).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> g = it.next();
            List<String> scenarios = new ArrayList<>();
            for (JsonNode s : array(g.getValue(), "scenarios", where + " " + g.getKey())) {
                scenarios.add(s.asText());
            }
            Map<String, MetricNoise> metrics = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> m = object(g.getValue(), "metrics", where).fields();
                    m.hasNext(); ) {
                Map.Entry<String, JsonNode> e = m.next();
                String w = where + " " + g.getKey() + "." + e.getKey();
                Scale scale;
                try {
                    scale = Scale.valueOf(text(e.getValue(), "scale", w).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException bad) {
                    throw new GateRecordException(w + ": scale must be relative or absolute");
                }
                metrics.put(e.getKey(), new MetricNoise(scale, number(e.getValue(), "sd", w),
                        number(e.getValue(), "absolute_sd", w)));
            }
            groups.put(g.getKey(), new NoiseProfile.GroupNoise(scenarios, metrics));
        }
        return new NoiseProfile(replicates, perReplicate, groups);
    }

    private static SuiteResults expected(JsonNode node, Map<String, String> families, String where) {
        List<Long> seeds = new ArrayList<>();
        for (JsonNode s : array(node, "seeds", where)) {
            seeds.add(s.asLong());
        }
        SuiteResults results = new SuiteResults();
        JsonNode calls = object(node, "calls", where);
        for (Iterator<Map.Entry<String, JsonNode>> it = calls.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> scenario = it.next();
            String family = families.get(scenario.getKey());
            if (family == null) {
                throw new GateRecordException(where + ": scenario " + scenario.getKey() + " is not in the suite");
            }
            List<Map<String, Object>> perSeed = new ArrayList<>();
            seeds.forEach(s -> perSeed.add(new LinkedHashMap<>()));
            for (Iterator<Map.Entry<String, JsonNode>> m = scenario.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = m.next();
                JsonNode values = metric.getValue();
                if (!values.isArray() || values.size() != seeds.size()) {
                    throw new GateRecordException(where + " " + scenario.getKey() + "." + metric.getKey()
                            + ": expected " + seeds.size() + " values, one per seed");
                }
                for (int i = 0; i < seeds.size(); i++) {
                    if (!values.get(i).isNumber()) {
                        throw new GateRecordException(where + " " + scenario.getKey() + "." + metric.getKey()
                                + ": value " + i + " is not a number");
                    }
                    perSeed.get(i).put(metric.getKey(), values.get(i).asDouble());
                }
            }
            for (int i = 0; i < seeds.size(); i++) {
                results.add(scenario.getKey(), family, seeds.get(i), perSeed.get(i));
            }
        }
        return results;
    }

    private static SeedRange range(JsonNode node, String where) {
        int count = node.path("count").asInt(0);
        if (count < 1 || !node.path("first").canConvertToLong()) {
            throw new GateRecordException(where + ": needs a first seed and a count >= 1");
        }
        return new SeedRange(node.get("first").asLong(), count);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new GateRecordException(where + ": missing text field '" + field + "'");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new GateRecordException(where + ": missing number '" + field + "'");
        }
        return v.asDouble();
    }

    private static JsonNode object(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new GateRecordException(where + ": missing object '" + field + "'");
        }
        return v;
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new GateRecordException(where + ": missing array '" + field + "'");
        }
        return v;
    }

    // ---- writing ----

    /** Writes the record atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON text {@link #write} writes. */
    public String toJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8) + "\n";
    }

    private void writeTo(OutputStream out) throws IOException {
        try (JsonGenerator g = ReportJson.prettyGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("suite", suite);
            g.writeArrayFieldStart("scenarios");
            for (ScenarioEntry s : scenarios) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("family", s.family());
                g.writeStringField("file", s.file());
                g.writeStringField("sha256", s.sha256());
                g.writeBooleanField("traces", s.traces());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("seeds");
            writeRange(g, "main", main);
            writeRange(g, "confirm", confirm);
            g.writeEndObject();
            g.writeArrayFieldStart("variants");
            for (Variant v : variants) {
                g.writeStartObject();
                g.writeStringField("name", v.name());
                g.writeStringField("ref", v.ref());
                if (v.noise() != null) {
                    writeNoise(g, v.noise(), v.calibrationFirstSeed());
                }
                if (v.expected() != null) {
                    writeExpected(g, v.expected());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeRange(JsonGenerator g, String name, SeedRange range) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("first", range.first());
        g.writeNumberField("count", range.count());
        g.writeEndObject();
    }

    private static void writeNoise(JsonGenerator g, NoiseProfile noise, long firstSeed) throws IOException {
        g.writeObjectFieldStart("noise");
        g.writeNumberField("replicates", noise.replicates());
        g.writeNumberField("seeds_per_replicate", noise.seedsPerReplicate());
        g.writeNumberField("first_seed", firstSeed);
        g.writeObjectFieldStart("groups");
        for (Map.Entry<String, NoiseProfile.GroupNoise> e : noise.groups().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeArrayFieldStart("scenarios");
            for (String s : e.getValue().scenarios()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("metrics");
            for (Map.Entry<String, MetricNoise> m : e.getValue().metrics().entrySet()) {
                g.writeObjectFieldStart(m.getKey());
                g.writeStringField("scale", m.getValue().scale().jsonName());
                g.writeFieldName("sd");
                g.writeNumber(JsonNumbers.format(m.getValue().sd()));
                g.writeFieldName("absolute_sd");
                g.writeNumber(JsonNumbers.format(m.getValue().absoluteSd()));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeExpected(JsonGenerator g, SuiteResults expected) throws IOException {
        List<Long> seeds = new ArrayList<>(main.seeds());
        seeds.addAll(confirm.seeds());
        g.writeObjectFieldStart("expected");
        g.writeArrayFieldStart("seeds");
        for (long s : seeds) {
            g.writeNumber(s);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("calls");
        for (ScenarioEntry scenario : scenarios) {
            if (!expected.scenarios().contains(scenario.name())) {
                continue;
            }
            g.writeObjectFieldStart(scenario.name());
            Map<String, Double> first = expected.metrics(scenario.name(), seeds.get(0));
            if (first == null) {
                throw new IllegalArgumentException("expected values lack scenario " + scenario.name() + " seed "
                        + seeds.get(0));
            }
            for (String metric : first.keySet()) {
                g.writeArrayFieldStart(metric);
                for (long seed : seeds) {
                    Double v = expected.value(scenario.name(), seed, metric);
                    if (v == null) {
                        throw new IllegalArgumentException("expected values lack " + scenario.name() + " seed " + seed
                                + " " + metric);
                    }
                    g.writeNumber(JsonNumbers.format(v));
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
