package dev.weir.models.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.Calibration;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.net.ClassifierNetwork;
import dev.weir.models.net.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny two-head streaming network trained a few iterations on seeded random sequences, for the
 * export tests. Inputs are raw (centred away from 0, spread unlike 1) and normalised by a random
 * {@link Normalisation} with log and linear transforms, so the parity test covers normalisation.
 */
final class TrainingFixture {
    static final ModelArchitecture ARCH = new ModelArchitecture(1, 6, 8, 5, 8, 8, List.of(
            new HeadSpec("loss_attribution", List.of("pure_random", "mixed", "congestion")),
            new HeadSpec("congestion", List.of("no", "yes"))));
    static final int SEQUENCES = 12;
    static final int STEPS = 30;
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
        settings.tbpttSteps = 10;
        ComputationGraph graph = ClassifierNetwork.build(ARCH, settings);
        INDArray initial = graph.params().dup();
        SplittableRandom random = new SplittableRandom(dataSeed);
        Normalisation norm = normalisation(random);
        float[][] rows = rawRows(random, SEQUENCES);
        float[][] dense = rawDense(random, SEQUENCES);
        float[] loss = new float[SEQUENCES * 3 * STEPS];
        float[] congestion = new float[SEQUENCES * 2 * STEPS];
        for (int n = 0; n < SEQUENCES; n++) {
            for (int t = 0; t < STEPS; t++) {
                loss[(n * 3 + random.nextInt(3)) * STEPS + t] = 1f;
                congestion[(n * 2 + random.nextInt(2)) * STEPS + t] = 1f;
            }
        }
        MultiDataSet data = new MultiDataSet(new INDArray[] {timeSeries(rows, norm), denseSeries(dense, norm)},
                new INDArray[] {Nd4j.create(loss, new long[] {SEQUENCES, 3, STEPS}),
                        Nd4j.create(congestion, new long[] {SEQUENCES, 2, STEPS})});
        for (int i = 0; i < ITERATIONS; i++) {
            graph.fit(data);
            graph.rnnClearPreviousState();
        }
        return new TrainingFixture(graph, norm, initial);
    }

    ModelArtifact export(List<Calibration> calibration) {
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
        ObjectNode metrics = JsonNodeFactory.instance.objectNode().put("train_sequences", SEQUENCES);
        return ArtifactExporter.export(graph, ARCH, FeatureSchema.custom(100, 5, ts, dense), normalisation,
                calibration, provenance, metrics);
    }

    /** Raw rows [sequence][step * features], centred away from 0, spread unlike 1. */
    static float[][] rawRows(SplittableRandom random, int sequences) {
        float[][] rows = new float[sequences][STEPS * ARCH.tsFeatures()];
        for (float[] sequence : rows) {
            for (int i = 0; i < sequence.length; i++) {
                sequence[i] = (float) (5 + 3 * random.nextGaussian());
            }
        }
        return rows;
    }

    static float[][] rawDense(SplittableRandom random, int sequences) {
        float[][] dense = new float[sequences][STEPS * ARCH.denseFeatures()];
        for (float[] sequence : dense) {
            for (int i = 0; i < sequence.length; i++) {
                sequence[i] = (float) (-2 + 4 * random.nextGaussian());
            }
        }
        return dense;
    }

    /** Normalised rows as DL4J's [N, features, T], through the same Normalisation the runtime uses. */
    static INDArray timeSeries(float[][] rows, Normalisation norm) {
        int f = ARCH.tsFeatures();
        float[] data = new float[rows.length * f * STEPS];
        for (int n = 0; n < rows.length; n++) {
            for (int t = 0; t < STEPS; t++) {
                for (int k = 0; k < f; k++) {
                    data[(n * f + k) * STEPS + t] = norm.normaliseTs(k, rows[n][t * f + k]);
                }
            }
        }
        return Nd4j.create(data, new long[] {rows.length, f, STEPS});
    }

    static INDArray denseSeries(float[][] dense, Normalisation norm) {
        int d = ARCH.denseFeatures();
        float[] data = new float[dense.length * d * STEPS];
        for (int n = 0; n < dense.length; n++) {
            for (int t = 0; t < STEPS; t++) {
                for (int k = 0; k < d; k++) {
                    data[(n * d + k) * STEPS + t] = norm.normaliseDense(k, dense[n][t * d + k]);
                }
            }
        }
        return Nd4j.create(data, new long[] {dense.length, d, STEPS});
    }

    private static Normalisation normalisation(SplittableRandom random) {
        int f = ARCH.tsFeatures();
        int d = ARCH.denseFeatures();
        Normalisation.Transform[] tsTransform = new Normalisation.Transform[f];
        float[] tsCentre = new float[f];
        float[] tsScale = new float[f];
        for (int i = 0; i < f; i++) {
            tsTransform[i] = i % 2 == 0 ? Normalisation.Transform.SIGNED_LOG1P : Normalisation.Transform.LINEAR;
            tsCentre[i] = (float) ((i % 2 == 0 ? 1.7 : 5) + random.nextGaussian() * 0.1);
            tsScale[i] = (float) ((i % 2 == 0 ? 0.5 : 3) + random.nextDouble() * 0.2);
        }
        float[] denseCentre = new float[d];
        float[] denseScale = new float[d];
        for (int i = 0; i < d; i++) {
            denseCentre[i] = (float) (-2 + random.nextGaussian() * 0.1);
            denseScale[i] = (float) (4 + random.nextDouble() * 0.2);
        }
        return new Normalisation(tsTransform, tsCentre, tsScale, Normalisation.linear(d), denseCentre, denseScale);
    }
}
