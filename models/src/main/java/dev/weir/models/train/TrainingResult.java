package dev.weir.models.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.Calibration;
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
    /** One per head, or null while uncalibrated (identity). */
    private final List<Calibration> calibration;

    TrainingResult(ComputationGraph graph, ModelArchitecture architecture, Normalisation normalisation,
            FeatureSchema schema, TrainerSettings settings, String datasetDigest, double[][] classWeights,
            TrainingReport report, List<Calibration> calibration) {
        this.graph = graph;
        this.architecture = architecture;
        this.normalisation = normalisation;
        this.schema = schema;
        this.settings = settings;
        this.datasetDigest = datasetDigest;
        this.classWeights = classWeights;
        this.report = report;
        this.calibration = calibration == null ? null : List.copyOf(calibration);
    }

    /** This result with each head's calibration (exported with the model). */
    TrainingResult withCalibration(List<Calibration> value) {
        return new TrainingResult(graph, architecture, normalisation, schema, settings, datasetDigest, classWeights,
                report, value);
    }

    /** Each head's calibration, or null when the run did not calibrate. */
    public List<Calibration> calibration() {
        return calibration;
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
        training.put("train_calls", report.trainCalls());
        training.put("train_decisions", report.trainDecisions());
        training.put("validation_calls", report.validationCalls());
        var constant = training.putArray("constant_inputs");
        report.constantFeatures().forEach(constant::add);
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
        return ArtifactExporter.export(graph, architecture, schema, normalisation, calibration, provenance, metrics);
    }
}
