package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.model.ModelInput;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.gcc.GccSettings;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.WeirEstimator;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalTapTest {
    private final DatasetSettings settings = new DatasetSettings();
    private final EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();

    private BandwidthEstimator driver(String name, Scenario scenario) {
        if (name.equals("weir")) {
            Scenario.Media media = scenario.media();
            Bundle bundle = CallDrivers.randomBundle(new SplittableRandom(4), SteeringModels.defaultShaped(1));
            return new WeirEstimator(GccSettings.defaults().withBitrates(media.minBps(), media.startBps(),
                    media.maxBps()), bundle);
        }
        return registry.create(name, new EstimatorContext(scenario));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli-ample", "capacity-collapse"})
    void shouldLeaveTheDriversOutputsUnchanged(String name) {
        Scenario scenario = Fixtures.scenario(name);
        CallResult alone = CallSimulator.run(scenario, "gcc", driver("gcc", scenario), 5);
        SignalTap tap = new SignalTap(driver("gcc", scenario), settings);
        CallResult tapped = CallSimulator.run(scenario, "gcc", tap, 5);
        assertEquals(alone.metrics(), tapped.metrics());
        assertEquals(alone.series().toCsv(), tapped.series().toCsv());
        // A 25 s call closes 125 steps of 200 ms (the last may still be open at the end).
        assertTrue(tap.log().steps() >= 124, "steps " + tap.log().steps());
        assertEquals(0, tap.skippedSteps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli-ample", "capacity-collapse"})
    void shouldSeeTheSameReportsThroughGccsFrontDoorAsThroughItsOwn(String name) {
        Scenario scenario = Fixtures.scenario(name);
        SignalTap shared = new SignalTap(driver("gcc", scenario), settings);
        // The event log hides GCC's AcceptedFeedbackSource, so this tap runs a front door of its own.
        SignalTap own = new SignalTap(new EventLogEstimator(driver("gcc", scenario)), settings);
        CallSimulator.run(scenario, "gcc", shared, 3);
        CallSimulator.run(scenario, "gcc", own, 3);
        TapLog a = shared.log();
        TapLog b = own.log();
        assertEquals(b.steps(), a.steps());
        assertEquals(b.verdicts(), a.verdicts());
        assertTrue(a.verdicts() > 0 || name.equals("capacity-collapse"), "a lossy call gets verdicts");
        float[] rowA = new float[a.rowValues()];
        float[] rowB = new float[b.rowValues()];
        float[] denseA = new float[a.denseValues()];
        float[] denseB = new float[b.denseValues()];
        for (int k = 0; k < a.steps(); k++) {
            assertEquals(b.stepEndUs(k), a.stepEndUs(k));
            assertEquals(b.isDecision(k), a.isDecision(k));
            a.copyRow(k, rowA, 0);
            b.copyRow(k, rowB, 0);
            a.copyDense(k, denseA, 0);
            b.copyDense(k, denseB, 0);
            assertArrayEquals(rowB, rowA, "step " + k);
            assertArrayEquals(denseB, denseA, "step " + k);
        }
        for (int v = 0; v < a.verdicts(); v++) {
            assertEquals(b.verdictCongestion(v), a.verdictCongestion(v), "verdict " + v);
        }
        for (long seq = 0; seq < 5_000; seq++) {
            assertEquals(b.lossReportedUs(seq), a.lossReportedUs(seq), "packet " + seq);
        }
    }

    /**
     * A recorder and a model input fed the same events, filled where the weir estimator decides
     * (after feedback and process intervals), give exactly the tap's steps, decisions and dense
     * vectors: training sequences are run-time inputs, for GCC-driven and weir-driven calls.
     */
    @ParameterizedTest
    @CsvSource({"bernoulli-ample, gcc", "capacity-collapse, gcc", "capacity-collapse, weir"})
    void shouldLogWhatARecorderAndModelInputFedTheSameEventsDeliver(String name, String driverName) {
        Scenario scenario = Fixtures.scenario(name);
        EventLogEstimator events = new EventLogEstimator(driver(driverName, scenario));
        SignalTap tap = new SignalTap(events, settings);
        CallSimulator.run(scenario, driverName, tap, 9);

        SignalRecorder recorder = new SignalRecorder(SignalTap.signalSettings(settings));
        ModelInput input = new ModelInput(recorder.schema());
        FeedbackFrontDoor door = new FeedbackFrontDoor();
        TapLog log = tap.log();
        float[] row = new float[TimeSeriesFeature.COUNT];
        float[] logged = new float[TimeSeriesFeature.COUNT];
        float[] dense = new float[input.denseLength()];
        float[] loggedDense = new float[input.denseLength()];
        int k = 0;
        int decisions = 0;
        for (EventLogEstimator.Event e : events.events) {
            boolean fill = false;
            switch (e.kind()) {
                case SENT -> recorder.onPacketSent(e.timeUs(), e.sizeBytes());
                case FEEDBACK -> {
                    recorder.onFeedback(door.accept(e.report(), e.timeUs()), e.timeUs(), e.result());
                    fill = true;
                }
                case RTT -> recorder.onRttSample(e.value(), e.timeUs());
                case RECEIVER_REPORT -> { }
                case PROCESS -> {
                    recorder.advance(e.timeUs());
                    fill = true;
                }
            }
            if (!fill) {
                continue;
            }
            boolean decision = input.fill(recorder);
            for (int r = 0; r < input.pendingRows(); r++, k++) {
                input.copyPendingRow(r, row, 0);
                log.copyRow(k, logged, 0);
                assertArrayEquals(row, logged, "step " + k);
                boolean last = r == input.pendingRows() - 1;
                assertEquals(last && decision, log.isDecision(k), "decision at step " + k);
                if (last && decision) {
                    input.copyDense(dense, 0);
                    log.copyDense(k, loggedDense, 0);
                    assertArrayEquals(dense, loggedDense, "dense at step " + k);
                    decisions++;
                }
            }
            input.consumeRows();
        }
        assertEquals(log.steps(), k);
        assertTrue(decisions >= 70, "a 25 s call decides from 10 s on, once per step: " + decisions);
    }
}
