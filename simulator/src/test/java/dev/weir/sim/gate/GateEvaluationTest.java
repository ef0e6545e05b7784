package dev.weir.sim.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateEvaluationTest {
    private static final int N = 20;
    private static final long FIRST = 1_000_001;

    /** Variants of the synthetic suite: "a" the baseline, "drop15" 15 % less bitrate. */
    private static GateEvaluation evaluation(Map<String, Integer> simulated) {
        return new GateEvaluation(SyntheticSuite.groups(), SyntheticSuite.profile(20, N), (variant, scenarios, seeds) -> {
            simulated.merge(variant, scenarios.size() * seeds.size(), Integer::sum);
            SuiteResults all = new SuiteResults();
            for (long seed : seeds) {
                all.addAll(SyntheticSuite.calls(seed, 1, variant.equals("drop15") ? 0.85 : 1, 1,
                        variant.equals("a") ? 1 : 2));
            }
            SuiteResults subset = new SuiteResults();
            for (String s : scenarios) {
                for (long seed : seeds) {
                    subset.add(s, all.family(s), seed, all.metrics(s, seed));
                }
            }
            return subset;
        });
    }

    @Test
    void aVariantAgainstItselfOnIndependentSeedsRarelyRaisesAConfirmedAlarm() throws Exception {
        GateEvaluation e = evaluation(new HashMap<>());
        int alarms = 0;
        int replicates = 30;
        for (int i = 0; i < replicates; i++) {
            GateOutcome o = e.gate("a", e.block(FIRST, 4 * i), e.block(FIRST, 4 * i + 2), "a",
                    e.block(FIRST, 4 * i + 1), e.block(FIRST, 4 * i + 3));
            alarms += o.regressed() ? 1 : 0;
        }
        assertTrue(alarms <= 1, alarms + " false alarms in " + replicates);
    }

    @Test
    void aFifteenPercentBitrateDropIsCaughtEveryTime() throws Exception {
        GateEvaluation e = evaluation(new HashMap<>());
        for (int i = 0; i < 5; i++) {
            List<Long> main = e.block(FIRST, 2 * i);
            List<Long> confirm = e.block(FIRST, 2 * i + 1);
            assertTrue(e.gate("a", main, confirm, "drop15", main, confirm).regressed(), "replicate " + i);
        }
    }

    @Test
    void callsAreSimulatedOncePerVariantScenarioAndSeed() throws Exception {
        Map<String, Integer> simulated = new HashMap<>();
        GateEvaluation e = evaluation(simulated);
        List<Long> main = e.block(FIRST, 0);
        List<Long> confirm = e.block(FIRST, 1);
        e.gate("a", main, confirm, "drop15", main, confirm);
        e.gate("a", main, confirm, "drop15", main, confirm);
        // 3 scenarios x 20 seeds x (main + confirmation), each once.
        assertEquals(120, simulated.get("a"));
        assertEquals(120, simulated.get("drop15"));
    }

    @Test
    void clopperPearsonIntervalsMatchKnownValues() {
        // 0 of 30: upper 1 - 0.025^(1/30) = 0.1157; 5 of 10: [0.187, 0.813].
        GateEvaluation.Rate none = new GateEvaluation.Rate(0, 30);
        assertEquals(0, none.low95(), 0);
        assertEquals(1 - Math.pow(0.025, 1.0 / 30), none.high95(), 1e-9);
        GateEvaluation.Rate half = new GateEvaluation.Rate(5, 10);
        assertEquals(0.1871, half.low95(), 1e-4);
        assertEquals(0.8129, half.high95(), 1e-4);
        assertEquals(1, new GateEvaluation.Rate(10, 10).high95(), 0);
    }
}
