package dev.weir.sim.trace;

import dev.weir.sim.scenario.ScenarioException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens trace files with a size limit checked before reading, so a huge or endless file (a
 * device, a pipe, a typo'd path to a disk image) cannot make a reader allocate without bound.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
final class TraceInput {
    /**
     * Largest trace file, bytes (8 MiB): the largest public trace we use (a Mahimahi LTE drive
     * trace) is 3.4 MB, and every reader's memory stays proportional to its file.
     */
    static final long MAX_FILE_BYTES = 8L << 20;

    private TraceInput() {
    }

    /** A reader over {@code file} that fails after {@link #MAX_FILE_BYTES} even if the file grows. */
    static BufferedReader open(Path file, Charset charset) throws IOException {
        checkSize(file, MAX_FILE_BYTES);
        InputStream limited = new InputStream() {
            private final InputStream in = Files.newInputStream(file);
            private long read;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }

            private void count(int n) {
                read += n;
                if (read > MAX_FILE_BYTES) {
                    throw new ScenarioException(file.toString(), "trace grew past " + MAX_FILE_BYTES
                            + " bytes while being read");
                }
            }
        };
        return new BufferedReader(new InputStreamReader(limited, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /**
     * Largest JSON trace, bytes (1 MiB): a parsed JSON tree with line positions takes tens of
     * times its text, and gym traces are a few KB.
     */
    static final long MAX_JSON_BYTES = 1L << 20;

    /** The whole file as UTF-8 text, at most {@code maxBytes} (checked before reading). */
    static String readString(Path file, long maxBytes) throws IOException {
        checkSize(file, maxBytes);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(file, bytes.length, maxBytes);
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static void checkSize(Path file, long maxBytes) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw tooLarge(file, size, maxBytes);
        }
    }

    private static ScenarioException tooLarge(Path file, long size, long maxBytes) {
        return new ScenarioException(file.toString(), "trace file is " + size + " bytes, more than the "
                + maxBytes + "-byte limit for this kind of trace");
    }
}
