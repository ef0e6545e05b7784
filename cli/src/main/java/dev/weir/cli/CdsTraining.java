package dev.weir.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run {@link CdsArchive} dumps the classes of: the command lines people start most, in one
 * JVM, on small inputs (a 20 s call, two seeds, synthetic scenarios and tiny traces written to a
 * work directory; the committed bundle and default model when present). Output, progress bars on
 * standard error included, is discarded; a command that fails only means its classes are missing
 * from the archive, so it is reported and the run goes on.
 *
 * <p>Not for people: the build runs it.
 */
public final class CdsTraining {
    private static final String SHORT_CALL = """
            {"name": "cds-short", "duration_s": 20,
             "link": {"capacity": {"type": "steps", "steps": [{"at_s": 0, "kbps": 2500}, {"at_s": 10, "kbps": 800}]},
                      "one_way_delay_ms": 30, "jitter_ms": 2, "queue_ms": 300, "loss": {"type": "random", "rate": 0.01}},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 5000, "audio": true}}
            """;
    private static final String COOKED_CALL = """
            {"name": "cds-cooked", "duration_s": 15,
             "link": {"capacity": {"type": "cooked", "file": "cds.cooked"}, "one_way_delay_ms": 40, "queue_ms": 300,
                      "loss": {"type": "gilbert", "p_good_bad": 0.01, "p_bad_good": 0.25, "loss_bad": 1.0}},
             "cross_traffic": {"type": "onoff", "kbps": 300, "on_s": 2, "off_s": 2}}
            """;
    private static final String MAHIMAHI_CALL = """
            {"name": "cds-mahimahi", "duration_s": 15,
             "link": {"capacity": {"type": "mahimahi", "file": "cds.up"}, "one_way_delay_ms": 40, "queue_bytes": 60000}}
            """;

    private CdsTraining() {
    }

    /** {@code args}: the repository root, a work directory. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Path scenarios = Files.createDirectories(work.resolve("scenarios"));
        Path shortCall = scenarios.resolve("cds-short.json");
        Files.writeString(shortCall, SHORT_CALL);
        Files.writeString(scenarios.resolve("cds-cooked.json"), COOKED_CALL);
        Files.writeString(scenarios.resolve("cds-mahimahi.json"), MAHIMAHI_CALL);
        Files.writeString(scenarios.resolve("cds.cooked"), "0.0\t2.0\n1.0\t1.0\n2.5\t3.0\n");
        Files.writeString(scenarios.resolve("cds.up"), "0\n3\n5\n9\n12\n17\n");

        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("--help"));
        lines.add(List.of("--version"));
        lines.add(List.of("scenarios", "--scenarios", scenarios.toString()));
        lines.add(List.of("scenarios", "--scenarios", work.resolve("missing.json").toString()));
        lines.add(List.of("simulate", "--help"));
        lines.add(List.of("simulate", "--scenario", shortCall.toString(), "--estimator", "gcc", "--out",
                work.resolve("simulate").toString()));
        Path bundle = root.resolve("configs").resolve("bundle");
        if (Files.isDirectory(bundle)) {
            lines.add(List.of("simulate", "--scenario", shortCall.toString(), "--estimator", "weir", "--bundle",
                    bundle.toString(), "--out", work.resolve("simulate-weir").toString(), "--plot"));
        }
        lines.add(List.of("compare", "--scenarios", shortCall.toString(), "--a", "gcc", "--b", "oracle", "--seeds",
                "2", "--threads", "1", "--out", work.resolve("compare").toString()));
        lines.add(List.of("dataset", "--no-traces", "--scenarios", scenarios.toString(), "--seeds", "1",
                "--duration-s", "15", "--threads", "1", "--out", work.resolve("dataset.weirds").toString()));
        Path models = root.resolve("models").resolve("default");
        if (Files.isDirectory(models)) {
            try (Stream<Path> files = Files.list(models)) {
                files.filter(f -> f.toString().endsWith(".weirmodel")).findFirst()
                        .ifPresent(model -> lines.add(List.of("model-info", model.toString())));
            }
        }
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (List<String> line : lines) {
                int code = Main.execute(line.toArray(new String[0]), discard, discard);
                boolean expectedToFail = line.get(line.size() - 1).endsWith("missing.json");
                if ((code != 0) != expectedToFail) {
                    stderr.println("[cds] " + String.join(" ", line) + " exited " + code
                            + "; its classes are not in the archive");
                }
            }
        } finally {
            System.setErr(stderr);
        }
    }
}
