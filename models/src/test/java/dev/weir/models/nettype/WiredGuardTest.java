package dev.weir.models.nettype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.models.dataset.SteeringModels;
import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TypeDecisionSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiredGuardTest {
    private static CallMetrics call(double bitrateBps, double quality, double p95Ms, double freezePct) {
        Map<String, Object> map = new HashMap<>();
        for (String key : CallMetrics.keys()) {
            map.put(key, 0.0);
        }
        map.put("avg_sent_bitrate_bps", bitrateBps);
        map.put("video_quality_score", quality);
        map.put("delay_p95_ms", p95Ms);
        map.put("freeze_pct", freezePct);
        map.put("bad_experience_pct", freezePct);
        return CallMetrics.fromMap(map);
    }

    @Test
    void passesWithinTwoPercentOrTheFloorAndNamesTheWorstMetricOtherwise() {
        List<CallMetrics> defaults = List.of(call(2_000_000, 90, 30, 0), call(2_000_000, 90, 30, 0));
        WiredGuard.Check same = WiredGuard.check(defaults, defaults);
        assertTrue(same.passed());
        assertEquals(0, same.worstExcess(), 1e-12);
        // 1.5 % less bitrate and 0.9 ms more delay (under the 1 ms floor): within the target.
        assertTrue(WiredGuard.check(defaults, List.of(call(1_970_000, 90, 30.9, 0), call(1_970_000, 90, 30.9, 0)))
                .passed());
        WiredGuard.Check lessRate = WiredGuard.check(defaults,
                List.of(call(1_936_000, 89.5, 29, 0), call(1_936_000, 89.5, 29, 0)));
        assertFalse(lessRate.passed(), "3.2 % less bitrate is over 2 %, whatever the delay gained");
        assertEquals("avg_sent_bitrate_bps", lessRate.worstMetric());
        assertEquals(1.6, lessRate.worstExcess(), 1e-9);
        assertFalse(WiredGuard.check(defaults, List.of(call(2_000_000, 90, 30, 0.2), call(2_000_000, 90, 30, 0.2)))
                .passed(), "0.2 points more freezes where there were none");
    }

    @Test
    void gccDefaultsOnTheWiredTypeAlwaysPassOnAStableLink() throws Exception {
        Path root = Path.of(WiredGuardTest.class.getResource("/dataset").toURI());
        Scenario scenario = ScenarioLoader.load(root.resolve("scenarios/bernoulli-ample.json"), root.resolve("traces"));
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            sets.put(type, ParameterSet.defaults(type));
        }
        Bundle bundle = Bundle.of("fixture", sets, new TypeDecisionSettings(), SteeringModels.defaultShaped(3));
        TypeDecisionSettings fixedWired = new TypeDecisionSettings();
        fixedWired.enterableTypes = new ArrayList<>();
        List<WiredGuard.Check> checks = new WiredGuard(List.of(scenario), List.of(1L, 2L))
                .check(bundle, List.of(fixedWired), 2, (done, total) -> { });
        assertTrue(checks.get(0).passed(), String.valueOf(checks.get(0)));
        assertEquals(0, checks.get(0).worstExcess(), 1e-12, "the same calls as GCC's defaults");
    }
}
