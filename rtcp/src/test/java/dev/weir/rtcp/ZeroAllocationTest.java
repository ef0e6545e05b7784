package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.contract.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path allocates nothing in steady state: send history, receiver-side generator,
 * bytes, parser, adapter and an estimator, for both formats. The harness itself only touches
 * preallocated arrays.
 */
class ZeroAllocationTest {
    private static final int WARM_UP_PACKETS = 200_000;
    private static final int MEASURED_PACKETS = 200_000;
    /** Bytes tolerated for measurement noise (the contract suite's bound). */
    private static final long NOISE_BYTES = 2_048;
    private static final long SPACING_US = 1_000;
    private static final long ONE_WAY_US = 30_000;
    private static final int MAX_QUEUED_FEEDBACK = 64;

    /** One call's worth of state; {@link #run} drives it for a number of packets. */
    private static final class Call implements FeedbackPacketSink {
        final boolean twcc;
        final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter();
        final TwccFeedbackGenerator twccGenerator = new TwccFeedbackGenerator(1, 1200, this);
        final CongestionControlFeedbackGenerator ccfbGenerator = new CongestionControlFeedbackGenerator(1, 1200, this);
        final TransportFeedback twccParser = new TransportFeedback();
        final CongestionControlFeedback ccfbParser = new CongestionControlFeedback();
        final FeedbackReport report = new FeedbackReport();
        final AckedRateEstimator estimator = new AckedRateEstimator();
        final BweResult result = new BweResult();
        final byte[][] queue = new byte[MAX_QUEUED_FEEDBACK][1200];
        final int[] queueLengths = new int[MAX_QUEUED_FEEDBACK];
        int queued;
        long packet;
        long nextProcessUs;

        Call(boolean twcc) {
            this.twcc = twcc;
        }

        @Override
        public void onFeedbackPacket(byte[] bytes, int offset, int length) {
            System.arraycopy(bytes, offset, queue[queued], 0, length);
            queueLengths[queued++] = length;
        }

        void run(int packets) {
            for (int n = 0; n < packets; n++) {
                long sendUs = packet * SPACING_US;
                int size = 300 + (int) (packet % 900);
                long ssrc = packet % 10 == 0 ? 2 : 1;
                int rtpSequence = (int) (packet & 0xFFFF);
                estimator.onPacketSent(packet & 0xFFFF, sendUs, size);
                adapter.onPacketSent((int) packet, sendUs, size, FeedbackReport.NOT_A_PROBE, ssrc, rtpSequence);
                long arrivalUs = sendUs + ONE_WAY_US + (packet * 7919 % 3) * 400;
                if (packet % 50 != 7) {
                    if (twcc) {
                        twccGenerator.onPacketReceived((int) packet, arrivalUs, ssrc);
                    } else {
                        ccfbGenerator.onPacketReceived(ssrc, rtpSequence, arrivalUs, 0, packet % 8 == 0);
                    }
                }
                if (arrivalUs >= nextProcessUs) {
                    nextProcessUs = arrivalUs + (twcc ? twccGenerator.process(arrivalUs) : ccfbGenerator.process(arrivalUs));
                }
                deliver(arrivalUs + ONE_WAY_US);
                packet++;
            }
        }

        private void deliver(long nowUs) {
            for (int q = 0; q < queued; q++) {
                report.clear();
                try {
                    if (twcc) {
                        twccParser.parse(queue[q], 0, queueLengths[q]);
                        adapter.onTransportFeedback(twccParser, nowUs, report);
                    } else {
                        ccfbParser.parse(queue[q], 0, queueLengths[q]);
                        adapter.onCongestionControlFeedback(ccfbParser, nowUs, report);
                    }
                } catch (RtcpFormatException e) {
                    throw new AssertionError(e);
                }
                estimator.onFeedback(report, nowUs, result);
            }
            queued = 0;
        }
    }

    private static void assertAllocationFree(boolean twcc) {
        assumeTrue(AllocationMeter.supported(), "this JVM cannot measure per-thread allocation");
        Call call = new Call(twcc);
        call.run(WARM_UP_PACKETS);
        long reportsBefore = call.estimator.feedbackReports();
        Runnable measured = () -> call.run(MEASURED_PACKETS);
        long allocated = AllocationMeter.bytesAllocatedBy(measured);
        assertTrue(call.estimator.feedbackReports() - reportsBefore > 100, "feedback must have flowed");
        assertTrue(call.estimator.packetsLost() > 0, "losses must have been reported");
        assertTrue(allocated < NOISE_BYTES, () -> allocated + " bytes allocated over " + MEASURED_PACKETS + " packets ("
                + (double) allocated / MEASURED_PACKETS + " B/packet)");
    }

    @Test
    void twccPathAllocatesNothingPerPacket() {
        assertAllocationFree(true);
    }

    @Test
    void rfc8888PathAllocatesNothingPerPacket() {
        assertAllocationFree(false);
    }
}
