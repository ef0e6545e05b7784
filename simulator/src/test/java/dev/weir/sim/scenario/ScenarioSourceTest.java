package dev.weir.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.trace.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario leaves its JVM as its source (JSON text and absolute paths), never as an object
 * graph, and the receiving JVM resolves the same call from it: traces read again, a duration cap
 * kept. One built in code has no source and cannot leave.
 */
class ScenarioSourceTest {
    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static CallResult gcc(Scenario scenario, long seed) {
        return CallSimulator.run(scenario, "gcc",
                EstimatorRegistry.withBuiltIns().create("gcc", new EstimatorContext(scenario)), seed);
    }

    @Test
    void aScenarioReadFromAFileTravelsAsItsTextAndGivesTheSameCall(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("walk.cooked"), "0\t1.2\n0.5\t0.7\n1\t2.1\n1.5\t1.6\n");
        Path file = dir.resolve("walk.json");
        Files.writeString(file, """
                {"name": "walk", "duration_s": 8, "link": {"capacity": {"type": "cooked", "file": "walk.cooked"},
                 "one_way_delay_ms": 30, "jitter_ms": 2, "queue_ms": 250, "loss": {"type": "random", "rate": 0.02}}}
                """);
        Scenario loaded = ScenarioLoader.load(file, null);
        ScenarioSource source = loaded.source();
        assertEquals(Files.readString(file), source.json());
        assertEquals(dir.toAbsolutePath().toString(), source.baseDir());

        byte[] bytes = serialize(List.of(loaded, loaded));
        assertTrue(bytes.length < source.json().length() + 1_000,
                "text and paths only, once for both references: " + bytes.length + " bytes");
        @SuppressWarnings("unchecked")
        List<Scenario> back = (List<Scenario>) deserialize(bytes);
        Scenario resolved = back.get(0);
        assertSame(resolved, back.get(1), "one object per stream");
        assertNotSame(loaded, resolved);
        assertEquals(loaded.sourceSha256(), resolved.sourceSha256());
        assertEquals(source, resolved.source());
        assertEquals(gcc(loaded, 3).series().toCsv(), gcc(resolved, 3).series().toCsv());
    }

    @Test
    void aRelativeTracesRootIsRecordedAbsolute() {
        Path relative = Path.of("").toAbsolutePath().relativize(TestFiles.tracesDir());
        Scenario scenario = ScenarioLoader.parse("""
                {"name": "rooted", "duration_s": 5, "link": {"capacity": {"type": "cooked",
                 "file": "traces:tiny.cooked"}, "one_way_delay_ms": 20, "queue_ms": 200}}""", null, relative,
                "rooted.json");
        assertEquals(TestFiles.tracesDir().toAbsolutePath().toString(), scenario.source().tracesRoot());
        assertNull(scenario.source().baseDir());
    }

    @Test
    void aDurationCapTravelsWithTheScenario() throws Exception {
        Scenario loaded = ScenarioLoader.load(TestFiles.resource("/scenarios/steps.json"), null);
        Scenario capped = loaded.withDurationCapUs(15_000_000);
        assertEquals(15_000_000, capped.durationUs());
        assertEquals("", capped.sourceSha256(), "no longer the file's scenario");
        assertEquals(15_000_000, capped.source().durationCapUs());
        assertEquals(10_000_000, capped.withDurationCapUs(10_000_000).source().durationCapUs(), "the smaller cap");
        assertEquals(loaded.durationUs(), loaded.withDurationCapUs(3_600_000_000L).durationUs(), "cap above the length");

        Scenario back = (Scenario) deserialize(serialize(capped));
        assertEquals(15_000_000, back.durationUs());
        assertEquals(gcc(capped, 1).metrics(), gcc(back, 1).metrics());
    }

    @Test
    void aScenarioBuiltInCodeCannotLeaveItsJvm() {
        Scenario loaded = ScenarioLoader.load(TestFiles.resource("/scenarios/steps.json"), null);
        Scenario inCode = new Scenario("made-here", loaded.family(), loaded.durationUs(), loaded.link(),
                loaded.returnDelayUs(), loaded.returnLossRate(), loaded.feedbackIntervalUs(), loaded.media(),
                loaded.crossTraffic());
        assertNull(inCode.source());
        NotSerializableException e = assertThrows(NotSerializableException.class, () -> serialize(inCode));
        assertTrue(e.getMessage().contains("'made-here' was built in code"), e.getMessage());
    }

    @Test
    void aSourceWhoseTraceIsGoneFailsAsAScenarioProblem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.cooked"), "0\t1.0\n1\t2.0\n");
        Scenario scenario = ScenarioLoader.parse("""
                {"name": "gone", "duration_s": 5, "link": {"capacity": {"type": "cooked",
                 "file": "traces:t.cooked"}, "one_way_delay_ms": 20, "queue_ms": 200}}""", null, dir, "gone.json");
        byte[] bytes = serialize(scenario);
        Files.delete(dir.resolve("t.cooked"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> deserialize(bytes));
        assertTrue(e.getMessage().contains("t.cooked"), e.getMessage());
    }
}
