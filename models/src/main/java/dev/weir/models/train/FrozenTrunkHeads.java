package dev.weir.models.train;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.models.net.ClassifierNetwork;
import dev.weir.models.net.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Heads added to a trained network without changing it: the trunk (LSTM, dense branch, merge
 * layer) is copied from the trained graph and frozen, only the new heads learn, on the trunk's
 * features. The trained heads keep their weights, so adding the FEC heads leaves the loss
 * attribution and congestion outputs bit for bit what they were. Decided on validation: trained
 * jointly, the FEC heads cost the other heads' validation figures (docs/ml.md, "FEC sizing").
 *
 * <p>Freezing is an SGD updater with learning rate 0 on every trunk layer: gradients still flow
 * through it (the new heads' weights depend on nothing else), the updates are exactly zero.
 *
 * <p>Stateless and thread-safe; the graphs it returns are not thread-safe.
 */
final class FrozenTrunkHeads {
    /** The trunk's layers, whose parameters are copied and frozen. */
    static final List<String> TRUNK = List.of(ClassifierNetwork.LSTM_LAYER, ClassifierNetwork.DENSE_LAYER,
            ClassifierNetwork.MERGE_LAYER);

    private FrozenTrunkHeads() {
    }

    /** {@code arch} with only {@code heads}: what the frozen-trunk graph trains. */
    static ModelArchitecture withHeads(ModelArchitecture arch, List<HeadSpec> heads) {
        return new ModelArchitecture(arch.tsSteps(), arch.tsFeatures(), arch.lstmUnits(), arch.denseFeatures(),
                arch.denseUnits(), arch.mergeUnits(), heads, arch.lstmGateOrder());
    }

    /**
     * A graph of {@code headArch} (the trained trunk's sizes, only the new heads) whose trunk holds
     * {@code trained}'s parameters and never changes; its heads start from the seeded initialisation.
     */
    static ComputationGraph headGraph(ComputationGraph trained, ModelArchitecture headArch, NetworkSettings network) {
        ComputationGraphConfiguration conf = ClassifierNetwork.configuration(headArch, network);
        for (String name : TRUNK) {
            Layer layer = ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
            Layer inner = layer instanceof TimeDistributed wrapped ? wrapped.getUnderlying() : layer;
            ((BaseLayer) inner).setIUpdater(new Sgd(0.0));
            ((BaseLayer) inner).setBiasUpdater(new Sgd(0.0));
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        copy(trained, graph, TRUNK);
        return graph;
    }

    /**
     * The graph of {@code fullArch} (the trained heads, then the new ones): trunk and trained heads
     * from {@code trained}, new heads from {@code heads}.
     */
    static ComputationGraph merge(ComputationGraph trained, ComputationGraph heads, ModelArchitecture trainedArch,
            ModelArchitecture fullArch, NetworkSettings network) {
        ComputationGraph graph = ClassifierNetwork.build(fullArch, network);
        List<String> fromTrained = new ArrayList<>(TRUNK);
        trainedArch.heads().forEach(h -> fromTrained.add(ClassifierNetwork.headLayer(h.name())));
        copy(trained, graph, fromTrained);
        List<String> fromHeads = new ArrayList<>();
        fullArch.heads().stream().filter(h -> trainedArch.headIndex(h.name()) < 0)
                .forEach(h -> fromHeads.add(ClassifierNetwork.headLayer(h.name())));
        copy(heads, graph, fromHeads);
        return graph;
    }

    private static void copy(ComputationGraph from, ComputationGraph to, List<String> layers) {
        for (String name : layers) {
            INDArray params = from.getLayer(name).params();
            to.getLayer(name).setParams(params.dup());
        }
    }
}
