package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bottleneck's parameters and the tc command that installs it. */
class TbfTest {
    @Test
    void burstIsTwoFramesOrFourMillisecondsAtTheRate() {
        assertEquals(3_028, Tbf.forRate(1_000_000, 300_000).burstBytes());
        assertEquals(3_028, Tbf.forRate(6_000_000, 300_000).burstBytes());
        assertEquals(5_000, Tbf.forRate(10_000_000, 300_000).burstBytes());
        assertEquals(50_000, Tbf.forRate(100_000_000, 300_000).burstBytes());
    }

    @Test
    void limitIsRateTimesLatencyPlusBurst() {
        assertEquals(37_500 + 3_028, Tbf.forRate(1_000_000, 300_000).limitBytes());
    }

    @Test
    void commandNamesTheNamespaceDeviceAndUnits() {
        assertEquals(List.of("tc", "-n", "ns", "qdisc", "add", "dev", "ws0", "root", "tbf", "rate", "2500000bit",
                "burst", "3028", "latency", "250000us"), Tbf.forRate(2_500_000, 250_000).command("ns", "ws0"));
    }

    @Test
    void rejectsRatesAndQueuesOutsideItsRange() {
        assertThrows(IllegalArgumentException.class, () -> Tbf.forRate(7_999, 300_000));
        assertThrows(IllegalArgumentException.class, () -> Tbf.forRate(100_000_001, 300_000));
        assertThrows(IllegalArgumentException.class, () -> Tbf.forRate(1_000_000, 999));
        assertThrows(IllegalArgumentException.class, () -> new Tbf(1_000_000, 1_000, 300_000));
    }
}
