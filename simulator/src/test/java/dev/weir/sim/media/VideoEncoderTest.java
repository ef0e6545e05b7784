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

    @Test
    void shouldDropNoFrameWithoutCongestionWindowPushback() {
        VideoEncoder encoder = encoder(5);
        encoder.setTargetBps(1_000_000);
        encoder.setCwndReduceRatio(0);
        for (int i = 0; i < 300; i++) {
            assertFalse(encoder.dropFrameForCongestionWindow(), "frame " + i);
            encoder.encode(false);
        }
        assertEquals(0, encoder.framesDroppedByCongestionWindow());
        assertEquals(1_000_000, encoder.rateBps());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.25, 0.5})
    void shouldDropTheRatioOfFramesAndKeepTheSizeOfTheOthers(double ratio) {
        long seed = 7;
        long targetBps = 1_000_000;
        VideoEncoder plain = encoder(seed);
        plain.setTargetBps(targetBps);
        VideoEncoder pushed = encoder(seed);
        pushed.setCwndReduceRatio(ratio);
        pushed.setTargetBps(targetBps);
        int interval = (int) Math.round(1 / ratio);
        assertEquals(interval, pushed.cwndDropInterval());
        int captured = 30 * 30;
        long plainBytes = 0;
        long pushedBytes = 0;
        for (int i = 0; i < captured; i++) {
            plainBytes += plain.encode(false);
            if (!pushed.dropFrameForCongestionWindow()) {
                pushedBytes += pushed.encode(false);
            }
        }
        assertEquals(captured / interval, pushed.framesDroppedByCongestionWindow(), "seed " + seed);
        assertEquals(captured - captured / interval, pushed.framesEncoded());
        assertEquals(targetBps - targetBps / interval, pushed.rateBps());
        double pushedBps = pushedBytes * 8.0 / 30;
        assertEquals(targetBps * (1 - 1.0 / interval), pushedBps, targetBps * 0.03, "seed " + seed);
        double plainFrame = (double) plainBytes / plain.framesEncoded();
        double pushedFrame = (double) pushedBytes / pushed.framesEncoded();
        assertEquals(plainFrame, pushedFrame, plainFrame * 0.05, "encoded frames keep their size, seed " + seed);
    }

    @Test
    void shouldMakeTheFirstEncodedFrameAKeyFrameEvenWhenTheFirstCapturedOneIsDropped() {
        VideoEncoder encoder = encoder(2);
        encoder.setCwndReduceRatio(0.5);
        encoder.setTargetBps(1_000_000);
        assertTrue(encoder.dropFrameForCongestionWindow(), "libwebrtc exempts no frame from the drop");
        assertFalse(encoder.dropFrameForCongestionWindow());
        encoder.encode(false);
        assertTrue(encoder.lastWasKeyFrame());
    }

    @Test
    void shouldApplyTargetAndRatioInEitherOrderAndIgnoreNonsenseRatios() {
        VideoEncoder first = encoder(1);
        first.setTargetBps(800_000);
        first.setCwndReduceRatio(0.25);
        VideoEncoder second = encoder(1);
        second.setCwndReduceRatio(0.25);
        second.setTargetBps(800_000);
        assertEquals(4, first.cwndDropInterval());
        assertEquals(first.cwndDropInterval(), second.cwndDropInterval());
        assertEquals(600_000, first.targetBps());
        assertEquals(first.targetBps(), second.targetBps());
        first.setCwndReduceRatio(Double.NaN);
        assertEquals(0, first.cwndDropInterval());
        first.setCwndReduceRatio(7.0);
        assertEquals(2, first.cwndDropInterval(), "clamped to 1: the cap of one frame in two");
    }

    @Test
    void shouldRespectTheCodecMinimumBitrate() {
        VideoEncoder encoder = new VideoEncoder(30, 3.0, 10_000_000, new SplittableRandom(1), 5.0, 0.15, 0.7, 200,
                200_000);
        encoder.setCwndReduceRatio(0.5);
        encoder.setTargetBps(250_000);
        assertEquals(5, encoder.cwndDropInterval(), "the cut is limited to 250 - 200 kbps");
        encoder.setTargetBps(150_000);
        assertEquals(0, encoder.cwndDropInterval());
    }

    @Test
    void shouldDropTheSameFramesForTheSameSeed() {
        long[] sizes = new long[2];
        for (int run = 0; run < 2; run++) {
            VideoEncoder encoder = encoder(11);
            encoder.setTargetBps(1_500_000);
            long hash = 0;
            for (int i = 0; i < 600; i++) {
                encoder.setCwndReduceRatio(i % 90 < 45 ? 0.2 : 0.0);
                hash = hash * 31 + (encoder.dropFrameForCongestionWindow() ? -1 : encoder.encode(false));
            }
            sizes[run] = hash;
        }
        assertEquals(sizes[0], sizes[1]);
    }
}
