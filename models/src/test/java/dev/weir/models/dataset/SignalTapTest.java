package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.bwe.signal.WindowExtractor;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalTapTest {
    private final DatasetSettings settings = new DatasetSettings();
    private final EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli-ample", "capacity-collapse"})
    void shouldLeaveGccOutputsUnchanged(String name) {
        Scenario scenario = Fixtures.scenario(name);
        CallResult alone = CallSimulator.run(scenario, "gcc", registry.create("gcc", new EstimatorContext(scenario)), 5);
        SignalTap tap = new SignalTap(registry.create("gcc", new EstimatorContext(scenario)), settings);
        CallResult tapped = CallSimulator.run(scenario, "gcc", tap, 5);
        assertEquals(alone.metrics(), tapped.metrics());
        assertEquals(alone.series().toCsv(), tapped.series().toCsv());
        assertTrue(tap.log().snapshots() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli-ample", "capacity-collapse"})
    void shouldSeeTheSameReportsThroughGccsFrontDoorAsThroughItsOwn(String name) {
        Scenario scenario = Fixtures.scenario(name);
        SignalTap shared = new SignalTap(registry.create("gcc", new EstimatorContext(scenario)), settings);
        // The event log hides GCC's AcceptedFeedbackSource, so this tap runs a front door of its own.
        SignalTap own = new SignalTap(new EventLogEstimator(registry.create("gcc", new EstimatorContext(scenario))),
                settings);
        CallSimulator.run(scenario, "gcc", shared, 3);
        CallSimulator.run(scenario, "gcc", own, 3);
        TapLog a = shared.log();
        TapLog b = own.log();
        assertEquals(b.snapshots(), a.snapshots());
        assertEquals(b.verdicts(), a.verdicts());
        assertTrue(a.verdicts() > 0 || name.equals("capacity-collapse"), "a lossy call gets verdicts");
        float[] tsA = new float[a.tsValues()];
        float[] tsB = new float[b.tsValues()];
        float[] denseA = new float[a.denseValues()];
        float[] denseB = new float[b.denseValues()];
        for (int s = 0; s < a.snapshots(); s++) {
            a.snapshotTs(s, tsA);
            b.snapshotTs(s, tsB);
            a.snapshotDense(s, denseA);
            b.snapshotDense(s, denseB);
            assertArrayEquals(tsB, tsA, "snapshot " + s);
            assertArrayEquals(denseB, denseA, "snapshot " + s);
        }
        for (int v = 0; v < a.verdicts(); v++) {
            assertEquals(b.verdictCongestion(v), a.verdictCongestion(v), "verdict " + v);
        }
        for (long seq = 0; seq < 5_000; seq++) {
            assertEquals(b.lossReportedUs(seq), a.lossReportedUs(seq), "packet " + seq);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli-ample", "capacity-collapse"})
    void shouldSnapshotWhatASignalRecorderFedTheSameEventsExtracts(String name) {
        Scenario scenario = Fixtures.scenario(name);
        EventLogEstimator events = new EventLogEstimator(registry.create("gcc", new EstimatorContext(scenario)));
        SignalTap tap = new SignalTap(events, settings);
        CallSimulator.run(scenario, "gcc", tap, 9);

        SignalRecorder recorder = new SignalRecorder(SignalTap.signalSettings(settings));
        FeedbackFrontDoor door = new FeedbackFrontDoor();
        WindowExtractor extractor = new WindowExtractor();
        int steps10 = recorder.schema().tsSteps();
        int steps4 = recorder.schema().stepsFor(FeatureSchema.CONGESTION_WINDOW_MS);
        assertEquals(50, steps10, "200 ms steps: the 10 s window is 50 steps");
        float[] ts10 = new float[steps10 * TimeSeriesFeature.COUNT];
        float[] ts4 = new float[steps4 * TimeSeriesFeature.COUNT];
        float[] dense10 = new float[DenseFeature.COUNT];
        float[] dense4 = new float[DenseFeature.COUNT];
        float[] expectedDense = new float[2 * DenseFeature.COUNT];
        float[] actualTs = new float[ts10.length];
        float[] actualDense = new float[expectedDense.length];
        long nextSampleUs = settings.firstSampleMs * 1_000L;
        int s = 0;
        for (EventLogEstimator.Event e : events.events) {
            while (nextSampleUs <= e.timeUs()) {
                recorder.advance(nextSampleUs);
                assertTrue(extractor.extract(recorder, steps10, ts10, dense10));
                assertTrue(extractor.extract(recorder, steps4, ts4, dense4));
                System.arraycopy(dense10, 0, expectedDense, 0, DenseFeature.COUNT);
                System.arraycopy(dense4, 0, expectedDense, DenseFeature.COUNT, DenseFeature.COUNT);
                assertEquals(nextSampleUs, tap.log().snapshotTimeUs(s));
                tap.log().snapshotTs(s, actualTs);
                tap.log().snapshotDense(s, actualDense);
                assertArrayEquals(ts10, actualTs, "window of snapshot " + s);
                assertArrayEquals(expectedDense, actualDense, "dense of snapshot " + s);
                s++;
                nextSampleUs += settings.samplePeriodMs * 1_000L;
            }
            switch (e.kind()) {
                case SENT -> recorder.onPacketSent(e.timeUs(), e.sizeBytes());
                case FEEDBACK -> recorder.onFeedback(door.accept(e.report(), e.timeUs()), e.timeUs(), e.result());
                case RTT -> recorder.onRttSample(e.value(), e.timeUs());
                case RECEIVER_REPORT, PROCESS -> recorder.advance(e.timeUs());
            }
        }
        assertEquals(tap.log().snapshots(), s);
        assertTrue(s >= 14, "a 25 s call has snapshots at 10..24 s: " + s);
    }
}
