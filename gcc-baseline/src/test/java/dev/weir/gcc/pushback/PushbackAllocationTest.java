package dev.weir.gcc.pushback;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import org.junit.jupiter.api.Test;

class PushbackAllocationTest {
    /** Slack for the measurement itself; one allocation per packet would cost >= 1.6 MB. */
    private static final long SLACK_BYTES = 4096;

    @Test
    void shouldNotAllocatePerSentPacketOrPerReport() {
        assumeTrue(AllocationMeter.supported());
        PushbackSettings settings = new PushbackSettings();
        settings.addPacing = true;
        CongestionWindowPushbackController controller = new CongestionWindowPushbackController(settings);
        CongestionWindow window = new CongestionWindow(settings, 32);
        InFlightBytesTracker inFlight = new InFlightBytesTracker(1 << 15);
        long[] state = {0, 0}; // next sequence number, time us
        Runnable work = () -> {
            for (int i = 0; i < 100_000; i++) {
                long seq = state[0]++;
                state[1] += 1_000;
                // OnSentPacket: data in flight, then MaybeTriggerOnNetworkChanged.
                inFlight.onPacketSent(seq, 1_200);
                controller.updateOutstandingData(inFlight.outstandingBytes());
                controller.updateTargetBitrate(1_000_000 + (i % 7) * 10_000);
                if (i % 25 == 0) {
                    // OnProcessInterval: pacer queue, window, pushback.
                    controller.updatePacingQueue(i % 5 * 1_200);
                    controller.setDataWindow(window.update(1_000_000));
                    controller.updateTargetBitrate(1_000_000);
                }
                if (i % 50 == 49) {
                    // OnTransportPacketsFeedback.
                    inFlight.onFeedback(seq - 10);
                    controller.updateOutstandingData(inFlight.outstandingBytes());
                    window.onFeedbackMaxRtt(80_000 + (i % 13) * 1_000);
                    controller.setDataWindow(window.update(1_000_000));
                }
            }
        };
        work.run();
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < SLACK_BYTES, "allocated " + bytes + " bytes");
    }
}
