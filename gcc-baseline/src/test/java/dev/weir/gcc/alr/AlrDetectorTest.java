package dev.weir.gcc.alr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlrDetectorTest {
    private static final long MS = 1000;
    private static final long PACKET_GAP_US = 10 * MS;

    /** Sends at {@code rateBps} in 10 ms steps over [fromUs, toUs); returns the time reached. */
    private static long send(AlrDetector alr, long rateBps, long fromUs, long toUs) {
        int bytesPerPacket = (int) (rateBps * PACKET_GAP_US / 8_000_000);
        long t = fromUs;
        for (; t < toUs; t += PACKET_GAP_US) {
            alr.onBytesSent(bytesPerPacket, t);
        }
        return t;
    }

    @Test
    void shouldEnterAlrWhenUnusedBudgetExceedsEightyPercent() {
        AlrDetector alr = new AlrDetector();
        alr.setEstimatedBitrate(1_000_000); // budget 650 kbps, at most 40625 bytes
        // Sending 250 kbps leaves 400 kbps = 50 kB/s unused: 0.8 x 40625 B after 0.65 s.
        send(alr, 250_000, 0, 640 * MS);
        assertFalse(alr.inAlr());
        assertEquals(AlrDetector.NOT_IN_ALR, alr.alrStartTimeUs());
        send(alr, 250_000, 640 * MS, 700 * MS);
        assertTrue(alr.inAlr());
        assertTrue(alr.alrStartTimeUs() >= 650 * MS && alr.alrStartTimeUs() <= 670 * MS,
                "started at " + alr.alrStartTimeUs());
    }

    @Test
    void shouldLeaveAlrWhenUnusedBudgetFallsBelowFiftyPercent() {
        AlrDetector alr = new AlrDetector();
        alr.setEstimatedBitrate(1_000_000);
        long t = send(alr, 0, 0, 2_000 * MS);
        assertTrue(alr.inAlr());
        assertEquals(1.0, alr.budgetRatio(), 1e-9);
        // Sending 1.65 Mbps drains 1 Mbps = 125 kB/s: 0.5 x 40625 B after 0.1625 s.
        long end = send(alr, 1_650_000, t, t + 150 * MS);
        assertTrue(alr.inAlr());
        send(alr, 1_650_000, end, end + 30 * MS);
        assertFalse(alr.inAlr());
        assertEquals(AlrDetector.NOT_IN_ALR, alr.alrStartTimeUs());
        assertTrue(alr.alrEndedTimeUs() > t);
    }

    @Test
    void shouldKeepStateBetweenTheThresholds() {
        AlrDetector alr = new AlrDetector();
        alr.setEstimatedBitrate(1_000_000);
        long t = send(alr, 0, 0, 1_000 * MS);
        assertTrue(alr.inAlr());
        t = send(alr, 1_650_000, t, t + 120 * MS); // ratio drops to about 0.63
        t = send(alr, 650_000, t, t + 3_000 * MS); // using exactly the budget keeps the ratio
        assertTrue(alr.budgetRatio() > 0.5 && alr.budgetRatio() < 0.8, "ratio " + alr.budgetRatio());
        assertTrue(alr.inAlr(), "hysteresis keeps ALR above 0.5");

        AlrDetector busy = new AlrDetector();
        busy.setEstimatedBitrate(1_000_000);
        long u = send(busy, 250_000, 0, 500 * MS); // ratio about 0.6
        u = send(busy, 650_000, u, u + 3_000 * MS);
        assertTrue(busy.budgetRatio() > 0.5 && busy.budgetRatio() < 0.8, "ratio " + busy.budgetRatio());
        assertFalse(busy.inAlr(), "hysteresis keeps non-ALR below 0.8");
    }

    @Test
    void shouldNotEnterAlrWhenSendingAboveTheBudget() {
        AlrDetector alr = new AlrDetector();
        alr.setEstimatedBitrate(1_000_000);
        send(alr, 700_000, 0, 10_000 * MS);
        assertFalse(alr.inAlr());
    }

    @Test
    void shouldNotEnterAlrWithoutAnEstimate() {
        AlrDetector alr = new AlrDetector();
        send(alr, 0, 0, 10_000 * MS);
        assertFalse(alr.inAlr());
        assertEquals(0.0, alr.budgetRatio());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldStayFiniteOnGarbageInput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AlrDetector alr = new AlrDetector();
        long[] times = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        long t = 0;
        for (int i = 0; i < 5000; i++) {
            t += random.nextLong(-20 * MS, 50 * MS);
            long when = random.nextInt(20) == 0 ? times[random.nextInt(times.length)] : t;
            if (random.nextInt(10) == 0) {
                alr.setEstimatedBitrate(random.nextInt(5) == 0 ? Long.MIN_VALUE : random.nextLong(-1, 5_000_000));
            }
            alr.onBytesSent(random.nextInt(-2000, 3000), when);
            double ratio = alr.budgetRatio();
            assertTrue(ratio >= -1 && ratio <= 1, "ratio " + ratio);
            if (!alr.inAlr()) {
                assertEquals(AlrDetector.NOT_IN_ALR, alr.alrStartTimeUs());
            }
        }
    }

    @Test
    void shouldValidateEveryFieldAndTheThresholdOrder() {
        ConfigCheck ok = ConfigCheck.of("alr");
        new AlrSettings().validate(ok);
        assertTrue(ok.isValid(), ok.problems().toString());

        AlrSettings s = new AlrSettings();
        s.bandwidthUsageRatio = 0;
        s.startBudgetLevelRatio = 1.5;
        s.stopBudgetLevelRatio = Double.NaN;
        s.windowMs = 0;
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> new AlrDetector(s));
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().contains("alr.bandwidth_usage_ratio = 0: must be in [0.01, 1]"));
        assertTrue(e.problems().contains("alr.start_budget_level_ratio = 1.5: must be in [0, 1]"));
        assertTrue(e.problems().contains("alr.stop_budget_level_ratio = NaN: must be in [-1, 1]"));
        assertTrue(e.problems().contains("alr.window_ms = 0: must be in [10, 10000]"));

        AlrSettings inverted = new AlrSettings();
        inverted.stopBudgetLevelRatio = 0.9;
        ConfigCheck check = ConfigCheck.of("alr");
        inverted.validate(check);
        assertEquals("alr.stop_budget_level_ratio = 0.9: must be < start_budget_level_ratio (0.8)",
                check.problems().get(0));
    }
}
