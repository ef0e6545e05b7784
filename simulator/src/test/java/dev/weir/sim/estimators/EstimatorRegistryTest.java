package dev.weir.sim.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.steer.Bundle;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimatorRegistryTest {
    private static final Scenario SCENARIO = TestScenarios.constant(2_000_000, 1_000_000);

    @Test
    void shouldCreateTheBuiltInEstimatorsByName() {
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        assertEquals(List.of("fixed", "gcc", "gcc-classic", "oracle", "oracle-causal", "weir"), List.copyOf(registry.names()));
        assertEquals("gcc", registry.create("gcc", new EstimatorContext(SCENARIO)).name());
        EstimatorContext context = new EstimatorContext(SCENARIO);
        assertEquals("oracle", registry.create("oracle", context).name());
        BandwidthEstimator fixed = registry.create("fixed", context);
        BweResult result = new BweResult();
        fixed.currentEstimate(0, result);
        assertEquals(SCENARIO.media().startBps(), result.targetRateBps());
    }

    @Test
    void shouldListKnownNamesForAnUnknownOne() {
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> registry.create("gcc-ml", new EstimatorContext(SCENARIO)));
        assertTrue(error.getMessage().contains("gcc-ml"), error.getMessage());
        assertTrue(error.getMessage().contains("[fixed, gcc, gcc-classic, oracle, oracle-causal, weir]"), error.getMessage());
    }

    @Test
    void shouldAddVariantsByNameAndRejectDuplicates() {
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns()
                .register("fixed-1m", context -> new FixedRateEstimator(1_000_000));
        assertTrue(registry.contains("fixed-1m"));
        assertEquals("fixed", registry.create("fixed-1m", new EstimatorContext(SCENARIO)).name());
        assertThrows(IllegalArgumentException.class,
                () -> registry.register("oracle", context -> new FixedRateEstimator(1)));
        assertThrows(IllegalArgumentException.class, () -> registry.register(" ", context -> null));
        assertThrows(UnsupportedOperationException.class, () -> registry.names().add("x"));
    }

    @Test
    void shouldBuildGccVariantsWithGivenSettingsAndTheCallsBitrates() {
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        GccSettings trial = GccSettings.defaults();
        trial.pacingFactor = 1.7;
        trial.minBitrateBps = 99_000;
        EstimatorContext context = new EstimatorContext(SCENARIO, Bundle.gccDefaults(), trial);
        GccSettings gcc = ((GoogCcEstimator) registry.create("gcc", context)).settings();
        assertEquals(1.7, gcc.pacingFactor);
        assertEquals(SCENARIO.media().minBps(), gcc.minBitrateBps, "the call's bitrates replace the file's");
        GccSettings classic = ((GoogCcEstimator) registry.create("gcc-classic", context)).settings();
        assertEquals(1.7, classic.pacingFactor);
        assertEquals(false, classic.lossBased.v2.enabled, "gcc-classic keeps its switches");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> registry.create("oracle", context));
        assertTrue(error.getMessage().contains("takes no GCC settings"), error.getMessage());
    }

    @Test
    void shouldRefuseEstimatorsThatReadTheTrueNetworkOnARecordedCall() {
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        EstimatorContext recorded = EstimatorContext.recordedCall(30_000, 300_000, 2_000_000, Bundle.gccDefaults(), null);
        assertEquals("gcc", registry.create("gcc", recorded).name());
        assertEquals("fixed", registry.create("fixed", recorded).name());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> registry.create("oracle-causal", recorded));
        assertTrue(error.getMessage().contains("[fixed, gcc, gcc-classic, weir]"), error.getMessage());
        assertEquals(List.of("fixed", "gcc", "gcc-classic", "weir"),
                List.copyOf(registry.namesWithout(EstimatorRegistry.Trait.GROUND_TRUTH)));
    }
}
