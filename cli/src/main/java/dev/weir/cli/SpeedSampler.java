package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One speed sample of a benchmark jar: each figure from a fresh JVM (JMH, one fork, short warm-up and
 * measurement), so a sample is what one run of the benchmark on this machine gives; the gate pairs
 * samples of the two sides taken back to back.
 * <ul>
 *   <li>{@code gcc_ns_per_packet}: {@code GccPerPacketBenchmark}, variant gcc (ns per packet);</li>
 *   <li>{@code model_decision_us}: {@code ModelDecisionBenchmark}, one decision of the committed
 *       default model (input from the signal recorder, then inference; us per decision), run in
 *       the side's own checkout so each side uses its own {@code models/default};</li>
 *   <li>{@code simulator_x_realtime}: {@code SimulatorBenchmark}, calls per second x 60 s;</li>
 *   <li>{@code cold_start_ms}: wall time of a fresh JVM running {@code dev.weir.bench.ColdStart weir}
 *       (JVM start, class loading, first estimate), median of {@value #COLD_STARTS} launches.</li>
 * </ul>
 *
 * <p>Stateless; thread-safe, but samples must run one at a time (they measure the machine).
 */
final class SpeedSampler {
    static final List<String> METRICS = List.of("gcc_ns_per_packet", "model_decision_us", "simulator_x_realtime",
            "cold_start_ms");
    static final int COLD_STARTS = 5;
    private static final List<String> JMH_RUN = List.of("-f", "1", "-wi", "2", "-w", "1", "-i", "3", "-r", "1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpeedSampler() {
    }

    /**
     * Every figure of {@code metrics} for the benchmark jar {@code jar}, run in {@code dir} (a
     * checkout, or a build cache entry holding the revision's {@code models/default}).
     */
    static Map<String, Object> sample(Path jar, Path dir, List<String> metrics) throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String metric : metrics) {
            out.put(metric, switch (metric) {
                case "gcc_ns_per_packet" -> jmh(jar, dir, "GccPerPacketBenchmark", "variant=gcc");
                case "model_decision_us" -> jmh(jar, dir, "ModelDecisionBenchmark", null);
                case "simulator_x_realtime" -> 60 * jmh(jar, dir, "SimulatorBenchmark", null);
                case "cold_start_ms" -> coldStartMs(jar, dir);
                default -> throw new BadInputException("unknown speed figure '" + metric + "'; known: " + METRICS);
            });
        }
        return out;
    }

    private static double jmh(Path jar, Path dir, String benchmark, String param)
            throws IOException, InterruptedException {
        Path result = Files.createTempFile("weir-gate-jmh-", ".json");
        try {
            List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", jar.toString(), benchmark));
            command.addAll(JMH_RUN);
            if (param != null) {
                command.addAll(List.of("-p", param));
            }
            command.addAll(List.of("-rf", "json", "-rff", result.toString()));
            Processes.Result r = Processes.run(command, dir, Map.of("OMP_NUM_THREADS", "1"));
            JsonNode runs = Files.size(result) > 0 ? JSON.readTree(result.toFile()) : null;
            if (r.exitCode() != 0 || runs == null || !runs.isArray() || runs.size() != 1) {
                throw new BadInputException(jar + " could not run " + benchmark + " (exit " + r.exitCode()
                        + "): is it a weir benchmark jar with that benchmark?\n" + r.tail(15));
            }
            return runs.get(0).path("primaryMetric").path("score").asDouble();
        } finally {
            Files.deleteIfExists(result);
        }
    }

    private static double coldStartMs(Path jar, Path dir) throws IOException, InterruptedException {
        double[] ms = new double[COLD_STARTS];
        for (int i = 0; i < ms.length; i++) {
            long startNs = System.nanoTime();
            Processes.Result r = Processes.run(List.of(Processes.java(), "-cp", jar.toString(),
                    "dev.weir.bench.ColdStart", "weir"), dir);
            ms[i] = (System.nanoTime() - startNs) / 1e6;
            if (r.exitCode() != 0) {
                throw new BadInputException(jar + " could not run dev.weir.bench.ColdStart:\n" + r.tail(10));
            }
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
