package dev.weir.gcc.alr;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import org.junit.jupiter.api.Test;

class AlrDetectorAllocationTest {
    /** Slack for the measurement itself; one allocation per packet would cost >= 1.6 MB. */
    private static final long SLACK_BYTES = 4096;

    @Test
    void shouldNotAllocatePerPacket() {
        assumeTrue(AllocationMeter.supported());
        AlrDetector alr = new AlrDetector();
        long[] clock = {0};
        Runnable work = () -> {
            for (int i = 0; i < 100_000; i++) {
                alr.setEstimatedBitrate(1_000_000);
                alr.onBytesSent(i % 3 == 0 ? 1200 : 200, clock[0] += 5_000);
            }
        };
        work.run();
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < SLACK_BYTES, "allocated " + bytes + " bytes");
    }
}
