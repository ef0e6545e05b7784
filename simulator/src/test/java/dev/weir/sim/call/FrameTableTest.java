package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameTableTest {
    @Test
    void shouldReleaseFramesWithTheirMediaAndGroupsAndKeepTheRest() {
        FrameTable frames = new FrameTable();
        for (int f = 0; f < 10_000; f++) {
            int frame = frames.addFrame(3, 1000 + f % 100, f % 7 == 0, 3 * (1000 + f % 100));
            int first = frames.firstMediaId(frame);
            frames.addGroup(first, first + 3);
            if (f >= 20) {
                frames.release(f - 20); // the last 20 frames stay: the rings wrap many times
            }
        }
        assertEquals(9_979, frames.firstHeldFrame());
        assertEquals(3 * 9_979, frames.firstHeldMediaId());
        assertEquals(9_979, frames.firstHeldGroup());
        assertEquals(66, frames.maxHeldMedia()); // 22 frames of 3: the newest arrives before the floor moves
        int media = 3 * 9_990 + 1;
        assertEquals(9_990, frames.frameOf(media));
        assertEquals(9_990, frames.groupOf(media));
        assertEquals(1090, frames.mediaSizeBytes(media));
        assertEquals(3 * 9_990, frames.groupFirst(9_990));
        assertEquals(3 * 9_990 + 3, frames.groupEnd(9_990));
        assertEquals(3, frames.packets(9_999));
        assertTrue(frames.isKey(9_982));
        assertFalse(frames.isKey(9_983));
        assertThrows(IllegalStateException.class, () -> frames.frameOf(3 * 9_979 - 1));
        assertThrows(IllegalStateException.class, () -> frames.packets(9_978));
        assertThrows(IllegalStateException.class, () -> frames.groupFirst(9_978));
        frames.release(5); // a lower floor changes nothing
        assertEquals(9_979, frames.firstHeldFrame());
        frames.release(20_000); // past the newest frame: everything goes
        assertEquals(10_000, frames.firstHeldFrame());
        assertEquals(30_000, frames.firstHeldMediaId());
        assertEquals(10_000, frames.firstHeldGroup());
    }

    @Test
    void shouldGrowWhenTheHeldFramesOutgrowTheRings() {
        FrameTable frames = new FrameTable();
        for (int f = 0; f < 2_000; f++) {
            frames.addFrame(5, 1200, false, 6000); // nothing released: 10 000 media ids held
        }
        assertEquals(10_000, frames.maxHeldMedia());
        assertEquals(0, frames.frameOf(0));
        assertEquals(1_999, frames.frameOf(9_999));
        assertEquals(4_995, frames.firstMediaId(999));
    }
}
