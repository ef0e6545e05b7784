package dev.weir.sim.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VideoEncoderTest {
    private static VideoEncoder encoder(long seed) {
        return new VideoEncoder(30, 3.0, 10_000_000, new SplittableRandom(seed), 5.0, 0.15, 0.7, 200);
    }

    @ParameterizedTest
    @ValueSource(longs = {300_000, 1_000_000, 2_500_000})
    void shouldAverageTheTargetRate(long targetBps) {
        long seed = 3;
        VideoEncoder encoder = encoder(seed);
        encoder.setTargetBps(targetBps);
        long bytes = 0;
        int frames = 30 * 30; // 30 s: ten key frame periods
        for (int i = 0; i < frames; i++) {
            bytes += encoder.encode(false);
        }
        double rateBps = bytes * 8.0 / 30;
        assertEquals(targetBps, rateBps, targetBps * 0.03, "seed " + seed);
    }

    @Test
    void shouldMakeKeyFramesSeveralTimesADeltaFrame() {
        VideoEncoder encoder = encoder(1);
        encoder.setTargetBps(1_000_000);
        int key = encoder.encode(false);
        assertTrue(encoder.lastWasKeyFrame());
        int delta = encoder.encode(false);
        assertFalse(encoder.lastWasKeyFrame());
        double ratio = (double) key / delta;
        assertTrue(ratio > 3 && ratio < 8, "key/delta " + ratio);
        for (int i = 2; i < 90; i++) {
            encoder.encode(false);
            assertFalse(encoder.lastWasKeyFrame(), "frame " + i);
        }
        encoder.encode(false);
        assertTrue(encoder.lastWasKeyFrame(), "frame 90 starts the next 3 s period");
        encoder.encode(true);
        assertTrue(encoder.lastWasKeyFrame(), "a forced key frame");
    }

    @Test
    void shouldReachANewTargetWithinAFewFrames() {
        VideoEncoder encoder = encoder(1);
        encoder.setTargetBps(2_000_000);
        encoder.encode(false);
        encoder.setTargetBps(500_000);
        for (int i = 0; i < 4; i++) {
            encoder.encode(false);
        }
        assertEquals(500_000, encoder.rateBps(), 500_000 * 0.1);
    }
}
