package dev.weir.sim.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GateReportTest {
    private static GateRun run(double bitrateFactor) {
        int n = 20;
        NoiseProfile profile = SyntheticSuite.profile(10, n);
        List<Long> main = SyntheticSuite.seeds(1, n);
        List<Long> confirm = SyntheticSuite.seeds(1_001, n);
        SuiteResults a = SyntheticSuite.calls(1, n, 1, 1, 1).addAll(SyntheticSuite.calls(1_001, n, 1, 1, 1));
        SuiteResults b = SyntheticSuite.calls(1, n, bitrateFactor, 1, 2)
                .addAll(SyntheticSuite.calls(1_001, n, bitrateFactor, 1, 2));
        List<GateGroup> groups = SyntheticSuite.groups();
        List<GateTest> screen = RegressionGate.screen(groups, profile, a, main, b, main);
        GateOutcome o = new GateOutcome("gcc", screen,
                RegressionGate.confirm(screen, groups, profile, a, confirm, b, confirm));
        return new GateRun("quality", "settings:a.json", "settings:b.json", "quick",
                List.copyOf(SyntheticSuite.FAMILIES.keySet()), main, confirm, List.of(o));
    }

    @Test
    void aConfirmedRegressionIsNamedWithItsChangeIntervalAndThreshold() {
        GateRun run = run(0.8);
        String md = GateReport.markdown(run);
        assertTrue(md.startsWith("# Regression gate (quality): regression"), md);
        assertTrue(md.contains("### Confirmed regressions"));
        assertTrue(md.contains("| overall | avg_sent_bitrate_bps | 60 |"), md);
        assertTrue(md.contains("-20.0%"), md);
        assertTrue(GateReport.summary(run).contains("REGRESSION overall avg_sent_bitrate_bps"));
        assertTrue(GateReport.toJson(run).contains("\"verdict\": \"regression\""));
    }

    @Test
    void aPassingRunSaysSo() {
        GateRun run = run(1);
        assertFalse(run.regressed());
        assertTrue(GateReport.markdown(run).startsWith("# Regression gate (quality): pass"));
        assertTrue(GateReport.summary(run).contains(": pass"));
    }

    @Test
    void theJsonReportIsTheSameBytesForTheSameInputs() {
        assertEquals(GateReport.toJson(run(0.8)), GateReport.toJson(run(0.8)));
        assertEquals(GateReport.markdown(run(0.8)), GateReport.markdown(run(0.8)));
    }
}
