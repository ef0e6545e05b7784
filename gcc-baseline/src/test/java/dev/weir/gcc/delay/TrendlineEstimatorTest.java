package dev.weir.gcc.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reproduces libwebrtc's trendline_estimator_unittest.cc figures plus threshold and robustness checks. */
class TrendlineEstimatorTest {
    private static final int PACKET_COUNT = 25;
    private static final int PACKET_SIZE_BYTES = 1200;

    private final TrendlineEstimator estimator = new TrendlineEstimator(new TrendlineSettings());
    private final long[] sendTimesMs = new long[PACKET_COUNT];
    private final long[] recvTimesMs = new long[PACKET_COUNT];
    private int count = 1;

    /** libwebrtc's PacketTimeGenerator: initial + (int64) (spacing * n). */
    private static void generate(long[] out, long initialMs, double spacingMs) {
        for (int i = 0; i < out.length; i++) {
            out[i] = initialMs + (long) (spacingMs * i);
        }
    }

    private void runUntilStateChange() {
        BandwidthUsage initial = estimator.state();
        for (; count < PACKET_COUNT; count++) {
            double recvDeltaMs = recvTimesMs[count] - recvTimesMs[count - 1];
            double sendDeltaMs = sendTimesMs[count] - sendTimesMs[count - 1];
            estimator.update(recvDeltaMs, sendDeltaMs, sendTimesMs[count] * 1000, recvTimesMs[count] * 1000,
                    PACKET_SIZE_BYTES, true);
            if (estimator.state() != initial) {
                return;
            }
        }
    }

    @Test
    void shouldStayNormalWhenDeliveredAtTheSendPace() {
        generate(sendTimesMs, 123456789, 20);
        generate(recvTimesMs, 987654321, 20);
        assertEquals(BandwidthUsage.NORMAL, estimator.state());
        runUntilStateChange();
        assertEquals(BandwidthUsage.NORMAL, estimator.state());
        assertEquals(PACKET_COUNT, count);
    }

    @Test
    void shouldDetectOveruseWhenDeliveredTenPercentSlower() {
        generate(sendTimesMs, 123456789, 20);
        generate(recvTimesMs, 987654321, 1.1 * 20);
        assertEquals(BandwidthUsage.NORMAL, estimator.state());
        runUntilStateChange();
        assertEquals(BandwidthUsage.OVERUSING, estimator.state());
        assertTrue(count < PACKET_COUNT, "overuse must be detected before the stream ends");
        runUntilStateChange();
        assertEquals(BandwidthUsage.OVERUSING, estimator.state());
        assertEquals(PACKET_COUNT, count);
    }

    @Test
    void shouldDetectUnderuseWhenDeliveredFifteenPercentFaster() {
        generate(sendTimesMs, 123456789, 20);
        generate(recvTimesMs, 987654321, 0.85 * 20);
        assertEquals(BandwidthUsage.NORMAL, estimator.state());
        runUntilStateChange();
        assertEquals(BandwidthUsage.UNDERUSING, estimator.state());
        assertTrue(count < PACKET_COUNT, "underuse must be detected before the stream ends");
        runUntilStateChange();
        assertEquals(BandwidthUsage.UNDERUSING, estimator.state());
        assertEquals(PACKET_COUNT, count);
    }

    @Test
    void shouldLowerThresholdToItsFloorOnAFlatTrend() {
        generate(sendTimesMs, 0, 20);
        generate(recvTimesMs, 5_000, 20);
        runUntilStateChange();
        // |modified| = 0 < threshold: k_down pulls the threshold to the clamp of 6.
        assertEquals(6.0, estimator.thresholdMs(), 1e-9);
    }

