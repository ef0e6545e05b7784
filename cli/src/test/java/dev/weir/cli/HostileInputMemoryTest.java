package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelArtifactBuilder;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.model.TensorSpec;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.DatasetFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory bound as a test: every reader is fed its hostile fixtures (the committed ones of each
 * module under src/test/resources/hostile, plus large sparse files made here) in a forked JVM with
 * {@code -Xmx256m}; each file must give the reader's documented exception (which the CLI maps to
 * exit code 2), never an OutOfMemoryError or another exception. A valid model at the parameter
 * cap must load within the same heap.
 */
class HostileInputMemoryTest {
    private static final Path MODULES = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void everyReaderRejectsItsHostileFilesWithinA256MegabyteHeap() throws Exception {
        List<String> rejected = new ArrayList<>();
        fixtures("simulator/src/test/resources/hostile/scenario", ".json", "scenario", rejected);
        fixtures("bwe-core/src/test/resources/hostile/model", ".weirmodel", "model", rejected);
        fixtures("bwe-core/src/test/resources/hostile/settings", ".json", "settings", rejected);
        fixtures("cli/src/test/resources/hostile/settings", ".json", "settings", rejected);
        fixtures("models/src/test/resources/hostile/dataset", ".weirds", "dataset", rejected);
        fixtures("bwe-core/src/test/resources/hostile/eventlog", ".weirlog", "eventlog", rejected);
        fixtures("browser-stats/src/test/resources/hostile/stats", ".ndjson", "stats", rejected);
        // Files too large to commit, sparse (no disk space, nothing to read but what is written).
        rejected.add("model=" + sparse("zeros-200mb.weirmodel", 200_000_000, new byte[0]));
        rejected.add("model=" + sparse("zeros-60mb.weirmodel", 60_000_000, new byte[0]));
        rejected.add("mahimahi=" + sparse("huge.up", 9L << 20, new byte[0]));
        rejected.add("cooked=" + sparse("huge.cooked", 9L << 20, new byte[0]));
        rejected.add("gym=" + sparse("huge.json", 2L << 20, new byte[0]));
        rejected.add("scenario=" + sparse("huge-scenario.json", 2L << 20, new byte[0]));
        rejected.add("settings=" + sparse("huge-settings.json", 2L << 20, new byte[0]));
        rejected.add("dataset=" + datasetClaimingHeapItCannotHave());
        rejected.add("eventlog=" + sparse("zeros-200mb.weirlog", 200_000_000, new byte[0]));
        rejected.add("stats=" + sparse("huge.ndjson", (1L << 30) + 1, new byte[0]));
        rejected.add("stats=" + sparse("one-long-line.ndjson", 6L << 20, new byte[0]));

        // Hostile in shape but valid: must load without allocating per millisecond of trace.
        List<String> accepted = List.of(
                "scenario=" + MODULES.resolve("simulator/src/test/resources/hostile/scenario/"
                        + "huge-timestamp-1ms-bins.json"),
                "mahimahi=" + MODULES.resolve("simulator/src/test/resources/hostile/scenario/traces/huge-timestamp.up"),
                "model=" + modelAtTheParameterCap(),
                "eventlog=" + eventLogWithAReportAtTheCap(),
                "stats=" + MODULES.resolve("browser-stats/src/test/resources/dev/weir/browserstats/chrome-compressed.ndjson"));

        List<String> args = new ArrayList<>(rejected);
        args.addAll(accepted);
        List<String> lines = runProbe(args);
        for (String arg : rejected) {
            String line = lineFor(lines, arg);
            assertTrue(line.startsWith("REJECTED "), line);
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("raise -Xmx")),
                "the big dataset is rejected by the heap check:\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("wrong magic bytes 0000")),
                "the 60 MB zero file is rejected at its preamble:\n" + String.join("\n", lines));
        for (String arg : accepted) {
            String line = lineFor(lines, arg);
            assertTrue(line.startsWith("LOADED "), line);
        }
    }

    /** Runs {@link HostileInputProbe} in a JVM with a 256 MB heap; returns its output lines. */
    private List<String> runProbe(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HostileInputProbe.class.getName()));
        command.addAll(args);
        Path output = temp.resolve("probe.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start(); // stdout and stderr in one file: result lines and rejection messages
        int code = process.waitFor();
        List<String> lines = Files.readAllLines(output);
        assertEquals(0, code, "probe failed:\n" + String.join("\n", lines));
        return lines;
    }

    private static String lineFor(List<String> lines, String arg) {
        return lines.stream().filter(line -> line.endsWith(" " + arg)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + arg + " in " + lines));
    }

    private static void fixtures(String dir, String suffix, String kind, List<String> out) throws IOException {
        try (Stream<Path> files = Files.list(MODULES.resolve(dir))) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
            assertTrue(!found.isEmpty(), "no fixtures in " + dir);
            for (Path file : found) {
                if (!file.getFileName().toString().startsWith("huge-timestamp-1ms-bins")) { // valid: loads
                    out.add(kind + "=" + file);
                }
            }
        }
    }

    private Path sparse(String name, long size, byte[] start) throws IOException {
        Path file = temp.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(start);
            raf.setLength(size);
        }
        return file;
    }

    /**
     * A dataset whose header and blob length agree (one float per step, 300 MB of steps in four
     * calls): valid in form, but more than a 256 MB heap can hold. Rejected before allocating, with
     * a message asking for a larger heap. Only the frame is written: the file is sparse.
     */
    private Path datasetClaimingHeapItCannotHave() throws IOException {
        // one ts value, flags, time, labels, lead time, the two FEC floats (format version 4)
        long perStep = 4 + 1 + 4 + 1 + 1 + 4 + 1 + 1 + 1 + 1 + 4 + 4;
        long perCall = 300_000_000L / perStep / 4;
        long steps = 4 * perCall;
        FeatureSchema schema = FeatureSchema.custom(200, 1, List.of("rtt_ms"), List.of());
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
        var header = json.createObjectNode();
        header.set("feature_schema", json.valueToTree(schema));
        header.put("feature_schema_digest", schema.digest()).put("steps", steps);
        header.putArray("baselines");
        var sources = header.putArray("sources");
        for (int c = 0; c < 4; c++) {
            sources.addObject().put("family", "f").put("scenario", "s").put("seed", c).put("split", "test")
                    .put("trace", "t").put("group", "g").put("driver", "gcc").put("offset_ms", 0).put("steps", perCall);
        }
        header.putObject("split_sizes").put("train", 0).put("validation", 0).put("test", steps);
        header.putObject("settings");
        byte[] headerBytes = json.writeValueAsBytes(header);
        ByteBuffer start = ByteBuffer.allocate(16 + headerBytes.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        start.put(DatasetFile.FORMAT.magicBytes()).putInt(DatasetFile.FORMAT.version()).putInt(headerBytes.length)
                .put(headerBytes).putLong(steps * perStep);
        return sparse("big.weirds", 16 + headerBytes.length + 8 + steps * perStep + 32, start.array());
    }

    /** A valid artifact of about 14.7 million parameters (59 MB), near the 16 million cap. */
    private Path modelAtTheParameterCap() throws IOException {
        int tsFeatures = 1024;
        int denseFeatures = 4096;
        ModelArchitecture arch = new ModelArchitecture(1, tsFeatures, 1024, denseFeatures, 1024, 1024, List.of(
                new HeadSpec("loss_attribution", List.of("pure_random", "congestion"))));
        assertTrue(arch.parameterCount() > 14_000_000 && arch.parameterCount() <= ModelArchitecture.MAX_PARAMETERS);
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < tsFeatures; i++) {
            ts.add("ts_" + i);
        }
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < denseFeatures; i++) {
            dense.add("dense_" + i);
        }
        float[] ones = new float[Math.max(tsFeatures, denseFeatures)];
        Arrays.fill(ones, 1f);
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(arch)
                .featureSchema(FeatureSchema.custom(200, 50, ts, dense))
                .normalisation(Normalisation.standard(new float[tsFeatures], Arrays.copyOf(ones, tsFeatures),
                        new float[denseFeatures], Arrays.copyOf(ones, denseFeatures)))
                .provenance(new Provenance("sha256:" + "0".repeat(64), List.of(1L),
                        new ObjectMapper().createObjectNode(), Map.of("java", "17"), "HostileInputMemoryTest"))
                .metrics(new ObjectMapper().createObjectNode());
        for (TensorSpec spec : arch.tensorLayout()) {
            builder.tensor(spec.name(), new float[(int) spec.elementCount()]);
        }
        return builder.build().writeTo(temp);
    }

    /**
     * A valid event log whose one feedback report holds 2^20 entries (the reader's cap, ~9 MB):
     * read and replayed into GCC within the 256 MB heap.
     */
    private String eventLogWithAReportAtTheCap() throws IOException {
        Path file = temp.resolve("report-at-the-cap.weirlog");
        dev.weir.bwe.api.FeedbackReport report = new dev.weir.bwe.api.FeedbackReport(1 << 20);
        for (int i = 0; i < 1 << 20; i++) {
            report.add(i & 0xFFFF, i * 1_000L, i * 1_000L + 40_000, 1200);
        }
        dev.weir.bwe.api.BweResult result = new dev.weir.bwe.api.BweResult();
        try (dev.weir.bwe.eventlog.EventLogWriter writer = new dev.weir.bwe.eventlog.EventLogWriter(
                Files.newOutputStream(file), new dev.weir.bwe.eventlog.EventLogHeader("gcc", "", "", "cap", 0,
                30_000, 300_000, 5_000_000))) {
            writer.feedback(report, (1L << 20) * 1_000 + 80_000, result);
        }
        return file.toString();
    }
}
