package dev.weir.gcc.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import org.junit.jupiter.api.Test;

class SendSideBandwidthEstimationAllocationTest {
    /** Slack for the measurement itself; one allocation per call would cost >= 1.6 MB. */
    private static final long SLACK_BYTES = 4096;

    @Test
    void shouldNotAllocatePerReportOrTick() {
        assumeTrue(AllocationMeter.supported());
        SendSideBandwidthEstimation bwe = new SendSideBandwidthEstimation();
        bwe.setBitrates(30_000, 300_000, 50_000_000, 0);
        long[] clock = {0};
        Runnable work = () -> {
            for (int i = 0; i < 100_000; i++) {
                long t = clock[0] += 25_000;
                bwe.onPacketSent(t);
                bwe.onPeriodicUpdate(t);
                if (i % 4 == 0) {
                    bwe.onPacketsReport(i % 3, 40, t);
                    bwe.onRtt(80_000, t);
                    bwe.onAckedRate(bwe.targetRateBps());
                    bwe.onDelayBasedEstimate(2_000_000 + (i % 100) * 1000, t);
                }
            }
        };
        work.run();
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < SLACK_BYTES, "allocated " + bytes + " bytes");
    }
}
