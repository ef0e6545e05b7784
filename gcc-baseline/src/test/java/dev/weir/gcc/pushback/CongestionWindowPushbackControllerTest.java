package dev.weir.gcc.pushback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The first six tests reproduce libwebrtc's
 * modules/congestion_controller/goog_cc/congestion_window_pushback_controller_unittest.cc with the
 * same inputs and expected values; the rest pin the remaining branches of UpdateTargetBitrate.
 */
class CongestionWindowPushbackControllerTest {

    private static CongestionWindowPushbackController defaults() {
        // CreateTestFieldTrials(): WebRTC-CongestionWindow falls back to its default string.
        return new CongestionWindowPushbackController(new PushbackSettings());
    }

    @Test
    void fullCongestionWindow() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.updateOutstandingData(100_000);
        cwnd.setDataWindow(50_000);

        long bitrateBps = 80_000;
        bitrateBps = cwnd.updateTargetBitrate(bitrateBps);
        assertEquals(72_000, bitrateBps);

        cwnd.setDataWindow(50_000);
        bitrateBps = cwnd.updateTargetBitrate(bitrateBps);
        assertEquals((long) (72_000 * 0.9 * 0.9), bitrateBps);
    }

    @Test
    void normalCongestionWindow() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.updateOutstandingData(199_999);
        cwnd.setDataWindow(200_000);

        assertEquals(80_000, cwnd.updateTargetBitrate(80_000));
    }

    @Test
    void lowBitrate() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.updateOutstandingData(100_000);
        cwnd.setDataWindow(50_000);

        long bitrateBps = 35_000;
        bitrateBps = cwnd.updateTargetBitrate(bitrateBps);
        assertEquals((long) (35_000 * 0.9), bitrateBps);

        cwnd.setDataWindow(20_000);
        bitrateBps = cwnd.updateTargetBitrate(bitrateBps);
        assertEquals(30_000, bitrateBps);
    }

    @Test
    void noPushbackOnDataWindowUnset() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.updateOutstandingData((long) 1e8);

        assertEquals(80_000, cwnd.updateTargetBitrate(80_000));
    }

    @Test
    void pushbackOnInitialDataWindow() {
        PushbackSettings settings = new PushbackSettings(); // WebRTC-CongestionWindow/InitWin:100000/
        settings.initialDataWindowBytes = 100_000;
        CongestionWindowPushbackController cwnd = new CongestionWindowPushbackController(settings);
        cwnd.updateOutstandingData((long) 1e8);

        assertTrue(cwnd.updateTargetBitrate(80_000) < 80_000);
    }

    @Test
    void pushbackDropFrame() {
        PushbackSettings settings = new PushbackSettings(); // WebRTC-CongestionWindow/DropFrame:true/
        settings.dropFrameOnly = true;
        CongestionWindowPushbackController cwnd = new CongestionWindowPushbackController(settings);
        cwnd.updateOutstandingData((long) 1e8);
        cwnd.setDataWindow(50_000);

        assertTrue(cwnd.updateTargetBitrate(80_000) < 80_000);
    }

    @Test
    void shouldCutByFivePercentPerUpdateWhenTheWindowIsFullButNotOverfull() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.setDataWindow(100_000);
        cwnd.updateOutstandingData(150_000); // fill 1.5: not above 1.5
        assertEquals(950_000, cwnd.updateTargetBitrate(1_000_000));
        assertEquals(0.95, cwnd.encodingRateRatio(), 1e-12);
        assertEquals(902_500, cwnd.updateTargetBitrate(1_000_000), 1);
    }

    @Test
    void shouldRecoverByFivePercentPerUpdateUpToTheFullTarget() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.setDataWindow(100_000);
        cwnd.updateOutstandingData(200_000);
        cwnd.updateTargetBitrate(1_000_000);
        cwnd.updateTargetBitrate(1_000_000); // ratio 0.81
        cwnd.updateOutstandingData(50_000); // fill 0.5
        assertEquals((long) (1_000_000 * (0.81 * 1.05)), cwnd.updateTargetBitrate(1_000_000), 1);
        for (int i = 0; i < 10; i++) {
            cwnd.updateTargetBitrate(1_000_000);
        }
        assertEquals(1.0, cwnd.encodingRateRatio());
        assertEquals(1_000_000, cwnd.updateTargetBitrate(1_000_000));
    }

    @Test
    void shouldRestoreTheFullTargetAtOnceWhenTheWindowIsNearlyEmpty() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.setDataWindow(100_000);
        cwnd.updateOutstandingData(1_000_000);
        for (int i = 0; i < 20; i++) {
            cwnd.updateTargetBitrate(2_000_000);
        }
        assertTrue(cwnd.encodingRateRatio() < 0.2);
        cwnd.updateOutstandingData(9_999); // fill just under 0.1
        assertEquals(2_000_000, cwnd.updateTargetBitrate(2_000_000));
        assertEquals(1.0, cwnd.encodingRateRatio());
    }

    @Test
    void shouldHoldTheMinimumPushbackBitrateButObeyALowerEstimate() {
        PushbackSettings settings = new PushbackSettings();
        settings.minBitrateBps = 100_000;
        CongestionWindowPushbackController cwnd = new CongestionWindowPushbackController(settings);
        cwnd.setDataWindow(10_000);
        cwnd.updateOutstandingData(1_000_000);
        for (int i = 0; i < 100; i++) {
            cwnd.updateTargetBitrate(500_000);
        }
        assertEquals(100_000, cwnd.updateTargetBitrate(500_000));
        assertEquals(60_000, cwnd.updateTargetBitrate(60_000), "an estimate below the floor is obeyed");
    }

    @Test
    void shouldCountThePacerQueueOnlyWithAddPacing() {
        CongestionWindowPushbackController without = defaults();
        PushbackSettings settings = new PushbackSettings();
        settings.addPacing = true;
        CongestionWindowPushbackController with = new CongestionWindowPushbackController(settings);
        for (CongestionWindowPushbackController cwnd : new CongestionWindowPushbackController[] {without, with}) {
            cwnd.setDataWindow(100_000);
            cwnd.updateOutstandingData(60_000);
            cwnd.updatePacingQueue(60_000);
        }
        assertEquals(1_000_000, without.updateTargetBitrate(1_000_000), "fill 0.6");
        assertEquals(950_000, with.updateTargetBitrate(1_000_000), "fill 1.2");
    }

    @Test
    void shouldStopPushingBackWhenTheWindowIsCleared() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.setDataWindow(10_000);
        cwnd.updateOutstandingData(1_000_000);
        assertEquals(900_000, cwnd.updateTargetBitrate(1_000_000));
        cwnd.setDataWindow(0);
        assertEquals(1_000_000, cwnd.updateTargetBitrate(1_000_000));
        assertEquals(0, cwnd.dataWindowBytes());
    }

    @Test
    void shouldTreatNegativeInputsAsZero() {
        CongestionWindowPushbackController cwnd = defaults();
        cwnd.setDataWindow(-5);
        cwnd.updateOutstandingData(-100);
        cwnd.updatePacingQueue(-100);
        assertEquals(0, cwnd.updateTargetBitrate(-1));
        cwnd.setDataWindow(10_000);
        assertEquals(0, cwnd.outstandingBytes());
        assertEquals(0, cwnd.updateTargetBitrate(-1));
        assertEquals(CongestionWindowPushbackController.MAX_BITRATE_BPS, cwnd.updateTargetBitrate(Long.MAX_VALUE));
    }
}
