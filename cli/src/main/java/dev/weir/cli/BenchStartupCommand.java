package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.runner.StartupTrace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weir bench-startup}: time to first result per command. Starts each command as a user
 * does ({@code ./weir ...}, cold, a fresh process each time), several times in turn, and prints
 * medians of the timeline from process start: JVM up ({@code main} entered), command wired
 * (arguments parsed, command built), inputs parsed (settings, scenarios, dataset), first
 * simulated second, first training batch, first useful output (the command's own mark: the help
 * or first scenario printed, the call written, the first call of a comparison or dataset done, the
 * first epoch reported), the first stdout byte and exit; with the
 * class-loading time and class counts of HotSpot's performance counters, JIT time and peak
 * resident memory. The timeline marks come from {@link StartupTrace}; an older build without them
 * still gets the whole-process, first-output, class and JIT figures. A measurement tool, not a
 * test: wall time is what it reports, and on a shared machine only medians of several runs with
 * the load beside them mean anything.
 */
@Command(name = "bench-startup", mixinStandardHelpOptions = true,
        description = {"Measures time to first result per command, cold, with its phases.",
                "Runs each command as ./weir does, in fresh processes, in turn, and prints medians: JVM up,",
                "command wired, inputs parsed, first simulated second, first training batch, first output",
                "and exit (seconds from process start), class loading, JIT time and peak resident memory.",
                "Run it from the repository root."})
final class BenchStartupCommand implements Callable<Integer> {
    /** The commands measured by default, in the order, after the empty-JVM reference. */
    static final List<String> COMMANDS = List.of("empty-main", "help", "scenarios", "simulate", "compare", "dataset",
            "train", "model-info");

    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;

    @Option(names = "--commands", split = ",", paramLabel = "NAME",
            description = "Commands to measure (default: all): empty-main (an empty Java main: the reference), help, "
                    + "version, scenarios, simulate, compare, dataset, train, model-info.")
    List<String> commands = COMMANDS;
    @Option(names = "--runs", defaultValue = "5", description = "Cold starts per command (default: ${DEFAULT-VALUE}).")
    int runs;
    @Option(names = "--launcher", paramLabel = "FILE",
            description = "Launcher to start (default: ./weir); repeat it with another checkout's for before/after"
                    + " figures: every launcher's runs are interleaved, so all see the same load.")
    List<Path> launchers = List.of(Path.of("./weir"));
    @Option(names = "--call-s", defaultValue = "60", paramLabel = "SECONDS",
            description = "Length of simulate's call: wired-stable, 2.5 Mbps (default: ${DEFAULT-VALUE}).")
    int callS;

    /** One command of one launcher: its arguments (placeholder {@code @RUN} for the run's directory). */
    private record Workload(Path launcher, String name, List<String> command) {
    }