    @Test
    void shouldNotAdaptThresholdToLatencySpikes() {
        generate(sendTimesMs, 0, 20);
        generate(recvTimesMs, 0, 20);
        runUntilStateChange();
        long sendUs = sendTimesMs[PACKET_COUNT - 1] * 1000;
        long recvUs = recvTimesMs[PACKET_COUNT - 1] * 1000;
        int spikes = 0;
        // A 500 ms delay jump in one group drives |modified trend| far above threshold + 15.
        for (int i = 1; i <= 20; i++) {
            double before = estimator.thresholdMs();
            long jumpUs = i == 1 ? 500_000L : 0L;
            recvUs += 20_000L + jumpUs;
            sendUs += 20_000L;
            estimator.update(20 + jumpUs / 1000.0, 20, sendUs, recvUs, PACKET_SIZE_BYTES, true);
            if (Math.abs(estimator.modifiedTrend()) > before + 15.0) {
                spikes++;
                assertEquals(before, estimator.thresholdMs(), "threshold must ignore a spike");
            }
        }
        assertTrue(spikes > 0, "the jump must produce at least one spike sample");
    }

    @Test
    void shouldNotSignalOveruseWhileTheSlopeIsFalling() {
        TrendlineSettings settings = new TrendlineSettings();
        settings.smoothingCoef = 0.0;
        settings.kUp = 0.0;
        settings.kDown = 0.0;
        TrendlineEstimator concave = new TrendlineEstimator(settings);
        // Delay grows like 25 * sqrt(i) ms: the slope keeps falling while min(n, 60) * slope * 4
        // still climbs above the threshold as n grows.
        double previousDelayMs = 0.0;
        int aboveThreshold = 0;
        double previousSlope = Double.MAX_VALUE;
        for (int i = 1; i <= 60; i++) {
            double delayMs = 25.0 * Math.sqrt(i);
            double previousTrend = concave.trend();
            concave.update(20.0 + delayMs - previousDelayMs, 20.0, i * 20_000L, i * 20_000L + (long) (delayMs * 1000),
                    PACKET_SIZE_BYTES, true);
            previousDelayMs = delayMs;
            if (i > settings.windowSize) {
                assertTrue(concave.trend() < previousTrend, "precondition: slope falls at group " + i);
                previousSlope = concave.trend();
            }
            if (concave.modifiedTrend() > concave.thresholdMs()) {
                aboveThreshold++;
            }
            assertTrue(concave.state() != BandwidthUsage.OVERUSING, "overuse needs a non-falling slope, group " + i);
        }
        assertTrue(previousSlope > 0);
        assertTrue(aboveThreshold >= 3, "precondition: above threshold long enough, got " + aboveThreshold);
    }

    @Test
    void shouldIgnoreUpdatesWithoutCalculatedDeltas() {
        generate(sendTimesMs, 0, 20);
        generate(recvTimesMs, 0, 1.1 * 20);
        for (int i = 1; i < PACKET_COUNT; i++) {
            estimator.update(22, 20, sendTimesMs[i] * 1000, recvTimesMs[i] * 1000, PACKET_SIZE_BYTES, false);
        }
        assertEquals(BandwidthUsage.NORMAL, estimator.state());
        assertEquals(0.0, estimator.modifiedTrend());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void shouldNeverProduceNaNOnGarbageInput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] garbage = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, 0.0, -5.0};
        for (int i = 0; i < 5_000; i++) {
            double recv = random.nextInt(4) == 0 ? garbage[random.nextInt(garbage.length)] : random.nextDouble(-100, 100);
            double send = random.nextInt(4) == 0 ? garbage[random.nextInt(garbage.length)] : random.nextDouble(-100, 100);
            long arrivalUs = random.nextInt(10) == 0 ? random.nextLong() : i * 20_000L;
            estimator.update(recv, send, random.nextLong(), arrivalUs, random.nextInt(), true);
            assertTrue(Double.isFinite(estimator.modifiedTrend()), "modified trend must stay finite");
            assertTrue(estimator.thresholdMs() >= 6.0 && estimator.thresholdMs() <= 600.0);
        }
    }
}
