package dev.weir.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.signal.FeatureSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    /** Two time-series features over 3 steps of 200 ms, one dense input. */
    static final FeatureSchema SCHEMA = FeatureSchema.custom(200, 3, List.of("rtt_ms", "loss"), List.of("rtt_max"));

    static Dataset tiny() {
        Dataset.Builder b = Dataset.builder(SCHEMA, List.of("spike"));
        int train = b.addSource(new SampleSource("s", "wired", "trace-a", 1, "train"));
        int test = b.addSource(new SampleSource("s", "wired", "trace-b", 1, "test"));
        b.add(train, 100, new float[] {1, 2, 3, 4, 5, 6}, new float[] {9}, 0, 1, 1, 1.5f, new byte[] {1});
        b.add(test, 200, new float[] {6, 5, 4, 3, 2, 1}, new float[] {7}, -1, 0, 0, -1f, new byte[] {-1});
        return b.build();
    }

    @Test
    void shouldRoundTripToIdenticalBytesAndValues(@TempDir Path dir) throws Exception {
        Dataset data = tiny();
        Path file = dir.resolve("d.weirdata");
        data.write(file);
        Dataset read = Dataset.read(file);
        assertEquals(data.digest(), read.digest());
        assertEquals(2, read.size());
        float[] window = new float[6];
        read.tsWindow(1, window);
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, window);
        assertEquals(3f, read.tsValue(0, 1, 0));
        assertEquals(-1, read.label(Dataset.TASK_LOSS_TYPE, 1));
        assertEquals(1, read.label(Dataset.TASK_CONGESTION, 0));
        assertEquals(1, read.baselineVerdict(0, 0));
        assertEquals("test", read.source(1).split());
        assertArrayEquals(new int[] {0}, read.indicesOfSplit("train"));
        assertArrayEquals(new int[] {0, 1}, read.indicesOfSplit(Dataset.ALL_SPLITS));
        Path again = dir.resolve("again.weirdata");
        read.write(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void shouldRejectACorruptOrTruncatedFileByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.weirdata");
        tiny().write(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x40;
        Path corrupt = dir.resolve("corrupt.weirdata");
        Files.write(corrupt, bytes);
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> Dataset.read(corrupt));
        assertTrue(error.getMessage().contains("corrupt.weirdata") && error.getMessage().contains("does not match the trailer"),
                error.getMessage());
        Path truncated = dir.resolve("truncated.weirdata");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), bytes.length - 10));
        assertThrows(DatasetFormatException.class, () -> Dataset.read(truncated));
        Path notData = dir.resolve("x.weirdata");
        Files.writeString(notData, "hello");
        assertTrue(assertThrows(DatasetFormatException.class, () -> Dataset.read(notData)).getMessage()
                .contains("magic"));
    }

    @Test
    void shouldGiveAnotherIdentityWhenOnlyTheSplitChanges() {
        Dataset.Builder b = Dataset.builder(SCHEMA, List.of("spike"));
        int train = b.addSource(new SampleSource("s", "wired", "trace-a", 1, "validation"));
        int test = b.addSource(new SampleSource("s", "wired", "trace-b", 1, "test"));
        b.add(train, 100, new float[] {1, 2, 3, 4, 5, 6}, new float[] {9}, 0, 1, 1, 1.5f, new byte[] {1});
        b.add(test, 200, new float[] {6, 5, 4, 3, 2, 1}, new float[] {7}, -1, 0, 0, -1f, new byte[] {-1});
        Dataset resplit = b.build();
        assertTrue(!tiny().digest().equals(resplit.digest()), "the split is part of the dataset's identity");
    }

    @Test
    void shouldRejectLabelsOutsideTheirClasses() {
        Dataset.Builder b = Dataset.builder(FeatureSchema.custom(200, 1, List.of("x"), List.of()), List.of());
        int s = b.addSource(new SampleSource("s", "f", "t", 1, "train"));
        assertThrows(IllegalArgumentException.class,
                () -> b.add(s, 0, new float[] {1}, new float[0], 2, 0, 0, -1f, new byte[0]));
    }
}
