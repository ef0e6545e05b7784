package dev.weir.browserstats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.steer.NetworkType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The capacity envelope: steps, merging, idle intervals, the floor, and loss by the model's attribution. */
class StatsScenarioTest {
    private static StatsImport.Result result(List<StatsSeries.Interval> intervals,
            List<StatsReplay.Decision> decisions) {
        StatsSeries series = StatsSeries.ofIntervals(intervals);
        RtcStatsDump dump = new RtcStatsDump("dump.ndjson", "00", 1, Map.of(), List.of());
        return new StatsImport.Result(dump, new RtcStatsDump.PeerConnection("PC_0", List.of(), 0, false), series,
                decisions, false, "b", Map.of(), new String[0]);
    }

    /** An interval of 1 s sending {@code kbps} with an estimate (NaN: none), 100 packets, {@code lost} of them lost. */
    private static StatsSeries.Interval interval(int second, double kbps, double estimateKbps, double lost, double rttMs) {
        return new StatsSeries.Interval(1, second * 1_000L, (second + 1) * 1_000L, kbps * 125, 100, lost,
                estimateKbps * 1_000, rttMs, Double.NaN);
    }

    @Test
    void stepsFollowTheEnvelopeMergeCloseRatesAndHoldThroughIdleness() {
        StatsImport.Result result = result(List.of(
                interval(0, 400, Double.NaN, 0, 60),
                interval(1, 420, Double.NaN, 0, 50),   // within 10 %: merged into 400
                interval(2, 300, 900, 0, 80),          // the estimate is higher: 900
                interval(3, 0, Double.NaN, 0, 80),     // idle: holds 900
                interval(4, 10, Double.NaN, 0, 80)),   // below the floor: 50
                List.of());
        Scenario scenario = ScenarioLoader.parse(StatsScenario.json(result, "recorded"), null, null, "test");
        assertEquals(400_000, scenario.link().capacity().capacityBpsAt(1_500_000));
        assertEquals(900_000, scenario.link().capacity().capacityBpsAt(2_500_000));
        assertEquals(900_000, scenario.link().capacity().capacityBpsAt(3_500_000));
        assertEquals(50_000, scenario.link().capacity().capacityBpsAt(4_500_000));
        assertEquals(25_000, scenario.link().oneWayDelayUs());
        assertEquals(5_000_000, scenario.durationUs());
        assertEquals(0, scenario.link().loss().expectedLossRate(), 0);
    }

    @Test
    void randomLossIsTheLossTheModelAttributedToThePath() {
        List<StatsSeries.Interval> intervals = List.of(interval(0, 500, 600, 10, 40), interval(1, 500, 600, 4, 40));
        // Random at the end of the first interval, congestion by the end of the second.
        List<StatsReplay.Decision> decisions = List.of(
                new StatsReplay.Decision(900_000, NetworkType.RANDOM_LOSS, 0.9, 0.1, 0.1),
                new StatsReplay.Decision(1_900_000, NetworkType.WIRED_STABLE, 0.2, 0.8, 0.07));
        StatsImport.Result result = result(intervals, decisions);
        assertEquals(10.0 / 200, StatsScenario.randomLossRate(result), 1e-12);
        Scenario scenario = ScenarioLoader.parse(StatsScenario.json(result, "recorded"), null, null, "test");
        assertEquals(0.05, scenario.link().loss().expectedLossRate(), 1e-9);
    }
}
