package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.steer.ParameterSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir tune}: what it writes, that it resumes, and the inputs it refuses. */
class TuneCommandTest {
    private static final String LOSSY = """
            {"name": "%s", "duration_s": 6,
             "link": {"capacity": {"type": "constant", "kbps": %d},
                      "one_way_delay_ms": 30, "queue_ms": 200,
                      "loss": {"type": "random", "rate": %s}},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000}}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path write(Path dir, String name, int kbps, String loss) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, LOSSY.formatted(name, kbps, loss));
        return file;
    }

    private String[] tune(Path dir, Path result) throws Exception {
        write(dir.resolve("train"), "a", 1000, "0.05");
        write(dir.resolve("train"), "b", 700, "0.08");
        Path held = write(dir.resolve("held"), "c", 900, "0.06");
        return new String[] {"tune", "--type", "random_loss", "--scenarios", dir.resolve("train").toString(),
                "--holdout", held.toString(), "--seeds", "2", "--budget", "3", "--threads", "2",
                "--out", result.toString()};
    }

    @Test
    void writesTheSetForTheBundleTheCandidateWithItsRecordAndResumes(@TempDir Path dir) throws Exception {
        Path result = dir.resolve("out/random_loss.json");
        String[] args = tune(dir, result);
        assertEquals(0, run(args), err.toString());

        ParameterSet set = ParameterSet.read(result); // validates: never a set that failed its held-out check
        assertEquals("random_loss", set.type);
        JsonNode candidate = new ObjectMapper().readTree(dir.resolve("out/random_loss.candidate.json").toFile());
        JsonNode record = candidate.get("tuned");
        assertEquals(2, record.get("seeds").size());
        assertEquals(2, record.get("scenarios").size());
        assertEquals("c", record.get("holdout_scenarios").get(0).get("name").asText());
        assertEquals(2, record.get("holdout").get("calls").asInt(), "one held-out scenario x 2 seeds");
        assertTrue(record.get("optimiser").asText().startsWith("CMA-ES"), record.toString());
        assertEquals(record.get("accepted").asBoolean(), set.tuned != null,
                "the tuned set goes to --out only when accepted");
        assertTrue(out.toString().contains("held-out scenarios:"), out.toString());

        byte[] first = Files.readAllBytes(result);
        out.getBuffer().setLength(0);
        assertEquals(0, run(args), err.toString());
        assertTrue(out.toString().contains("resumed"), out.toString());
        assertArrayEquals(first, Files.readAllBytes(result), "a resumed tuning writes the same bytes");
    }

    @Test
    void refusesScenariosOnTestTracesWritingNothing(@TempDir Path dir) throws Exception {
        String[] args = tune(dir, dir.resolve("out/set.json"));
        Files.writeString(dir.resolve("train/a.json"), LOSSY.formatted("a", 1000, "0.05")
                .replace("{\"type\": \"constant\", \"kbps\": 1000}",
                        "{\"type\": \"cooked\", \"file\": \"traces:hsdpa-3g/test/norway_tram_26\"}"));
        assertEquals(2, run(args));
        assertTrue(err.toString().contains("test split") && err.toString().contains("a.json"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing may be written for bad input");
    }

    @Test
    void refusesAnUnknownTypeAndAHeldOutScenarioThatIsAlsoTuned(@TempDir Path dir) throws Exception {
        String[] args = tune(dir, dir.resolve("out/set.json"));
        args[2] = "satellite";
        assertEquals(2, run(args));
        assertTrue(err.toString().contains("satellite"), err.toString());

        args = tune(dir, dir.resolve("out/set.json"));
        args[6] = dir.resolve("train/a.json").toString();
        assertEquals(2, run(args));
        assertTrue(err.toString().contains("also a tuning scenario"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
