package dev.weir.gcc.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.ProbeRequest;
import org.junit.jupiter.api.Test;

/** Controller requests, a paced cluster over a bottleneck, estimator result, controller reaction. */
class ProbeRoundTripTest {
    private static final int PACKET_BYTES = 1200;

    /** Sends {@code request} through a {@code capacityBps} bottleneck; returns the last estimate. */
    private static long deliver(ProbeRequest request, long capacityBps, long startUs, ProbeBitrateEstimator estimator,
                                ProbeClusterRegistry registry) {
        long bytesNeeded = request.rateBps() * request.durationUs() / 8_000_000;
        int packets = (int) Math.max(request.minProbes(), (bytesNeeded + PACKET_BYTES - 1) / PACKET_BYTES);
        long sendGapUs = PACKET_BYTES * 8_000_000L / request.rateBps();
        long serviceUs = PACKET_BYTES * 8_000_000L / capacityBps;
        long linkFreeUs = 0;
        long result = -1;
        for (int i = 0; i < packets; i++) {
            long sendUs = startUs + i * sendGapUs;
            long arrivalUs = Math.max(sendUs + 20_000, linkFreeUs) + serviceUs;
            linkFreeUs = arrivalUs;
            long r = estimator.onProbePacket(request.clusterId(), sendUs, arrivalUs, PACKET_BYTES, registry,
                    arrivalUs + 20_000);
            result = r > 0 ? r : result;
        }
        return result;
    }

    @Test
    void shouldFindBottleneckAndProbeFurtherOnlyWhenItIsHigh() {
        ProbeClusterRegistry registry = new ProbeClusterRegistry();
        ProbeController controller = new ProbeController(new ProbeSettings(), registry);
        ProbeBitrateEstimator estimator = new ProbeBitrateEstimator();
        BweResult out = new BweResult();
        controller.setBitrates(30_000, 300_000, 0, 0, out);
        controller.onNetworkAvailability(true, 0, out);
        assertEquals(2, out.probeRequestCount());

        long capacityBps = 1_500_000;
        long first = deliver(out.probeRequest(0), capacityBps, 0, estimator, registry); // 900 kbps fits
        long second = deliver(out.probeRequest(1), capacityBps, 120_000, estimator, registry); // 1.8 Mbps saturates
        assertTrue(Math.abs(first - 900_000) < 45_000, "first " + first);
        assertTrue(Math.abs(second - 0.95 * capacityBps) < 0.05 * capacityBps, "second " + second);

        out.clearProbeRequests();
        controller.setEstimatedBitrate(second, BandwidthLimitedCause.DELAY_BASED_LIMITED, 300_000, out); // 1.43 Mbps > 0.7 x 1.8 Mbps
        assertEquals(1, out.probeRequestCount());
        long third = deliver(out.probeRequest(0), capacityBps, 300_000, estimator, registry);
        assertTrue(Math.abs(third - 0.95 * capacityBps) < 0.05 * capacityBps, "third " + third);
        out.clearProbeRequests();
        controller.setEstimatedBitrate(third, BandwidthLimitedCause.DELAY_BASED_LIMITED, 500_000, out); // below 0.7 x 2.85 Mbps: capacity found
        assertEquals(0, out.probeRequestCount());
    }
}
