package dev.weir.gcc.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import dev.weir.bwe.api.BweResult;
import org.junit.jupiter.api.Test;

class ProbeAllocationTest {
    /** Slack for the measurement itself; one allocation per call would cost >= 1.6 MB. */
    private static final long SLACK_BYTES = 4096;

    @Test
    void shouldNotAllocatePerProbePacketOrProcessTick() {
        assumeTrue(AllocationMeter.supported());
        ProbeClusterRegistry registry = new ProbeClusterRegistry();
        ProbeSettings settings = new ProbeSettings();
        settings.periodicAlrProbing = true;
        ProbeController controller = new ProbeController(settings, registry);
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        BweResult out = new BweResult();
        controller.setBitrates(30_000, 300_000, 0, 0, out);
        controller.onNetworkAvailability(true, 0, out);
        controller.setInAlr(true);
        long[] clock = {0};
        long[] requests = {0};
        Runnable work = () -> {
            for (int i = 0; i < 100_000; i++) {
                long t = clock[0] += 1_000;
                out.clearProbeRequests();
                controller.process(t, 0, out);
                controller.setEstimatedBitrate(1_000_000 + (i % 50) * 10_000, BandwidthLimitedCause.DELAY_BASED_LIMITED, t, out);
                requests[0] += out.probeRequestCount();
                int cluster = 1 + (i / 20) % 30;
                registry.record(cluster, 2_000_000, 15_000, 5);
                estimator.onProbePacket(cluster, t, t + 30_000 + (i % 20) * 1_500, 1000, registry, t);
            }
        };
        work.run();
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < SLACK_BYTES, "allocated " + bytes + " bytes");
        assertTrue(requests[0] > 0, "the ALR probe path ran");
    }
}
