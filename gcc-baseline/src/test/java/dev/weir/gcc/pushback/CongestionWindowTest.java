package dev.weir.gcc.pushback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** libwebrtc GoogCcNetworkController::UpdateCongestionWindowSize, number by number. */
class CongestionWindowTest {
    private static final long MS = 1_000;

    @Test
    void shouldHaveNoWindowBeforeAnyFeedbackRtt() {
        CongestionWindow window = new CongestionWindow(350, 32, 0);
        assertFalse(window.hasRtt());
        assertEquals(0, window.update(1_000_000));
        assertEquals(0, window.dataWindowBytes());
    }

    @Test
    void shouldKeepTheInitialWindowUntilTheFirstFeedbackRtt() {
        CongestionWindow window = new CongestionWindow(350, 32, 100_000);
        assertEquals(100_000, window.update(1_000_000));
        window.onFeedbackMaxRtt(100 * MS);
        // (1 Mbps x 450 ms = 56250 B + 100000 B) / 2: the initial window is averaged in like any other.
        assertEquals(78_125, window.update(1_000_000));
    }

    @Test
    void shouldSizeTheFirstWindowAsTargetTimesRttPlusQueue() {
        CongestionWindow window = new CongestionWindow(350, 32, 0);
        window.onFeedbackMaxRtt(100 * MS);
        assertTrue(window.hasRtt());
        assertEquals(56_250, window.update(1_000_000)); // 1 Mbps x 450 ms / 8
    }

    @Test
    void shouldAverageEachNewWindowWithThePreviousOne() {
        CongestionWindow window = new CongestionWindow(350, 32, 0);
        window.onFeedbackMaxRtt(100 * MS);
        window.update(1_000_000); // 56250
        assertEquals((112_500 + 56_250) / 2, window.update(2_000_000));
        assertEquals((112_500 + 84_375) / 2, window.update(2_000_000), "the average truncates like DataSize / 2");
    }

    @Test
    void shouldUseTheSmallestOfTheLastMaxRtts() {
        CongestionWindow window = new CongestionWindow(0, 32, 0);
        window.onFeedbackMaxRtt(200 * MS);
        window.onFeedbackMaxRtt(80 * MS);
        window.onFeedbackMaxRtt(150 * MS);
        assertEquals(80_000, window.update(8_000_000)); // 8 Mbps x 80 ms = 80 kB
    }

    @Test
    void shouldForgetAMaxRttAfterThirtyTwoNewerOnes() {
        CongestionWindow window = new CongestionWindow(0, 32, 0);
        window.onFeedbackMaxRtt(80 * MS);
        for (int i = 0; i < 31; i++) {
            window.onFeedbackMaxRtt(120 * MS);
        }
        CongestionWindow fresh = new CongestionWindow(0, 32, 0);
        fresh.onFeedbackMaxRtt(80 * MS);
        assertEquals(fresh.update(8_000_000), window.update(8_000_000), "80 ms is still one of the last 32");
        window.onFeedbackMaxRtt(120 * MS); // pushes 80 ms out
        CongestionWindow later = new CongestionWindow(0, 32, 0);
        later.onFeedbackMaxRtt(120 * MS);
        long expected = (later.update(8_000_000) + 80_000) / 2;
        assertEquals(expected, window.update(8_000_000));
        assertEquals(100_000, expected, "(120 kB + 80 kB) / 2; with 80 ms still in the window it would stay 80 kB");
    }

    @Test
    void shouldNeverGoBelowTwoFullSizePackets() {
        CongestionWindow window = new CongestionWindow(0, 32, 0);
        window.onFeedbackMaxRtt(0);
        assertEquals(CongestionWindow.MIN_WINDOW_BYTES, window.update(30_000));
        assertEquals(3_000, window.update(0), "averaging with the floor stays at the floor");
        CongestionWindow small = new CongestionWindow(350, 32, 0);
        small.onFeedbackMaxRtt(10 * MS);
        assertEquals(3_000, small.update(30_000), "30 kbps x 360 ms = 1350 B, raised to 3000 B");
    }

    @Test
    void shouldRoundRttsToWholeMillisecondsAndBytesHalfUp() {
        CongestionWindow down = new CongestionWindow(0, 32, 0);
        down.onFeedbackMaxRtt(100_499);
        assertEquals(100_000, down.update(8_000_000), "100.499 ms counts as 100 ms");
        CongestionWindow up = new CongestionWindow(0, 32, 0);
        up.onFeedbackMaxRtt(100_500);
        assertEquals(101_000, up.update(8_000_000), "100.5 ms counts as 101 ms");
        CongestionWindow half = new CongestionWindow(350, 32, 0);
        half.onFeedbackMaxRtt(100 * MS);
        assertEquals(9_005, half.update(160_080), "160080 bps x 450 ms = 9004.5 B rounds up");
    }

    @Test
    void shouldIgnoreImplausibleRttsAndNegativeTargets() {
        CongestionWindow window = new CongestionWindow(350, 32, 0);
        window.onFeedbackMaxRtt(-5 * MS);
        window.onFeedbackMaxRtt(61_000_000);
        assertFalse(window.hasRtt());
        window.onFeedbackMaxRtt(50 * MS);
        assertEquals(3_000, window.update(-1_000_000));
        CongestionWindow huge = new CongestionWindow(Long.MAX_VALUE, 1, 0);
        huge.onFeedbackMaxRtt(60_000_000);
        long first = huge.update(Long.MAX_VALUE);
        long second = huge.update(Long.MAX_VALUE);
        assertTrue(first > 0 && second > 0, "huge inputs neither overflow nor go negative: " + first + ", " + second);
        // 100 Gbps (the cap) x (60 s + 1 h) / 8
        assertEquals(100_000_000_000L / 8 * 3_660, first);
    }

    @Test
    void shouldTakeQueueSizeAndInitialWindowFromSettings() {
        PushbackSettings settings = new PushbackSettings();
        settings.queueSizeMs = 150;
        settings.initialDataWindowBytes = 42_000;
        CongestionWindow window = new CongestionWindow(settings, 32);
        assertEquals(42_000, window.dataWindowBytes());
        window.onFeedbackMaxRtt(50 * MS);
        assertEquals((25_000 + 42_000) / 2, window.update(1_000_000)); // 1 Mbps x 200 ms = 25000 B
    }
}
