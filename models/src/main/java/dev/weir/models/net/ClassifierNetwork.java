package dev.weir.models.net;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Deeplearning4j graph of the streaming multi-task classifier that
 * {@code dev.weir.bwe.model.LstmClassifier} runs on clients, over whole calls: the LSTM runs along
 * the call's steps and carries its state, and at every step the dense branch, the merge layer and
 * the heads see the hidden state beside that step's dense vector (label masks keep only decision
 * steps in the loss). Source: the ML-steered BWE design (LSTM over time-series features, a dense
 * layer over window features, concatenated, a dense layer, then one softmax head per task; see
 * docs/ml.md) and DL4J's {@code LSTM} layer, whose weight layout
 * {@code ArtifactExporter} depends on.
 *
 * <pre>
 *   ts [N, tsFeatures, T] (NCW) -> LSTM(lstmUnits, tanh; gates sigmoid) ---------------------+
 *   dense_in [N, denseFeatures, T] -> TimeDistributed(Dense(denseUnits, relu)) --------------+-> merge (LSTM first)
 *   merge -> TimeDistributed(Dense(mergeUnits, relu)) -> per head: RnnOutput(classes, softmax, MCXENT)
 * </pre>
 * Trained by truncated backpropagation through time ({@link NetworkSettings#tbpttSteps}): the state
 * carries over a whole call as at run time, gradients flow back a bounded number of steps.
 *
 * <p>Stateless and thread-safe; the graphs it returns are not thread-safe.
 */
public final class ClassifierNetwork {
    /** Input vertex of the time-series rows, [N, tsFeatures, T]. */
    public static final String TS_INPUT = "ts";
    /** Input vertex of the dense vectors, [N, denseFeatures, T]. */
    public static final String DENSE_INPUT = "dense_in";
    /** LSTM layer (parameter keys W, RW, b). */
    public static final String LSTM_LAYER = "lstm";
    /** Dense branch layer (time-distributed). */
    public static final String DENSE_LAYER = "dense";
    /** Concatenation of the LSTM and dense outputs. */
    public static final String MERGE_VERTEX = "merge";
    /** Dense layer after the merge (time-distributed). */
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
                .setInputTypes(InputType.recurrent(arch.tsFeatures(), RNNFormat.NCW),
                        InputType.recurrent(arch.denseFeatures(), RNNFormat.NCW))
                .addLayer(LSTM_LAYER, new LSTM.Builder()
                        .nIn(arch.tsFeatures())
                        .nOut(arch.lstmUnits())
                        .activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID)
                        .dataFormat(RNNFormat.NCW)
                        .build(), TS_INPUT)
                .addLayer(DENSE_LAYER, new TimeDistributed(new DenseLayer.Builder()
                        .nIn(arch.denseFeatures())
                        .nOut(arch.denseUnits())
                        .activation(Activation.RELU)
                        .build(), RNNFormat.NCW), DENSE_INPUT)
                .addVertex(MERGE_VERTEX, new MergeVertex(), LSTM_LAYER, DENSE_LAYER)
                .addLayer(MERGE_LAYER, new TimeDistributed(new DenseLayer.Builder()
                        .nIn(arch.lstmUnits() + arch.denseUnits())
                        .nOut(arch.mergeUnits())
                        .activation(Activation.RELU)
                        .build(), RNNFormat.NCW), MERGE_VERTEX);
        List<String> outputs = new ArrayList<>();
        for (HeadSpec head : arch.heads()) {
            String name = headLayer(head.name());
            graph.addLayer(name, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(arch.mergeUnits())
                    .nOut(head.classCount())
                    .activation(Activation.SOFTMAX)
                    .dataFormat(RNNFormat.NCW)
                    .build(), MERGE_LAYER);
            outputs.add(name);
        }
        graph.setOutputs(outputs.toArray(new String[0]));
        if (settings.tbpttSteps > 0) {
            graph.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(settings.tbpttSteps)
                    .tBPTTBackwardLength(settings.tbpttSteps);
        }
        return graph.build();
    }
}
