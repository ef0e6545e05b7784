package dev.weir.gcc.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeBitrateEstimatorTest {
    private static final long MS = 1000;
    private static final int SIZE_BYTES = 1000;

    /** Feeds {@code count} probe packets; returns the last result. */
    private static long cluster(ProbeBitrateEstimator estimator, int clusterId, int count, long sendGapUs,
                                long recvGapUs, int minProbes, long minBytes, long startUs) {
        long result = ProbeBitrateEstimator.NO_ESTIMATE;
        for (int i = 0; i < count; i++) {
            long send = startUs + i * sendGapUs;
            result = estimator.onProbePacket(clusterId, send, startUs + 30 * MS + i * recvGapUs, SIZE_BYTES, minProbes,
                    minBytes, send + 100 * MS);
        }
        return result;
    }

    @Test
    void shouldReturnNinetyFivePercentOfReceiveRateWhenProbeSaturatesTheLink() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        // Sent at 4 Mbps (1000 B / 2 ms), received at 2 Mbps (1000 B / 4 ms).
        long result = cluster(estimator, 1, 10, 2 * MS, 4 * MS, 5, 7_500, 0);
        assertEquals(Math.round(0.95 * 9_000 * 8e6 / (36 * MS)), result);
        assertEquals(1_900_000, result);
    }

    @Test
    void shouldReturnMinOfSendAndReceiveWhenLinkIsNotSaturated() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        // Received at 0.95 x the send rate: not saturated, so min(send, receive).
        long result = cluster(estimator, 1, 10, 2 * MS, 2_105, 5, 7_500, 0);
        assertEquals(Math.round(9_000 * 8e6 / (9 * 2_105)), result);
    }

    @Test
    void shouldIgnoreClustersWithTooFewPackets() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        assertEquals(-1, cluster(estimator, 1, 7, 2 * MS, 2 * MS, 10, 1_000, 0), "7 of 10: below 80%");
        long eighth = estimator.onProbePacket(1, 14 * MS, 30 * MS + 14 * MS, SIZE_BYTES, 10, 1_000, 200 * MS);
        assertEquals(4_000_000, eighth, "8 of 10 completes the cluster");
    }

    @Test
    void shouldIgnoreClustersWithTooFewBytes() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        assertEquals(-1, cluster(estimator, 1, 10, 2 * MS, 2 * MS, 5, 12_600, 0), "10 000 B of 12 600: below 80%");
        assertTrue(cluster(estimator, 2, 10, 2 * MS, 2 * MS, 5, 12_500, 0) > 0, "exactly 80%");
    }

    @Test
    void shouldRejectReceiveRateMoreThanTwiceTheSendRate() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        assertEquals(-1, cluster(estimator, 1, 10, 10 * MS, 2 * MS, 5, 1_000, 0));
        assertEquals(-1, estimator.fetchAndResetLastEstimateBps());
    }

    @Test
    void shouldRejectClustersSpreadOverMoreThanOneSecond() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        assertEquals(-1, cluster(estimator, 1, 10, 150 * MS, 150 * MS, 5, 1_000, 0));
    }

    @Test
    void shouldFetchEachEstimateOnce() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        long result = cluster(estimator, 1, 10, 2 * MS, 4 * MS, 5, 7_500, 0);
        assertEquals(result, estimator.fetchAndResetLastEstimateBps());
        assertEquals(-1, estimator.fetchAndResetLastEstimateBps());
        assertEquals(result, estimator.lastEstimateBps());
    }

    @Test
    void shouldForgetClustersNotUpdatedForOneSecond() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        cluster(estimator, 1, 3, 2 * MS, 2 * MS, 5, 1_000, 0);
        // Two more packets 2 s later would complete the cluster had it been kept.
        long late = cluster(estimator, 1, 2, 2 * MS, 2 * MS, 5, 1_000, 2_000 * MS);
        assertEquals(-1, late);
    }

    @Test
    void shouldTrackInterleavedClustersSeparately() {
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        long a = -1;
        long b = -1;
        for (int i = 0; i < 10; i++) {
            a = estimator.onProbePacket(1, i * 2 * MS, 30 * MS + i * 4 * MS, SIZE_BYTES, 5, 7_500, i * MS);
            b = estimator.onProbePacket(2, i * 2 * MS, 30 * MS + i * 2 * MS, SIZE_BYTES, 5, 7_500, i * MS);
        }
        assertEquals(1_900_000, a);
        assertEquals(4_000_000, b);
    }

    @Test
    void shouldLearnClusterRequirementsFromTheRegistry() {
        ProbeClusterRegistry registry = new ProbeClusterRegistry();
        registry.record(7, 4_000_000, 15 * MS, 5); // 7 500 B
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        long result = -1;
        for (int i = 0; i < 10; i++) {
            result = estimator.onProbePacket(7, i * 2 * MS, 30 * MS + i * 4 * MS, SIZE_BYTES, registry, i * MS);
            long unknown = estimator.onProbePacket(8, i * 2 * MS, 30 * MS + i * 4 * MS, SIZE_BYTES, registry, i * MS);
            assertEquals(-1, unknown, "clusters the controller never requested are ignored");
        }
        assertEquals(1_900_000, result);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldNeverReturnNegativeEstimatesOnGarbage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        for (int i = 0; i < 20_000; i++) {
            long send = random.nextInt(20) == 0 ? specials[random.nextInt(4)] : i * 500L + random.nextLong(-5000, 5000);
            long arrival = random.nextInt(20) == 0 ? specials[random.nextInt(4)] : send + random.nextLong(-50_000, 50_000);
            long result = estimator.onProbePacket(random.nextInt(-2, 12), send, arrival,
                    random.nextInt(-100, 1500), random.nextInt(-1, 10), random.nextLong(-1, 20_000), i * 500L);
            assertTrue(result == -1 || result >= 0, "result " + result);
        }
    }
}
