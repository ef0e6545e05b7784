package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the application class-data-sharing archive {@code weir.jsa} beside {@code weir.jar} at
 * package time: a JVM on exactly the class path {@code ./weir} uses runs {@link CdsTraining} (the
 * commands people start most, in one process) and dumps every class it loaded on top of the JDK's
 * own archive ({@code -XX:ArchiveClassesAtExit}, a dynamic archive: a JVM that cannot use it,
 * because the jars or the JDK changed, still uses the JDK's archive and runs as without it).
 *
 * <p>{@value #KEY_SUFFIX} beside the archive names, on its first line, the java binary and the
 * jar it was built for and the archive's size ({@code ./weir} passes the archive only when all
 * three match and the archive is newer than the jar, so a stale archive is never even tried, and
 * a truncated one, which crashes the JVM instead of being refused, neither) and, on its second,
 * the JVM options to use it with. The archive is checked with {@code -Xshare:on} (which fails rather than falling
 * back); when that JVM also accepts {@value #MAP_AT_REQUESTED_ADDRESS}, so does the second line:
 * this JDK build otherwise maps both archives at a random address and relocates every pointer in
 * them at each start (JDK 20 made that the default; before, it was done only when the address was
 * taken), which cost more than the archive saved for {@code --help}. A failure leaves no archive
 * and does not fail the build: {@code ./weir} then starts without it.
 *
 * <p>Stateless; run once per build.
 */
public final class CdsArchive {
    /** Archive file name, beside the jar. */
    static final String ARCHIVE = "weir.jsa";
    /** Suffix of the file holding "java-binary jar" the archive belongs to. */
    static final String KEY_SUFFIX = ".key";
    /** Longest the training run may take before the archive is given up, seconds. */
    private static final long TIMEOUT_S = 300;
    /** Map the archives where they were built to be, relocating only when that address is taken. */
    static final String MAP_AT_REQUESTED_ADDRESS = "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0";

    private CdsArchive() {
    }

    /**
     * {@code args}: the jar, the repository root (scenarios and the default model the training
     * run reads).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CdsArchive WEIR_JAR REPOSITORY_ROOT");
        }
        Path jar = Path.of(args[0]).toRealPath();
        Path root = Path.of(args[1]).toRealPath();
        Path archive = jar.resolveSibling(ARCHIVE);
        Path key = jar.resolveSibling(ARCHIVE + KEY_SUFFIX);
        Files.deleteIfExists(key);
        Files.deleteIfExists(archive);
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java")).toRealPath();
        Path work = Files.createTempDirectory("weir-cds");
        try {
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + archive,
                    "-Xlog:cds=error", "-Xlog:cds+dynamic=error", "-XX:TieredStopAtLevel=1", "-cp", jar.toString(),
                    CdsTraining.class.getName(), root.toString(), work.toString()));
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                System.err.println("[cds] training run took over " + TIMEOUT_S + " s; no archive");
            } else if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
                System.err.println("[cds] training run failed (exit " + process.exitValue() + "); no archive");
            } else if (usable(java, jar, archive, MAP_AT_REQUESTED_ADDRESS)) {
                Files.writeString(key, java + " " + jar + " " + Files.size(archive) + "\n" + MAP_AT_REQUESTED_ADDRESS
                        + "\n", StandardCharsets.UTF_8);
                System.out.println("[cds] " + archive + " (" + Files.size(archive) / 1024 + " KiB) for " + java);
            } else if (usable(java, jar, archive, "")) {
                Files.writeString(key, java + " " + jar + " " + Files.size(archive) + "\n\n", StandardCharsets.UTF_8);
                System.out.println("[cds] " + archive + " (" + Files.size(archive) / 1024 + " KiB) for " + java
                        + ", relocated at every start");
            } else {
                System.err.println("[cds] " + java + " cannot map the archive it dumped; no archive");
            }
        } finally {
            AtomicFiles.deleteRecursively(work);
        }
        if (!Files.isRegularFile(key)) {
            Files.deleteIfExists(archive);
        }
    }

    /** Whether {@code java} starts on the archive with {@code options} (-Xshare:on: no silent fallback). */
    private static boolean usable(Path java, Path jar, Path archive, String options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive));
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split(" ")));
        }
        command.addAll(List.of("-cp", jar.toString(), EmptyMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
