package dev.weir.bwe.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ArtifactHeader} as canonical JSON: fixed field order, compact, numbers and
 * free-form objects through {@link CanonicalJson}, so the same header always gives the same bytes.
 *
 * <p>Stateless and thread-safe.
 */
final class HeaderWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private HeaderWriter() {
    }

    static byte[] write(ArtifactHeader header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeNumberField("format_version", header.formatVersion());
            writeArchitecture(gen, header.architecture());
            writeSchema(gen, header.featureSchema());
            writeNormalisation(gen, header.normalisation());
            writeProvenance(gen, header.provenance());
            gen.writeFieldName("metrics");
            CanonicalJson.writeTree(gen, header.metrics());
            gen.writeArrayFieldStart("tensors");
            for (TensorSpec tensor : header.tensors()) {
                gen.writeStartObject();
                gen.writeStringField("name", tensor.name());
                gen.writeArrayFieldStart("shape");
                for (int dim : tensor.shape()) {
                    gen.writeNumber(dim);
                }
                gen.writeEndArray();
                gen.writeNumberField("offset", tensor.offsetBytes());
                gen.writeNumberField("length", tensor.lengthBytes());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeStringField("blob_sha256", header.blobSha256());
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeArchitecture(JsonGenerator gen, ModelArchitecture arch) throws IOException {
        gen.writeObjectFieldStart("architecture");
        gen.writeNumberField("ts_steps", arch.tsSteps());
        gen.writeNumberField("ts_features", arch.tsFeatures());
        gen.writeNumberField("lstm_units", arch.lstmUnits());
        gen.writeStringField("lstm_gate_order", ModelArchitecture.LSTM_GATE_ORDER);
        gen.writeNumberField("dense_features", arch.denseFeatures());
        gen.writeNumberField("dense_units", arch.denseUnits());
        gen.writeNumberField("merge_units", arch.mergeUnits());
        gen.writeArrayFieldStart("heads");
        for (HeadSpec head : arch.heads()) {
            gen.writeStartObject();
            gen.writeStringField("name", head.name());
            writeStrings(gen, "classes", head.classes());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void writeSchema(JsonGenerator gen, FeatureSchema schema) throws IOException {
        gen.writeObjectFieldStart("feature_schema");
        writeStrings(gen, "ts", schema.ts());
        writeStrings(gen, "dense", schema.dense());
        gen.writeNumberField("step_ms", schema.stepMs());
        gen.writeNumberField("schema_version", schema.schemaVersion());
        gen.writeEndObject();
    }

    private static void writeNormalisation(JsonGenerator gen, Normalisation norm) throws IOException {
        gen.writeObjectFieldStart("normalisation");
        writeFloats(gen, "ts_mean", norm.tsMean());
        writeFloats(gen, "ts_std", norm.tsStd());
        writeFloats(gen, "dense_mean", norm.denseMean());
        writeFloats(gen, "dense_std", norm.denseStd());
        gen.writeEndObject();
    }

    private static void writeProvenance(JsonGenerator gen, Provenance prov) throws IOException {
        gen.writeObjectFieldStart("provenance");
        gen.writeStringField("dataset_digest", prov.datasetDigest());
        gen.writeArrayFieldStart("seeds");
        for (long seed : prov.seeds()) {
            gen.writeNumber(seed);
        }
        gen.writeEndArray();
        gen.writeFieldName("trainer_settings");
        CanonicalJson.writeTree(gen, prov.trainerSettings());
        gen.writeObjectFieldStart("library_versions");
        for (Map.Entry<String, String> entry : prov.libraryVersions().entrySet()) {
            gen.writeStringField(entry.getKey(), entry.getValue());
        }
        gen.writeEndObject();
        gen.writeStringField("created_by", prov.createdBy());
        gen.writeEndObject();
    }

    private static void writeStrings(JsonGenerator gen, String field, List<String> values) throws IOException {
        gen.writeArrayFieldStart(field);
        for (String value : values) {
            gen.writeString(value);
        }
        gen.writeEndArray();
    }

    private static void writeFloats(JsonGenerator gen, String field, float[] values) throws IOException {
        gen.writeArrayFieldStart(field);
        for (float value : values) {
            CanonicalJson.writeFloat(gen, value);
        }
        gen.writeEndArray();
    }
}
