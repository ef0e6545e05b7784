package dev.weir.bench;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Prediction;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.export.ArtifactExporter;
import dev.weir.models.net.ClassifierNetwork;
import dev.weir.models.net.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One streaming decision of the client-side {@link LstmClassifier} (one LSTM step plus the heads:
 * {@code advance} then {@code predict}) versus Deeplearning4j's {@code rnnTimeStep} on the same
 * (exported) model, two heads, at three shapes ({@link #shape}), each with the runtime schema's
 * 21 time-series features and 40 dense inputs:
 * <ul>
 *   <li>{@code shipped}: the trainer's defaults ({@code TrainerSettings}): LSTM 32, Dense 32, merge 32;</li>
 *   <li>{@code lstm16}: LSTM 16, Dense 16, merge 16;</li>
 *   <li>{@code lstm64}: LSTM 64, Dense 64, merge 64 (width costs microseconds, not the model's budget).</li>
 * </ul>
 * DL4J gets its inputs already normalised and packed into INDArrays, so its figure is the network
 * alone; the classifier's includes normalising the raw row and vector. Parity is checked at setup
 * over a 60-step stream. Run with {@code OMP_NUM_THREADS=1} and {@code -prof gc} for B/op.
 *
 * <p>Not thread-safe: JMH gives each benchmark thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ModelInferenceBenchmark {
    /** Model shape: {@code shipped} (trainer defaults), {@code lstm16} or {@code lstm64} (see the class comment). */
    @Param({"shipped", "lstm16", "lstm64"})
    public String shape;

    /** Runtime schema sizes: time-series features and dense inputs. */
    private static final int TS_FEATURES = 21;
    private static final int DENSE_FEATURES = 40;
    /** Steps of the parity stream. */
    private static final int PARITY_STEPS = 60;
    /** Largest tolerated difference between the two implementations' probabilities. */
    private static final double PARITY_TOLERANCE = 1e-5;

    private ComputationGraph graph;
    private LstmClassifier classifier;
    private Prediction prediction;
    private float[] row;
    private float[] dense;
    private INDArray tsStep;
    private INDArray denseStep;

    @Setup
    public void setUp() {
        int units = switch (shape) {
            case "shipped" -> 32;
            case "lstm16" -> 16;
            case "lstm64" -> 64;
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        ModelArchitecture arch = new ModelArchitecture(1, TS_FEATURES, units, DENSE_FEATURES, units, units,
                List.of(new HeadSpec("loss_attribution", List.of("pure_random", "mixed", "congestion")),
                        new HeadSpec("congestion", List.of("no", "yes"))));
        NetworkSettings settings = new NetworkSettings();
        settings.seed = 1;
        graph = ClassifierNetwork.build(arch, settings);
        Normalisation norm = Normalisation.identity(TS_FEATURES, DENSE_FEATURES);
        ModelArtifact artifact = ArtifactExporter.export(graph, arch, schema(), norm, null,
                new Provenance("benchmark", List.of(settings.seed), null, ArtifactExporter.libraryVersions(),
                        "ModelInferenceBenchmark"), null);
        classifier = new LstmClassifier(artifact);
        prediction = classifier.newPrediction();
        SplittableRandom random = new SplittableRandom(7);
        row = gaussian(random, TS_FEATURES);
        dense = gaussian(random, DENSE_FEATURES);
        tsStep = Nd4j.create(row, new long[] {1, TS_FEATURES, 1});
        denseStep = Nd4j.create(dense, new long[] {1, DENSE_FEATURES, 1});
        checkParity(random);
    }

    private static float[] gaussian(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Fails the run unless both implementations agree over a stream: otherwise the comparison is meaningless. */
    private void checkParity(SplittableRandom random) {
        graph.rnnClearPreviousState();
        classifier.reset();
        for (int t = 0; t < PARITY_STEPS; t++) {
            float[] r = gaussian(random, TS_FEATURES);
            float[] d = gaussian(random, DENSE_FEATURES);
            INDArray[] expected = graph.rnnTimeStep(Nd4j.create(r, new long[] {1, TS_FEATURES, 1}),
                    Nd4j.create(d, new long[] {1, DENSE_FEATURES, 1}));
            classifier.advance(r, 0);
            classifier.predict(d, prediction);
            for (int head = 0; head < expected.length; head++) {
                for (int cls = 0; cls < prediction.classCount(head); cls++) {
                    double diff = Math.abs(expected[head].getFloat(0, cls, 0) - prediction.probability(head, cls));
                    if (diff > PARITY_TOLERANCE) {
                        throw new IllegalStateException("LstmClassifier and DL4J disagree by " + diff + " at step " + t);
                    }
                }
            }
        }
    }

    @Benchmark
    public float lstmClassifierStep() {
        classifier.advance(row, 0);
        classifier.predict(dense, prediction);
        return prediction.probability(0, 0);
    }

    @Benchmark
    public INDArray[] dl4jRnnTimeStep() {
        return graph.rnnTimeStep(tsStep, denseStep);
    }

    private static FeatureSchema schema() {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < TS_FEATURES; i++) {
            ts.add("ts_" + i);
        }
        List<String> denseNames = new ArrayList<>();
        for (int i = 0; i < DENSE_FEATURES; i++) {
            denseNames.add("dense_" + i);
        }
        return FeatureSchema.custom(200, 50, ts, denseNames);
    }
}
