package dev.weir.models.net;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Deeplearning4j graph of the multi-task classifier that {@code dev.weir.bwe.model.LstmClassifier}
 * runs on clients. Source: the ML-steered BWE design (LSTM over time-series features, a dense layer
 * over window features, concatenated, a dense layer, then one softmax head per task; see
 * docs/ml.md) and DL4J's {@code LSTM} layer, whose weight layout
 * {@code ArtifactExporter} depends on.
 *
 * <pre>
 *   ts [N, tsFeatures, tsSteps] (NCW) -> LastTimeStep(LSTM(lstmUnits, tanh; gates sigmoid)) -+
 *   dense_in [N, denseFeatures] -> Dense(denseUnits, relu) ------------------------------------+-> merge (LSTM first)
 *   merge -> Dense(mergeUnits, relu) -> per head: Output(classes, softmax, MCXENT)
 * </pre>
 *
 * <p>Stateless and thread-safe; the graphs it returns are not thread-safe.
 */
public final class ClassifierNetwork {
    /** Input vertex of the time-series window, [N, tsFeatures, tsSteps]. */
    public static final String TS_INPUT = "ts";
    /** Input vertex of the dense features, [N, denseFeatures]. */
    public static final String DENSE_INPUT = "dense_in";
    /** LSTM layer (wrapped in LastTimeStep; parameter keys W, RW, b). */
    public static final String LSTM_LAYER = "lstm";
    /** Dense branch layer. */
    public static final String DENSE_LAYER = "dense";
    /** Concatenation of the LSTM and dense outputs. */
    public static final String MERGE_VERTEX = "merge";
    /** Dense layer after the merge. */
    public static final String MERGE_LAYER = "merge_dense";

    private ClassifierNetwork() {
    }

    /** Name of the output layer of head {@code head}. */
    public static String headLayer(String head) {
        return "head_" + head;
    }

    /** An initialised graph: same architecture and settings, same initial parameters. */
    public static ComputationGraph build(ModelArchitecture arch, NetworkSettings settings) {
        ComputationGraph graph = new ComputationGraph(configuration(arch, settings));
        graph.init();
        return graph;
    }

    /** The graph configuration; outputs are the heads in architecture order. */
    public static ComputationGraphConfiguration configuration(ModelArchitecture arch, NetworkSettings settings) {
        ConfigCheck check = ConfigCheck.of("network");
        settings.validate(check);
        check.throwIfInvalid();
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(settings.seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(TS_INPUT, DENSE_INPUT)
                .setInputTypes(InputType.recurrent(arch.tsFeatures(), arch.tsSteps(), RNNFormat.NCW),
                        InputType.feedForward(arch.denseFeatures()))
                .addLayer(LSTM_LAYER, new LastTimeStep(new LSTM.Builder()
                        .nIn(arch.tsFeatures())
                        .nOut(arch.lstmUnits())
                        .activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID)
                        .dataFormat(RNNFormat.NCW)
                        .build()), TS_INPUT)
                .addLayer(DENSE_LAYER, new DenseLayer.Builder()
                        .nIn(arch.denseFeatures())
                        .nOut(arch.denseUnits())
                        .activation(Activation.RELU)
                        .build(), DENSE_INPUT)
                .addVertex(MERGE_VERTEX, new MergeVertex(), LSTM_LAYER, DENSE_LAYER)
                .addLayer(MERGE_LAYER, new DenseLayer.Builder()
                        .nIn(arch.lstmUnits() + arch.denseUnits())
                        .nOut(arch.mergeUnits())
                        .activation(Activation.RELU)
                        .build(), MERGE_VERTEX);
        List<String> outputs = new ArrayList<>();
        for (HeadSpec head : arch.heads()) {
            String name = headLayer(head.name());
            graph.addLayer(name, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(arch.mergeUnits())
                    .nOut(head.classCount())
                    .activation(Activation.SOFTMAX)
                    .build(), MERGE_LAYER);
            outputs.add(name);
        }
        return graph.setOutputs(outputs.toArray(new String[0])).build();
    }
}
