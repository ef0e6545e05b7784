package dev.weir.sim.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.gcc.GccSettings;
import dev.weir.sim.scenario.ScenarioException;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.sim.trace.CookedTrace;
import dev.weir.sim.trace.GymTrace;
import dev.weir.sim.trace.MahimahiTrace;
import dev.weir.sim.trace.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file reader of the simulator (scenario, Mahimahi, cooked and gym traces) and the settings
 * reader, fed arbitrary bytes: each returns a value or throws its documented exception, nothing
 * else (an unexpected exception or Error fails the test). Seeds: src/test/resources/dev/weir/sim/
 * fuzz/ReaderFuzzTestInputs/&lt;method&gt;/.
 */
class ReaderFuzzTest {
    @TempDir
    static Path temp;
    private static Path file;

    @BeforeAll
    static void createInputFile() throws IOException {
        file = Files.createFile(temp.resolve("input"));
    }

    @FuzzTest
    void scenarioTextGivesAScenarioOrAScenarioException(byte[] input) {
        // Trace files resolve against the test traces, so a seed can reach every capacity type.
        Path traces = TestFiles.tracesDir();
        try {
            ScenarioLoader.parse(new String(input, StandardCharsets.UTF_8), traces, traces, "fuzz.json");
        } catch (ScenarioException expected) {
            // the documented failure
        }
    }

    @FuzzTest
    void mahimahiTraceGivesACapacityOrAScenarioException(byte[] input) throws IOException {
        Files.write(file, input);
        try {
            MahimahiTrace.read(file, 1_000); // 1 ms bins: the most a scenario can ask for
        } catch (ScenarioException expected) {
            // the documented failure
        }
    }

    @FuzzTest
    void cookedTraceGivesACapacityOrAScenarioException(byte[] input) throws IOException {
        Files.write(file, input);
        try {
            CookedTrace.read(file);
        } catch (ScenarioException expected) {
            // the documented failure
        }
    }

    @FuzzTest
    void gymTraceGivesACapacityOrAScenarioException(byte[] input) throws IOException {
        Files.write(file, input);
        try {
            GymTrace.read(file);
        } catch (ScenarioException expected) {
            // the documented failure
        }
    }

    @FuzzTest
    void gccSettingsGiveSettingsOrAnInvalidSettingsException(byte[] input) {
        try {
            SettingsJson.read(new String(input, StandardCharsets.UTF_8), GccSettings.class, "fuzz.json");
        } catch (InvalidSettingsException expected) {
            // the documented failure
        }
    }
}
