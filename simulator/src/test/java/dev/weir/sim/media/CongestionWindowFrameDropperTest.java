package dev.weir.sim.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** libwebrtc VideoStreamEncoder::UpdateTargetBitrate and the cwnd frame drop in OnFrame. */
class CongestionWindowFrameDropperTest {
    private static final long CODEC_MIN_BPS = 30_000;

    @Test
    void shouldDropEverySecondFrameAtHalfRatioStartingWithTheFirst() {
        // libwebrtc DropsFramesWhenCongestionWindowPushbackSet: frame 1 at ratio 0 is encoded;
        // at 0.5, of frames 2..5 the first of each pair is dropped: 2 drops.
        CongestionWindowFrameDropper dropper = new CongestionWindowFrameDropper(CODEC_MIN_BPS);
        dropper.updateTargetBitrate(1_000_000, 0);
        assertFalse(dropper.dropFrame(), "frame 1");
        dropper.updateTargetBitrate(1_000_000, 0.5);
        assertTrue(dropper.dropFrame(), "frame 2");
        assertFalse(dropper.dropFrame(), "frame 3");
        assertTrue(dropper.dropFrame(), "frame 4");
        assertFalse(dropper.dropFrame(), "frame 5");
        assertEquals(2, dropper.framesDropped());
    }

    @Test
    void shouldDropNothingAtRatioZeroOrUpToOnePercent() {
        for (double ratio : new double[] {0.0, 0.005, 0.01, -0.3, Double.NaN, Double.NEGATIVE_INFINITY}) {
            CongestionWindowFrameDropper dropper = new CongestionWindowFrameDropper(CODEC_MIN_BPS);
            assertEquals(2_000_000, dropper.updateTargetBitrate(2_000_000, ratio), "ratio " + ratio);
            for (int i = 0; i < 1_000; i++) {
                assertFalse(dropper.dropFrame(), "ratio " + ratio);
            }
            assertEquals(0, dropper.dropInterval());
            assertEquals(0, dropper.framesDropped());
        }
    }

    @ParameterizedTest(name = "ratio {0}: every {1}th frame, encoder at {2} bps")
    @CsvSource({
            "0.011, 90, 988889", // 1 000 000 / 11 000 = 90.9 -> 90
            "0.05, 20, 950000",
            "0.1, 10, 900000",
            "0.25, 4, 750000",
            "0.3, 3, 666667", // 1 000 000 / 300 000 = 3.33 -> 3; 1e6 - 333333
            "0.5, 2, 500000",
            "0.9, 2, 500000", // never more than every second frame
            "Infinity, 2, 500000"})
    void shouldDropOneFrameInEveryIntervalAndCutTheRateByTheSameShare(double ratio, int interval, long encoderBps) {
        CongestionWindowFrameDropper dropper = new CongestionWindowFrameDropper(CODEC_MIN_BPS);
        assertEquals(encoderBps, dropper.updateTargetBitrate(1_000_000, ratio));
        assertEquals(interval, dropper.dropInterval());
        int frames = interval * 50;
        for (int i = 0; i < frames; i++) {
            assertEquals(i % interval == 0, dropper.dropFrame(), "frame " + i);
        }
        assertEquals(50, dropper.framesDropped());
    }

    @Test
    void shouldNotCutBelowTheCodecMinimum() {
        CongestionWindowFrameDropper dropper = new CongestionWindowFrameDropper(CODEC_MIN_BPS);
        // 40 kbps at 0.5: the cut is limited to 40 - 30 = 10 kbps, so every 4th frame.
        assertEquals(30_000, dropper.updateTargetBitrate(40_000, 0.5));
        assertEquals(4, dropper.dropInterval());
        assertEquals(30_000, dropper.updateTargetBitrate(30_000, 0.5), "at the minimum: no drops");
        assertEquals(0, dropper.dropInterval());
        assertEquals(20_000, dropper.updateTargetBitrate(20_000, 0.5));
        assertEquals(0, dropper.dropInterval());
        assertEquals(0, dropper.updateTargetBitrate(0, 0.5), "a paused encoder drops nothing");
        assertEquals(0, dropper.dropInterval());
    }

    @Test
    void shouldKeepTheFrameCounterAcrossPeriodsWithoutPushback() {
        CongestionWindowFrameDropper dropper = new CongestionWindowFrameDropper(CODEC_MIN_BPS);
        dropper.updateTargetBitrate(1_000_000, 0.5);
        assertTrue(dropper.dropFrame()); // counter 0
        assertFalse(dropper.dropFrame()); // 1
        assertTrue(dropper.dropFrame()); // 2
        dropper.updateTargetBitrate(1_000_000, 0);
        for (int i = 0; i < 7; i++) {
            assertFalse(dropper.dropFrame(), "no interval: the counter does not run");
        }
        dropper.updateTargetBitrate(1_000_000, 0.5);
        assertFalse(dropper.dropFrame(), "counter 3");
        assertTrue(dropper.dropFrame(), "counter 4");
        assertEquals(3, dropper.framesDropped());
    }
}
