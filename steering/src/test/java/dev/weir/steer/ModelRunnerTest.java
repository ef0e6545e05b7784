package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelArtifactBuilder;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Prediction;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.model.TensorSpec;
import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.bwe.signal.WindowExtractor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The runner streams the model over every step the recorder closes from the call's first step,
 * not only once the windows are full: its decisions equal a classifier advanced over all the
 * recorder's rows and given the windows' dense vector, and they start with the 50th step.
 */
class ModelRunnerTest {
    private final SignalRecorder recorder = new SignalRecorder();
    private final FeedbackFrontDoor door = new FeedbackFrontDoor();
    private final FeedbackReport report = new FeedbackReport();
    private final BweResult result = new BweResult().targetRateBps(900_000).delayState(BandwidthUsage.NORMAL);
    private final SplittableRandom random = new SplittableRandom(8);
    private long seq;
    private long nowUs = 1_000_000;

    /** 100 ms of a 1 Mbit/s call with 4 % loss and jittery delay. */
    private void interval() {
        report.clear();
        long lastArrivalUs = nowUs;
        for (int i = 0; i < 10; i++) {
            long sendUs = nowUs + i * 10_000L;
            recorder.onPacketSent(sendUs, 1250);
            lastArrivalUs = sendUs + 40_000 + random.nextInt(30_000);
            report.add(seq++ & 0xFFFF, sendUs, random.nextInt(25) == 0 ? FeedbackReport.LOST : lastArrivalUs, 1250);
        }
        recorder.onFeedback(door.accept(report, lastArrivalUs + 20_000), lastArrivalUs + 20_000, result);
        nowUs += 100_000;
        recorder.advance(nowUs);
    }

    @Test
    void shouldStreamEveryClosedStepAndDecideFromTheFiftiethOn() {
        ModelArtifact model = model(4);
        ModelRunner runner = new ModelRunner(model, recorder);
        assertEquals(50, runner.warmUpSteps());
        ModelDecision decision = new ModelDecision();
        LstmClassifier reference = new LstmClassifier(model);
        Prediction expected = reference.newPrediction();
        WindowExtractor extractor = new WindowExtractor();
        float[] row = new float[TimeSeriesFeature.COUNT];
        float[] dense = new float[2 * DenseFeature.COUNT];
        float[] scratch = new float[50 * TimeSeriesFeature.COUNT];
        long streamed = 0;
        int decisions = 0;
        for (int i = 0; i < 160; i++) {
            interval();
            if (recorder.closedSteps() == streamed) {
                continue;
            }
            boolean decided = runner.decide(recorder, decision);
            for (long step = streamed; step < recorder.closedSteps(); step++) {
                recorder.copyStep((int) (recorder.closedSteps() - 1 - step), row, 0);
                reference.advance(row, 0);
            }
            streamed = recorder.closedSteps();
            assertEquals(streamed >= 50, decided, "decision after " + streamed + " steps");
            if (!decided) {
                continue;
            }
            decisions++;
            extractor.extract(recorder, 50, scratch, dense, 0);
            extractor.extract(recorder, 20, scratch, dense, DenseFeature.COUNT);
            reference.predict(dense, expected);
            assertEquals(expected.probability(0, 0), decision.randomLossProbability, 1e-6);
            assertEquals(expected.probability(1, 1), decision.congestionProbability, 1e-6);
        }
        assertTrue(decisions >= 25, "decisions " + decisions);
        assertFalse(decision.lossRate4s < 0 || decision.lossRate4s > 1);
    }

