package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator's equivalent of a real path, the call's limits, and the child processes' arguments. */
class UdpCallConfigTest {
    private static UdpCall.Config config(long rateBps, long seconds, long delayMs) {
        return new UdpCall.Config(rateBps, seconds * 1_000_000, "gcc", delayMs * 1_000, 300_000, null,
                NetpathChild.class.getName());
    }

    @Test
    void equivalentScenarioIsTheLinkTheEstimatorSees() {
        Scenario scenario = ScenarioLoader.parse(UdpCall.equivalentScenarioJson(config(1_000_000, 20, 50)), null, null,
                "test");
        assertEquals(20_000_000, scenario.durationUs());
        assertEquals(988_467, scenario.link().capacity().capacityBpsAt(0), 1, "1200 of every 1214 frame bytes are IP");
        assertEquals(300_000, scenario.link().queueLimitUs());
        assertEquals(0, scenario.link().oneWayDelayUs());
        assertEquals(50_000, scenario.returnDelayUs());
        assertEquals(100_000, scenario.feedbackIntervalUs());
        assertEquals(300_000, scenario.media().startBps());
        assertEquals(5_000_000, scenario.media().maxBps());
        assertEquals(20_000_000, ScenarioLoader.parse(UdpCall.equivalentScenarioJson(config(10_000_000, 5, 0)), null,
                null, "test").media().maxBps(), "twice a fast link");
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> config(1_000_000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> config(1_000_000, 3_601, 0));
        assertThrows(IllegalArgumentException.class, () -> config(1_000_000, 10, 5_001));
        assertThrows(IllegalArgumentException.class, () -> config(1_000, 10, 0));
    }

    @Test
    void childArgumentsAreStrict() {
        Set<String> keys = Set.of("a", "b");
        assertEquals(Map.of("a", "1", "b", "2"), NetpathChild.parse(List.of("--a", "1", "--b", "2"), keys));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetpathChild.parse(List.of("--a", "1"), keys))
                .getMessage().contains("missing options [b]"));
        assertThrows(IllegalArgumentException.class, () -> NetpathChild.parse(List.of("--a", "1", "--a", "2"), keys));
        assertThrows(IllegalArgumentException.class, () -> NetpathChild.parse(List.of("--c", "1"), keys));
        assertThrows(IllegalArgumentException.class, () -> NetpathChild.parse(List.of("a", "1"), keys));
        assertEquals(5004, NetpathChild.address(Map.of("local", "10.201.0.2:5004"), "local").getPort());
        assertThrows(IllegalArgumentException.class, () -> NetpathChild.address(Map.of("local", "10.201.0.2"), "local"));
        assertThrows(IllegalArgumentException.class, () -> NetpathChild.number(Map.of("seed", "x"), "seed"));
    }

    @Test
    void anUnknownRoleOrBadArgumentsExitWithTwo() {
        assertEquals(2, NetpathChild.run(new String[] {"dancer"}, dev.weir.sim.estimators.EstimatorRegistry.withBuiltIns()));
        assertEquals(2, NetpathChild.run(new String[0], dev.weir.sim.estimators.EstimatorRegistry.withBuiltIns()));
        assertEquals(2, NetpathChild.run(new String[] {"receiver", "--t0-nanos"},
                dev.weir.sim.estimators.EstimatorRegistry.withBuiltIns()));
    }
}
