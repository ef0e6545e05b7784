package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.estimators.EstimatorRegistry;
import org.junit.jupiter.api.Test;

class SampleLabellerTest {
    private final DatasetSettings settings = new DatasetSettings();

    @Test
    void shouldLabelBernoulliLossOnAmpleCapacityAsRandomLoss() {
        CallSamples samples = DatasetGenerator.simulate(Fixtures.plan("bernoulli-ample", 3),
                EstimatorRegistry.withBuiltIns(), settings);
        // 25 s call, first sample at 10 s, 4 s horizon: samples at 10..21 s.
        assertEquals(12, samples.size());
        int random = 0;
        for (int i = 0; i < samples.size(); i++) {
            assertTrue(samples.lossType(i) != 1, "queue overflow on a link 4x the sender's ceiling at sample " + i);
            random += samples.lossType(i) == 0 ? 1 : 0;
            assertEquals(0, samples.congestion(i), "no congestion ahead on an ample link");
            assertEquals(-1f, samples.leadTimeS(i));
        }
        assertTrue(random >= samples.size() - 1, "5% loss shows in (almost) every 2 s look-back: " + random);
    }

    @Test
    void shouldLabelCapacityCollapseAsCongestionWithPositiveLeadTime() {
        CallSamples samples = DatasetGenerator.simulate(Fixtures.plan("capacity-collapse", 3),
                EstimatorRegistry.withBuiltIns(), settings);
        int congestionLoss = 0;
        boolean predictedAhead = false;
        for (int i = 0; i < samples.size(); i++) {
            congestionLoss += samples.lossType(i) == 1 ? 1 : 0;
            assertTrue(samples.lossType(i) != 0, "no random loss configured, sample " + i);
            if (samples.timeMs(i) < 13_000 && samples.congestion(i) == 1) {
                assertTrue(samples.leadTimeS(i) > 0 && samples.leadTimeS(i) <= 4, "lead " + samples.leadTimeS(i));
                predictedAhead = true;
            }
            if (samples.congestion(i) == 0) {
                assertEquals(-1f, samples.leadTimeS(i));
            }
        }
        assertTrue(congestionLoss > 0, "queue overflow after the collapse is congestion loss");
        assertTrue(predictedAhead, "samples before the collapse at 13 s see congestion ahead");
    }

    @Test
    void shouldTakeMajorityWithTiesAsNotCongestion() {
        assertEquals(-1, SampleLabeller.majority(0, 0));
        assertEquals(1, SampleLabeller.majority(3, 2));
        assertEquals(0, SampleLabeller.majority(2, 2));
        assertEquals(0, SampleLabeller.majority(0, 5));
    }

    @Test
    void shouldNameBaselinesAfterTheTaskTheyServe() {
        for (String name : SampleLabeller.BASELINE_NAMES) {
            assertTrue(name.startsWith("loss:") || name.startsWith("congestion:"), name);
        }
        assertEquals("congestion:gcc_overuse", SampleLabeller.BASELINE_NAMES.get(SampleLabeller.GCC_OVERUSE));
        assertEquals("congestion:rtt_rise", SampleLabeller.BASELINE_NAMES.get(SampleLabeller.RTT_RISE));
    }
}
