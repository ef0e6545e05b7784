package dev.weir.bwe.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.contract.AllocationMeter;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.SignalSettings;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.bwe.signal.WindowExtractor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The one model-input definition: a recorder fed a seeded 1 Mbit/s call (200 ms steps, feedback
 * every 100 ms, 3 % loss) gives windows laid out as the schema says, and the run-time path
 * recorder -> input -> classifier -> prediction allocates nothing per decision.
 */
class ModelInputTest {
    private final SignalRecorder recorder = new SignalRecorder();
    private final FeedbackFrontDoor door = new FeedbackFrontDoor();
    private final FeedbackReport report = new FeedbackReport();
    private final BweResult result = new BweResult();
    private final SplittableRandom random = new SplittableRandom(17);
    private long seq;
    private long nowUs = 1_000_000;

    /** 100 ms of call: 10 packets of 1250 bytes, their feedback, an RTCP RTT sample. */
    private void feedbackInterval() {
        report.clear();
        long lastArrivalUs = nowUs;
        for (int i = 0; i < 10; i++) {
            long sendUs = nowUs + i * 10_000L;
            recorder.onPacketSent(sendUs, 1250);
            lastArrivalUs = sendUs + 40_000 + random.nextInt(5_000);
            report.add(seq & 0xFFFF, sendUs, random.nextInt(100) < 3 ? FeedbackReport.LOST : lastArrivalUs, 1250);
            seq++;
        }
        long feedbackUs = lastArrivalUs + 20_000;
        result.targetRateBps(1_000_000 + random.nextInt(100_000)).delayState(BandwidthUsage.NORMAL);
        recorder.onFeedback(door.accept(report, feedbackUs), feedbackUs, result);
        recorder.onRttSample(60_000 + random.nextInt(10_000), feedbackUs);
        nowUs += 100_000;
        recorder.advance(nowUs);
    }

    @Test
    void shouldFillTheTimeSeriesWindowThenTheDenseFeaturesOfEachWindow() {
        ModelInput input = new ModelInput(FeatureSchema.defaults());
        for (int i = 0; i < 99; i++) {
            feedbackInterval();
        }
        assertFalse(input.fill(recorder), "49 closed steps do not fill a 50-step window");
        assertFalse(input.isFilled());
        feedbackInterval();
        feedbackInterval();
        assertTrue(input.fill(recorder));
        assertEquals(recorder.lastClosedStepEndUs(), input.windowEndUs());

        WindowExtractor extractor = new WindowExtractor();
        float[] ts10 = new float[50 * TimeSeriesFeature.COUNT];
        float[] dense10 = new float[DenseFeature.COUNT];
        float[] ts4 = new float[20 * TimeSeriesFeature.COUNT];
        float[] dense4 = new float[DenseFeature.COUNT];
        assertTrue(extractor.extract(recorder, 50, ts10, dense10));
        assertTrue(extractor.extract(recorder, 20, ts4, dense4));
        float[] ts = new float[input.timeSeriesLength()];
        float[] dense = new float[input.denseLength()];
        input.copyTimeSeries(ts, 0);
        input.copyDense(dense, 0);
        assertArrayEquals(ts10, ts);
        assertArrayEquals(dense10, Arrays.copyOfRange(dense, 0, DenseFeature.COUNT));
        assertArrayEquals(dense4, Arrays.copyOfRange(dense, DenseFeature.COUNT, 2 * DenseFeature.COUNT));
        assertTrue(dense10[DenseFeature.LOSS_RATE.ordinal()] > 0f, "the call has loss");
    }

    @Test
    void shouldRefuseASchemaOfOtherFeaturesOrARecorderOfAnotherSchema() {
        FeatureSchema synthetic = FeatureSchema.custom(200, 50, List.of("a"), List.of("b"));
        assertThrows(IllegalArgumentException.class, () -> new ModelInput(synthetic));
        SignalSettings fast = new SignalSettings();
        fast.stepMs = 100;
        ModelInput input = new ModelInput(FeatureSchema.of(fast));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> input.fill(recorder));
        assertTrue(e.getMessage().contains(FeatureSchema.defaults().digest()), e.getMessage());
    }

    @Test
    void shouldRunRecorderInputClassifierPredictionWithoutAllocatingPerDecision() {
        Assumptions.assumeTrue(AllocationMeter.supported(), "per-thread allocation is not measurable here");
        LstmClassifier classifier = new LstmClassifier(defaultShapedModel(), FeatureSchema.defaults());
        ModelInput input = classifier.newInput();
        Prediction prediction = classifier.newPrediction();
        Runnable decisions = () -> {
            for (int i = 0; i < 2_000; i++) {
                feedbackInterval();
                feedbackInterval(); // one decision per 200 ms step
                if (input.fill(recorder)) {
                    classifier.predict(input, prediction);
                }
            }
        };
        decisions.run(); // warm-up: the JIT compiles, the front door reaches its report size
        long bytes = AllocationMeter.bytesAllocatedBy(decisions);
        // 2,000 decisions and 20,000 packets: even one byte per decision would show.
        assertTrue(bytes < 1_024, bytes + " bytes allocated over 2,000 decisions");
        float sum = prediction.probability(0, 0) + prediction.probability(0, 1);
        assertEquals(1f, sum, 1e-5f);
    }

    @Test
    void shouldRefuseToPredictAnInputOfAnotherSchemaOrOneNeverFilled() {
        LstmClassifier classifier = new LstmClassifier(defaultShapedModel());
        Prediction prediction = classifier.newPrediction();
        assertThrows(IllegalArgumentException.class, () -> classifier.predict(classifier.newInput(), prediction));
        SignalSettings fast = new SignalSettings();
        fast.stepMs = 100;
        assertThrows(IllegalArgumentException.class,
                () -> classifier.predict(new ModelInput(FeatureSchema.of(fast)), prediction));
    }

    /** A model of the default schema's shapes with seeded weights. */
    static ModelArtifact defaultShapedModel() {
        FeatureSchema schema = FeatureSchema.defaults();
        ModelArchitecture arch = TestArtifacts.architecture(schema.tsSteps(), schema.tsFeatures().size(), 8,
                schema.denseInputCount(), 16, 16);
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(arch).featureSchema(schema)
                .normalisation(Normalisation.identity(schema.tsFeatures().size(), schema.denseInputCount()))
                .provenance(new Provenance("test", List.of(1L), null, Map.of(), "ModelInputTest"));
        SplittableRandom weights = new SplittableRandom(5);
        for (TensorSpec spec : arch.tensorLayout()) {
            builder.tensor(spec.name(), TestArtifacts.uniform(weights, (int) spec.elementCount(), 0.3f));
        }
        return builder.build();
    }
}
