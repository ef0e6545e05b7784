package dev.weir.gcc.pushback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.gcc.GccSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushbackSettingsTest {

    @Test
    void shouldDefaultToLibwebrtcsCongestionWindowString() {
        PushbackSettings s = new PushbackSettings(); // QueueSize:350,MinBitrate:30000,DropFrame:true
        assertTrue(s.enabled);
        assertEquals(350, s.queueSizeMs);
        assertEquals(30_000, s.minBitrateBps);
        assertTrue(s.dropFrameOnly);
        assertEquals(0, s.initialDataWindowBytes);
        assertFalse(s.addPacing);
        ConfigCheck check = ConfigCheck.of("pushback");
        s.validate(check);
        assertTrue(check.isValid(), check.problems().toString());
    }

    @Test
    void shouldListEveryBrokenFieldWithValueAndRange() {
        PushbackSettings s = new PushbackSettings();
        s.queueSizeMs = -1;
        s.minBitrateBps = 200_000_000;
        s.initialDataWindowBytes = -3;
        ConfigCheck check = ConfigCheck.of("pushback");
        s.validate(check);
        List<String> problems = check.problems();
        assertEquals(List.of(
                "pushback.queue_size_ms = -1: must be in [0, 10000]",
                "pushback.min_bitrate_bps = 200000000: must be in [0, 100000000]",
                "pushback.initial_data_window_bytes = -3: must be in [0, 1000000000]"), problems);
    }

    @Test
    void shouldBeValidatedAsAChildOfGccSettings() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> SettingsJson.read(
                "{\"pushback\": {\"queue_size_ms\": 20000, \"min_bitrate_bps\": -5}}", GccSettings.class, "gcc.json"));
        assertEquals(2, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().contains("gcc.json.pushback.queue_size_ms = 20000: must be in [0, 10000]"),
                error.getMessage());
        assertTrue(error.getMessage().contains("gcc.json.pushback.min_bitrate_bps = -5: must be in [0, 100000000]"),
                error.getMessage());
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{\"pushback\": null}", GccSettings.class, "gcc.json"));
        assertTrue(missing.getMessage().contains("pushback: Invalid `null` value"), missing.getMessage());
    }

    @Test
    void shouldRoundTripThroughSnakeCaseJson() {
        PushbackSettings s = SettingsJson.read(
                "{\"enabled\": false, \"drop_frame_only\": false, \"initial_data_window_bytes\": 100000,"
                        + " \"add_pacing\": true}", PushbackSettings.class, "test");
        assertFalse(s.enabled);
        assertFalse(s.dropFrameOnly);
        assertEquals(100_000, s.initialDataWindowBytes);
        assertTrue(s.addPacing);
        assertEquals(350, s.queueSizeMs);
        PushbackSettings again = SettingsJson.read(SettingsJson.write(s), PushbackSettings.class, "again");
        assertEquals(SettingsJson.write(s), SettingsJson.write(again));
        assertEquals(SettingsJson.write(s), SettingsJson.write(s.copy()));
    }
}
