package dev.weir.sim.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
