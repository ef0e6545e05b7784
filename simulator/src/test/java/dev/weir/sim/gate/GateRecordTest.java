package dev.weir.sim.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateRecordTest {
    @TempDir
    Path dir;

    static GateRecord sample() {
        List<GateRecord.ScenarioEntry> scenarios = new ArrayList<>();
        SyntheticSuite.FAMILIES.forEach((name, family) -> scenarios.add(new GateRecord.ScenarioEntry(name, family,
                "configs/scenarios/" + name + ".json", "ab".repeat(32), false)));
        SuiteResults expected = SyntheticSuite.calls(1, 6, 1, 1, 1).addAll(SyntheticSuite.calls(1_001, 6, 1, 1, 1));
        GateRecord.Variant gcc = new GateRecord.Variant("gcc", "settings:configs/gcc/default.json",
                SyntheticSuite.profile(3, 6), 100_001, expected);
        GateRecord.Variant weir = new GateRecord.Variant("weir", "bundle:configs/bundle", null, 0, null);
        return new GateRecord("quick", scenarios, new GateRecord.SeedRange(1, 6), new GateRecord.SeedRange(1_001, 6),
                List.of(gcc, weir));
    }

    @Test
    void writesReadsAndRewritesTheSameBytes() throws IOException {
        Path file = dir.resolve("quick.json");
        sample().write(file);
        GateRecord back = GateRecord.read(file);
        assertEquals(Files.readString(file), back.toJson());
        assertEquals(sample().toJson(), back.toJson());
        assertNull(back.variant("weir").noise());
        assertEquals(sample().variant("gcc").expected().value("loss-b", 1_003, "delay_p95_ms"),
                back.variant("gcc").expected().value("loss-b", 1_003, "delay_p95_ms"));
    }

    @Test
    void replacingAVariantKeepsTheOthersInPlace() {
        GateRecord record = sample().with(new GateRecord.Variant("gcc", "settings:x.json", null, 0, null));
        assertEquals(List.of("gcc", "weir"), record.variants().stream().map(GateRecord.Variant::name).toList());
        assertEquals("settings:x.json", record.variant("gcc").ref());
    }

    @Test
    void rejectsABrokenRecordNamingTheFileAndTheField() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, sample().toJson().replace("\"sd\"", "\"sdx\""));
        GateRecordException e = assertThrows(GateRecordException.class, () -> GateRecord.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'sd'"), e.getMessage());

        Files.writeString(file, sample().toJson().replace(FORMAT_LINE, "\"format\": \"other/1\""));
        assertTrue(assertThrows(GateRecordException.class, () -> GateRecord.read(file)).getMessage()
                .contains("format"));

        Files.writeString(file, "[1, 2");
        assertThrows(GateRecordException.class, () -> GateRecord.read(file));
    }

    @Test
    void rejectsExpectedValuesThatDoNotCoverEverySeed() throws IOException {
        Path file = dir.resolve("short.json");
        String json = sample().toJson();
        // Drop the last value of one metric array.
        int at = json.indexOf("\"delay_p95_ms\": [");
        int end = json.indexOf(']', at);
        int lastComma = json.lastIndexOf(',', end);
        Files.writeString(file, json.substring(0, lastComma) + json.substring(end));
        assertTrue(assertThrows(GateRecordException.class, () -> GateRecord.read(file)).getMessage()
                .contains("one per seed"));
    }

    @Test
    void valuesAreRoundedToNineSignificantDigitsOnTheWayIn() {
        SuiteResults r = new SuiteResults().add("s", "f", 1, Map.of("x", 1.0 / 3));
        assertEquals(0.333333333, r.value("s", 1, "x"), 0);
    }

    private static final String FORMAT_LINE = "\"format\": \"" + GateRecord.FORMAT + "\"";
}
