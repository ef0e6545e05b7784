package dev.weir.models.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.net.ClassifierNetwork;
import dev.weir.models.net.NetworkInputs;
import dev.weir.models.net.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** A tiny two-head network trained a few iterations on seeded random data, for the export tests. */
final class TrainingFixture {
    static final ModelArchitecture ARCH = new ModelArchitecture(20, 6, 8, 5, 8, 8, List.of(
            new HeadSpec("loss_type", List.of("random", "congestion")),
            new HeadSpec("congestion", List.of("no", "yes"))));
    static final int TRAIN_SAMPLES = 64;
    static final int ITERATIONS = 5;

    final ComputationGraph graph;
    final Normalisation normalisation;
    final INDArray initialParams;

    private TrainingFixture(ComputationGraph graph, Normalisation normalisation, INDArray initialParams) {
        this.graph = graph;
        this.normalisation = normalisation;
        this.initialParams = initialParams;
    }

    /** Builds with {@code seed}, then fits {@link #ITERATIONS} Adam steps on data drawn from {@code dataSeed}. */
    static TrainingFixture train(long seed, long dataSeed) {
        NetworkSettings settings = new NetworkSettings();
        settings.seed = seed;
        settings.learningRate = 0.01; // large enough that five steps move every weight visibly
        ComputationGraph graph = ClassifierNetwork.build(ARCH, settings);
        INDArray initial = graph.params().dup();
        SplittableRandom random = new SplittableRandom(dataSeed);
        Normalisation norm = normalisation(random);
        float[][] windows = new float[TRAIN_SAMPLES][];
        float[][] dense = new float[TRAIN_SAMPLES][];
        int[] lossType = new int[TRAIN_SAMPLES];
        int[] congestion = new int[TRAIN_SAMPLES];
        for (int n = 0; n < TRAIN_SAMPLES; n++) {
            windows[n] = rawWindow(random);
            dense[n] = rawDense(random);
            lossType[n] = random.nextInt(2);
            congestion[n] = random.nextInt(2);
        }
        MultiDataSet data = new MultiDataSet(
                new INDArray[] {NetworkInputs.timeSeries(windows, ARCH, norm), NetworkInputs.dense(dense, ARCH, norm)},
                new INDArray[] {NetworkInputs.oneHot(lossType, 2), NetworkInputs.oneHot(congestion, 2)});
        for (int i = 0; i < ITERATIONS; i++) {
            graph.fit(data);
        }
        return new TrainingFixture(graph, norm, initial);
    }

    ModelArtifact export() {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < ARCH.tsFeatures(); i++) {
            ts.add("ts_" + i);
        }
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < ARCH.denseFeatures(); i++) {
            dense.add("dense_" + i);
        }
        ObjectNode settings = JsonNodeFactory.instance.objectNode().put("learning_rate", 0.01)
                .put("iterations", ITERATIONS);
        Provenance provenance = new Provenance("test-data", List.of(7L), settings,
                ArtifactExporter.libraryVersions(), "weir models tests");
        ObjectNode metrics = JsonNodeFactory.instance.objectNode().put("train_samples", TRAIN_SAMPLES);
        return ArtifactExporter.export(graph, ARCH, FeatureSchema.custom(100, ARCH.tsSteps(), ts, dense), normalisation, provenance,
                metrics);
    }

    /** Raw features centred away from 0 with spread unlike 1, so normalisation matters. */
    static float[] rawWindow(SplittableRandom random) {
        float[] window = new float[ARCH.tsSteps() * ARCH.tsFeatures()];
        for (int i = 0; i < window.length; i++) {
            window[i] = (float) (5 + 3 * random.nextGaussian());
        }
        return window;
    }

    static float[] rawDense(SplittableRandom random) {
        float[] dense = new float[ARCH.denseFeatures()];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) (-2 + 4 * random.nextGaussian());
        }
        return dense;
    }

    private static Normalisation normalisation(SplittableRandom random) {
        float[] tsMean = new float[ARCH.tsFeatures()];
        float[] tsStd = new float[ARCH.tsFeatures()];
        for (int i = 0; i < tsMean.length; i++) {
            tsMean[i] = (float) (5 + random.nextGaussian() * 0.1);
            tsStd[i] = (float) (3 + random.nextDouble() * 0.2);
        }
        float[] denseMean = new float[ARCH.denseFeatures()];
        float[] denseStd = new float[ARCH.denseFeatures()];
        for (int i = 0; i < denseMean.length; i++) {
            denseMean[i] = (float) (-2 + random.nextGaussian() * 0.1);
            denseStd[i] = (float) (4 + random.nextDouble() * 0.2);
        }
        return new Normalisation(tsMean, tsStd, denseMean, denseStd);
    }
}
