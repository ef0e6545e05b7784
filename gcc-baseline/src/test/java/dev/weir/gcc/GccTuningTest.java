package dev.weir.gcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import org.junit.jupiter.api.Test;

/** The tuning seam: a network type's parameter set swapped in between reports. */
class GccTuningTest {
    private static final int PACKETS_PER_REPORT = 26;
    private static final int PACKET_BYTES = 1200;
    private static final long ONE_WAY_DELAY_US = 40_000;

    private final FeedbackReport report = new FeedbackReport();
    private final BweResult out = new BweResult();
    private long seq;
    private long sendUs = 1_000_000;

    /**
     * One 100 ms report of packets sent at the current target (at most 2.5 Mbps) over a path with
     * a constant delay (no queue): the sender follows GCC, as a real one does.
     */
    private void report(GoogCcEstimator gcc) {
        report.clear();
        long arrivalUs = sendUs;
        long targetBps = out.targetRateBps() > 0 ? out.targetRateBps() : 1_000_000;
        int packets = (int) Math.max(2, Math.min(PACKETS_PER_REPORT, targetBps / 10 / (PACKET_BYTES * 8)));
        long spacingUs = 100_000 / packets;
        for (int i = 0; i < packets; i++) {
            gcc.onPacketSent(seq & 0xFFFF, sendUs, PACKET_BYTES);
            arrivalUs = sendUs + ONE_WAY_DELAY_US;
            report.add(seq++ & 0xFFFF, sendUs, arrivalUs, PACKET_BYTES);
            sendUs += spacingUs;
        }
        long nowUs = arrivalUs + ONE_WAY_DELAY_US;
        gcc.onFeedback(report, nowUs, out);
        gcc.onProcessInterval(nowUs, out);
    }

    private static GoogCcEstimator gcc() {
        return new GoogCcEstimator(GccSettings.defaults().withBitrates(30_000, 1_000_000, 5_000_000));
    }

    @Test
    void defaultsEqualTheTunablePartsOfTheDefaultSettings() {
        assertEquals(SettingsJson.write(GccTuning.of(GccSettings.defaults())), SettingsJson.write(GccTuning.defaults()));
        GccSettings applied = GccTuning.defaults().applyTo(GccSettings.defaults());
        assertEquals(SettingsJson.write(GccSettings.defaults()), SettingsJson.write(applied));
    }

    @Test
    void readsOnlyWhatAFileChangesAndListsEveryBrokenField() {
        GccTuning tuning = SettingsJson.read("{\"loss_based\": {\"high_loss_threshold\": 0.2},"
                + " \"aimd\": {\"backoff_factor\": 0.7}}", GccTuning.class, "random_loss.json");
        assertEquals(0.2, tuning.lossBased.highLossThreshold);
        assertEquals(0.7, tuning.aimd.backoffFactor);
        assertEquals(GccTuning.defaults().trendline.thresholdGain, tuning.trendline.thresholdGain);
        InvalidSettingsException bad = assertThrows(InvalidSettingsException.class, () -> SettingsJson.read(
                "{\"aimd\": {\"backoff_factor\": 1.5}, \"trendline\": {\"window_size\": 5},"
                        + " \"pushback\": {\"queue_size_ms\": -1}}", GccTuning.class, "bad.json"));
        assertEquals(3, bad.problems().size(), bad.getMessage());
        assertTrue(bad.getMessage().contains("bad.json.aimd.backoff_factor"), bad.getMessage());
        assertTrue(bad.getMessage().contains("bad.json.trendline.window_size"), bad.getMessage());
        assertTrue(bad.getMessage().contains("bad.json.pushback.queue_size_ms"), bad.getMessage());
    }

    @Test
    void refusesAnInvalidTuningAndChangesNothing() {
        GoogCcEstimator gcc = gcc();
        GccTuning bad = GccTuning.defaults();
        bad.aimd.backoffFactor = 2;
        assertFalse(gcc.applyTuning(bad));
        assertFalse(gcc.applyTuning(null));
        report(gcc);
        assertEquals(0.85, gcc.settings().delayBased.aimd.backoffFactor);
    }

    @Test
    void swapsTheParameterSetAtTheNextReportWithoutResettingTheEstimate() {
        GoogCcEstimator gcc = gcc();
        for (int i = 0; i < 50; i++) {
            report(gcc);
        }
        long beforeBps = out.targetRateBps();
        long delayBasedBps = out.delayBasedRateBps();
        GccTuning tuning = GccTuning.defaults();
        tuning.aimd.backoffFactor = 0.5;
        tuning.lossBased.highLossThreshold = 0.25;
        tuning.pushback.enabled = false;
        tuning.probe.periodicAlrProbing = true;
        assertTrue(gcc.applyTuning(tuning));
        assertEquals(0.85, gcc.settings().delayBased.aimd.backoffFactor, "pending until the next report");
        report(gcc);
        GccSettings inForce = gcc.settings();
        assertEquals(0.5, inForce.delayBased.aimd.backoffFactor);
        assertFalse(inForce.pushback.enabled);
        assertTrue(inForce.probe.periodicAlrProbing);
        assertEquals(0.25, inForce.lossBased.highLossThreshold);
        assertTrue(out.delayBasedRateBps() >= delayBasedBps, "no reset: the estimate carries on");
        assertTrue(out.targetRateBps() >= beforeBps * 0.95, "no reset: " + beforeBps + " -> " + out.targetRateBps());
        assertEquals(0, out.dataWindowBytes(), "pushback off reports no window");
    }

    @Test
    void anInjectedPredictorBacksOffBeforeTheDelayRises() {
        GoogCcEstimator gcc = gcc();
        for (int i = 0; i < 50; i++) {
            report(gcc);
        }
        long beforeBps = out.delayBasedRateBps();
        assertEquals(BandwidthUsage.NORMAL, out.delayState());
        gcc.setNetworkStatePredictor((sendTimeUs, arrivalTimeUs, detectorState) -> BandwidthUsage.OVERUSING);
        // AIMD cuts at most once per reduction interval (the RTT, 200 ms by default): 3 reports.
        for (int i = 0; i < 3; i++) {
            report(gcc);
            assertEquals(BandwidthUsage.OVERUSING, out.delayState());
        }
        assertTrue(out.delayBasedRateBps() < beforeBps * 0.9,
                "AIMD cut on the predicted overuse: " + beforeBps + " -> " + out.delayBasedRateBps());
        gcc.setNetworkStatePredictor(null);
        report(gcc);
        assertEquals(BandwidthUsage.NORMAL, out.delayState(), "without the predictor the detector rules again");
    }
}
