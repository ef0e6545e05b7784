package dev.weir.gcc.throughput;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import org.junit.jupiter.api.Test;

class RobustThroughputEstimatorAllocationTest {
    /** Slack for the measurement itself; one allocation per packet would cost >= 1.6 MB. */
    private static final long SLACK_BYTES = 4096;

    @Test
    void shouldNotAllocatePerPacketOrQuery() {
        assumeTrue(AllocationMeter.supported());
        RobustThroughputEstimator estimator = new RobustThroughputEstimator();
        long[] sink = new long[1];
        Runnable work = () -> {
            for (int i = 0; i < 100_000; i++) {
                long t = i * 1000L;
                estimator.onPacket(t, t + 20_000 + (i % 7) * 100, 1200);
                if (i % 10 == 0) {
                    sink[0] += estimator.bitrateBps();
                }
            }
        };
        work.run(); // warm up
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < SLACK_BYTES, "allocated " + bytes + " bytes");
        assertTrue(sink[0] > 0);
    }
}
