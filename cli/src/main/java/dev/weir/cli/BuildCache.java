package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.bwe.util.Sha256;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds of other revisions, content-addressed: a revision's entry is named by the SHA-256 of its
 * build inputs (every {@code pom.xml}, each module's {@code src/main}, the Maven wrapper and
 * {@code configs/}, as git stores them), so two revisions that differ only in docs or tests share
 * one build, and a revision is built once. An entry holds the CLI jar, its {@code lib/} and the
 * revision's {@code configs/} (its committed bundle); a speed gate adds an entry with the benchmark
 * jar and the revision's {@code models/default}.
 * Library jars live once in {@code blobs/<sha256>.jar} and entries hard-link them (Deeplearning4j's
 * natives are 150 MB a revision otherwise).
 *
 * <p>Entries appear whole or not at all ({@link AtomicFiles#beginDirectory}); a cache may be
 * shared by concurrent gates (two building the same revision both build, the last rename wins).
 * Instances are not thread-safe; use one per gate run.
 */
final class BuildCache {
    /** Build inputs: what can change a jar or a run's result. Tests and docs cannot. */
    private static final Pattern INPUT = Pattern.compile(
            "pom\\.xml|mvnw|\\.mvn/.*|configs/.*|[^/]+/pom\\.xml|[^/]+/src/main/.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repository;
    private final Path root;

    /**
     * @param repository the git work tree whose history revisions come from
     * @param root the cache directory
     */
    BuildCache(Path repository, Path root) {
        this.repository = repository;
        this.root = root;
    }

    /** The default cache directory: {@code $WEIR_BUILD_CACHE}, else {@code runs/build-cache} in the repository. */
    static Path defaultRoot(Path repository) {
        String env = System.getenv("WEIR_BUILD_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : repository.resolve("runs").resolve("build-cache");
    }

    /**
     * A built revision.
     *
     * @param rev the revision as given
     * @param commit its commit id
     * @param key the digest of its build inputs, the entry's name
     * @param dir the entry
     */
    record Built(String rev, String commit, String key, Path dir) {
        Path cliJar() {
            return dir.resolve("weir.jar");
        }
    }

    /** The commit {@code rev} names; bad input when git does not know it. */
    String resolve(String rev) throws IOException, InterruptedException {
        if (rev.isBlank() || rev.startsWith("-")) {
            throw new BadInputException("rev:" + rev + " is not a git revision");
        }
        Processes.Result r = Processes.run(List.of("git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"),
                repository);
        if (r.exitCode() != 0) {
            throw new BadInputException("rev:" + rev + ": git does not know this revision in " + repository);
        }
        return r.output().strip();
    }

    /** The digest of {@code commit}'s build inputs (mode, blob id and path of every input file). */
    String key(String commit) throws IOException, InterruptedException {
        Processes.Result tree = Processes.check(List.of("git", "ls-tree", "-r", "--full-tree", commit), repository,
                "git ls-tree");
        MessageDigest sha = Sha256.newDigest();
        for (String line : tree.output().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String path = line.substring(tab + 1);
            if (INPUT.matcher(path).matches()) {
                sha.update((line.substring(0, tab) + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The CLI of {@code rev}, built now unless the cache has it. */
    Built cli(String rev, PrintWriter console) throws IOException, InterruptedException {
        String commit = resolve(rev);
        String key = key(commit);
        Path dir = root.resolve(key);
        Built built = new Built(rev, commit, key, dir);
        if (Files.isRegularFile(built.cliJar())) {
            console.printf("rev:%s (%s): build %s from the cache%n", rev, commit.substring(0, 12), key.substring(0, 12));
            return built;
        }
        console.printf("rev:%s (%s): building the CLI into %s ...%n", rev, commit.substring(0, 12), dir);
        console.flush();
        long startNs = System.nanoTime();
        Files.createDirectories(root);
        try (AtomicFiles.OutputDirectory set = AtomicFiles.beginDirectory(dir, "build.json")) {
            Path src = set.path().resolve("src");
            checkout(commit, src);
            maven(src, List.of("-pl", "cli", "-am"), rev, commit);
            Files.copy(src.resolve("cli/target/weir.jar"), set.path().resolve("weir.jar"));
            Path lib = Files.createDirectories(set.path().resolve("lib"));
            try (Stream<Path> jars = Files.list(src.resolve("cli/target/lib"))) {
                for (Path jar : jars.sorted().toList()) {
                    link(jar, lib.resolve(jar.getFileName().toString()));
                }
            }
            copyTree(src.resolve("configs"), set.path().resolve("configs"));
            ObjectNode info = JSON.createObjectNode().put("rev", rev).put("commit", commit).put("inputs_sha256", key);
            AtomicFiles.write(set.path().resolve("build.json"), (info.toPrettyString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            AtomicFiles.deleteRecursively(src);
            set.commit();
        }
        console.printf("rev:%s built in %.0f s%n", rev, (System.nanoTime() - startNs) / 1e9);
        return built;
    }

    /** The benchmark jar of a built revision, built now unless the cache has it. */
    Path benchmarks(Built built, PrintWriter console) throws IOException, InterruptedException {
        Path dir = root.resolve(built.key() + "-bench");
        Path jar = dir.resolve("benchmarks.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        console.printf("rev:%s: building the benchmarks ...%n", built.rev());
        console.flush();
        try (AtomicFiles.OutputDirectory set = AtomicFiles.beginDirectory(dir, "benchmarks.jar")) {
            Path src = set.path().resolve("src");
            checkout(built.commit(), src);
            maven(src, List.of("-pl", "bench", "-am"), built.rev(), built.commit());
            Files.copy(src.resolve("bench/target/benchmarks.jar"), set.path().resolve("benchmarks.jar"));
            // Benchmarks that load the committed model look for models/default where they run.
            if (Files.isDirectory(src.resolve("models/default"))) {
                copyTree(src.resolve("models/default"), set.path().resolve("models/default"));
            }
            AtomicFiles.deleteRecursively(src);
            set.commit();
        }
        return jar;
    }

    private void checkout(String commit, Path src) throws IOException, InterruptedException {
        Files.createDirectories(src);
        Path tar = src.resolveSibling("src.tar");
        Processes.check(List.of("git", "archive", "--format=tar", "-o", tar.toString(), commit), repository,
                "git archive");
        Processes.check(List.of("tar", "-xf", tar.toString(), "-C", src.toString()), repository, "tar");
        Files.delete(tar);
    }

    private static void maven(Path src, List<String> modules, String rev, String commit)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("./mvnw", "-B", "-q", "-DskipTests"));
        command.addAll(modules);
        command.add("package");
        Processes.Result r = Processes.run(command, src);
        if (r.exitCode() != 0) {
            throw new BadInputException("rev:" + rev + " (" + commit + ") does not build: " + String.join(" ", command)
                    + " exited " + r.exitCode() + "\n" + r.tail(30));
        }
    }

    /** Stores {@code jar} once under blobs/ by its digest and hard-links it as {@code target} (copies if links fail). */
    private void link(Path jar, Path target) throws IOException {
        Path blob = root.resolve("blobs").resolve(sha256(jar) + ".jar");
        if (!Files.isRegularFile(blob)) {
            AtomicFiles.write(blob, out -> Files.copy(jar, out));
        }
        try {
            Files.createLink(target, blob);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(blob, target);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
