package dev.weir.bwe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted artifacts (src/test/resources/hostile/model, weir containers of format 2) that once
 * failed without a field path or were read whole before their preamble was checked: each gives a
 * {@link ModelFormatException}.
 */
class HostileModelFilesTest {
    @TempDir
    Path temp;

    @Test
    void emptyTensorNameIsReportedWithItsFieldPath() {
        ModelFormatException e = read("empty-tensor-name.weirmodel");
        assertEquals("header.tensors[0].name = '': must be 1-256 characters", e.problem());
    }

    @Test
    void headerLengthRunningPastTheFileIsReportedFromThePreamble() {
        ModelFormatException e = read("header-past-end.weirmodel");
        assertEquals("header length 1048576 bytes runs past the end of the 16-byte file: truncated", e.problem());
    }

    @Test
    void zeroFilledFileIsRejectedAtItsMagicBytes() {
        ModelFormatException e = read("zeros.weirmodel");
        assertTrue(e.problem().startsWith("wrong magic bytes 0000000000000000"), e.problem());
    }

    @Test
    void largeZeroFilledFileIsRejectedFromItsFirstSixteenBytes() throws IOException {
        // 60 MB of zeros, sparse: only the preamble is read, so this costs no heap (the forked
        // -Xmx256m test in the cli module checks the same at 201 MB).
        Path file = temp.resolve("zeros.weirmodel");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(60_000_000);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArtifact.read(file));
        assertTrue(e.problem().startsWith("wrong magic bytes"), e.problem());
    }

    @Test
    void fileOverTheSizeCapIsRejectedBeforeReading() throws IOException {
        Path file = temp.resolve("big.weirmodel");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(ModelArtifact.MAX_FILE_BYTES + 1);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArtifact.read(file));
        assertTrue(e.problem().contains("more than the cap"), e.problem());
    }

    @Test
    void aValidFileKeepsItsSize() throws Exception {
        Path file = TestArtifacts.random(TestArtifacts.small(), 3).writeTo(temp);
        ModelArtifact read = ModelArtifact.read(file);
        assertEquals(java.nio.file.Files.size(file), read.sizeBytes());
    }

    static Path fixture(String name) {
        try {
            return Path.of(HostileModelFilesTest.class.getResource("/hostile/model/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelFormatException read(String name) {
        Path file = fixture(name);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArtifact.read(file));
        assertEquals(file.toString(), e.source());
        return e;
    }
}
