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
 * Crafted artifacts (src/test/resources/hostile/model, weir containers of format 3) that once
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

    /**
     * Writes the model fixtures again from the committed default model (models/default, found
     * above the module): the fuzz test's seed (the model itself) and the header-edited ones. Run
     * deliberately after a format change or a new default model ({@code -Dweir.remakeFixtures=true}).
     */
    @Test
    void remakeFixtures() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("weir.remakeFixtures"),
                "set -Dweir.remakeFixtures=true to remake");
        Path dir = Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(dir.resolve("models/default"))) {
            dir = dir.getParent();
        }
        Path model;
        try (var files = java.nio.file.Files.list(dir.resolve("models/default"))) {
            model = files.filter(p -> p.toString().endsWith(ModelArtifact.FILE_EXTENSION)).findFirst().orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(model);
        ModelArtifact.read(bytes, model.getFileName().toString());
        byte[] emptyName = TestArtifacts.withHeader(bytes,
                h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("tensors").get(0)).put("name", ""));
        Path hostile = Path.of("src/test/resources/hostile/model");
        Path seeds = Path.of("src/test/resources/dev/weir/bwe/model/ModelArtifactFuzzTestInputs/"
                + "artifactBytesGiveAnArtifactOrAModelFormatException");
        java.nio.file.Files.write(hostile.resolve("empty-tensor-name.weirmodel"), emptyName);
        java.nio.file.Files.write(seeds.resolve("empty-tensor-name.weirmodel"), emptyName);
        java.nio.file.Files.write(seeds.resolve("default.weirmodel"), bytes);
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
