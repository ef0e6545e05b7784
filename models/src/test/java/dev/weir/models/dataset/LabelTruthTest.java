package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallOutputs;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.PacketLog;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTruthTest {
    @Test
    void shouldKeepExactlyTheCongestionEventsAndMediaDropsOfTheWholeLogInSendOrder(@TempDir Path dir)
            throws IOException {
        // A capacity collapse (queue overflow, long queueing) on a link that also loses 3% at random.
        Path file = dir.resolve("collapse-with-loss.json");
        Files.writeString(file, """
                {"name": "collapse-with-loss", "duration_s": 25,
                 "link": {"capacity": {"type": "steps", "steps": [{"at_s": 0, "kbps": 2000}, {"at_s": 13, "kbps": 250}]},
                          "one_way_delay_ms": 30, "queue_ms": 150, "loss": {"type": "random", "rate": 0.03}}}
                """);
        Scenario scenario = ScenarioLoader.load(file, null);
        DatasetSettings settings = new DatasetSettings();
        LabelTruth truth = new LabelTruth(settings);
        PacketLog log = new PacketLog();
        CallSimulator.run(scenario, "gcc", EstimatorRegistry.withBuiltIns().create("gcc",
                new EstimatorContext(scenario)), 3, new CallOutputs().keepSeries(false).packets(truth).packets(log));

        List<Long> events = new ArrayList<>();
        List<Integer> drops = new ArrayList<>();
        List<Boolean> queueDrops = new ArrayList<>();
        for (int seq = 0; seq < log.size(); seq++) {
            if (log.dropCause(seq) == DropCause.QUEUE_OVERFLOW
                    || log.queueDelayUs(seq) > settings.queueDelayThresholdMs * 1_000L) {
                events.add(log.sendTimeUs(seq));
            }
            if (log.dropCause(seq) != DropCause.NONE && log.kind(seq).isMedia()) {
                drops.add(seq);
                queueDrops.add(log.dropCause(seq) == DropCause.QUEUE_OVERFLOW);
            }
        }
        assertFalse(events.isEmpty(), "the scenario congests the queue");
        assertTrue(queueDrops.contains(true) && queueDrops.contains(false), "both kinds of drop occur");
        assertArrayEquals(events.stream().mapToLong(Long::longValue).toArray(), truth.eventSendTimesUs());
        assertEquals(events.size(), truth.events());
        assertEquals(drops.size(), truth.mediaDrops());
        for (int d = 0; d < drops.size(); d++) {
            assertEquals(drops.get(d), truth.dropSequence(d));
            assertEquals(queueDrops.get(d), truth.droppedByQueue(d));
        }
    }
}
