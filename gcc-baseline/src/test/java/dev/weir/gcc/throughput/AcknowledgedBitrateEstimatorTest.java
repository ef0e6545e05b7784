package dev.weir.gcc.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcknowledgedBitrateEstimatorTest {
    private static final int PACKET_BYTES = 1_250; // 10 kbit

    /** Feeds packets at {@code rateBps} from {@code startUs} for {@code durationUs}; returns the end time. */
    private static long stream(AcknowledgedBitrateEstimator estimator, long startUs, long durationUs, long rateBps) {
        long spacingUs = PACKET_BYTES * 8L * 1_000_000 / rateBps;
        long t = startUs;
        for (; t < startUs + durationUs; t += spacingUs) {
            estimator.onPacket(t - 40_000, t, PACKET_BYTES);
        }
        return t;
    }

    @Test
    void shouldBeUnknownUntilTheFirstFiveHundredMillisecondWindowCloses() {
        AcknowledgedBitrateEstimator estimator = new AcknowledgedBitrateEstimator();
        stream(estimator, 0, 450_000, 1_000_000);
        assertEquals(0, estimator.bitrateBps());
        stream(estimator, 450_000, 200_000, 1_000_000);
        assertEquals(1_000_000, estimator.bitrateBps(), 30_000);
    }

    @Test
    void shouldFollowARateDropWithinAboutASecond() {
        // By hand, libwebrtc's filter goes 2000 -> 1877 -> 1668 -> ... -> ~700 kbps in eight 150 ms
        // windows after a drop to 500 kbps: large jumps are distrusted at first, then followed.
        AcknowledgedBitrateEstimator estimator = new AcknowledgedBitrateEstimator();
        long t = stream(estimator, 0, 3_000_000, 2_000_000);
        assertEquals(2_000_000, estimator.bitrateBps(), 60_000);
        t = stream(estimator, t, 300_000, 500_000);
        assertTrue(estimator.bitrateBps() > 1_500_000, "two windows must not move it far: " + estimator.bitrateBps());
        stream(estimator, t, 900_000, 500_000);
        assertTrue(estimator.bitrateBps() < 800_000, "after 1.2 s at 500 kbps: " + estimator.bitrateBps());
    }

    @Test
    void shouldMoveLittleOnOneOutlierWindow() {
        AcknowledgedBitrateEstimator estimator = new AcknowledgedBitrateEstimator();
        long t = stream(estimator, 0, 3_000_000, 1_000_000);
        t = stream(estimator, t, 150_000, 3_000_000); // one 150 ms burst at 3x
        long afterBurst = estimator.bitrateBps();
        assertTrue(afterBurst < 1_300_000, "one outlier window moved the estimate to " + afterBurst);
    }

    @Test
    void shouldResetWhenTheArrivalClockGoesBackwardsAndIgnoreGarbage() {
        AcknowledgedBitrateEstimator estimator = new AcknowledgedBitrateEstimator();
        stream(estimator, 10_000_000, 2_000_000, 1_000_000);
        estimator.onPacket(0, Long.MAX_VALUE, 1_200);
        estimator.onPacket(0, 0, -5);
        stream(estimator, 0, 2_000_000, 1_000_000);
        assertEquals(1_000_000, estimator.bitrateBps(), 50_000);
    }
}
