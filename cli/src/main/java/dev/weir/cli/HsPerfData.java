package dev.weir.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The long counters of a HotSpot performance-data file, as a JVM started with
 * {@code -XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=F} leaves it at exit: class loading time
 * and counts, JIT time, VM creation times ({@code jstat} reads the same file). Format (HotSpot
 * {@code perfMemory.hpp}): a prologue (magic 0xcafec0c0, byte order, version, entry offset and
 * count) followed by entries (length, name offset, vector length, type, flags, units,
 * variability, data offset); only scalar longs (type 'J') are kept.
 *
 * <p>Immutable once read; thread-safe.
 */
final class HsPerfData {
    private static final int MAGIC = 0xcafec0c0;
    /** Largest file read: HotSpot's default PerfDataMemorySize is 64 KiB. */
    private static final long MAX_BYTES = 1 << 20;

    private final Map<String, Long> longs;

    private HsPerfData(Map<String, Long> longs) {
        this.longs = longs;
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read or is not performance data
     */
    static HsPerfData read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes, not performance data");
        }
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            if (buffer.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
                throw new IOException(file + ": not HotSpot performance data (bad magic)");
            }
            buffer.order(buffer.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int entryOffset = buffer.getInt(24);
            int entries = buffer.getInt(28);
            Map<String, Long> longs = new HashMap<>();
            int entry = entryOffset;
            for (int i = 0; i < entries; i++) {
                int length = buffer.getInt(entry);
                int nameOffset = buffer.getInt(entry + 4);
                int vectorLength = buffer.getInt(entry + 8);
                byte type = buffer.get(entry + 12);
                int dataOffset = buffer.getInt(entry + 16);
                if (length <= 0) {
                    throw new IOException(file + ": entry " + i + " has length " + length);
                }
                if (type == 'J' && vectorLength == 0) {
                    longs.put(name(buffer, entry + nameOffset), buffer.getLong(entry + dataOffset));
                }
                entry += length;
            }
            return new HsPerfData(Map.copyOf(longs));
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(file + ": truncated performance data", e);
        }
    }

    private static String name(ByteBuffer buffer, int offset) {
        int end = offset;
        while (buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** A counter's value, or {@code missing} when the file does not have it. */
    long value(String name, long missing) {
        return longs.getOrDefault(name, missing);
    }

    /** A tick counter in seconds ({@code sun.os.hrt.frequency} ticks per second), or NaN when missing. */
    double seconds(String name) {
        long frequency = value("sun.os.hrt.frequency", 0);
        long ticks = value(name, -1);
        return frequency > 0 && ticks >= 0 ? ticks / (double) frequency : Double.NaN;
    }
}
