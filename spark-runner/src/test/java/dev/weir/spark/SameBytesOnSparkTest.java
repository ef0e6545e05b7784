package dev.weir.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.cli.WeirCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare}, {@code dataset} and {@code tune} write the same bytes with {@code --engine spark
 * --master local[2]} as with the local engine: the calls travel as data (scenario text, bundle by
 * value), resolve again on the executors (traces included) and come back in call order.
 */
class SameBytesOnSparkTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SharedSpark.start();
    }

    private void run(String... args) {
        int code = WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, "weir " + String.join(" ", args) + "\n" + err);
    }

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static final String[] SPARK = {"--engine", "spark", "--master", SharedSpark.MASTER};

    @Test
    void compareWritesTheSameReportsAndCallFiles() throws Exception {
        Path fixtures = SharedSpark.fixtures();
        String[] compare = {"compare", "--scenarios", fixtures.resolve("scenarios").toString(),
                "--traces-root", fixtures.resolve("traces").toString(), "--bundle",
                SharedSpark.committedBundle().toString(), "--estimators", "gcc,weir,oracle", "--seeds", "2",
                "--calls"};
        run(with(compare, "--threads", "2", "--out", dir.resolve("local").toString()));
        run(with(compare, with(SPARK, "--out", dir.resolve("spark").toString())));

        assertTrue(out.toString().contains("18 calls (3 scenarios x 2 seeds x 3 estimators) on Spark local[2]"),
                out.toString());
        List<String> files = assertSameTree(dir.resolve("local"), dir.resolve("spark"));
        assertTrue(files.contains("report.json") && files.contains("report.html")
                && files.contains("calls/on-trace/weir/metrics.json"), files.toString());
    }

    @Test
    void datasetWritesTheSameFile() throws Exception {
        Path fixtures = SharedSpark.fixtures();
        String[] dataset = {"dataset", "--scenarios", fixtures.resolve("scenarios").toString(), "--traces-root",
                fixtures.resolve("traces").toString(), "--seeds", "1,2", "--duration-s", "15"};
        run(with(dataset, "--threads", "2", "--out", dir.resolve("local.weirdata").toString()));
        run(with(dataset, with(SPARK, "--out", dir.resolve("spark.weirdata").toString())));

        assertTrue(out.toString().contains("dataset: 10 calls of 15 s on Spark local[2]"), out.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local.weirdata")),
                Files.readAllBytes(dir.resolve("spark.weirdata")));
    }

    @Test
    void tuneWritesTheSameSetCandidateAndJournal() throws Exception {
        Path scenarios = SharedSpark.fixtures().resolve("scenarios");
        String[] tune = {"tune", "--type", "random_loss", "--scenarios", scenarios.resolve("steady-loss.json").toString(),
                scenarios.resolve("on-trace.json").toString(), "--holdout", scenarios.resolve("drop.json").toString(),
                "--traces-root", SharedSpark.fixtures().resolve("traces").toString(), "--seeds", "2", "--budget", "3"};
        run(with(tune, "--threads", "2", "--out", dir.resolve("local/random_loss.json").toString()));
        run(with(tune, with(SPARK, "--out", dir.resolve("spark/random_loss.json").toString())));

        List<String> files = assertSameTree(dir.resolve("local"), dir.resolve("spark"));
        assertEquals(List.of("random_loss.candidate.json", "random_loss.journal", "random_loss.json"), files);
    }

    /** Every file under {@code a} has the same bytes under {@code b} and no file is missing; the relative paths. */
    private static List<String> assertSameTree(Path a, Path b) throws IOException {
        List<String> left = relativeFiles(a);
        assertEquals(left, relativeFiles(b));
        for (String file : left) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
        return left;
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
