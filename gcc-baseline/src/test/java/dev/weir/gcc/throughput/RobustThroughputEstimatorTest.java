package dev.weir.gcc.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RobustThroughputEstimatorTest {
    private static final long MS = 1000;

    /** Feeds {@code count} packets of {@code sizeBytes}, sent every {@code sendGapUs} and arriving every {@code recvGapUs}. */
    private static void stream(RobustThroughputEstimator estimator, int count, long startUs, long sendGapUs,
                               long recvGapUs, int sizeBytes) {
        for (int i = 0; i < count; i++) {
            estimator.onPacket(startUs + i * sendGapUs, startUs + 40 * MS + i * recvGapUs, sizeBytes);
        }
    }

    private static void assertNear(double expected, long actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= expected * tolerance,
                "expected " + expected + " +-" + (tolerance * 100) + "% but was " + actual);
    }

    @ParameterizedTest
    @ValueSource(longs = {100_000, 500_000, 2_000_000, 20_000_000})
    void shouldMeasureConstantRateStreamWithinFivePercent(long rateBps) {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        int sizeBytes = 1000;
        long gapUs = sizeBytes * 8 * 1_000_000L / rateBps;
        stream(estimator, 300, 0, gapUs, gapUs, sizeBytes);
        assertNear(rateBps, estimator.bitrateBps(), 0.05);
        assertEquals(estimator.bitrateBps(), estimator.peekRateBps());
    }

    @Test
    void shouldReturnReceiveRateWhenBottleneckIsSlowerThanSender() {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        stream(estimator, 100, 0, 10 * MS, 20 * MS, 1250); // sent at 1 Mbps, received at 500 kbps
        assertNear(500_000, estimator.bitrateBps(), 0.05);
    }

    @Test
    void shouldReturnSendRateWhenPacketsArriveFasterThanSent() {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        stream(estimator, 100, 0, 20 * MS, 10 * MS, 1250); // a queue draining: received at 2x the send rate
        assertNear(500_000, estimator.bitrateBps(), 0.05);
    }

    @Test
    void shouldNeedTenPackets() {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        stream(estimator, 9, 0, 10 * MS, 10 * MS, 1000);
        assertEquals(0, estimator.bitrateBps());
        estimator.onPacket(90 * MS, 130 * MS, 1000);
        assertNear(800_000, estimator.bitrateBps(), 0.05);
    }

    @Test
    void shouldIgnoreASingleArrivalPause() {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        for (int i = 0; i < 40; i++) {
            long pauseUs = i >= 30 ? 300 * MS : 0; // a 300 ms delay spike before packet 30
            estimator.onPacket(i * 10 * MS, 40 * MS + i * 10 * MS + pauseUs, 1000);
        }
        assertNear(800_000, estimator.bitrateBps(), 0.05);
    }

    @Test
    void shouldSortLateFeedbackIntoPlace() {
        RobustThroughputEstimator sorted = new RobustThroughputEstimator();
        RobustThroughputEstimator shuffled = new RobustThroughputEstimator();
        SplittableRandom random = new SplittableRandom(7);
        long[] arrivals = new long[60];
        for (int i = 0; i < arrivals.length; i++) {
            arrivals[i] = 40 * MS + i * 10 * MS + random.nextLong(0, 3 * MS);
            sorted.onPacket(i * 10 * MS, arrivals[i], 1000);
        }
        for (int i = 0; i < arrivals.length; i += 2) {
            int j = Math.min(i + 1, arrivals.length - 1);
            shuffled.onPacket(j * 10 * MS, arrivals[j], 1000);
            if (j != i) {
                shuffled.onPacket(i * 10 * MS, arrivals[i], 1000);
            }
        }
        assertEquals(sorted.bitrateBps(), shuffled.bitrateBps());
    }

    @Test
    void shouldFollowARateDropWithinTheWindow() {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        stream(estimator, 200, 0, 8 * MS, 8 * MS, 1000); // 1 Mbps
        assertNear(1_000_000, estimator.bitrateBps(), 0.05);
        stream(estimator, 100, 1_600 * MS, 32 * MS, 32 * MS, 1000); // 250 kbps for 3.2 s
        assertNear(250_000, estimator.bitrateBps(), 0.05);
    }

    @Test
    void shouldKeepAtMostMaxWindowPackets() {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        stream(estimator, 2000, 0, 100, 100, 100); // 8 Mbps, 10000 packets/s
        assertEquals(500, estimator.windowSize());
        assertNear(8_000_000, estimator.bitrateBps(), 0.05);
    }

    @Test
    void shouldRecoverAfterArrivalClockJumps() {
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        stream(estimator, 50, 0, 10 * MS, 10 * MS, 1000);
        estimator.onPacket(500 * MS, -3_600_000 * MS, 1000); // receiver clock jumps back an hour
        stream(estimator, 50, 510 * MS, 10 * MS, 10 * MS, 1000);
        estimator.onPacket(1_100 * MS, 7_200_000 * MS, 1000); // and forward two hours
        stream(estimator, 100, 7_200_000 * MS, 10 * MS, 10 * MS, 1000);
        assertNear(800_000, estimator.bitrateBps(), 0.05);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99})
    void shouldNeverReturnNegativeOrThrowOnGarbage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 53};
        for (int i = 0; i < 5000; i++) {
            long send = random.nextInt(8) == 0 ? specials[random.nextInt(specials.length)]
                    : random.nextLong(-seconds(10), seconds(10));
            long arrival = random.nextInt(8) == 0 ? specials[random.nextInt(specials.length)]
                    : send + random.nextLong(-seconds(1), seconds(1));
            int size = random.nextInt(10) == 0 ? random.nextInt(Integer.MIN_VALUE, 1) : random.nextInt(1, 1500);
            estimator.onPacket(send, arrival, size);
            assertTrue(estimator.bitrateBps() >= 0);
            assertTrue(estimator.windowSize() <= 500);
        }
    }

    private static long seconds(long count) {
        return count * 1_000_000;
    }
}
