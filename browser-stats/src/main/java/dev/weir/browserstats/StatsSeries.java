package dev.weir.browserstats;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection's samples as intervals and as weir's 100 ms signal rows.
 *
 * <p>An interval runs from one sample to the next ({@code (start, end]}): its rates and loss come
 * from the counters' differences (a counter that goes down, e.g. a stream removed from the sum,
 * counts as no change and is counted in {@link #counterResets()}), its estimate, RTT and jitter
 * from the sample at its end (RTT and jitter held from earlier samples when that one has none).
 * Without packet counters (or across a reset of them), packets are bytes / {@value #ASSUMED_PACKET_BYTES}.
 *
 * <p>Rows: every 100 ms from the first sample, each describing the interval its end falls in,
 * so a 2 s getStats period gives 20 equal rows (getStats cannot say more).
 *
 * <p>Immutable after construction; thread-safe to read.
 */
public final class StatsSeries {
    /** Row length, ms: the simulator's time series step. */
    public static final long ROW_MS = 100;
    /** Packet size assumed when a dump has bytes but no packet counters: the simulator's full packet. */
    static final int ASSUMED_PACKET_BYTES = 1_200;
    /** Longest call accepted, ms: 24 h (the scenario format's limit). */
    static final long MAX_DURATION_MS = 86_400_000;

    /**
     * One interval between two samples.
     *
     * @param line the dump line of the closing sample
     * @param startMs start, ms from the first sample
     * @param endMs end, ms from the first sample
     * @param bytes bytes sent in it
     * @param packets packets sent in it
     * @param lostPackets packets the remote reported lost in it (at most {@code packets})
     * @param estimateBps the browser's estimate at its end, NaN when the browser reports none
     * @param rttMs RTT at its end (held), NaN before any
     * @param jitterMs jitter at its end (held), NaN before any
     */
    public record Interval(long line, long startMs, long endMs, double bytes, double packets, double lostPackets,
                           double estimateBps, double rttMs, double jitterMs) {
        public double durationS() {
            return (endMs - startMs) / 1_000.0;
        }

        public double sendBps() {
            return bytes * 8 / durationS();
        }

        public double lossFraction() {
            return packets > 0 ? lostPackets / packets : 0;
        }

        /** Bytes that arrived, per second: the send rate less the lost share. */
        public double deliveredBps() {
            return sendBps() * (1 - lossFraction());
        }
    }

    private final long originMs;
    private final List<Interval> intervals;
    private final int counterResets;

    private StatsSeries(long originMs, List<Interval> intervals, int counterResets) {
        this.originMs = originMs;
        this.intervals = List.copyOf(intervals);
        this.counterResets = counterResets;
    }

    /**
     * Builds the intervals of {@code connection}.
     *
     * @throws StatsFormatException when it has fewer than two samples with sending data or spans
     *     more than 24 h
     */
    public static StatsSeries of(String file, RtcStatsDump.PeerConnection connection) {
        List<StatsSample> samples = connection.samples().stream().filter(StatsSample::hasSendData).toList();
        if (samples.size() < 2) {
            throw new StatsFormatException(file, 0, connection.id() + " has " + samples.size()
                    + " getStats samples with sending data (bytesSent or an estimate); at least 2 are needed");
        }
        long originMs = samples.get(0).timeMs();
        long spanMs = samples.get(samples.size() - 1).timeMs() - originMs;
        if (spanMs > MAX_DURATION_MS) {
            throw new StatsFormatException(file, samples.get(samples.size() - 1).line(), connection.id()
                    + " samples span " + spanMs / 1_000 + " s, more than the 86400 s a scenario can hold");
        }
        List<Interval> intervals = new ArrayList<>();
        int resets = 0;
        double rttMs = Double.NaN;
        double jitterMs = Double.NaN;
        StatsSample previous = samples.get(0);
        if (Double.isFinite(previous.rttMs())) {
            rttMs = previous.rttMs();
        }
        if (Double.isFinite(previous.jitterMs())) {
            jitterMs = previous.jitterMs();
        }
        for (int i = 1; i < samples.size(); i++) {
            StatsSample sample = samples.get(i);
            if (sample.timeMs() <= previous.timeMs()) {
                continue; // two samples at one instant: the later one's counters extend the next interval
            }
            double bytes = delta(previous.bytesSent(), sample.bytesSent());
            double packets = delta(previous.packetsSent(), sample.packetsSent());
            double lost = delta(previous.packetsLost(), sample.packetsLost());
            if (bytes < 0 || packets < 0) {
                resets++;
            }
            bytes = Math.max(0, finiteOr(bytes, 0));
            if (!Double.isFinite(packets) || packets < 0) {
                packets = Math.ceil(bytes / ASSUMED_PACKET_BYTES);
            }
            lost = Math.min(packets, Math.max(0, finiteOr(lost, 0)));
            if (Double.isFinite(sample.rttMs())) {
                rttMs = sample.rttMs();
            }
            if (Double.isFinite(sample.jitterMs())) {
                jitterMs = sample.jitterMs();
            }
            intervals.add(new Interval(sample.line(), previous.timeMs() - originMs, sample.timeMs() - originMs, bytes,
                    packets, lost, sample.estimateBps(), rttMs, jitterMs));
            previous = sample;
        }
        if (intervals.isEmpty()) {
            throw new StatsFormatException(file, 0, connection.id() + " samples all share one timestamp");
        }
        return new StatsSeries(originMs, intervals, resets);
    }

    /** A series of given intervals (times from 0), for tests of what is built from it. */
    static StatsSeries ofIntervals(List<Interval> intervals) {
        return new StatsSeries(0, intervals, 0);
    }

    private static double delta(double before, double after) {
        return Double.isFinite(before) && Double.isFinite(after) ? after - before : Double.NaN;
    }

    private static double finiteOr(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }

    /** Timestamp of the first sample, ms since the epoch: time 0 of the rows. */
    public long originMs() {
        return originMs;
    }

    public List<Interval> intervals() {
        return intervals;
    }

    /** Intervals in which a counter went down (treated as no change). */
    public int counterResets() {
        return counterResets;
    }

    /** End of the last interval, ms from the first sample. */
    public long durationMs() {
        return intervals.get(intervals.size() - 1).endMs();
    }

    /** Number of 100 ms rows. */
    public int rows() {
        return (int) (durationMs() / ROW_MS);
    }

    /** The interval holding the time {@code timeMs} (ms from the first sample; (start, end]). */
    public Interval intervalAt(long timeMs) {
        int lo = 0;
        int hi = intervals.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (intervals.get(mid).endMs() < timeMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return intervals.get(lo);
    }
}
