package dev.weir.gcc.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import org.junit.jupiter.api.Test;

class ThroughputSettingsTest {
    @Test
    void shouldAcceptLibwebrtcDefaults() {
        ConfigCheck check = ConfigCheck.of("throughput");
        new ThroughputSettings().validate(check);
        assertTrue(check.isValid(), check.problems().toString());
    }

    @Test
    void shouldListEveryBrokenFieldWithValueAndRange() {
        ThroughputSettings s = new ThroughputSettings();
        s.windowPackets = 5;
        s.maxWindowPackets = 2000;
        s.minWindowDurationMs = 0;
        s.maxWindowDurationMs = 20_000;
        s.requiredPackets = 1;
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new RobustThroughputEstimator(s));
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().contains("throughput.window_packets = 5: must be in [10, 1000]"));
        assertTrue(e.problems().contains("throughput.max_window_packets = 2000: must be in [10, 1000]"));
        assertTrue(e.problems().contains("throughput.min_window_duration_ms = 0: must be in [100, 3000]"));
        assertTrue(e.problems().contains("throughput.max_window_duration_ms = 20000: must be in [1000, 15000]"));
        assertTrue(e.problems().contains("throughput.required_packets = 1: must be in [10, 1000]"));
    }

    @Test
    void shouldRejectInconsistentWindows() {
        ThroughputSettings s = new ThroughputSettings();
        s.windowPackets = 100;
        s.maxWindowPackets = 50;
        s.requiredPackets = 200;
        ConfigCheck check = ConfigCheck.of("throughput");
        s.validate(check);
        assertEquals(2, check.problems().size(), check.problems().toString());
        assertTrue(check.problems().get(0).contains("max_window_packets = 50: must be >= window_packets (100)"));
        assertTrue(check.problems().get(1).contains("required_packets = 200: must be <= window_packets (100)"));
    }
}
