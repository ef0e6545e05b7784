package dev.weir.gcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.contract.AllocationMeter;
import dev.weir.gcc.loss.v2.LossBasedState;
import org.junit.jupiter.api.Test;

/**
 * LossBasedBweV2 fed by GoogCcEstimator.onFeedback (every accepted packet, then the per-report
 * update after the delay-based one, as libwebrtc's OnTransportPacketsFeedback): scripted feedback
 * over a fixed-delay path that drops every fifth packet.
 */
class GoogCcLossBasedV2Test {
    private static final int PACKETS_PER_REPORT = 20;
    private static final int PACKET_BYTES = 1200;
    private static final long PACKET_SPACING_US = 5_000;
    private static final long ONE_WAY_DELAY_US = 30_000;

    private final FeedbackReport report = new FeedbackReport();
    private final BweResult out = new BweResult();
    private long seq;
    private long sendUs = 1_000_000;

    /** One 100 ms report; every {@code lossEvery}-th packet lost (0 = none). */
    private void report(GoogCcEstimator gcc, int lossEvery) {
        report.clear();
        long lastArrivalUs = sendUs;
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            gcc.onPacketSent(seq & 0xFFFF, sendUs, PACKET_BYTES);
            boolean lost = lossEvery > 0 && seq % lossEvery == 0;
            lastArrivalUs = sendUs + ONE_WAY_DELAY_US;
            report.add(seq++ & 0xFFFF, sendUs, lost ? FeedbackReport.LOST : lastArrivalUs, PACKET_BYTES);
            sendUs += PACKET_SPACING_US;
        }
        long nowUs = lastArrivalUs + ONE_WAY_DELAY_US;
        gcc.onFeedback(report, nowUs, out);
        gcc.onProcessInterval(nowUs, out);
    }

    private static GoogCcEstimator gcc(boolean v2Enabled) {
        GccSettings settings = GccSettings.defaults().withBitrates(30_000, 1_000_000, 5_000_000);
        settings.lossBased.v2.enabled = v2Enabled;
        return new GoogCcEstimator(settings);
    }

    @Test
    void shouldLeaveTheDelayBasedStateUnderTwentyPercentLossWithV2() {
        GoogCcEstimator gcc = gcc(true);
        for (int i = 0; i < 30; i++) {
            report(gcc, 0);
        }
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, gcc.lossBasedState());
        for (int i = 0; i < 100; i++) {
            report(gcc, 5);
        }
        assertEquals(LossBasedState.DECREASING, gcc.lossBasedState());
        assertEquals(0, out.paddingRateBps());
        // Open loop: the script sends 1.92 Mbps whatever the target, so the acked rate (1.54 Mbps)
        // is LBv2's lower bound, above its instant upper bound at 20 % loss (667 kbps).
        assertEquals(1_536_000, out.ackedRateBps());
        assertEquals(out.ackedRateBps(), out.targetRateBps());
    }

    @Test
    void shouldKeepTheClassicControllerWhenV2IsDisabled() {
        GoogCcEstimator gcc = gcc(false);
        for (int i = 0; i < 30; i++) {
            report(gcc, 0);
        }
        for (int i = 0; i < 100; i++) {
            report(gcc, 5);
            assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, gcc.lossBasedState());
            assertEquals(0, out.paddingRateBps());
        }
        assertEquals(false, gcc.settings().lossBased.v2.enabled);
    }

    @Test
    void shouldNotAllocateWithLossInSteadyState() {
        assumeTrue(AllocationMeter.supported());
        GoogCcEstimator gcc = gcc(true);
        Runnable work = () -> {
            for (int i = 0; i < 2_000; i++) {
                report(gcc, i % 400 < 200 ? 0 : 7);
            }
        };
        work.run();
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < 4096, "allocated " + bytes + " bytes over " + 2_000 * PACKETS_PER_REPORT + " packets");
    }
}
