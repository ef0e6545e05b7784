package dev.weir.gcc.loss.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lost-packet set behaves like libwebrtc's unordered_map under emplace / erase / reset. */
class LostPacketSetTest {
    @Test
    void shouldMatchAReferenceMapUnderRandomAddsRemovesAndClears() {
        SplittableRandom random = new SplittableRandom(7);
        LostPacketSet set = new LostPacketSet();
        Map<Long, Long> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // Keys from a small range collide often; the odd huge key exercises the hash.
            long key = random.nextInt(50) == 0 ? random.nextLong() : random.nextInt(3000);
            int op = random.nextInt(100);
            if (op < 55) {
                long size = random.nextInt(1500);
                set.addLost(key, size);
                reference.putIfAbsent(key, size);
            } else if (op < 99) {
                set.removeReceived(key);
                reference.remove(key);
            } else {
                set.clear();
                reference.clear();
            }
            assertEquals(reference.size(), set.count(), "count at step " + step);
            assertEquals(reference.values().stream().mapToLong(Long::longValue).sum(), set.totalBytes(),
                    "bytes at step " + step);
        }
    }

    @Test
    void shouldKeepTheFirstSizeOfAPacketReportedLostTwice() {
        LostPacketSet set = new LostPacketSet();
        set.addLost(5, 1000);
        set.addLost(5, 200);
        assertEquals(1, set.count());
        assertEquals(1000, set.totalBytes());
        set.removeReceived(5);
        set.removeReceived(5);
        assertEquals(0, set.count());
        assertEquals(0, set.totalBytes());
    }

    @Test
    void shouldStillCountLossesBeyondItsMaximumSize() {
        LostPacketSet set = new LostPacketSet();
        int n = LostPacketSet.MAX_CAPACITY + 10;
        for (int i = 0; i < n; i++) {
            set.addLost(i, 1);
        }
        assertEquals(n, set.count());
        assertEquals(n, set.totalBytes());
        set.clear();
        assertEquals(0, set.count());
        set.addLost(1, 7);
        assertEquals(7, set.totalBytes());
    }
}
