package dev.weir.bwe.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.util.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerTest {
    private static final ContainerFormat FORMAT = new ContainerFormat("WEIRTEST", 3, "weir test", 64, 1_000);
    private static final byte[] HEADER = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BLOB = {1, 2, 3, 4, 5};

    private final byte[] file = ContainerWriter.toBytes(FORMAT, HEADER, BLOB);

    @Test
    void shouldLayOutMagicVersionHeaderLengthHeaderBlobLengthBlobAndDigest() {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("WEIRTEST", new String(file, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(3, b.getInt(8));
        assertEquals(HEADER.length, b.getInt(12));
        assertArrayEquals(HEADER, Arrays.copyOfRange(file, 16, 16 + HEADER.length));
        assertEquals(BLOB.length, b.getLong(16 + HEADER.length));
        assertArrayEquals(BLOB, Arrays.copyOfRange(file, 24 + HEADER.length, 24 + HEADER.length + BLOB.length));
        int end = 24 + HEADER.length + BLOB.length;
        assertEquals(end + 32, file.length);
        assertEquals(Sha256.hex(file, 0, end), HexFormat.of().formatHex(file, end, end + 32));
    }

    @Test
    void shouldReadBackHeaderBlobAndDigests() throws IOException {
        try (ContainerReader reader = ContainerReader.open(file, FORMAT, "t")) {
            assertEquals("{\"a\":1}", reader.headerText());
            assertEquals(5, reader.blobBytes());
            assertArrayEquals(BLOB, reader.blob().readAllBytes());
            assertEquals(Sha256.hex(file, 0, file.length - 32), reader.finish());
            assertEquals(Sha256.hex(file), reader.fileSha256());
        }
    }

    @Test
    void shouldStreamAContainerOfUnknownLengthAndLeaveWhatFollowsUnread() throws IOException {
        byte[] twice = new byte[2 * file.length];
        System.arraycopy(file, 0, twice, 0, file.length);
        System.arraycopy(file, 0, twice, file.length, file.length);
        InputStream in = new ByteArrayInputStream(twice);
        for (int k = 0; k < 2; k++) {
            ContainerReader reader = ContainerReader.open(in, -1, FORMAT, "stream");
            assertArrayEquals(BLOB, reader.blob().readAllBytes());
            reader.finish();
        }
        assertEquals(-1, in.read());
    }

    @Test
    void shouldRejectEveryTruncationAndTrailingBytesByName() {
        for (int cut = 0; cut < file.length; cut++) {
            byte[] truncated = Arrays.copyOf(file, cut);
            ContainerFormatException e = assertThrows(ContainerFormatException.class, () -> readAll(truncated),
                    "cut " + cut);
            assertTrue(e.problem().contains("truncated"), e.problem());
            assertEquals("t", e.source());
        }
        byte[] longer = Arrays.copyOf(file, file.length + 1);
        assertTrue(assertThrows(ContainerFormatException.class, () -> readAll(longer)).problem()
                .endsWith("but it has " + longer.length + " bytes: trailing bytes"));
    }

    @Test
    void shouldReportATruncatedStreamOfUnknownLengthInsideTheBlob() {
        byte[] cut = Arrays.copyOf(file, 16 + HEADER.length + 8 + 2);
        ContainerReader reader = ContainerReader.open(new ByteArrayInputStream(cut), -1, FORMAT, "stream");
        ContainerFormatException e = assertThrows(ContainerFormatException.class, () -> reader.blob().readAllBytes());
        assertEquals("file ends 2 bytes into the 5-byte blob: truncated", e.problem());
    }

    @Test
    void shouldDetectAnyChangedByte() {
        for (int i = 0; i < file.length; i++) {
            byte[] corrupt = file.clone();
            corrupt[i] ^= 0x20;
            assertThrows(ContainerFormatException.class, () -> readAll(corrupt), "byte " + i);
        }
        byte[] corrupt = file.clone();
        corrupt[16 + HEADER.length + 8] ^= 1;
        assertTrue(assertThrows(ContainerFormatException.class, () -> readAll(corrupt)).problem()
                .endsWith("does not match the trailer " + HexFormat.of().formatHex(file, file.length - 32,
                        file.length) + ": the file is corrupt"));
    }

    @Test
    void shouldCheckMagicVersionAndLengthsAgainstCapsBeforeReadingOn() {
        assertEquals("wrong magic bytes 5745495254455354, expected 5745495250524f42 (\"WEIRPROB\"): not a weir "
                + "probe file", assertThrows(ContainerFormatException.class, () -> ContainerReader.open(file,
                        new ContainerFormat("WEIRPROB", 3, "weir probe", 64, 1_000), "t")).problem());
        assertEquals("format version 3 is not supported (this reader reads version 4)",
                assertThrows(ContainerFormatException.class, () -> ContainerReader.open(file,
                        new ContainerFormat("WEIRTEST", 4, "weir test", 64, 1_000), "t")).problem());
        byte[] hugeHeader = file.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 65);
        assertEquals("header length 65 bytes is outside [1, 64]", assertThrows(ContainerFormatException.class,
                () -> readAll(hugeHeader)).problem());
        byte[] hugeBlob = file.clone();
        ByteBuffer.wrap(hugeBlob).order(ByteOrder.LITTLE_ENDIAN).putLong(16 + HEADER.length, Long.MIN_VALUE);
        assertEquals("blob length 9223372036854775808 bytes is outside [0, 1000]",
                assertThrows(ContainerFormatException.class, () -> readAll(hugeBlob)).problem());
    }

    @Test
    void shouldReadAnOlderVersionTheFormatStillAcceptsAndSayWhichVersionItIs() throws IOException {
        ContainerFormat successor = new ContainerFormat("WEIRTEST", 4, "weir test", 64, 1_000, 3);
        try (ContainerReader reader = ContainerReader.open(file, successor, "t")) {
            assertEquals(3, reader.version());
            assertArrayEquals(BLOB, reader.blob().readAllBytes());
            reader.finish();
        }
        assertEquals(4, ByteBuffer.wrap(ContainerWriter.toBytes(successor, HEADER, BLOB))
                .order(ByteOrder.LITTLE_ENDIAN).getInt(8), "a writer writes only the newest version");
        assertEquals("format version 3 is not supported (this reader reads version 4 to 5)",
                assertThrows(ContainerFormatException.class, () -> ContainerReader.open(file,
                        new ContainerFormat("WEIRTEST", 5, "weir test", 64, 1_000, 4), "t")).problem());
        assertThrows(IllegalArgumentException.class, () -> new ContainerFormat("WEIRTEST", 3, "t", 64, 1_000, 4));
    }

    @Test
    void shouldRejectAFileOverTheFormatsCapBeforeReadingIt(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(FORMAT.maxFileBytes() + 1);
        }
        assertTrue(assertThrows(ContainerFormatException.class, () -> ContainerReader.open(big, FORMAT)).problem()
                .startsWith("file is 1121 bytes, more than the cap of 1120 bytes"));
        assertEquals("file not found", assertThrows(ContainerFormatException.class,
                () -> ContainerReader.open(dir.resolve("none"), FORMAT)).problem());
    }

    @Test
    void shouldWriteFilesAtomicallyAndRefuseABlobWriterThatBreaksItsWord(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("c.bin");
        ContainerWriter.writeFile(target, FORMAT, HEADER, BLOB.length, out -> out.write(BLOB));
        assertArrayEquals(file, Files.readAllBytes(target));
        assertThrows(IllegalStateException.class,
                () -> ContainerWriter.writeFile(target, FORMAT, HEADER, 6, out -> out.write(BLOB)));
        assertArrayEquals(file, Files.readAllBytes(target), "a failed write leaves the old file");
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 32, file.length),
                ContainerWriter.digest(FORMAT, HEADER, BLOB.length, out -> out.write(BLOB)));
        assertThrows(IllegalArgumentException.class, () -> ContainerWriter.toBytes(FORMAT, new byte[65], BLOB));
    }

    @Test
    void shouldRoundTripLittleEndianArraysThroughBlobStreams() throws IOException {
        float[] floats = {1.5f, -0f, Float.MIN_VALUE, 3e38f};
        int[] ints = {0, -1, Integer.MAX_VALUE};
        byte[] bytes = new byte[70_000];
        new java.util.Random(3).nextBytes(bytes);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BlobOutput blobOut = new BlobOutput(out);
        blobOut.floats(floats, 0, floats.length);
        blobOut.bytes(bytes, 0, bytes.length);
        blobOut.ints(ints, 0, ints.length);
        blobOut.flush();
        BlobInput in = new BlobInput(new ByteArrayInputStream(out.toByteArray()));
        float[] floatsBack = new float[4];
        byte[] bytesBack = new byte[bytes.length];
        int[] intsBack = new int[3];
        in.floats(floatsBack, 0, 4);
        in.bytes(bytesBack, 0, bytes.length);
        in.ints(intsBack, 0, 3);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(floatsBack[1]));
        assertArrayEquals(floats, floatsBack);
        assertArrayEquals(bytes, bytesBack);
        assertArrayEquals(ints, intsBack);
        assertEquals(0x3fc00000, ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
    }

    private static void readAll(byte[] bytes) throws IOException {
        ContainerReader reader = ContainerReader.open(bytes, FORMAT, "t");
        reader.blob().readAllBytes();
        reader.finish();
    }
}
