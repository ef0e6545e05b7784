package dev.weir.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.trace.MahimahiTrace;
import dev.weir.sim.trace.PiecewiseCapacity;
import dev.weir.sim.trace.TestFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted scenario and trace files (src/test/resources/hostile/scenario) that once got past
 * "clear error, exit 2" or allocated without bound: each now gives a {@link ScenarioException}
 * naming the file and field, or loads within bounded memory.
 */
class HostileScenarioFilesTest {
    private static final Path DIR = TestFiles.resource("/hostile/scenario/long-dotted-name.json").getParent();

    @TempDir
    Path temp;

    @Test
    void longDottedNameWithoutFamilyIsRejectedAsTooLongInsteadOfOverflowingTheStack() {
        ScenarioException e = load("long-dotted-name.json");
        assertTrue(e.getMessage().contains("line 2: name = "), e.getMessage());
        assertTrue(e.getMessage().contains("expected at most 128 letters"), e.getMessage());
    }

    @Test
    void defaultFamilyScansLongNamesInOnePass() {
        String dotted = "a" + "1.1".repeat(100_000) + "-b";
        assertEquals(dotted, ScenarioLoader.defaultFamily(dotted));
        assertEquals("custom", ScenarioLoader.defaultFamily("1".repeat(1_000_000)));
        assertEquals("a", ScenarioLoader.defaultFamily("a" + "1.1".repeat(100_000)));
    }

    @Test
    void defaultFamilyStripsWhatTheFormerRegexStripped() {
        SplittableRandom random = new SplittableRandom(13);
        String alphabet = "ab-_.0123456789";
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String former = name.toString().replaceAll("([-_.]?\\d+(\\.\\d+)?)+$", "");
            assertEquals(former.isEmpty() ? "custom" : former, ScenarioLoader.defaultFamily(name.toString()),
                    name.toString());
        }
    }

    @Test
    void tenThousandDigitNameIsRejectedAsTooLong() {
        ScenarioException e = load("ten-thousand-digit-name.json");
        assertTrue(e.getMessage().contains("name = \"1111"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 128"), e.getMessage());
    }

    @Test
    void stepTimesRoundingToTheSameMicrosecondAreRejectedWithTheirField() {
        ScenarioException e = load("same-microsecond-steps.json");
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("link.capacity.steps[1].at_s = 1.0E-7: expected a time at least 1 us"
                + " after the previous step's 0 s"), e.getMessage());
    }

    @Test
    void mahimahiTraceWithOneHugeTimestampLoadsAsTwoSegmentsEvenWithOneMillisecondBins() {
        Scenario scenario = ScenarioLoader.load(DIR.resolve("huge-timestamp-1ms-bins.json"), null);
        PiecewiseCapacity capacity = (PiecewiseCapacity) scenario.link().capacity();
        assertEquals(2, capacity.segmentCount());
        assertEquals(86_400_000_000L, capacity.periodUs());
        // Both opportunities (at 0 and at the period, which wraps to 0) fall in the first 1 ms bin.
        assertEquals(2 * 12_000 * 1000, capacity.capacityBpsAt(0));
        assertEquals(0, capacity.capacityBpsAt(1_000));
        assertEquals(2 * 12_000 / 86_400.0, capacity.meanBps(), 1e-9);
    }

    @Test
    void traceFileOverTheSizeLimitIsRejectedBeforeReading() throws IOException {
        Path huge = temp.resolve("huge.up");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(9L << 20); // sparse: no disk space, no content to read
        }
        ScenarioException e = assertThrows(ScenarioException.class, () -> MahimahiTrace.read(huge));
        assertTrue(e.getMessage().contains("more than the 8388608-byte limit"), e.getMessage());
    }

    @Test
    void scenarioFileOverTheSizeLimitIsRejectedBeforeReading() throws IOException {
        Path huge = temp.resolve("huge.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(ScenarioLoader.MAX_FILE_BYTES + 1L);
        }
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(huge, null));
        assertEquals(huge + ": scenario file is 1048577 bytes, more than the 1048576-byte limit", e.getMessage());
    }

    @Test
    void relativeTracePathEscapingTheScenarioDirectoryIsRejectedWithoutReadingIt() {
        ScenarioException e = load("escapes-directory.json");
        assertTrue(e.getMessage().contains("link.capacity.file = \"../../../../"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a path inside the scenario's directory"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), "quotes a file outside the roots: " + e.getMessage());
    }

    @Test
    void absoluteTracePathIsRejectedUnlessAllowed() throws IOException {
        Path scenario = temp.resolve("absolute.json");
        Path trace = Files.writeString(temp.resolve("elsewhere.cooked"), "0 1\n1 2\n");
        Files.writeString(scenario, Files.readString(DIR.resolve("absolute-path.json"))
                .replace("/etc/passwd", trace.toString()));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(scenario, null));
        assertTrue(e.getMessage().contains("absolute paths are refused unless allowed: --allow-absolute-paths"),
                e.getMessage());
        Scenario allowed = ScenarioLoader.load(scenario, null, true);
        assertEquals(1_000_000, allowed.link().capacity().capacityBpsAt(0));
    }

    @Test
    void absolutePathFixtureIsRejectedWithoutQuotingTheFile() {
        ScenarioException e = load("absolute-path.json");
        assertTrue(e.getMessage().contains("absolute paths are refused"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void symbolicLinkOutOfTheTracesRootIsRejected() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside.cooked"), "0 1\n1 2\n");
        Path root = Files.createDirectories(temp.resolve("traces"));
        Files.createSymbolicLink(root.resolve("link.cooked"), outside);
        Path scenarioDir = Files.createDirectories(temp.resolve("scenarios"));
        Files.createSymbolicLink(scenarioDir.resolve("link.cooked"), outside);
        String json = """
                {"name": "link", "duration_s": 10,
                 "link": {"capacity": {"type": "cooked", "file": "%s"}, "one_way_delay_ms": 20, "queue_ms": 100}}
                """;
        for (String file : new String[] {"traces:link.cooked", "link.cooked"}) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.parse(json.formatted(file), scenarioDir, root, "link.json"));
            assertTrue(e.getMessage().contains("is a symbolic link to a file outside"), e.getMessage());
        }
        // A link that stays inside the root is fine.
        Files.copy(outside, root.resolve("real.cooked"));
        Files.createSymbolicLink(root.resolve("inside.cooked"), root.resolve("real.cooked"));
        Scenario inside = ScenarioLoader.parse(json.formatted("traces:inside.cooked"), scenarioDir, root, "in.json");
        assertEquals(1_000_000, inside.link().capacity().capacityBpsAt(0));
    }

    @Test
    void scenarioDigestIdentifiesTheFileContent() {
        Scenario scenario = ScenarioLoader.load(DIR.resolve("huge-timestamp-1ms-bins.json"), null);
        assertTrue(scenario.sourceSha256().matches("[0-9a-f]{64}"), scenario.sourceSha256());
        assertEquals(scenario.sourceSha256(),
                ScenarioLoader.load(DIR.resolve("huge-timestamp-1ms-bins.json"), null).sourceSha256());
    }

    private static ScenarioException load(String fixture) {
        Path file = DIR.resolve(fixture);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, null));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e;
    }
}
