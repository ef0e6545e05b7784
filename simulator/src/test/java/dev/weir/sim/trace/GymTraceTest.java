package dev.weir.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.scenario.ScenarioException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GymTraceTest {

    @Test
    void shouldFollowPatternDurationsAndLoop() {
        // 2000 ms at 800 kbps, 500 ms at 150.5 kbps, loop every 2.5 s.
        PiecewiseCapacity capacity = GymTrace.read(TestFiles.trace("tiny-gym.json"));
        assertEquals(800_000, capacity.capacityBpsAt(0));
        assertEquals(800_000, capacity.capacityBpsAt(1_999_999));
        assertEquals(150_500, capacity.capacityBpsAt(2_000_000));
        assertEquals(2_500_000, capacity.periodUs());
        assertEquals(800_000, capacity.capacityBpsAt(2_500_000));
        assertEquals(150_500, capacity.capacityBpsAt(7_000_000));
        assertEquals(2_000_000, capacity.nextChangeUs(0));
        assertEquals(4_500_000, capacity.nextChangeUs(2_500_000));
    }

    @Test
    void shouldListEveryBadEntryWithLineAndFieldPath() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> GymTrace.read(TestFiles.trace("bad-gym.json")));
        assertEquals(List.of(
                "line 5: uplink.trace_pattern[1].duration is missing: expected a number in [0.001, 86400000] ms",
                "line 5: uplink.trace_pattern[1].capacity = -5: expected a number in [0, 100000000] kbps",
                "line 6: uplink.trace_pattern[2].duration = \"long\": expected a number in [0.001, 86400000] ms"),
                e.problems());
        assertTrue(e.getMessage().startsWith(TestFiles.trace("bad-gym.json") + ": 3 problems"), e.getMessage());
    }

    @Test
    void shouldRejectEmptyPattern() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> GymTrace.read(TestFiles.trace("empty-gym.json")));
        assertTrue(e.getMessage().contains("uplink.trace_pattern = []: expected a non-empty array"), e.getMessage());
    }

    @Test
    void shouldReportLineOfMalformedJson() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> GymTrace.read(TestFiles.trace("malformed-gym.json")));
        assertTrue(e.getMessage().contains("malformed-gym.json: line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }
}
