package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.steer.BundleLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles are content-addressed (a client fetches what it lacks by digest), so building the same
 * sets and model twice must give the same bytes and the same id, wherever and whenever it runs.
 * (Models, datasets and reports have their own: TrainerTest and ArtifactExporterTest, DatasetTest and
 * DatasetGeneratorTest, ReportWriterTest and WeirCommandTest, GateReportTest and GateRecordTest.)
 */
class ReproducibleBundleTest {
    private static final Path ROOT = GateSuites.repositoryRoot();

    private static int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true));
    }

    @Test
    void buildingTheSameBundleTwiceGivesTheSameBytesAndId(@TempDir Path dir) throws Exception {
        Path model;
        try (Stream<Path> files = Files.list(ROOT.resolve("configs/bundle"))) {
            model = files.filter(f -> f.toString().endsWith(".weirmodel")).findFirst().orElseThrow();
        }
        for (String name : List.of("one", "other/two")) {
            assertEquals(0, run("bundle", "build", "--sets", ROOT.resolve("configs/bundle-sets").toString(), "--model",
                    model.toString(), "--description", "reproducibility", "--provenance", "ReproducibleBundleTest",
                    "--out", dir.resolve(name).toString()));
        }
        List<String> names;
        try (Stream<Path> files = Files.list(dir.resolve("one"))) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> files = Files.list(dir.resolve("other/two"))) {
            assertEquals(names, files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(name)),
                    Files.readAllBytes(dir.resolve("other/two").resolve(name)), name);
        }
        assertEquals(BundleLoader.load(dir.resolve("one")).id(), BundleLoader.load(dir.resolve("other/two")).id());
    }
}
