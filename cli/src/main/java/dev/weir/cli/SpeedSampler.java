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
 * One speed sample of a benchmark jar: each figure from a fresh JVM (JMH, one fork, short warm-up,
 * five 1 s measurement iterations), so a sample is what one run of the benchmark on this machine
 * gives; the gate pairs samples of the two sides taken back to back. A sample is the best
 * iteration (the fastest time, the highest throughput), not their mean: on a shared machine other
 * work only ever adds time, so the best iteration is the least disturbed estimate of the code's own
 * cost.
 * <ul>
 *   <li>{@code gcc_ns_per_packet}: {@code GccPerPacketBenchmark}, variant gcc (ns per packet);</li>
 *   <li>{@code model_decision_us}: {@code ModelDecisionBenchmark}, one decision of the committed
 *       default model (input from the signal recorder, then inference; us per decision), run in
 *       the side's own checkout so each side uses its own {@code models/default};</li>
 *   <li>{@code simulator_x_realtime}: {@code SimulatorBenchmark}, calls per second x 60 s;</li>
 *   <li>{@code cold_start_ms}: wall time of a fresh JVM running {@code dev.weir.bench.ColdStart weir}
 *       (JVM start, class loading, first estimate), the fastest of {@value #COLD_STARTS} launches.</li>
 * </ul>
 *
 * <p>Stateless; thread-safe, but samples must run one at a time (they measure the machine).
 */
final class SpeedSampler {
    static final List<String> METRICS = List.of("gcc_ns_per_packet", "model_decision_us", "simulator_x_realtime",
            "cold_start_ms");
    static final int COLD_STARTS = 5;
    private static final List<String> JMH_RUN = List.of("-f", "1", "-wi", "2", "-w", "1", "-i", "5", "-r", "1");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JMH_LOCKED = "Unable to acquire the JMH lock";
    /** Waiting for another JMH run: up to 120 x 5 s. */
    private static final int LOCK_ATTEMPTS = 120;
    private static final long LOCK_WAIT_MS = 5_000;

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
            // JMH refuses to run while another JMH on the machine holds its lock file (jmh.lock in
            // java.io.tmpdir): wait for it rather than measure two benchmarks fighting over the cores.
            for (int attempt = 0; attempt < LOCK_ATTEMPTS && r.output().contains(JMH_LOCKED); attempt++) {
                Thread.sleep(LOCK_WAIT_MS);
                r = Processes.run(command, dir, Map.of("OMP_NUM_THREADS", "1"));
            }
            JsonNode runs = Files.size(result) > 0 ? JSON.readTree(result.toFile()) : null;
            if (r.exitCode() != 0 || runs == null || !runs.isArray() || runs.size() != 1) {
                throw new BadInputException(jar + " could not run " + benchmark + " (exit " + r.exitCode()
                        + "): is it a weir benchmark jar with that benchmark?\n" + r.tail(15));
            }
            double best = best(runs.get(0));
            if (Double.isNaN(best)) {
                throw new BadInputException(jar + ": " + benchmark + " reported no iteration scores");
            }
            return best;
        } finally {
            Files.deleteIfExists(result);
        }
    }

    /**
     * The best measurement iteration of one JMH result (JSON): the highest score in throughput
     * mode, the lowest otherwise; NaN when it has no positive iteration score.
     */
    static double best(JsonNode result) {
        boolean throughput = "thrpt".equals(result.path("mode").asText());
        double best = Double.NaN;
        for (JsonNode fork : result.path("primaryMetric").path("rawData")) {
            for (JsonNode iteration : fork) {
                double v = iteration.asDouble();
                if (v > 0 && (Double.isNaN(best) || (throughput ? v > best : v < best))) {
                    best = v;
                }
            }
        }
        return best;
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
        return ms[0];
    }
}
