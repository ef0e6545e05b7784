package dev.weir.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.sim.loss.RandomLoss;
import dev.weir.sim.trace.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads every scenario in configs/scenarios. Trace-driven scenarios get a fake traces root in a
 * temporary directory holding small fixtures under the same relative names, so this test checks
 * parsing and validation without the real trace collection.
 */
class ScenarioLibraryTest {
    /** Fixture standing in for each trace format. */
    private static final Map<String, String> FIXTURE_BY_TYPE =
            Map.of("mahimahi", "tiny.up", "cooked", "tiny.cooked", "gym", "tiny-gym.json");

    static List<Path> scenarioFiles() {
        try (Stream<Path> files = Files.list(scenariosDir())) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarioFiles")
    void shouldLoadEveryLibraryScenarioNamedAfterItsFile(Path file, @TempDir Path fakeTracesRoot) throws IOException {
        writeFakeTrace(file, fakeTracesRoot);
        Scenario scenario = ScenarioLoader.load(file, fakeTracesRoot);
        assertEquals(file.getFileName().toString().replace(".json", ""), scenario.name());
    }

    @Test
    void shouldCoverTheRequiredNetworkFamilies(@TempDir Path fakeTracesRoot) throws IOException {
        Set<String> families = new TreeSet<>();
        Set<Double> randomLossRates = new TreeSet<>();
        for (Path file : scenarioFiles()) {
            writeFakeTrace(file, fakeTracesRoot);
            Scenario scenario = ScenarioLoader.load(file, fakeTracesRoot);
            families.add(scenario.family());
            if (scenario.link().loss() instanceof RandomLoss random) {
                randomLossRates.add(random.rate());
            }
        }
        assertTrue(families.containsAll(Set.of("wired", "congested", "capacity-drop", "random-loss", "bursty-loss",
                "cellular-low", "cellular-high", "cross-traffic")), families.toString());
        assertTrue(randomLossRates.containsAll(Set.of(0.01, 0.03, 0.05, 0.1, 0.2)), randomLossRates.toString());
    }

    @Test
    void shouldTakeNamedTraceScenariosFromTheTestSplit() {
        for (Path file : scenarioFiles()) {
            String tracePath = tracesPathOf(file);
            if (tracePath != null) {
                assertTrue(tracePath.contains("/test/"), file + " uses " + tracePath + ", not a test/ trace");
            }
        }
    }

    @Test
    void shouldListEveryScenarioInTheReadme() throws IOException {
        String readme = Files.readString(scenariosDir().resolve("README.md"));
        for (Path file : scenarioFiles()) {
            assertTrue(readme.contains("`" + file.getFileName() + "`"), file.getFileName() + " missing from README.md");
        }
    }

    /** Walks up from the working directory to the repository root holding configs/scenarios. */
    static Path scenariosDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("configs").resolve("scenarios");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no configs/scenarios above " + Path.of("").toAbsolutePath());
    }

    /** Puts a small fixture of the right format at {@code root/<path>} for the scenario's traces: file. */
    private static void writeFakeTrace(Path file, Path root) throws IOException {
        String tracePath = tracesPathOf(file);
        if (tracePath != null) {
            Path fake = root.resolve(tracePath);
            Files.createDirectories(fake.getParent());
            Files.copy(TestFiles.trace(FIXTURE_BY_TYPE.get(capacityOf(file).path("type").asText())), fake);
        }
    }

    private static JsonNode capacityOf(Path file) {
        try {
            return LocatedJson.parse(Files.readString(file), file.toString()).root().path("link").path("capacity");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path after {@code traces:} of the scenario's capacity file, or null. */
    private static String tracesPathOf(Path file) {
        String name = capacityOf(file).path("file").asText("");
        return name.startsWith(TraceFiles.TRACES_PREFIX) ? name.substring(TraceFiles.TRACES_PREFIX.length()) : null;
    }
}
