package dev.weir.bench;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelInput;
import dev.weir.bwe.model.Prediction;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One run-time decision of the committed default model: {@code ModelInput.fill} from a
 * {@link SignalRecorder} holding 12 s of a seeded 1 Mbit/s call, then
 * {@code LstmClassifier.predict} (the model loaded for the runtime's feature schema). Run from the
 * repository root ({@code models/default}); {@code -prof gc} gives B/op (0 expected).
 *
 * <p>Not thread-safe: JMH gives each benchmark thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ModelDecisionBenchmark {
    private final SignalRecorder recorder = new SignalRecorder();
    private LstmClassifier classifier;
    private ModelInput input;
    private Prediction prediction;

    @Setup
    public void setUp() throws Exception {
        Path model;
        try (Stream<Path> files = Files.list(Path.of("models", "default"))) {
            model = files.filter(f -> f.toString().endsWith(ModelArtifact.FILE_EXTENSION)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run from the repository root: no models/default"));
        }
        classifier = new LstmClassifier(ModelArtifact.read(model, FeatureSchema.defaults()), FeatureSchema.defaults());
        input = classifier.newInput();
        prediction = classifier.newPrediction();
        FeedbackFrontDoor door = new FeedbackFrontDoor();
        FeedbackReport report = new FeedbackReport();
        BweResult result = new BweResult().targetRateBps(1_000_000).delayState(BandwidthUsage.NORMAL);
        SplittableRandom random = new SplittableRandom(11);
        long seq = 0;
        for (long nowUs = 0; nowUs < 12_000_000; nowUs += 100_000) {
            report.clear();
            long lastArrivalUs = nowUs;
            for (int i = 0; i < 10; i++) {
                long sendUs = nowUs + i * 10_000L;
                recorder.onPacketSent(sendUs, 1250);
                lastArrivalUs = sendUs + 40_000 + random.nextInt(20_000);
                report.add(seq++ & 0xFFFF, sendUs, random.nextInt(50) == 0 ? FeedbackReport.LOST : lastArrivalUs, 1250);
            }
            recorder.onFeedback(door.accept(report, lastArrivalUs + 20_000), lastArrivalUs + 20_000, result);
            recorder.advance(nowUs + 100_000);
        }
        if (!input.fill(recorder)) {
            throw new IllegalStateException("12 s of call must fill the 10 s window");
        }
    }

    @Benchmark
    public float fillAndPredict() {
        input.fill(recorder);
        classifier.predict(input, prediction);
        return prediction.probability(0, 0);
    }
}
