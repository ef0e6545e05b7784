package dev.weir.gcc.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import org.junit.jupiter.api.Test;

class ProbeSettingsTest {
    @Test
    void shouldAcceptLibwebrtcDefaults() {
        ConfigCheck check = ConfigCheck.of("probe");
        new ProbeSettings().validate(check);
        assertTrue(check.isValid(), check.problems().toString());
    }

    @Test
    void shouldListEveryBrokenFieldWithValueAndRange() {
        ProbeSettings s = new ProbeSettings();
        s.firstExponentialProbeScale = 0.5;
        s.furtherProbeThreshold = Double.POSITIVE_INFINITY;
        s.minProbePacketsSent = 0;
        s.minReceivedBytesRatio = 1.2;
        s.targetUtilizationFraction = 0;
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new ProbeController(s, null));
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().contains("probe.first_exponential_probe_scale = 0.5: must be in [1, 100]"));
        assertTrue(e.problems().contains("probe.further_probe_threshold = Infinity: must be in [0, 1]"));
        assertTrue(e.problems().contains("probe.min_probe_packets_sent = 0: must be in [1, 1000]"));
        assertTrue(e.problems().contains("probe.min_received_bytes_ratio = 1.2: must be in [0, 1]"));
        assertTrue(e.problems().contains("probe.target_utilization_fraction = 0: must be in [0.1, 1]"));
        assertThrows(InvalidSettingsException.class, () -> new ProbeBitrateEstimator(s));
    }

    @Test
    void shouldReadSnakeCaseJsonAndRejectUnknownFields() {
        ProbeSettings s = SettingsJson.read("{\"alr_probing_interval_ms\": 3000, \"periodic_alr_probing\": false}",
                ProbeSettings.class, "probe.json");
        assertEquals(3000, s.alrProbingIntervalMs);
        assertEquals(false, s.periodicAlrProbing);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{\"alr_probing_interval\": 3000}", ProbeSettings.class, "probe.json"));
        assertTrue(e.getMessage().contains("unknown field 'alr_probing_interval'"), e.getMessage());
    }
}
