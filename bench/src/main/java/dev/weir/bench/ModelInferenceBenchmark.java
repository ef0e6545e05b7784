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
import dev.weir.models.net.NetworkInputs;
import dev.weir.models.net.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Single-sample inference latency and allocation of the client-side {@link LstmClassifier} versus
 * Deeplearning4j's {@code ComputationGraph.output} on the same (exported) model, two heads, at two
 * shapes ({@link #shape}):
 * <ul>
 *   <li>{@code shipped}: the trainer's defaults ({@code TrainerSettings}) on the signal schema:
 *       50 steps (200 ms, 10 s) x 17 time-series features, LSTM 8, 32 dense features, Dense 16, merge 16;</li>
 *   <li>{@code lstm16}: the same with LSTM 16 (the design's 16x1 window vector);</li>
 *   <li>{@code large}: 100 steps x 8 features, LSTM 32, 10 dense features, Dense 16, merge 16 (the first
 *       measured size, ~330 us).</li>
 * </ul>
 * ({@code outputSingle} needs a single-output graph; the model has one output per head.)
 *
 * <p>DL4J gets its inputs already normalised and packed into INDArrays, so its figure is the
 * network alone; the classifier's includes normalising the raw window. Run with
 * {@code OMP_NUM_THREADS=1} (ND4J's fastest setting on 2 cores) and {@code -prof gc} for B/op.
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
    /** Model shape: {@code shipped} (trainer defaults), {@code lstm16} or {@code large} (see the class comment). */
    @Param({"shipped", "lstm16", "large"})
    public String shape;

    private int tsSteps;
    private int tsFeatures;
    private int lstmUnits;
    private int denseFeatures;
    private int denseUnits;
    private int mergeUnits;
    /** Largest tolerated difference between the two implementations' probabilities. */
    private static final double PARITY_TOLERANCE = 1e-5;

    private ComputationGraph graph;
    private LstmClassifier classifier;
    private Prediction prediction;
    private float[] window;
    private float[] dense;
    private INDArray tsInput;
    private INDArray denseInput;

    @Setup
    public void setUp() {
        switch (shape) {
            case "shipped" -> size(50, 17, 8, 32, 16, 16);
            case "lstm16" -> size(50, 17, 16, 32, 16, 16);
            case "large" -> size(100, 8, 32, 10, 16, 16);
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        }
        ModelArchitecture arch = new ModelArchitecture(tsSteps, tsFeatures, lstmUnits, denseFeatures, denseUnits,
                mergeUnits, List.of(new HeadSpec("loss_type", List.of("random", "congestion")),
                        new HeadSpec("congestion", List.of("no", "yes"))));
        NetworkSettings settings = new NetworkSettings();
        settings.seed = 1;
        graph = ClassifierNetwork.build(arch, settings);
        Normalisation norm = Normalisation.identity(tsFeatures, denseFeatures);
        ModelArtifact artifact = ArtifactExporter.export(graph, arch, schema(), norm,
                new Provenance("benchmark", List.of(settings.seed), null, ArtifactExporter.libraryVersions(),
                        "ModelInferenceBenchmark"), null);
        classifier = new LstmClassifier(artifact);
        prediction = classifier.newPrediction();

        SplittableRandom random = new SplittableRandom(7);
        window = new float[tsSteps * tsFeatures];
        for (int i = 0; i < window.length; i++) {
            window[i] = (float) random.nextGaussian();
        }
        dense = new float[denseFeatures];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) random.nextGaussian();
        }
        tsInput = NetworkInputs.timeSeries(new float[][] {window}, arch, norm);
        denseInput = NetworkInputs.dense(new float[][] {dense}, arch, norm);
        checkParity();
    }

    private void size(int steps, int features, int units, int denseIn, int denseOut, int merge) {
        tsSteps = steps;
        tsFeatures = features;
        lstmUnits = units;
        denseFeatures = denseIn;
        denseUnits = denseOut;
        mergeUnits = merge;
    }

    /** Fails the run unless both implementations agree: otherwise the comparison is meaningless. */
    private void checkParity() {
        INDArray[] expected = graph.output(false, tsInput, denseInput);
        classifier.predict(window, dense, prediction);
        for (int head = 0; head < expected.length; head++) {
            for (int cls = 0; cls < prediction.classCount(head); cls++) {
                double diff = Math.abs(expected[head].getFloat(0, cls) - prediction.probability(head, cls));
                if (diff > PARITY_TOLERANCE) {
                    throw new IllegalStateException("LstmClassifier and DL4J disagree by " + diff);
                }
            }
        }
    }

    @Benchmark
    public float lstmClassifier() {
        classifier.predict(window, dense, prediction);
        return prediction.probability(0, 0);
    }

    @Benchmark
    public INDArray[] dl4jOutput() {
        return graph.output(false, tsInput, denseInput);
    }

    private FeatureSchema schema() {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < tsFeatures; i++) {
            ts.add("ts_" + i);
        }
        List<String> denseNames = new ArrayList<>();
        for (int i = 0; i < denseFeatures; i++) {
            denseNames.add("dense_" + i);
        }
        return FeatureSchema.custom(200, tsSteps, ts, denseNames);
    }
}
