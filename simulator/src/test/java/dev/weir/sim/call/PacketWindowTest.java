package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.sim.media.PacketKind;
import org.junit.jupiter.api.Test;

class PacketWindowTest {
    @Test
    void shouldKeepPacketsUntilTheyAreDoneAndReported() {
        PacketWindow window = new PacketWindow(16);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, window.append(PacketKind.VIDEO, 1_000L * i, 1200, i, -1));
            window.setArrival(i, 1_000L * i + 40_000);
        }
        window.markDone(0);
        window.markDone(1);
        window.markDone(3);
        window.releaseThrough(5); // 2 has not arrived: it and everything after it stay
        assertThrows(IllegalStateException.class, () -> window.sendTimeUs(1));
        assertEquals(2_000, window.sendTimeUs(2));
        window.markDone(2);
        window.markDone(4);
        window.markDone(5);
        window.markDone(6);
        window.releaseThrough(4); // 5 and 6 are done but not yet covered by handled feedback
        assertThrows(IllegalStateException.class, () -> window.kindOrdinal(4));
        assertEquals(45_000, window.arrivalTimeUs(5));
        assertEquals(10, window.sent());
        assertThrows(IllegalStateException.class, () -> window.mediaId(10));
    }

    @Test
    void shouldGrowKeepingEveryHeldPacketWhenItWraps() {
        PacketWindow window = new PacketWindow(16);
        for (int i = 0; i < 1_000; i++) {
            window.append(i % 7 == 0 ? PacketKind.PROBE : PacketKind.VIDEO, i, 100 + i, i, i % 7 == 0 ? 3 : -1);
            window.setArrival(i, i + 50);
            if (i >= 40) {
                window.markDone(i - 40); // 40 in flight: the ring wraps many times at 64
                window.releaseThrough(i - 40);
            }
        }
        assertEquals(41, window.maxHeld());
        for (int i = 960; i < 1_000; i++) {
            assertEquals(i, window.sendTimeUs(i));
            assertEquals(i + 50, window.arrivalTimeUs(i));
            assertEquals(100 + i, window.sizeBytes(i));
            assertEquals(i, window.mediaId(i));
            assertEquals(i % 7 == 0 ? 3 : -1, window.probeClusterId(i));
        }
        for (int i = 1_000; i < 1_300; i++) {
            window.append(PacketKind.VIDEO, i, 1, i, -1); // nothing released: it grows
        }
        assertEquals(340, window.maxHeld());
        assertEquals(960, window.sendTimeUs(960));
        assertEquals(1_299, window.sendTimeUs(1_299));
    }
}
