package dev.weir.sim.estimators;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.gcc.GccSettings;
import dev.weir.sim.call.TestScenarios;
import org.junit.jupiter.api.Test;

class ClassicGccSettingsTest {
    @Test
    void classicGccIsTheClassicLossRuleWithTheBayesianAckedRateAndNoPushback() {
        GccSettings classic = EstimatorRegistry.classicGccSettings(TestScenarios.media(300_000));
        assertFalse(classic.lossBased.v2.enabled);
        assertFalse(classic.useRobustThroughputEstimator);
        assertFalse(classic.pushback.enabled);
        GccSettings today = GccSettings.defaults();
        assertTrue(today.lossBased.v2.enabled && today.useRobustThroughputEstimator && today.pushback.enabled,
                "today's gcc runs all three");
    }
}
