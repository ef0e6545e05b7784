package dev.weir.bwe.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldCreateParentsAndReplaceTheTarget() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("out.txt"), names(target.getParent()));
    }

    @Test
    void failedWriteShouldLeaveTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.txt"), names(dir));
    }

    @Test
    void outputFilesAreReadableByOthers() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.write(target, new byte[] {1});
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void temporaryFilesOfDeadProcessesAreRemovedAtTheNextWrite() throws IOException {
        // pid 2^31-1 is above Linux's pid_max (2^22): no live process has it.
        Path staleFile = Files.writeString(dir.resolve(".out.txt.2147483647.0123456789abcdef.weir-tmp"), "half");
        Path staleDir = Files.createDirectories(dir.resolve(".run.2147483647.fedcba9876543210.weir-tmp/calls"));
        Files.writeString(staleDir.resolve("metrics.json"), "{}");
        Path live = Files.writeString(dir.resolve(".other." + ProcessHandle.current().pid()
                + ".0000000000000000.weir-tmp"), "being written");
        AtomicFiles.write(dir.resolve("out.txt"), new byte[] {1});
        assertFalse(Files.exists(staleFile));
        assertFalse(Files.exists(staleDir.getParent()));
        assertTrue(Files.exists(live), "a live writer's temporary file must stay");
    }

    @Test
    void committedOutputDirectoryReplacesTheEarlierSetAsAWhole() throws IOException {
        Path target = dir.resolve("run");
        try (AtomicFiles.OutputDirectory first = AtomicFiles.beginDirectory(target, "metrics.json")) {
            AtomicFiles.write(first.path().resolve("metrics.json"), "1".getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(first.path().resolve("plot.png"), "1".getBytes(StandardCharsets.UTF_8));
            first.commit();
        }
        try (AtomicFiles.OutputDirectory second = AtomicFiles.beginDirectory(target, "metrics.json")) {
            AtomicFiles.write(second.path().resolve("metrics.json"), "2".getBytes(StandardCharsets.UTF_8));
            assertEquals("1", Files.readString(target.resolve("metrics.json")), "old set untouched until commit");
            second.commit();
        }
        assertEquals(List.of("metrics.json"), names(target), "nothing of the first set is left");
        assertEquals("2", Files.readString(target.resolve("metrics.json")));
        assertEquals(List.of("run"), names(dir));
    }

    @Test
    void uncommittedOutputDirectoryLeavesTheTargetAsItWas() throws IOException {
        Path target = dir.resolve("run");
        try (AtomicFiles.OutputDirectory set = AtomicFiles.beginDirectory(target, "metrics.json")) {
            AtomicFiles.write(set.path().resolve("metrics.json"), new byte[] {1});
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void outputDirectoryRefusesToReplaceADirectoryOfOtherFiles() throws IOException {
        Path target = Files.createDirectories(dir.resolve("home"));
        Files.writeString(target.resolve("thesis.tex"), "years of work");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.beginDirectory(target, "metrics.json"));
        assertTrue(e.getMessage().contains("not an earlier output"), e.getMessage());
        assertEquals(List.of("thesis.tex"), names(target));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
