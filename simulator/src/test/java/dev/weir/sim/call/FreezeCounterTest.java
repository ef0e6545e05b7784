package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FreezeCounterTest {
    /** 30 fps: 33,333 us between frames. */
    private static final long FRAME_US = 33_333;

    private static FreezeCounter counter() {
        return new FreezeCounter(0, FRAME_US, 3.0, 150_000, 30);
    }

    private static long renderSteady(FreezeCounter counter, long fromUs, int frames) {
        long timeUs = fromUs;
        for (int i = 0; i < frames; i++) {
            counter.onFrameRendered(timeUs);
            timeUs += FRAME_US;
        }
        return timeUs - FRAME_US;
    }

    @Test
    void shouldNotCountSteadyRenderingAsFrozen() {
        FreezeCounter counter = counter();
        long lastUs = renderSteady(counter, 0, 300);
        counter.finish(lastUs + FRAME_US);
        assertEquals(0, counter.freezeCount());
        assertEquals(0, counter.totalFreezeUs());
        assertEquals(300, counter.framesRendered());
    }

    @Test
    void shouldCountAGapAboveAveragePlus150MsAsOneFreezeOfTheWholeGap() {
        // Average 33.3 ms: threshold max(100 ms, 183.3 ms) = 183.3 ms. A 250 ms gap is a freeze.
        FreezeCounter counter = counter();
        long lastUs = renderSteady(counter, 0, 60);
        assertEquals(183_333, counter.thresholdUs(), 1);
        renderSteady(counter, lastUs + 250_000, 30);
        counter.finish(lastUs + 250_000 + 29 * FRAME_US);
        assertEquals(1, counter.freezeCount());
        assertEquals(250_000, counter.totalFreezeUs());
        assertEquals(lastUs, counter.freezeStartUs(0));
        assertEquals(0, counter.freezeUsLongerThan(500_000));
    }

    @Test
    void shouldNotCountAGapJustBelowTheThreshold() {
        FreezeCounter counter = counter();
        long lastUs = renderSteady(counter, 0, 60);
        renderSteady(counter, lastUs + 180_000, 10);
        assertEquals(0, counter.freezeCount());
    }

    @Test
    void shouldUseThreeTimesTheAverageForLowFrameRates() {
        // 5 fps (200 ms): threshold max(600 ms, 350 ms) = 600 ms; a 500 ms gap is no freeze, 700 ms is.
        FreezeCounter counter = new FreezeCounter(0, 200_000, 3.0, 150_000, 30);
        long timeUs = 0;
        for (int i = 0; i < 20; i++) {
            counter.onFrameRendered(timeUs);
            timeUs += 200_000;
        }
        timeUs += 300_000; // gap of 500 ms
        counter.onFrameRendered(timeUs);
        assertEquals(0, counter.freezeCount());
        timeUs += 700_000;
        counter.onFrameRendered(timeUs);
        assertEquals(1, counter.freezeCount());
        assertEquals(700_000, counter.totalFreezeUs());
    }

    @Test
    void shouldCountTheTrailingGapAndTheLongestGapForADroppedConnection() {
        FreezeCounter counter = counter();
        long lastUs = renderSteady(counter, 100_000, 30);
        counter.finish(lastUs + 6_000_000);
        assertEquals(1, counter.freezeCount());
        assertEquals(6_000_000, counter.totalFreezeUs());
        assertEquals(6_000_000, counter.freezeUsLongerThan(500_000));
        assertEquals(6_000_000, counter.longestGapUs());
    }

    @Test
    void shouldTreatACallWithoutFramesAsFrozenThroughout() {
        FreezeCounter counter = counter();
        counter.finish(10_000_000);
        assertEquals(10_000_000, counter.totalFreezeUs());
        assertEquals(10_000_000, counter.longestGapUs());
    }

    @Test
    void shouldCountTheWaitForTheFirstFrameOnlyTowardsTheLongestGap() {
        FreezeCounter counter = counter();
        long lastUs = renderSteady(counter, 700_000, 10);
        counter.finish(lastUs + FRAME_US);
        assertEquals(0, counter.freezeCount());
        assertEquals(700_000, counter.longestGapUs());
    }
}
