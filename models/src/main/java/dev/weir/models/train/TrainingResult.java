package dev.weir.models.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.export.ArtifactExporter;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained graph (best validation epoch's parameters) with everything needed to export it.
 *
 * <p>Not thread-safe: holds a DL4J graph; do not train it while exporting.
 */
public final class TrainingResult {
    /** {@code created_by} of exported models. */
    public static final String CREATED_BY = "weir-models Trainer";

    private final ComputationGraph graph;
    private final ModelArchitecture architecture;
    private final Normalisation normalisation;
    private final FeatureSchema schema;
    private final TrainerSettings settings;
    private final String datasetDigest;
    private final double[][] classWeights;
    private final TrainingReport report;

    TrainingResult(ComputationGraph graph, ModelArchitecture architecture, Normalisation normalisation,
            FeatureSchema schema, TrainerSettings settings, String datasetDigest, double[][] classWeights,
            TrainingReport report) {
        this.graph = graph;
        this.architecture = architecture;
        this.normalisation = normalisation;
        this.schema = schema;
        this.settings = settings;
        this.datasetDigest = datasetDigest;
        this.classWeights = classWeights;
        this.report = report;
    }

    /** The trained DL4J graph (outputs in head order). */
    public ComputationGraph graph() {
        return graph;
    }

    public ModelArchitecture architecture() {
        return architecture;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    public TrainingReport report() {
        return report;
    }

    /** A copy of the settings the run used. */
    public TrainerSettings settings() {
        return SettingsJson.copy(settings, TrainerSettings.class);
    }

    /**
     * The model artifact, with the dataset's feature schema (and so its digest), provenance
     * (dataset digest, seed, trainer settings, library versions) and metrics: a {@code training}
     * object (best epoch, epochs, validation score, sample counts, class weights; never wall time,
     * so equal runs give equal bytes) and the fields of {@code extraMetrics} (e.g. test results;
     * may be null).
     */
    public ModelArtifact export(ObjectNode extraMetrics) {
        ObjectNode trainerSettings = SettingsJson.mapper().valueToTree(settings);
        Provenance provenance = new Provenance(datasetDigest, List.of(settings.seed), trainerSettings,
                ArtifactExporter.libraryVersions(), CREATED_BY);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        ObjectNode training = metrics.putObject("training");
        training.put("epochs_run", report.epochsRun());
        training.put("best_epoch", report.bestEpoch());
        training.put("validation_metric", report.validationMetric());
        training.put("best_validation_score", report.bestValidationScore());
        training.put("train_samples", report.trainSamples());
        training.put("validation_samples", report.validationSamples());
        ObjectNode weights = training.putObject("class_weights");
        for (int h = 0; h < classWeights.length; h++) {
            var array = weights.putArray(architecture.heads().get(h).name());
            for (double w : classWeights[h]) {
                array.add(w);
            }
        }
        if (extraMetrics != null) {
            metrics.setAll(extraMetrics.deepCopy());
        }
        return ArtifactExporter.export(graph, architecture, schema, normalisation, provenance, metrics);
    }
}