    /** What one cold start measured; times in seconds from process start, NaN when not reached. */
    private record Sample(double wholeS, double firstOutputS, Map<String, Double> marks, double classLoadS,
                          long classes, long sharedClasses, double jitS, double peakRssMb) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new BadInputException("--runs must be at least 1, got " + runs);
        }
        if (callS < 15 || callS > 86_400) {
            throw new BadInputException("--call-s must be in [15, 86400], got " + callS);
        }
        for (Path launcher : launchers) {
            if (!Files.isRegularFile(launcher)) {
                throw new BadInputException("--launcher " + launcher + " not found: run from the repository root");
            }
            if (!Files.isDirectory(launcher.toAbsolutePath().getParent().resolve("configs").resolve("scenarios"))) {
                throw new BadInputException("no configs/scenarios beside " + launcher
                        + ": run from the repository root");
            }
        }
        PrintWriter console = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("weir-bench-startup");
        try {
            List<Workload> workloads = new ArrayList<>();
            for (Path launcher : launchers) {
                workloads.addAll(workloads(launcher, work.resolve("launcher-" + workloads.size()), console));
            }
            Map<Workload, List<Sample>> samples = new LinkedHashMap<>();
            workloads.forEach(w -> samples.put(w, new ArrayList<>()));
            String loadBefore = load();
            for (int run = 0; run < runs; run++) {
                for (int i = 0; i < workloads.size(); i++) {
                    Workload workload = workloads.get(i);
                    Path runDir = Files.createDirectories(work.resolve("run-" + run + "-" + i));
                    samples.get(workload).add(measure(workload, runDir));
                }
            }
            String loadAfter = load();
            for (Path launcher : launchers) {
                Map<String, List<Sample>> own = new LinkedHashMap<>();
                samples.forEach((workload, list) -> {
                    if (workload.launcher().equals(launcher)) {
                        own.put(workload.name(), list);
                    }
                });
                print(console, launcher, own, loadBefore, loadAfter);
            }
            console.println("jvm: main entered; wired: arguments parsed, command built; inputs: settings, scenarios or"
                    + " dataset read; 1st-s: first simulated second; batch: first training batch; result: first useful"
                    + " output (help or the first scenario printed, the call written, the first call of a comparison or"
                    + " dataset done, the first epoch reported, the model described); stdout: first byte on standard"
                    + " output; exit: before System.exit; whole: until the process ended; cls-s: class loading, linking and"
                    + " initialisation (sun.cls.time); jit-s: JIT compiler time; classes/cds: loaded / from the"
                    + " class-data-sharing archives; rss-MB: peak resident memory at exit (VmHWM).");
        } finally {
            AtomicFiles.deleteRecursively(work);
        }
        return 0;
    }

    private List<Workload> workloads(Path launcher, Path work, PrintWriter console)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path root = launcher.toAbsolutePath().getParent();
        String launcherPath = launcher.toAbsolutePath().toString();
        List<Workload> workloads = new ArrayList<>();
        for (String name : commands) {
            switch (name) {
                case "empty-main" -> workloads.add(new Workload(launcher, name, List.of(javaBinary(), "-cp", ownJar(),
                        EmptyMain.class.getName())));
                case "help" -> workloads.add(new Workload(launcher, name, List.of(launcherPath, "--help")));
                case "version" -> workloads.add(new Workload(launcher, name, List.of(launcherPath, "--version")));
                case "scenarios" -> {
                    Path tracesRoot = traces.resolve();
                    workloads.add(new Workload(launcher, name, tracesRoot == null ? List.of(launcherPath, "scenarios", "--scenarios",
                            syntheticScenarios(root).toString()) : List.of(launcherPath, "scenarios", "--traces-root",
                            tracesRoot.toString())));
                }
                case "simulate" -> {
                    Path scenario = work.resolve("wired-" + callS + "s.json");
                    Files.writeString(scenario, Files.readString(root.resolve("configs/scenarios/wired-stable.json"))
                            .replace("\"duration_s\": 60", "\"duration_s\": " + callS));
                    workloads.add(new Workload(launcher, name, List.of(launcherPath, "simulate", "--scenario", scenario.toString(),
                            "--estimator", "gcc", "--out", "@RUN/simulate")));
                }
                case "compare" -> workloads.add(new Workload(launcher, name, List.of(launcherPath, "compare", "--scenarios",
                        root.resolve("configs/scenarios/wired-stable.json").toString(),
                        root.resolve("configs/scenarios/random-loss-5.json").toString(), "--estimators",
                        "gcc,gcc-classic", "--seeds", "2", "--out", "@RUN/compare")));
                case "dataset" -> workloads.add(new Workload(launcher, name, List.of(launcherPath, "dataset", "--no-traces",
                        "--scenarios", syntheticScenarios(root).toString(), "--seeds", "1", "--duration-s", "30",
                        "--max-calls", "4", "--out", "@RUN/dataset.weirds")));
                case "train" -> workloads.add(new Workload(launcher, name, List.of(launcherPath, "train", "--data",
                        trainingData(launcher, root, work, console).toString(), "--max-epochs", "1", "--out",
                        "@RUN/model")));
                case "model-info" -> workloads.add(new Workload(launcher, name, List.of(launcherPath, "model-info",
                        defaultModel(root).toString())));
                default -> throw new BadInputException("--commands: unknown command '" + name + "'; known: "
                        + "empty-main, help, version, scenarios, simulate, compare, dataset, train, model-info");
            }
        }
        return workloads;
    }

    /** configs/scenarios without the trace-driven files, copied (dataset and scenarios need no traces). */
    private static Path syntheticScenarios(Path root) throws IOException {
        Path dir = Files.createTempDirectory("weir-bench-scenarios");
        try (Stream<Path> files = Files.list(root.resolve("configs").resolve("scenarios"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String json = Files.readString(file);
                if (!json.contains("\"traces:")) {
                    Files.writeString(dir.resolve(file.getFileName()), json);
                }
            }
        }
        dir.toFile().deleteOnExit();
        return dir;
    }

    /** A small dataset made once, before the runs, for train. */
    private static Path trainingData(Path launcher, Path root, Path work, PrintWriter console)
            throws IOException, InterruptedException {
        Path data = work.resolve("train-data.weirds");
        console.println("bench-startup: making a small dataset for train...");
        console.flush();
        Process process = new ProcessBuilder(launcher.toAbsolutePath().toString(), "dataset", "--no-traces",
                "--scenarios", syntheticScenarios(root).toString(), "--seeds", "1,2,3", "--duration-s", "30",
                "--out", data.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor() != 0 || !Files.isRegularFile(data)) {
            throw new BadInputException("could not make the training dataset with " + launcher);
        }
        return data;
    }

    private static Path defaultModel(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("models").resolve("default"))) {
            return files.filter(f -> f.toString().endsWith(".weirmodel")).findFirst()
                    .orElseThrow(() -> new BadInputException("no models/default/*.weirmodel"));
        }
    }

    /** The jar (or class directory) this command runs from, which holds {@link EmptyMain}. */
    private static String ownJar() {
        try {
            return Path.of(EmptyMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** One cold start: timeline marks, first stdout byte, exit, performance counters. */
    private static Sample measure(Workload workload, Path runDir) throws IOException, InterruptedException {
        Path root = workload.launcher().toAbsolutePath().getParent();
        Path trace = runDir.resolve("trace.txt");
        Path perf = runDir.resolve("hsperf.data");
        List<String> command = new ArrayList<>();
        for (String arg : workload.command()) {
            command.add(arg.replace("@RUN", runDir.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        String perfOptions = "-XX:+UsePerfData -XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=" + perf;
        String javaOptions = builder.environment().getOrDefault("WEIR_JAVA_OPTS", "");
        builder.environment().put("WEIR_JAVA_OPTS", (javaOptions + " " + perfOptions).strip());
        builder.environment().put(StartupTrace.ENV, trace.toString());
        if (workload.name().equals("empty-main")) {
            command.addAll(1, List.of(perfOptions.split(" ")));
            builder.command(command);
        }
        long startNs = System.nanoTime();
        Process process = builder.start();
        long firstByteNs = -1;
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = out.read(buffer)) >= 0) {
                if (read > 0 && firstByteNs < 0) {
                    firstByteNs = System.nanoTime();
                }
            }
        }
        int exit = process.waitFor();
        long endNs = System.nanoTime();
        if (exit != 0) {
            throw new BadInputException(workload.name() + " exited with " + exit + ": " + String.join(" ", command));
        }
        Map<String, Double> marks = new LinkedHashMap<>();
        double peakRssMb = Double.NaN;
        if (Files.isRegularFile(trace)) {
            for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                if (parts[0].equals(StartupTrace.PEAK_RSS_KB)) {
                    peakRssMb = Long.parseLong(parts[1]) / 1024.0;
                } else {
                    marks.put(parts[0], (Long.parseLong(parts[1]) - startNs) / 1e9);
                }
            }
        }
        double classLoadS = Double.NaN;
        long classes = -1;
        long shared = -1;
        double jitS = Double.NaN;
        if (Files.isRegularFile(perf)) {
            HsPerfData counters = HsPerfData.read(perf);
            classLoadS = counters.seconds("sun.cls.time");
            shared = counters.value("java.cls.sharedLoadedClasses", -1);
            long own = counters.value("java.cls.loadedClasses", -1);
            classes = own < 0 || shared < 0 ? -1 : own + shared;
            jitS = counters.seconds("java.ci.totalTime");
        }
        return new Sample((endNs - startNs) / 1e9, firstByteNs < 0 ? Double.NaN : (firstByteNs - startNs) / 1e9, marks,
                classLoadS, classes, shared, jitS, peakRssMb);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private void print(PrintWriter console, Path launcher, Map<String, List<Sample>> samples, String loadBefore,
                       String loadAfter) {
        console.printf(Locale.ROOT, "bench-startup: %s, %d cold starts per command (medians), %d cores, load %s -> %s,"
                        + " java %s%n", launcher, runs, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter,
                System.getProperty("java.version"));
        console.println("seconds from process start; '-' = not reached or not marked (a build without marks)");
        String header = String.format(Locale.ROOT, "%-11s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %11s %6s",
                "command", "jvm", "wired", "inputs", "1st-s", "batch", "result", "stdout", "exit", "whole", "cls-s",
                "jit-s", "classes/cds", "rss-MB");
        console.println(header);
        for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
            List<Sample> list = entry.getValue();
            console.printf(Locale.ROOT, "%-11s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %11s %6s%n", entry.getKey(),
                    seconds(median(list, s -> s.marks().getOrDefault(StartupTrace.MAIN, Double.NaN))),
                    seconds(median(list, s -> s.marks().getOrDefault(StartupTrace.WIRED, Double.NaN))),
                    seconds(median(list, s -> s.marks().getOrDefault(StartupTrace.INPUTS, Double.NaN))),
                    seconds(median(list, s -> s.marks().getOrDefault(StartupTrace.FIRST_SIMULATED_SECOND, Double.NaN))),
                    seconds(median(list, s -> s.marks().getOrDefault(StartupTrace.FIRST_BATCH, Double.NaN))),
                    seconds(median(list, s -> s.marks().getOrDefault(StartupTrace.FIRST_OUTPUT, Double.NaN))),
                    seconds(median(list, Sample::firstOutputS)),
                    seconds(median(list, s -> s.marks().getOrDefault(StartupTrace.EXIT, Double.NaN))),
                    seconds(median(list, Sample::wholeS)),
                    seconds(median(list, Sample::classLoadS)),
                    seconds(median(list, Sample::jitS)),
                    classes(list),
                    Double.isNaN(median(list, Sample::peakRssMb)) ? "-"
                            : String.format(Locale.ROOT, "%.0f", median(list, Sample::peakRssMb)));
        }

    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String classes(List<Sample> list) {
        double all = median(list, s -> s.classes() < 0 ? Double.NaN : s.classes());
        double shared = median(list, s -> s.sharedClasses() < 0 ? Double.NaN : s.sharedClasses());
        return Double.isNaN(all) ? "-" : String.format(Locale.ROOT, "%.0f/%.0f", all, shared);
    }

    /** Median of the values that are not NaN, or NaN when none is. */
    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        double[] values = samples.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
