package dev.weir.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.scenario.Scenario;
import org.junit.jupiter.api.Test;

class CrossTrafficSourceTest {

    @Test
    void shouldSendAtTheConfiguredRateOnlyWhileOn() {
        // 960 kbps of 1200 B packets: one per 10 ms; on 1 s, off 1 s.
        Scenario.CrossTraffic onOff = new Scenario.CrossTraffic("onoff", 960_000, 1_000_000, 1_000_000);
        CrossTrafficSource source = new CrossTrafficSource(onOff, 1200);
        int packets = 0;
        long timeUs = 0;
        while (timeUs < 4_000_000) {
            assertTrue(source.sendsAt(timeUs), "scheduled in an off period at " + timeUs);
            packets++;
            timeUs = source.nextPacketUs(timeUs);
        }
        assertEquals(200, packets); // two on periods of 100 packets
        assertEquals(960_000, CrossTrafficSource.rateBpsAt(onOff, 500_000));
        assertEquals(0, CrossTrafficSource.rateBpsAt(onOff, 1_500_000));
    }

    @Test
    void shouldBeSilentForNone() {
        CrossTrafficSource source = new CrossTrafficSource(Scenario.CrossTraffic.NONE, 1200);
        assertFalse(source.active());
        assertEquals(Long.MAX_VALUE, source.nextPacketUs(0));
    }

    @Test
    void shouldRejectAnUnknownType() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new CrossTrafficSource(new Scenario.CrossTraffic("bursty", 1, 1, 1), 1200));
        assertTrue(error.getMessage().contains("bursty"));
    }
}
