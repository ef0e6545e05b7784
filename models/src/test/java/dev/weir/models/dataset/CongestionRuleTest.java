package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hand-made 200 ms series: 20 past steps (4 s), 20 future steps, sample at step 20. */
class CongestionRuleTest {
    private static final int NOW = 20;
    private final DatasetSettings settings = new DatasetSettings();

    private static float[] flat(float value) {
        float[] series = new float[40];
        Arrays.fill(series, value);
        return series;
    }

    @Test
    void shouldBeNegativeOnAFlatSeries() {
        assertEquals(0, CongestionRule.label(flat(100), flat(0), 40, NOW, settings));
    }

    @Test
    void shouldBePositiveWhenASpikeIsFollowedByLoss() {
        float[] rtt = flat(100);
        float[] loss = flat(0);
        rtt[25] = 150; // 100 + max(50, 30) = 150: exactly the spike level
        loss[27] = 0.1f;
        assertEquals(1, CongestionRule.label(rtt, loss, 40, NOW, settings));
    }

    @Test
    void shouldIgnoreLossBeforeTheSpike() {
        float[] rtt = flat(100);
        float[] loss = flat(0);
        rtt[30] = 160;
        loss[22] = 0.2f;
        assertEquals(0, CongestionRule.label(rtt, loss, 40, NOW, settings));
    }

    @Test
    void shouldBePositiveWhenASpikeIsFollowedByFurtherGrowth() {
        float[] rtt = flat(100);
        rtt[24] = 160;
        rtt[26] = 180; // 160 + max(20, 16) = 180
        assertEquals(1, CongestionRule.label(rtt, flat(0), 40, NOW, settings));
        rtt[26] = 179;
        assertEquals(0, CongestionRule.label(rtt, flat(0), 40, NOW, settings));
    }

    @Test
    void shouldUseTheRelativeSpikeThresholdOnLongPaths() {
        float[] rtt = flat(300); // spike level 300 + max(50, 90) = 390
        float[] loss = flat(0);
        rtt[25] = 380;
        loss[26] = 0.05f;
        assertEquals(0, CongestionRule.label(rtt, loss, 40, NOW, settings));
        rtt[25] = 390;
        assertEquals(1, CongestionRule.label(rtt, loss, 40, NOW, settings));
    }

    @Test
    void shouldNotLookBeyondTheFutureWindow() {
        float[] rtt = flat(100);
        float[] loss = flat(0);
        rtt[39] = 200;
        float[] longer = Arrays.copyOf(rtt, 45);
        float[] longerLoss = Arrays.copyOf(loss, 45);
        longer[40] = 200;
        longerLoss[41] = 0.5f; // after the 4 s future: ignored
        assertEquals(0, CongestionRule.label(longer, longerLoss, 45, NOW, settings));
    }

    @Test
    void shouldGiveNoLabelWithoutPastRttOrWholeFuture() {
        assertEquals(-1, CongestionRule.label(flat(0), flat(0), 40, NOW, settings));
        assertEquals(-1, CongestionRule.label(flat(100), flat(0), 39, NOW, settings));
        assertEquals(-1, CongestionRule.label(flat(100), flat(0), 40, 19, settings));
    }
}