    @Test
    void shouldSizeFecFromTheNonCongestiveRateTimesPIsolatedWhenTheModelHasTheFecHeads() {
        ModelArtifact model = model(5, new HeadSpec(FecHeads.RATE_HEAD, FecHeads.RATE_CLASSES),
                new HeadSpec(FecHeads.BURST_HEAD, FecHeads.BURST_CLASSES));
        ModelRunner runner = new ModelRunner(model, recorder);
        ModelDecision decision = new ModelDecision();
        LstmClassifier reference = new LstmClassifier(model);
        Prediction expected = reference.newPrediction();
        boolean decided = false;
        while (!decided) {
            interval();
            decided = runner.decide(recorder, decision);
        }
        float[] row = new float[TimeSeriesFeature.COUNT];
        for (long step = 0; step < recorder.closedSteps(); step++) {
            recorder.copyStep((int) (recorder.closedSteps() - 1 - step), row, 0);
            reference.advance(row, 0);
        }
        float[] dense = new float[2 * DenseFeature.COUNT];
        float[] scratch = new float[50 * TimeSeriesFeature.COUNT];
        WindowExtractor extractor = new WindowExtractor();
        extractor.extract(recorder, 50, scratch, dense, 0);
        extractor.extract(recorder, 20, scratch, dense, DenseFeature.COUNT);
        reference.predict(dense, expected);
        double rate = 0;
        for (int cls = 0; cls < FecHeads.RATE_CLASSES.size(); cls++) {
            rate += expected.probability(2, cls) * FecHeads.rateValue(cls);
        }
        assertEquals(rate, decision.nonCongestiveLossRate, 1e-6);
        assertEquals(expected.probability(3, FecHeads.ISOLATED), decision.isolatedLossProbability, 1e-6);
        assertEquals(decision.nonCongestiveLossRate * decision.isolatedLossProbability, decision.fecLossRate(), 1e-12);
        assertTrue(decision.fecLossRate() != decision.lossRate4s, "FEC reads the heads, not the observed loss");
    }

    @Test
    void shouldSizeFecFromTheObservedLossWhenTheModelHasNoFecHeads() {
        ModelRunner runner = new ModelRunner(model(4), recorder);
        ModelDecision decision = new ModelDecision();
        while (!runner.decide(recorder, decision)) {
            interval();
        }
        assertTrue(Double.isNaN(decision.nonCongestiveLossRate));
        assertTrue(decision.lossRate4s > 0, "the fixture loses 4 %");
        assertEquals(decision.lossRate4s, decision.fecLossRate(), 0);
    }

    @Test
    void shouldRefuseAFecHeadWhoseClassesAreNotTheOnesSteeringReads() {
        ModelArtifact model = model(6, new HeadSpec(FecHeads.RATE_HEAD, List.of("low", "high")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelRunner(model, recorder));
        assertTrue(e.getMessage().contains(FecHeads.RATE_HEAD), e.getMessage());
    }

    /** A model of the runtime schema with the runner's heads, then {@code extraHeads}, and seeded weights. */
    static ModelArtifact model(long seed, HeadSpec... extraHeads) {
        FeatureSchema schema = FeatureSchema.defaults();
        List<HeadSpec> heads = new java.util.ArrayList<>(List.of(
                new HeadSpec("loss_attribution", List.of("pure_random", "mixed", "congestion")),
                new HeadSpec("congestion", List.of("no", "yes"))));
        heads.addAll(List.of(extraHeads));
        ModelArchitecture arch = new ModelArchitecture(1, schema.tsFeatures().size(), 6, schema.denseInputCount(), 6,
                6, heads);
        Normalisation.Transform[] log = new Normalisation.Transform[schema.tsFeatures().size()];
        java.util.Arrays.fill(log, Normalisation.Transform.SIGNED_LOG1P);
        float[] scale = new float[log.length];
        java.util.Arrays.fill(scale, 3f);
        float[] denseScale = new float[schema.denseInputCount()];
        java.util.Arrays.fill(denseScale, 20f);
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(arch).featureSchema(schema)
                .normalisation(new Normalisation(log, new float[log.length], scale,
                        Normalisation.linear(denseScale.length), new float[denseScale.length], denseScale))
                .provenance(new Provenance("test", List.of(seed), null, Map.of(), "ModelRunnerTest"));
        SplittableRandom weights = new SplittableRandom(seed);
        for (TensorSpec spec : arch.tensorLayout()) {
            float[] values = new float[(int) spec.elementCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((weights.nextDouble() * 2 - 1) * 0.5);
            }
            builder.tensor(spec.name(), values);
        }
        return builder.build();
    }
}
