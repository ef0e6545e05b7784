package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation scenarios of {@code compare --test-traces}. */
class TraceScenariosTest {
    @Test
    void evaluationScenariosQueueInBytesAtTheCallsMeanCapacityNotAsADrainTime() {
        List<String> ids = TraceScenarios.traceIds(Fixtures.traces(), "lte");
        String testTrace = ids.stream().filter(id -> id.startsWith("lte/test/")).findFirst().orElseThrow();
        Scenario scenario = TraceScenarios.evaluationScenario(Fixtures.traces(), testTrace, 1, 20);
        // A drain-time limit on a varying trace drops whenever the capacity dips (the proof's trace
        // figures and the peers' table were measured with a byte queue).
        assertEquals(0, scenario.link().queueLimitUs());
        assertTrue(scenario.link().queueLimitBytes() > 0, "queue bytes " + scenario.link().queueLimitBytes());
        assertEquals(scenario.toString(), TraceScenarios.evaluationScenario(Fixtures.traces(), testTrace, 1, 20).toString());
    }
}
