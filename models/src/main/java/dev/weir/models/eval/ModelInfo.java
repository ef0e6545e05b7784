package dev.weir.models.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.signal.FeatureSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Human-readable description of a model artifact: file identity, architecture, parameter count,
 * features, normalisation, provenance and metrics. Reading verifies the whole file
 * ({@link ModelArtifact#read(Path)}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelInfo {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelInfo() {
    }

    /**
     * Verifies and describes the artifact at {@code file}.
     *
     * @throws dev.weir.bwe.model.ModelFormatException naming the file and the fault when it is
     *                                                 missing, corrupt or not an artifact
     */
    public static String describe(Path file) {
        return describe(ModelArtifact.read(file));
    }

    /** Describes a verified artifact. */
    public static String describe(ModelArtifact artifact) {
        ModelArchitecture arch = artifact.architecture();
        FeatureSchema schema = artifact.featureSchema();
        StringBuilder text = new StringBuilder();
        line(text, "model %s (format %d, %d bytes, verified)", artifact.fileName(), artifact.formatVersion(),
                artifact.sizeBytes());
        line(text, "architecture: %d steps x %d time-series features -> LSTM(%d, last step); %d dense features"
                        + " -> Dense(%d, relu); concat -> Dense(%d, relu) -> heads",
                arch.tsSteps(), arch.tsFeatures(), arch.lstmUnits(), arch.denseFeatures(), arch.denseUnits(),
                arch.mergeUnits());
        for (HeadSpec head : arch.heads()) {
            line(text, "  head %s: softmax over %s", head.name(), head.classes());
        }
        line(text, "parameters: %d (%d bytes as float32)", arch.parameterCount(), arch.parameterCount() * 4);
        line(text, "features: schema %s (version %d), step %d ms, time series %.1f s", artifact.featureSchemaDigest(),
                schema.schemaVersion(), schema.stepMs(), schema.tsWindowMs() / 1000.0);
        Normalisation norm = artifact.normalisation();
        line(text, "  time series (normalisation):");
        features(text, schema.tsFeatureNames(), norm.tsMean(), norm.tsStd());
        line(text, "  dense (windows %s):", schema.denseWindows().stream()
                .map(w -> w.prefix() + " " + w.windowMs() / 1000.0 + " s").toList());
        features(text, schema.denseInputNames(), norm.denseMean(), norm.denseStd());
        Provenance p = artifact.provenance();
        line(text, "provenance:");
        line(text, "  dataset digest: %s", p.datasetDigest());
        line(text, "  seeds: %s", p.seeds());
        line(text, "  created by: %s", p.createdBy());
        line(text, "  libraries: %s", p.libraryVersions());
        line(text, "  trainer settings: %s", json(p.trainerSettings()).replace("\n", "\n  "));
        line(text, "metrics: %s", json(artifact.metrics()));
        return text.toString();
    }

    private static void features(StringBuilder text, List<String> names, float[] mean, float[] std) {
        for (int i = 0; i < names.size(); i++) {
            line(text, "    %-32s mean %-12.6g std %.6g", names.get(i), mean[i], std[i]);
        }
    }

    private static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
