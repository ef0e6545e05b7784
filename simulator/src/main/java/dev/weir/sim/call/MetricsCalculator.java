package dev.weir.sim.call;

/**
 * Computes {@link CallMetrics} as the call runs: each sent packet and each finished time-series
 * row is counted once, in order, and nothing is kept for the end but running sums, the last
 * ramp-window rows and the delay histogram (exact percentiles in memory bounded by the delays'
 * range). The arithmetic, and its order, is that of computing the metrics from the whole packet
 * log and series after the call, so the values are identical. The definitions are documented on
 * {@link CallMetrics}.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class MetricsCalculator {
    /** Microseconds per second. */
    private static final double US_PER_S = 1e6;
    /** Microseconds per millisecond. */
    private static final double US_PER_MS = 1e3;
    /** Rendered bitrate at which the quality score's bitrate term starts, bps. */
    private static final double QUALITY_MIN_BPS = 50_000;
    /** Rendered bitrate at which the quality score's bitrate term saturates, bps. */
    private static final double QUALITY_FULL_BPS = 4_000_000;
    /** Weight of the bitrate term in the quality score (the frame-rate term gets the rest). */
    private static final double QUALITY_BITRATE_WEIGHT = 0.75;
    /** Received rate / capacity that counts as having ramped up. */
    private static final double RAMP_SHARE = 0.8;

    private static final int TIME = TimeSeries.index("time_s");
    private static final int CAPACITY = TimeSeries.index("capacity_bps");
    private static final int RECV = TimeSeries.index("recv_bps");
    private static final int DELAY = TimeSeries.index("one_way_delay_ms");
    private static final int FREEZE = TimeSeries.index("freeze");

    private final SimulatorSettings settings;
    private final long durationUs;
    private final double badThresholdMs;

    private long packets;
    private long sentBytes;
    private long receivedBytes;
    private long deliveredMediaBytes;
    private long dropped;
    private final DelayHistogram delays = new DelayHistogram();

    private long rows;
    private double badRows;
    private final int rampWindow;
    private final double[] rampRecv;
    private final double[] rampCapacity;
    private double recvSum;
    private double capacitySum;
    private double rampTimeS = Double.NaN;

    MetricsCalculator(SimulatorSettings settings, long durationUs) {
        this.settings = settings;
        this.durationUs = durationUs;
        this.badThresholdMs = settings.badDelayUs / US_PER_MS;
        this.rampWindow = (int) Math.max(1, settings.rampWindowUs / settings.sampleIntervalUs);
        this.rampRecv = new double[rampWindow];
        this.rampCapacity = new double[rampWindow];
    }

    /** A packet was sent: its size, whether the network dropped it, its arrival (-1: none), whether probe padding. */
    void onPacket(int sizeBytes, boolean dropped, long arrivalUs, boolean probe, long sendUs) {
        packets++;
        sentBytes += sizeBytes;
        if (dropped) {
            this.dropped++;
        }
        if (arrivalUs < 0 || arrivalUs > durationUs) {
            return;
        }
        receivedBytes += sizeBytes;
        if (!probe) {
            deliveredMediaBytes += sizeBytes;
            delays.add(arrivalUs - sendUs);
        }
    }

    /** The next time-series row is final (freezes included); rows come in order. */
    void onRow(double[] row) {
        double rowBad = row[FREEZE];
        if (row[DELAY] > badThresholdMs) {
            rowBad = 1;
        }
        badRows += rowBad;
        if (Double.isNaN(rampTimeS)) {
            int slot = (int) (rows % rampWindow);
            recvSum += row[RECV];
            capacitySum += row[CAPACITY];
            if (rows >= rampWindow) {
                recvSum -= rampRecv[slot];
                capacitySum -= rampCapacity[slot];
            }
            rampRecv[slot] = row[RECV];
            rampCapacity[slot] = row[CAPACITY];
            if (rows >= rampWindow - 1 && capacitySum > 0 && recvSum >= RAMP_SHARE * capacitySum) {
                rampTimeS = row[TIME];
            }
        }
        rows++;
    }

    /** The metrics once the call has ended and every row has been counted. */
    CallMetrics finish(FreezeCounter freezes, double capacityBits, long renderedVideoBytes, long framesRendered,
                       long framesEncoded, int nominalFps) {
        double durationS = Math.max(1, durationUs) / US_PER_S;
        double durationMs = durationUs / US_PER_MS;
        long delayCount = delays.count();
        double p50Ms = delayCount == 0 ? durationMs : delays.percentile(0.50) / US_PER_MS;
        double p95Ms = delayCount == 0 ? durationMs : delays.percentile(0.95) / US_PER_MS;

        double freezeShare = Math.min(1, freezes.totalFreezeUs() / (double) Math.max(1, durationUs));
        double longFreezeShare = Math.min(1,
                freezes.freezeUsLongerThan(settings.longFreezeUs) / (double) Math.max(1, durationUs));
        boolean connectionDrop = freezes.longestGapUs() >= settings.connectionDropUs;

        double renderedBps = renderedVideoBytes * 8.0 / durationS;
        double renderedFps = framesRendered / durationS;

        double[] values = {
            sentBytes * 8.0 / durationS,
            receivedBytes * 8.0 / durationS,
            capacityBits > 0 ? deliveredMediaBytes * 8.0 / capacityBits : 0,
            100 * freezeShare,
            100 * longFreezeShare,
            connectionDrop ? 1 : 0,
            p50Ms,
            p95Ms,
            packets == 0 ? 0 : 100.0 * dropped / packets,
            qualityScore(renderedBps, renderedFps, nominalFps, freezeShare),
            framesEncoded / durationS,
            rows == 0 ? 0 : 100 * badRows / rows,
            Double.isNaN(rampTimeS) ? durationUs / US_PER_S : rampTimeS,
        };
        return new CallMetrics(values);
    }

    static double qualityScore(double renderedBps, double renderedFps, int nominalFps, double freezeShare) {
        double bitrateTerm = renderedBps <= QUALITY_MIN_BPS ? 0
                : Math.min(1, Math.log(renderedBps / QUALITY_MIN_BPS) / Math.log(QUALITY_FULL_BPS / QUALITY_MIN_BPS));
        double fpsTerm = Math.max(0, Math.min(1, renderedFps / Math.max(1, nominalFps)));
        double score = 100 * (QUALITY_BITRATE_WEIGHT * bitrateTerm + (1 - QUALITY_BITRATE_WEIGHT) * fpsTerm)
                * (1 - Math.max(0, Math.min(1, freezeShare)));
        return Math.max(0, Math.min(100, score));
    }
}
