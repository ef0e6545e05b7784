package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.FecHeads;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels of two fixture calls against what their scenarios must produce. */
class StepLabellerTest {
    private static CallSteps simulate(String name, long seed) {
        var scenario = Fixtures.scenario(name);
        SampleSource source = new SampleSource(name, scenario.family(), name, "g", seed, "train", CallDrivers.GCC, 0, 0);
        DatasetRequest request = DatasetRequest.builder().testSplit(Fixtures.TEST_SPLIT).seeds(List.of(seed))
                .settings(new DatasetSettings()).build();
        return DatasetGenerator.simulate(new CallPlan(scenario, seed, source, "test", 1), request);
    }

    @Test
    void shouldAttributeRandomLossOnAnAmpleLinkToPureRandomAndSeeNoCongestion() {
        CallSteps call = simulate("bernoulli-ample", 3);
        int pure = 0;
        int other = 0;
        for (int i = 0; i < call.steps; i++) {
            if (call.decision[i] == 0) {
                assertEquals(Dataset.NO_LABEL, call.lossClass[i]);
                continue;
            }
            pure += call.lossClass[i] == Dataset.LOSS_PURE_RANDOM ? 1 : 0;
            other += call.lossClass[i] == Dataset.LOSS_MIXED || call.lossClass[i] == Dataset.LOSS_CONGESTION ? 1 : 0;
            assertTrue(call.congestion[i] != 1, "a 4 Mbit/s link the sender never fills does not congest, step " + i);
            assertEquals(!stepLostRecently(call, i), call.gate[i] == 1,
                    "the gate is open exactly without recent loss or delay, step " + i);
        }
        assertTrue(pure > 50, "5 % random loss is reported in most 2 s windows: " + pure);
        assertEquals(0, other, "no queue overflow on an ample link");
    }

    /** Loss reported in the latest 1 s (5 steps) or delay above the minimum of 50 ms and more. */
    private static boolean stepLostRecently(CallSteps call, int i) {
        for (int k = Math.max(0, i - 4); k <= i; k++) {
            if (call.ts[k * call.tsFeatures + dev.weir.bwe.signal.TimeSeriesFeature.LOST_PACKETS.ordinal()] > 0) {
                return true;
            }
        }
        return call.ts[i * call.tsFeatures + dev.weir.bwe.signal.TimeSeriesFeature.DELAY_ABOVE_MIN_MS.ordinal()] >= 50;
    }

    @Test
    void shouldLabelTheCapacityCollapseAsExogenousCongestionWithLeadTimesInsideTheHorizon() {
        CallSteps call = simulate("capacity-collapse", 4);
        int exogenous = 0;
        int positives = 0;
        for (int i = 0; i < call.steps; i++) {
            if (call.congestion[i] != 1) {
                assertEquals(Dataset.NO_LABEL, call.cause[i]);
                continue;
            }
            positives++;
            assertTrue(call.leadTimeS[i] >= 0 && call.leadTimeS[i] <= 2.0f, "lead " + call.leadTimeS[i]);
            exogenous += call.cause[i] == Dataset.CAUSE_EXOGENOUS ? 1 : 0;
            assertEquals(1, call.decision[i]);
        }
        assertTrue(positives > 0, "2 -> 0.25 Mbit/s under a 300 kbit/s+ sender congests");
        assertTrue(exogenous > 0, "the collapse at 13 s is an exogenous cause");
        // Steps whose 2 s horizon passes the 25 s end have no congestion label.
        for (int i = 0; i < call.steps; i++) {
            if (call.timeMs[i] > 23_000) {
                assertEquals(Dataset.NO_LABEL, call.congestion[i], "step at " + call.timeMs[i] + " ms");
            }
        }
    }

    @Test
    void shouldSeeTheFivePercentBernoulliLossOfAnAmpleLinkAsAnIsolatedNonCongestiveShare() {
        CallSteps call = simulate("bernoulli-ample", 3);
        double sum = 0;
        int shares = 0;
        int isolated = 0;
        int bursty = 0;
        for (int i = 0; i < call.steps; i++) {
            if (call.decision[i] == 0 || call.timeMs[i] > 23_000) {
                assertTrue(Float.isNaN(call.randomLossShare[i]), "no label at step " + i);
                continue;
            }
            sum += call.randomLossShare[i];
            shares++;
            if (!Float.isNaN(call.meanBurstPackets[i])) {
                isolated += FecHeads.burstClass(call.meanBurstPackets[i]) == FecHeads.ISOLATED ? 1 : 0;
                bursty += FecHeads.burstClass(call.meanBurstPackets[i]) == FecHeads.BURSTY ? 1 : 0;
            }
        }
        assertTrue(shares > 50, "decisions with a full horizon: " + shares);
        assertEquals(0.05, sum / shares, 0.02, "mean share of the 5 % Bernoulli loss");
        assertTrue(isolated > 5 * bursty, "Bernoulli runs average 1.05 packets: " + isolated + " isolated, "
                + bursty + " bursty");
    }
}
