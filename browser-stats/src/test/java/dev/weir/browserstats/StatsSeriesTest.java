package dev.weir.browserstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Samples -> intervals -> 100 ms rows. */
class StatsSeriesTest {
    @Test
    void intervalsComeFromCounterDifferences() {
        RtcStatsDump dump = RtcStatsReader.read(Fixtures.dump("chrome-compressed.ndjson"));
        StatsSeries series = StatsSeries.of(dump.source(), dump.connection("PC_0"));
        List<StatsSeries.Interval> intervals = series.intervals();
        assertEquals(3, intervals.size());
        StatsSeries.Interval first = intervals.get(0);
        assertEquals(0, first.startMs());
        assertEquals(2_000, first.endMs());
        assertEquals(500_000, first.sendBps(), 1e-9);
        assertEquals(0.05, first.lossFraction(), 1e-12);
        assertEquals(475_000, first.deliveredBps(), 1e-9);
        assertEquals(500_000, first.estimateBps(), 0);
        assertEquals(50, first.rttMs(), 1e-9);
        assertEquals(0, intervals.get(1).lostPackets(), 0);
        assertEquals(80, intervals.get(2).rttMs(), 1e-9);
        assertEquals(6_000, series.durationMs());
        assertEquals(60, series.rows());
        assertEquals(2_000, series.originMs());
        assertEquals(intervals.get(0), series.intervalAt(100));
        assertEquals(intervals.get(0), series.intervalAt(2_000), "(start, end]");
        assertEquals(intervals.get(1), series.intervalAt(2_001));
        assertEquals(intervals.get(2), series.intervalAt(6_000));
    }

    @Test
    void withoutPacketCountersPacketsAreFullSizeAndResetsCountNothing() {
        RtcStatsDump.PeerConnection pc = new RtcStatsDump.PeerConnection("PC_9", List.of(
                sample(0, 0, Double.NaN), sample(1_000, 120_000, Double.NaN), sample(2_000, 60_000, Double.NaN),
                sample(3_000, 180_000, Double.NaN)), 4, false);
        StatsSeries series = StatsSeries.of("x", pc);
        assertEquals(100, series.intervals().get(0).packets(), 0, "120 000 bytes / 1200");
        assertEquals(0, series.intervals().get(1).bytes(), 0, "a counter going down is no change");
        assertEquals(1, series.counterResets());
        assertEquals(120_000, series.intervals().get(2).bytes(), 0);
    }

    @Test
    void tooLittleDataIsRefused() {
        RtcStatsDump.PeerConnection one = new RtcStatsDump.PeerConnection("PC_9", List.of(sample(0, 0, 1)), 1, false);
        StatsFormatException e = assertThrows(StatsFormatException.class, () -> StatsSeries.of("x", one));
        assertTrue(e.getMessage().contains("PC_9 has 1 getStats samples with sending data"), e.getMessage());
        RtcStatsDump.PeerConnection frozen = new RtcStatsDump.PeerConnection("PC_9", List.of(sample(5, 0, 1),
                sample(5, 10, 2)), 2, false);
        assertThrows(StatsFormatException.class, () -> StatsSeries.of("x", frozen));
    }

    static StatsSample sample(long timeMs, double bytes, double packets) {
        return new StatsSample(1, timeMs, Double.NaN, 40, bytes, packets, Double.NaN, Double.NaN);
    }
}
