package dev.weir.netpath;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.steer.Bundle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real call over a real network path, beside the simulator's prediction for the same link.
 *
 * <ol>
 *   <li>Checks that namespaces and tbf work here ({@link NetnsPath#unavailableReason}) and removes
 *       namespaces killed runs left behind ({@link NetnsPath#cleanStale}).
 *   <li>Creates the path: two namespaces, a veth pair, a {@link Tbf} at the rate on the sender's
 *       end ({@link NetnsPath}); a shutdown hook tears it down on Ctrl-C.
 *   <li>Starts the receiver, then the sender, as child JVMs inside their namespaces
 *       ({@link NetpathChild}), waits for both, and always tears the path down.
 *   <li>Joins their logs ({@link CallAnalysis}) and simulates the equivalent scenario
 *       ({@link #equivalentScenarioJson}) with the same estimator, seed 1.
 * </ol>
 *
 * <p>Not thread-safe: one instance runs one call at a time (calls may run concurrently in separate
 * instances: every run's namespaces and devices have their own names).
 */
public final class UdpCall {
    /** UDP port of the receiver (inside its own namespace, so fixed). */
    static final int RECEIVER_PORT = 5004;
    /** UDP port of the sender. */
    static final int SENDER_PORT = 5005;
    /** Full-size IP packet of the simulator's media model, bytes. */
    static final int FULL_PACKET_BYTES = 1200;
    /** How long the receiver may take to start and bind (a JVM start on a busy 2-core machine), ms. */
    static final long START_TIMEOUT_MS = 60_000;
    /** Grace beyond the call for the sender to finish and write its logs, ms. */
    static final long FINISH_GRACE_MS = 60_000;
    /** The receiver's own deadline beyond the call: it stops even if every BYE is lost, us. */
    static final long RECEIVER_GRACE_US = 30_000_000;
    /** Timeout of one ip/tc command, ms. */
    static final long COMMAND_TIMEOUT_MS = 10_000;
    /** Child JVM options: a small serial-GC heap (short pauses) and C1 only (less JIT CPU on a shared machine). */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true");
    /** GCC's default start rate, kbps (libwebrtc's 300 kbps start, the scenario library's default). */
    static final long START_KBPS = 300;
    /** GCC's default minimum, kbps. */
    static final long MIN_KBPS = 30;
    /** Media maximum: the scenario library's 5 Mbps, or twice the link when that is faster. */
    static final long MAX_KBPS = 5_000;

    /**
     * What to run.
     *
     * @param rateBps tbf rate (whole frames), bits per second
     * @param durationUs call length
     * @param estimator registry name
     * @param feedbackDelayUs extra delay of every datagram the receiver sends back
     * @param queueUs tbf latency (queue drain time)
     * @param bundlePath the steering bundle the child loads, or null for GCC's defaults
     * @param childMainClass main class of the child processes ({@link NetpathChild} or one with another registry)
     */
    public record Config(long rateBps, long durationUs, String estimator, long feedbackDelayUs, long queueUs,
                         Path bundlePath, String childMainClass) {
        public Config {
            if (durationUs < 1_000_000 || durationUs > 3_600_000_000L) {
                throw new IllegalArgumentException("call length " + durationUs / 1e6 + " s: must be in [1, 3600] s");
            }
            if (feedbackDelayUs < 0 || feedbackDelayUs > 5_000_000) {
                throw new IllegalArgumentException("feedback delay " + feedbackDelayUs / 1e3 + " ms: must be in [0, 5000] ms");
            }
            new Tbf(rateBps, Tbf.MIN_BURST_BYTES, queueUs); // checks rate and queue
        }
    }

    /** The outcome: the real call's series and metrics, the simulator's call and its metrics. */
    public record Result(Config config, Tbf tbf, String scenarioJson, CallAnalysis.Joined real, PathMetrics realMetrics,
                         CallResult simulated, PathMetrics simulatedMetrics, Map<String, Object> senderCounters,
                         Map<String, Object> receiverCounters, String bundleId) {
    }

    private final CommandRunner runner;
    private final PrintWriter progress;

    public UdpCall(CommandRunner runner, PrintWriter progress) {
        this.runner = runner;
        this.progress = progress;
    }

    /** The IP-level capacity of full-size packets through a tbf of {@code rateBps} (tbf counts the Ethernet header). */
    public static long ipCapacityBps(long rateBps) {
        return rateBps * FULL_PACKET_BYTES / (FULL_PACKET_BYTES + RtpPackets.ETHERNET_HEADER_BYTES);
    }

    /**
     * The simulator's scenario for the same link: constant {@link #ipCapacityBps} (the simulator's
     * packets are IP-level sizes), the tbf's latency as {@code queue_ms}, no propagation delay (the
     * veth adds tens of microseconds), the feedback delay as {@code return_delay_ms}, 100 ms
     * feedback, the scenario library's media (300 kbps start, 30 kbps min, max 5 Mbps or twice the
     * link).
     */
    public static String equivalentScenarioJson(Config config) {
        long rateKbps = config.rateBps() / 1_000;
        return String.format(Locale.ROOT, """
                {
                  "name": "udp-%dkbps",
                  "family": "udp-equivalent",
                  "description": "The simulator's equivalent of ./weir udp-call --rate-kbps %d: tbf rate as IP-level capacity of 1200-byte packets, tbf latency as queue, feedback delay as return delay.",
                  "duration_s": %s,
                  "link": {
                    "capacity": {"type": "constant", "kbps": %s},
                    "one_way_delay_ms": 0,
                    "jitter_ms": 0,
                    "queue_ms": %s,
                    "loss": {"type": "none"}
                  },
                  "return_delay_ms": %s,
                  "feedback_interval_ms": %d,
                  "media": {"start_kbps": %d, "min_kbps": %d, "max_kbps": %d}
                }
                """, rateKbps, rateKbps, plain(config.durationUs() / 1e6), plain(ipCapacityBps(config.rateBps()) / 1e3),
                plain(config.queueUs() / 1e3), plain(config.feedbackDelayUs() / 1e3),
                UdpReceiver.FEEDBACK_INTERVAL_US / 1_000, START_KBPS, MIN_KBPS,
                Math.max(MAX_KBPS, 2 * rateKbps));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * Runs the call.
     *
     * @param registry estimators for the simulator's call (the child builds its own through its main class)
     * @param bundle the bundle the simulator's call uses (the same as {@code config.bundlePath()})
     * @throws NetpathException when the path cannot be made here or a process fails
     */
    public Result run(Config config, EstimatorRegistry registry, Bundle bundle) throws IOException {
        if (!registry.contains(config.estimator())) {
            throw new IllegalArgumentException("unknown estimator '" + config.estimator() + "'; known: "
                    + registry.names());
        }
        String reason = NetnsPath.unavailableReason(runner);
        if (reason != null) {
            throw new NetpathException(reason);
        }
        for (String stale : NetnsPath.cleanStale(runner, NetnsPath::isAlive)) {
            progress.println("udp-call: removed namespace " + stale + " left by a killed run");
        }
        String scenarioJson = equivalentScenarioJson(config);
        Scenario scenario = ScenarioLoader.parse(scenarioJson, null, null, "equivalent scenario");
        Tbf tbf = Tbf.forRate(config.rateBps(), config.queueUs());
        Path work = Files.createTempDirectory("weir-udp-call-");
        try {
            Path scenarioFile = work.resolve("scenario.json");
            Files.writeString(scenarioFile, scenarioJson);
            Runs runs = runProcesses(config, tbf, scenarioFile, work);
            CsvTable senderSummary = CsvTable.read(work.resolve("sender.csv"), UdpSender.SUMMARY_COLUMNS);
            CsvTable receiverSummary = CsvTable.read(work.resolve("receiver.csv"), UdpReceiver.SUMMARY_COLUMNS);
            CallAnalysis.Joined real = CallAnalysis.join(
                    CsvTable.read(work.resolve("sent.csv"), UdpSender.SENT_COLUMNS),
                    CsvTable.read(work.resolve("arrivals.csv"), UdpReceiver.ARRIVAL_COLUMNS),
                    CsvTable.read(work.resolve("rows.csv"), UdpSender.ROW_COLUMNS),
                    senderSummary.whole(0, "start_us"), senderSummary.whole(0, "end_us"),
                    ipCapacityBps(config.rateBps()));
            CallAnalysis.Series s = real.series();
            PathMetrics realMetrics = PathMetrics.of(s.column("time_s"), s.column("target_bps"), s.column("recv_bps"),
                    s.column("rtt_ms"), PathMetrics.percentile(real.mediaDelaysMs(), PathMetrics.PERCENTILE),
                    real.packetsSent() > 0 ? 100.0 * real.packetsLost() / real.packetsSent() : 0, config.rateBps(),
                    real.durationS());
            CallResult simulated = CallSimulator.run(scenario, config.estimator(),
                    registry.create(config.estimator(), new EstimatorContext(scenario, bundle)), 1);
            Map<String, Object> simMetrics = simulated.metrics().toMap();
            PathMetrics simulatedMetrics = PathMetrics.of(simulated.series().column("time_s"),
                    simulated.series().column("target_bps"), simulated.series().column("recv_bps"),
                    simulated.series().column("rtt_ms"), ((Number) simMetrics.get("delay_p95_ms")).doubleValue(),
                    ((Number) simMetrics.get("loss_pct")).doubleValue(), config.rateBps(),
                    scenario.durationUs() / 1e6);
            return new Result(config, tbf, scenarioJson, real, realMetrics, simulated, simulatedMetrics,
                    counters(senderSummary), counters(receiverSummary), bundle.id());
        } finally {
            deleteTree(work);
        }
    }

    private record Runs(int senderExit, int receiverExit) {
    }

    /** Creates the path, runs both processes in it, and always tears it down. */
    private Runs runProcesses(Config config, Tbf tbf, Path scenarioFile, Path work) throws IOException {
        List<Process> children = new ArrayList<>();
        NetnsPath[] holder = new NetnsPath[1];
        Thread hook = new Thread(() -> {
            children.forEach(Process::destroyForcibly);
            if (holder[0] != null) {
                holder[0].teardown();
            }
        }, "udp-call-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            NetnsPath path = NetnsPath.create(runner, tbf);
            holder[0] = path;
            progress.printf("udp-call: namespaces %s -> %s, tbf %s (burst %d B, queue %d ms = %d B)%n",
                    path.senderNamespace(), path.receiverNamespace(), rate(tbf.rateBps()), tbf.burstBytes(),
                    tbf.latencyUs() / 1_000, tbf.limitBytes());
            long t0Nanos = System.nanoTime();
            Process receiver = start(path.receiverNamespace(), config, work, "receiver", List.of(
                    "--t0-nanos", Long.toString(t0Nanos),
                    "--local", NetnsPath.RECEIVER_ADDRESS + ":" + RECEIVER_PORT,
                    "--feedback-delay-us", Long.toString(config.feedbackDelayUs()),
                    "--deadline-us", Long.toString(START_TIMEOUT_MS * 1_000 + config.durationUs() + RECEIVER_GRACE_US),
                    "--seed", "1",
                    "--log-dir", work.toString()), children, false);
            awaitReady(receiver, work.resolve("receiver.err"));
            progress.printf("udp-call: receiver ready; sending %s for %.0f s with %s%n", rate(config.rateBps()),
                    config.durationUs() / 1e6, config.estimator());
            Process sender = start(path.senderNamespace(), config, work, "sender", List.of(
                    "--t0-nanos", Long.toString(t0Nanos),
                    "--local", NetnsPath.SENDER_ADDRESS + ":" + SENDER_PORT,
                    "--remote", NetnsPath.RECEIVER_ADDRESS + ":" + RECEIVER_PORT,
                    "--duration-us", Long.toString(config.durationUs()),
                    "--scenario", scenarioFile.toString(),
                    "--estimator", config.estimator(),
                    "--bundle", config.bundlePath() == null ? "-" : config.bundlePath().toAbsolutePath().toString(),
                    "--seed", "1",
                    "--log-dir", work.toString()), children, true);
            int senderExit = await(sender, START_TIMEOUT_MS + config.durationUs() / 1_000 + FINISH_GRACE_MS, "sender",
                    work.resolve("sender.err"));
            int receiverExit = await(receiver, FINISH_GRACE_MS, "receiver", work.resolve("receiver.err"));
            return new Runs(senderExit, receiverExit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetpathException("interrupted while the call ran", e);
        } finally {
            children.forEach(Process::destroyForcibly);
            if (holder[0] != null) {
                List<String> problems = holder[0].teardown();
                for (String problem : problems) {
                    progress.println("udp-call: teardown: " + problem);
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (teardown is idempotent)
            }
        }
    }

    private Process start(String namespace, Config config, Path work, String role, List<String> options,
            List<Process> children, boolean stdoutToFile) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(CHILD_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), config.childMainClass(), role));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(work.resolve(role + ".err").toFile());
        if (stdoutToFile) {
            builder.redirectOutput(work.resolve(role + ".out").toFile());
        }
        Process process = builder.start(); // stdin stays a pipe: closing it (or our death) stops the child
        children.add(process);
        return process;
    }

    private static void awaitReady(Process receiver, Path errors) throws IOException, InterruptedException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (IOException e) {
                return null;
            }
        }, command -> {
            Thread thread = new Thread(command, "receiver-ready");
            thread.setDaemon(true);
            thread.start();
        });
        String first;
        try {
            first = line.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            first = null;
        }
        if (!NetpathChild.READY.equals(first)) {
            receiver.destroyForcibly();
            throw new NetpathException("the receiver did not start (" + (first == null ? "no output" : first) + ")"
                    + tail(errors));
        }
    }

    private static int await(Process process, long timeoutMs, String role, Path errors) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new NetpathException("the " + role + " did not finish within " + timeoutMs / 1_000 + " s" + tail(errors));
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new NetpathException("the " + role + " failed (exit " + exit + ")" + tail(errors));
        }
        return exit;
    }

    /** The last lines of a child's stderr, for an error message. */
    private static String tail(Path errors) {
        try {
            List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "";
            }
            return ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, Object> counters(CsvTable summary) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String column : summary.columns()) {
            map.put(column, summary.whole(0, column));
        }
        return map;
    }

    static String rate(long bps) {
        return bps >= 1_000_000 && bps % 100_000 == 0 ? String.format(Locale.ROOT, "%.1f Mbps", bps / 1e6)
                : String.format(Locale.ROOT, "%d kbps", bps / 1_000);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans /tmp
        }
    }

    /**
     * Writes {@code timeseries.csv} (the real call), {@code simulated/timeseries.csv},
     * {@code scenario.json} (the equivalent scenario), {@code metrics.json} and {@code plot.png}
     * into {@code dir}.
     */
    public static void write(Result result, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("simulated"));
        AtomicFiles.write(dir.resolve("timeseries.csv"), result.real().series().toCsv().getBytes(StandardCharsets.UTF_8));
        result.simulated().series().writeCsv(dir.resolve("simulated").resolve("timeseries.csv"));
        AtomicFiles.write(dir.resolve("scenario.json"), result.scenarioJson().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("metrics.json"), metricsJson(result).getBytes(StandardCharsets.UTF_8));
        UdpCallPlot.writePng(dir.resolve("plot.png"), result);
    }

    static String metricsJson(Result result) {
        Config config = result.config();
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("tbf_rate_bps", result.tbf().rateBps());
        link.put("tbf_burst_bytes", result.tbf().burstBytes());
        link.put("tbf_latency_ms", result.tbf().latencyUs() / 1_000.0);
        link.put("tbf_limit_bytes", result.tbf().limitBytes());
        link.put("ip_capacity_bps", ipCapacityBps(config.rateBps()));
        link.put("feedback_delay_ms", config.feedbackDelayUs() / 1_000.0);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("estimator", config.estimator());
        map.put("bundle", result.bundleId());
        map.put("duration_s", config.durationUs() / 1e6);
        map.put("link", link);
        map.put("real", result.realMetrics().toMap());
        map.put("simulated", result.simulatedMetrics().toMap());
        map.put("simulated_call_metrics", result.simulated().metrics().toMap());
        map.put("sender", result.senderCounters());
        map.put("receiver", result.receiverCounters());
        map.put("load_average", loadAverage());
        map.put("weir_version", RunInfo.currentVersion());
        try {
            return dev.weir.bwe.config.SettingsJson.mapper().writeValueAsString(map) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise udp-call metrics", e);
        }
    }

    /** The 1-minute load average when the call ended ({@code /proc/loadavg}), or -1: a busy machine delays packets. */
    static double loadAverage() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg"));
            return Double.parseDouble(text.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The console summary: real beside simulated. */
    public static String summary(Result result) {
        PathMetrics real = result.realMetrics();
        PathMetrics sim = result.simulatedMetrics();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s through tbf %s (burst %d B, queue %d ms), %.0f s, feedback delay %d ms%n",
                result.config().estimator(), rate(result.config().rateBps()), result.tbf().burstBytes(),
                result.tbf().latencyUs() / 1_000, result.config().durationUs() / 1e6,
                result.config().feedbackDelayUs() / 1_000));
        text.append(String.format(Locale.ROOT, "  %-34s %10s %10s%n", "", "real", "simulator"));
        row(text, "mean target / rate, 2nd half", real.targetOverRateSecondHalf(), sim.targetOverRateSecondHalf(), "%.3f");
        row(text, "mean received / rate, 2nd half", real.recvOverRateSecondHalf(), sim.recvOverRateSecondHalf(), "%.3f");
        row(text, "time to 80 % of rate (s)", real.timeTo80PctS(), sim.timeTo80PctS(), "%.1f");
        row(text, "p95 RTT, RTCP (ms)", real.rttP95Ms(), sim.rttP95Ms(), "%.1f");
        row(text, "p95 one-way delay (ms)", real.delayP95Ms(), sim.delayP95Ms(), "%.1f");
        row(text, "loss (%)", real.lossPct(), sim.lossPct(), "%.2f");
        text.append(String.format(Locale.ROOT, "  sender wake-ups > 2 ms late: %s; load average %.1f%n",
                result.senderCounters().get("late_wakeups"), loadAverage()));
        return text.toString();
    }

    private static void row(StringBuilder text, String name, double real, double sim, String format) {
        text.append(String.format(Locale.ROOT, "  %-34s %10s %10s%n", name, String.format(Locale.ROOT, format, real),
                String.format(Locale.ROOT, format, sim)));
    }
}
