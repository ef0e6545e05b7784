package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle packed into one archive loads from a file or a stream with the same id, and every corruption is named. */
class BundleArchiveTest {
    @TempDir
    Path temp;

    private Path directory() throws IOException {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            ParameterSet set = ParameterSet.defaults(type);
            set.id = type.id() + "/archive-test";
            sets.put(type, set);
        }
        Path dir = temp.resolve("bundle");
        BundleWriter.write(dir, sets, new TypeDecisionSettings(), TestBundles.defaultModel(), "archive test",
                "BundleArchiveTest");
        return dir;
    }

    private Path packed() throws IOException {
        Path archive = temp.resolve("b" + BundleArchive.EXTENSION);
        BundleArchive.pack(directory(), archive);
        return archive;
    }

    private static String rejection(byte[] bytes, long length) {
        return assertThrows(BundleException.class,
                () -> BundleLoader.load(new ByteArrayInputStream(bytes), length, "stream")).getMessage();
    }

    @Test
    void anArchiveLoadsFromAFileAndFromAStreamOfUnknownLengthAsTheSameBundle() throws IOException {
        Path dir = directory();
        Path archive = temp.resolve("b" + BundleArchive.EXTENSION);
        BundleArchive.pack(dir, archive);
        Bundle fromDir = BundleLoader.load(dir);
        Bundle fromFile = BundleLoader.load(archive);
        Bundle fromStream;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            fromStream = BundleLoader.load(in, -1, "connection");
        }
        assertEquals(fromDir.id(), fromFile.id(), "the id is the manifest's digest, however delivered");
        assertEquals(fromDir.id(), fromStream.id());
        assertEquals("random_loss/archive-test", fromStream.parameterSet(NetworkType.RANDOM_LOSS).id);
        assertEquals(fromDir.model().fileName(), fromStream.model().fileName());
    }

    @Test
    void packingTwiceGivesTheSameBytes() throws IOException {
        Path archive = packed();
        byte[] first = Files.readAllBytes(archive);
        BundleArchive.pack(temp.resolve("bundle"), archive);
        assertTrue(Arrays.equals(first, Files.readAllBytes(archive)));
    }

    @Test
    void aFlippedByteOrACutStreamIsRejectedNamingTheSource() throws IOException {
        byte[] bytes = Files.readAllBytes(packed());
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x01;
        String corrupt = rejection(flipped, flipped.length);
        assertTrue(corrupt.contains("stream") && (corrupt.contains("SHA-256") || corrupt.contains("model")),
                corrupt);

        String cut = rejection(Arrays.copyOf(bytes, bytes.length - 40), -1);
        assertTrue(cut.contains("truncated"), cut);
    }

    @Test
    void anArchiveWithAPathOrWithoutAFileTheManifestNamesIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(packed());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // same length, so only the header's content is wrong (its digest is checked later: the name check comes first)
        String renamed = text.replaceFirst("\"decision.json\"", "\"../ision.json\"");
        String message = rejection(renamed.getBytes(StandardCharsets.ISO_8859_1), bytes.length);
        assertTrue(message.contains("files[") && message.contains("plain file name"), message);

        // a well-formed archive (valid digest) that leaves out a file the manifest names
        Path dir = temp.resolve("bundle");
        java.util.List<BundleArchive.Header.Entry> entries = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
        for (String name : new String[] {BundleLoader.MANIFEST, "random_loss.json"}) {
            byte[] file = Files.readAllBytes(dir.resolve(name));
            entries.add(new BundleArchive.Header.Entry(name, file.length));
            blob.write(file);
        }
        byte[] partial = dev.weir.bwe.container.ContainerWriter.toBytes(BundleArchive.FORMAT,
                dev.weir.bwe.container.CanonicalJson.write(new BundleArchive.Header(entries)), blob.toByteArray());
        String missing = rejection(partial, partial.length);
        assertTrue(missing.contains("decision.json: not in the archive"), missing);
        assertTrue(missing.contains("wired_stable.json: not in the archive"), missing);
    }

    @Test
    void somethingThatIsNotAnArchiveIsRejected() {
        String message = rejection("{\"format\": \"weir-bundle/1\"}".getBytes(StandardCharsets.UTF_8), -1);
        assertTrue(message.contains("not a weir bundle file"), message);
    }
}
