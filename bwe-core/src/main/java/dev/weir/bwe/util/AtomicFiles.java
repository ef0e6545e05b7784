package dev.weir.bwe.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way weir writes output: files and whole output directories appear complete or not at
 * all, so a reader (or a run killed with {@code kill -9}) never sees half a file or a directory
 * mixing two runs.
 *
 * <ul>
 *   <li>{@link #write}: a file is written to a temporary file beside the target, then renamed
 *       over it.</li>
 *   <li>{@link #beginDirectory}: an output set is written into a staging directory beside the
 *       target, then renamed into place by {@link OutputDirectory#commit()}.</li>
 * </ul>
 * Temporary names are {@code .<target name>.<pid>.<random>.weir-tmp}; the pid lets the next
 * run remove what a killed process left ({@link #cleanStale}) without touching the temporary
 * files of a live concurrent writer. Files are created with mode 0644 (rw-r--r--) where the file
 * system has POSIX permissions: output is meant to be read by others (a plain
 * {@code Files.createTempFile} would make it 0600).
 *
 * <p>Immutable and thread-safe (static functions only); concurrent writers of the same target
 * each leave a complete file, the last rename wins.
 */
public final class AtomicFiles {
    /** Suffix of every temporary file or directory this class creates. */
    public static final String TEMP_SUFFIX = ".weir-tmp";
    /** {@code .<name>.<pid>.<random>.weir-tmp}: group 1 is the pid of the process that made it. */
    private static final Pattern TEMP_NAME = Pattern.compile("\\..*\\.(\\d+)\\.[0-9a-f]{16}\\.weir-tmp");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final long PID = ProcessHandle.current().pid();

    /** Writes the content of one output file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Atomically replaces {@code target} with {@code bytes}, creating parent directories. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces {@code target} with what {@code writer} writes, creating parent
     * directories and removing temporary files of dead processes from that directory first. On
     * failure the target is untouched and the temporary file removed.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        cleanStale(dir);
        Path tmp = tempPath(absolute);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                setFileMode(tmp);
                writer.writeTo(out);
            }
            move(tmp, absolute);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Starts an output set that will replace directory {@code target} as a whole. Write every file
     * under {@link OutputDirectory#path()}, then call {@link OutputDirectory#commit()}; closing
     * without committing discards the set and leaves {@code target} as it was.
     *
     * <p>An existing {@code target} is replaced only if it is empty or holds one of
     * {@code ownMarkers} (file names only an earlier output set of this kind has, e.g.
     * {@code metrics.json}): an output option pointing at a directory of other files must not
     * delete them.
     *
     * @throws IOException when {@code target} is a file or a directory with other content, or the
     *     staging directory cannot be created
     */
    public static OutputDirectory beginDirectory(Path target, String... ownMarkers) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new IOException("output directory " + target + " has no parent directory");
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !isReplaceable(absolute, ownMarkers)) {
            throw new IOException("output directory " + target + " already exists and is not an earlier output of"
                    + " this command (no " + String.join(" or ", ownMarkers) + " in it): choose a new or empty"
                    + " directory");
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        cleanStale(parent);
        Path staging = tempPath(absolute);
        Files.createDirectory(staging);
        return new OutputDirectory(absolute, staging);
    }

    /**
     * Removes, from {@code dir}, the temporary files and directories that processes no longer
     * running left behind (a run killed mid-write). Returns how many entries were removed.
     */
    public static int cleanStale(Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
            for (Path entry : entries) {
                Matcher matcher = TEMP_NAME.matcher(entry.getFileName().toString());
                if (matcher.matches() && !isAlive(matcher.group(1))) {
                    deleteRecursively(entry);
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return removed;
    }

    /** Deletes {@code path} and, for a directory, everything under it (symbolic links are not followed). */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isAlive(String pid) {
        try {
            long value = Long.parseLong(pid);
            return value == PID || ProcessHandle.of(value).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // more digits than a pid can have: not ours to keep
        }
    }

    private static boolean isReplaceable(Path target, String... ownMarkers) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (String marker : ownMarkers) {
            if (Files.isRegularFile(target.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            return !entries.iterator().hasNext();
        }
    }

    /**
     * A fresh temporary name beside {@code target}: the pid (so the next run can tell a dead
     * writer's leftovers) and 64 random bits. The bits need to be unique, not unguessable: files
     * are created with CREATE_NEW and directories with createDirectory, which refuse an existing
     * name (a link planted there makes the write fail, never redirects it). ThreadLocalRandom,
     * because a SecureRandom starts the security provider framework, a noticeable part of a
     * short command's start-up.
     */
    private static Path tempPath(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + PID + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
    }

    private static void setFileMode(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, FILE_MODE);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the platform default applies
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * An output set being written: files go under {@link #path()}; {@link #commit()} renames it
     * over the target directory. Not thread-safe to commit or close concurrently; writing files
     * under {@link #path()} from several threads is fine.
     */
    public static final class OutputDirectory implements AutoCloseable {
        private final Path target;
        private final Path staging;
        private boolean committed;

        private OutputDirectory(Path target, Path staging) {
            this.target = target;
            this.staging = staging;
        }

        /** Where the files of the set are written until {@link #commit()}. */
        public Path path() {
            return staging;
        }

        /** The directory the set will appear as. */
        public Path target() {
            return target;
        }

        /**
         * Moves the set into place. An earlier set at the target is first renamed aside and then
         * deleted, so the target holds either the whole old set, nothing (after a kill at that
         * instant; the next run cleans up) or the whole new set, never a mix.
         */
        public void commit() throws IOException {
            if (committed) {
                return;
            }
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = tempPath(target);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the old set back
                }
                throw e;
            }
            committed = true;
            if (old != null) {
                deleteRecursively(old);
            }
        }

        /** Discards the staging directory unless the set was committed. */
        @Override
        public void close() {
            if (!committed) {
                try {
                    deleteRecursively(staging);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove staging directory " + staging, e);
                }
            }
        }
    }
}
