package dev.weir.sim.call;

import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;
import java.util.Arrays;

/**
 * Computes {@link CallMetrics} from a finished call's ground truth (packet log, time series,
 * freezes). The definitions are documented on {@link CallMetrics}.
 *
 * <p>Thread-safe (stateless).
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

    private MetricsCalculator() {
    }

    /** Everything a call produced that the metrics need. */
    record Inputs(PacketLog log, TimeSeries series, FreezeCounter freezes, long durationUs, double capacityBits,
                  long renderedVideoBytes, long framesRendered, long framesEncoded, int nominalFps) {
    }

    static CallMetrics compute(Inputs in, SimulatorSettings settings) {
        double durationS = Math.max(1, in.durationUs()) / US_PER_S;
        PacketLog log = in.log();
        long sentBytes = 0;
        long receivedBytes = 0;
        long deliveredMediaBytes = 0;
        long dropped = 0;
        long[] delaysUs = new long[log.size()];
        int delayCount = 0;
        for (int seq = 0; seq < log.size(); seq++) {
            int size = log.rawSizeBytes(seq);
            sentBytes += size;
            if (log.dropCauseOrdinal(seq) != DropCause.NONE.ordinal()) {
                dropped++;
            }
            long arrivalUs = log.rawArrivalTimeUs(seq);
            if (arrivalUs < 0 || arrivalUs > in.durationUs()) {
                continue;
            }
            receivedBytes += size;
            if (log.kindOrdinal(seq) != PacketKind.PROBE.ordinal()) {
                deliveredMediaBytes += size;
                delaysUs[delayCount++] = arrivalUs - log.rawSendTimeUs(seq);
            }
        }
        Arrays.sort(delaysUs, 0, delayCount);
        double durationMs = in.durationUs() / US_PER_MS;
        double p50Ms = delayCount == 0 ? durationMs : percentile(delaysUs, delayCount, 0.50) / US_PER_MS;
        double p95Ms = delayCount == 0 ? durationMs : percentile(delaysUs, delayCount, 0.95) / US_PER_MS;

        FreezeCounter freezes = in.freezes();
        double freezeShare = Math.min(1, freezes.totalFreezeUs() / (double) Math.max(1, in.durationUs()));
        double longFreezeShare = Math.min(1,
                freezes.freezeUsLongerThan(settings.longFreezeUs) / (double) Math.max(1, in.durationUs()));
        boolean connectionDrop = freezes.longestGapUs() >= settings.connectionDropUs;

        double renderedBps = in.renderedVideoBytes() * 8.0 / durationS;
        double renderedFps = in.framesRendered() / durationS;

        double[] values = {
            sentBytes * 8.0 / durationS,
            receivedBytes * 8.0 / durationS,
            in.capacityBits() > 0 ? deliveredMediaBytes * 8.0 / in.capacityBits() : 0,
            100 * freezeShare,
            100 * longFreezeShare,
            connectionDrop ? 1 : 0,
            p50Ms,
            p95Ms,
            log.size() == 0 ? 0 : 100.0 * dropped / log.size(),
            qualityScore(renderedBps, renderedFps, in.nominalFps(), freezeShare),
            in.framesEncoded() / durationS,
            badExperiencePct(in.series(), settings),
            timeToRampS(in.series(), settings, in.durationUs()),
        };
        return new CallMetrics(values);
    }

    /** Nearest-rank percentile of the first {@code count} sorted values. */
    static long percentile(long[] sorted, int count, double quantile) {
        int rank = (int) Math.ceil(quantile * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    static double qualityScore(double renderedBps, double renderedFps, int nominalFps, double freezeShare) {
        double bitrateTerm = renderedBps <= QUALITY_MIN_BPS ? 0
                : Math.min(1, Math.log(renderedBps / QUALITY_MIN_BPS) / Math.log(QUALITY_FULL_BPS / QUALITY_MIN_BPS));
        double fpsTerm = Math.max(0, Math.min(1, renderedFps / Math.max(1, nominalFps)));
        double score = 100 * (QUALITY_BITRATE_WEIGHT * bitrateTerm + (1 - QUALITY_BITRATE_WEIGHT) * fpsTerm)
                * (1 - Math.max(0, Math.min(1, freezeShare)));
        return Math.max(0, Math.min(100, score));
    }

    private static double badExperiencePct(TimeSeries series, SimulatorSettings settings) {
        if (series.size() == 0) {
            return 0;
        }
        int freeze = TimeSeries.index("freeze");
        int delay = TimeSeries.index("one_way_delay_ms");
        double badThresholdMs = settings.badDelayUs / US_PER_MS;
        double bad = 0;
        for (int row = 0; row < series.size(); row++) {
            double rowBad = series.get(row, freeze);
            if (series.get(row, delay) > badThresholdMs) {
                rowBad = 1;
            }
            bad += rowBad;
        }
        return 100 * bad / series.size();
    }

    private static double timeToRampS(TimeSeries series, SimulatorSettings settings, long durationUs) {
        int window = (int) Math.max(1, settings.rampWindowUs / settings.sampleIntervalUs);
        int recv = TimeSeries.index("recv_bps");
        int capacity = TimeSeries.index("capacity_bps");
        int time = TimeSeries.index("time_s");
        double recvSum = 0;
        double capacitySum = 0;
        for (int row = 0; row < series.size(); row++) {
            recvSum += series.get(row, recv);
            capacitySum += series.get(row, capacity);
            if (row >= window) {
                recvSum -= series.get(row - window, recv);
                capacitySum -= series.get(row - window, capacity);
            }
            if (row >= window - 1 && capacitySum > 0 && recvSum >= RAMP_SHARE * capacitySum) {
                return series.get(row, time);
            }
        }
        return durationUs / US_PER_S;
    }
}
