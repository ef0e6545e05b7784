package dev.weir.gcc.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import org.junit.jupiter.api.Test;

/** Components swap a network type's parameters in place, keeping their state. */
class TuningSwapTest {
    private static final long MS = 1_000;

    @Test
    void aimdKeepsItsEstimateAndUsesTheNewBackoffFactorFromTheNextDecrease() {
        AimdRateControl aimd = new AimdRateControl(new AimdSettings());
        aimd.setEstimate(1_000_000, 0);
        AimdSettings deeper = new AimdSettings();
        deeper.backoffFactor = 0.5;
        assertTrue(aimd.applySettings(deeper));
        assertEquals(1_000_000, aimd.latestEstimateBps());
        aimd.update(BandwidthUsage.OVERUSING, 800_000, 1_000 * MS);
        assertEquals(395_000, aimd.latestEstimateBps(), "0.5 x 800 kbps - 5 kbps");
        deeper.backoffFactor = 1.5;
        assertFalse(aimd.applySettings(deeper));
        assertFalse(aimd.applySettings(null));
    }

    @Test
    void trendlineKeepsItsStateForTheSameWindowAndRestartsForANewOne() {
        TrendlineEstimator trendline = new TrendlineEstimator(new TrendlineSettings());
        long arrivalUs = 0;
        for (int i = 0; i < 40; i++) {
            arrivalUs += 22 * MS; // groups 20 ms apart arrive 22 ms apart: a rising delay
            trendline.update(22, 20, i * 20 * MS, arrivalUs, 1200, true);
        }
        assertEquals(BandwidthUsage.OVERUSING, trendline.state());
        TrendlineSettings sameWindow = new TrendlineSettings();
        sameWindow.thresholdGain = 4.0;
        assertTrue(trendline.applySettings(sameWindow));
        assertEquals(BandwidthUsage.OVERUSING, trendline.state(), "state kept");
        TrendlineSettings wider = new TrendlineSettings();
        wider.windowSize = 40;
        assertTrue(trendline.applySettings(wider));
        assertEquals(BandwidthUsage.NORMAL, trendline.state(), "a new window restarts the trend");
        TrendlineSettings bad = new TrendlineSettings();
        bad.windowSize = 3;
        assertFalse(trendline.applySettings(bad));
    }
}
