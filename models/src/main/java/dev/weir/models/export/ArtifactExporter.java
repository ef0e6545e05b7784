package dev.weir.models.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelArtifactBuilder;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.net.ClassifierNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a trained {@link ClassifierNetwork} graph into a {@link ModelArtifact}.
 *
 * <p>Weight layout (verified against DL4J 1.0.0-M2.1 outputs by ArtifactExporterTest):
 * LSTM {@code W [nIn, 4n]}, {@code RW [n, 4n]} (no peepholes), {@code b [4n]}, gate blocks along
 * the 4n axis a, f, o, i; dense layers {@code W [nIn, nOut]}, {@code b [nOut]}. DL4J keeps
 * parameters as column-major views into one flat buffer, so values are read element by element
 * with {@code getFloat(i, j)}, never from the raw buffer.
 *
 * <p>Stateless and thread-safe; do not train the graph while exporting it.
 */
public final class ArtifactExporter {
    private ArtifactExporter() {
    }

    /**
     * Exports {@code graph}, which must have been built by {@link ClassifierNetwork#build} for
     * {@code arch}; every parameter's shape is checked against it. {@code metrics} may be null (empty).
     *
     * @throws IllegalArgumentException when a layer is missing or a parameter has another shape
     */
    public static ModelArtifact export(ComputationGraph graph, ModelArchitecture arch, FeatureSchema schema,
            Normalisation normalisation, Provenance provenance, ObjectNode metrics) {
        int units = arch.lstmUnits();
        // Read every parameter first, so a graph of another shape fails before anything else.
        Map<String, float[]> tensors = new TreeMap<>();
        tensors.put(ModelArchitecture.LSTM_INPUT_WEIGHTS,
                matrix(graph, ClassifierNetwork.LSTM_LAYER, "W", arch.tsFeatures(), 4 * units));
        tensors.put(ModelArchitecture.LSTM_RECURRENT_WEIGHTS,
                matrix(graph, ClassifierNetwork.LSTM_LAYER, "RW", units, 4 * units));
        tensors.put(ModelArchitecture.LSTM_BIAS, vector(graph, ClassifierNetwork.LSTM_LAYER, "b", 4 * units));
        tensors.put(ModelArchitecture.DENSE_WEIGHTS,
                matrix(graph, ClassifierNetwork.DENSE_LAYER, "W", arch.denseFeatures(), arch.denseUnits()));
        tensors.put(ModelArchitecture.DENSE_BIAS,
                vector(graph, ClassifierNetwork.DENSE_LAYER, "b", arch.denseUnits()));
        tensors.put(ModelArchitecture.MERGE_WEIGHTS,
                matrix(graph, ClassifierNetwork.MERGE_LAYER, "W", units + arch.denseUnits(), arch.mergeUnits()));
        tensors.put(ModelArchitecture.MERGE_BIAS,
                vector(graph, ClassifierNetwork.MERGE_LAYER, "b", arch.mergeUnits()));
        for (HeadSpec head : arch.heads()) {
            String layer = ClassifierNetwork.headLayer(head.name());
            tensors.put(ModelArchitecture.headWeights(head.name()),
                    matrix(graph, layer, "W", arch.mergeUnits(), head.classCount()));
            tensors.put(ModelArchitecture.headBias(head.name()), vector(graph, layer, "b", head.classCount()));
        }
        ModelArtifactBuilder builder = ModelArtifact.builder()
                .architecture(arch)
                .featureSchema(schema)
                .normalisation(normalisation)
                .provenance(provenance)
                .metrics(metrics);
        for (Map.Entry<String, float[]> tensor : tensors.entrySet()) {
            builder.tensor(tensor.getKey(), tensor.getValue());
        }
        return builder.build();
    }

    /**
     * Versions of the libraries that shape a trained model, for {@link Provenance#libraryVersions()}:
     * Deeplearning4j and ND4J (from their jars' Maven metadata) and the Java specification version.
     */
    public static Map<String, String> libraryVersions() {
        Map<String, String> versions = new TreeMap<>();
        versions.put("deeplearning4j-nn", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        versions.put("nd4j-native", mavenVersion("org.nd4j", "nd4j-native"));
        versions.put("java", System.getProperty("java.specification.version"));
        return versions;
    }

    private static float[] matrix(ComputationGraph graph, String layerName, String key, int rows, int cols) {
        INDArray param = param(graph, layerName, key);
        if (param.rank() != 2 || param.rows() != rows || param.columns() != cols) {
            throw new IllegalArgumentException(layerName + "." + key + " has shape " + Arrays.toString(param.shape())
                    + ", the architecture needs [" + rows + ", " + cols + "]");
        }
        float[] values = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                values[i * cols + j] = param.getFloat(i, j);
            }
        }
        return values;
    }

    /** A bias, stored by DL4J as a [1, n] row. */
    private static float[] vector(ComputationGraph graph, String layerName, String key, int length) {
        INDArray param = param(graph, layerName, key);
        if (param.length() != length || (param.rank() == 2 && param.rows() != 1) || param.rank() > 2) {
            throw new IllegalArgumentException(layerName + "." + key + " has shape " + Arrays.toString(param.shape())
                    + ", the architecture needs [" + length + "]");
        }
        float[] values = new float[length];
        for (int j = 0; j < length; j++) {
            values[j] = param.rank() == 2 ? param.getFloat(0, j) : param.getFloat(j);
        }
        return values;
    }

    private static INDArray param(ComputationGraph graph, String layerName, String key) {
        Layer layer = graph.getLayer(layerName);
        if (layer == null) {
            throw new IllegalArgumentException("graph has no layer '" + layerName
                    + "'; build it with ClassifierNetwork");
        }
        INDArray param = layer.paramTable().get(key);
        if (param == null) {
            throw new IllegalArgumentException("layer '" + layerName + "' has no parameter '" + key + "'; has "
                    + layer.paramTable().keySet());
        }
        return param;
    }

    private static String mavenVersion(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = ComputationGraph.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
