package dev.weir.sim.call;

import dev.weir.bwe.api.BweResult;
import dev.weir.steer.NetworkType;
import dev.weir.steer.WeirEstimator;
import dev.weir.sim.link.BottleneckLink;
import dev.weir.sim.link.CapacityIntegrator;
import dev.weir.sim.link.CrossTrafficSource;
import dev.weir.sim.media.Pacer;
import dev.weir.sim.media.VideoEncoder;
import dev.weir.sim.net.CapacitySchedule;

/**
 * Fills a call's {@link TimeSeries}: accumulates per-packet counts during a row's interval and
 * writes the row at its end; after the call, spreads the freezes over the rows.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class SeriesRecorder {
    /** Microseconds per second. */
    private static final double US_PER_S = 1e6;
    /** Microseconds per millisecond. */
    private static final double US_PER_MS = 1e3;

    private static final int TIME = TimeSeries.index("time_s");
    private static final int CAPACITY = TimeSeries.index("capacity_bps");
    private static final int CROSS = TimeSeries.index("cross_bps");
    private static final int TARGET = TimeSeries.index("target_bps");
    private static final int PACING = TimeSeries.index("pacing_bps");
    private static final int ENCODER = TimeSeries.index("encoder_bps");
    private static final int SEND = TimeSeries.index("send_bps");
    private static final int RECV = TimeSeries.index("recv_bps");
    private static final int RTT = TimeSeries.index("rtt_ms");
    private static final int QUEUE_DELAY = TimeSeries.index("queue_delay_ms");
    private static final int ONE_WAY_DELAY = TimeSeries.index("one_way_delay_ms");
    private static final int LOSS = TimeSeries.index("loss_fraction");
    private static final int DELAY_BASED = TimeSeries.index("delay_based_bps");
    private static final int LOSS_BASED = TimeSeries.index("loss_based_bps");
    private static final int ACKED = TimeSeries.index("acked_bps");
    private static final int DELAY_STATE = TimeSeries.index("delay_state");
    private static final int FEC = TimeSeries.index("fec_ratio");
    private static final int ALR = TimeSeries.index("in_alr");
    private static final int PROBING = TimeSeries.index("probing");
    private static final int RENDERED_FPS = TimeSeries.index("rendered_fps");
    private static final int FREEZE = TimeSeries.index("freeze");
    private static final int NETWORK_TYPE_CODE = TimeSeries.index("network_type_code");
    private static final int P_CONGESTION = TimeSeries.index("p_congestion");
    private static final int P_RANDOM_LOSS = TimeSeries.index("p_random_loss");
    private static final int NETWORK_TYPE = TimeSeries.TEXT_COLUMNS.indexOf("network_type");
    private static final int PARAM_SET = TimeSeries.TEXT_COLUMNS.indexOf("param_set");

    private final TimeSeries series;
    private final long intervalUs;
    private final CapacitySchedule capacity;
    private final BottleneckLink link;
    private final CrossTrafficSource cross;
    private final Pacer pacer;
    private final VideoEncoder encoder;
    private final Receiver receiver;

    private int row;
    private long sentBytes;
    private long receivedBytes;
    private long sentPackets;
    private boolean probeSentInRow;
    private long droppedPackets;
    private long queueDelaySumUs;
    private long queueDelayCount;
    private long delaySumUs;
    private long delayCount;
    private double lastOneWayDelayMs;

    SeriesRecorder(TimeSeries series, long intervalUs, CapacitySchedule capacity, BottleneckLink link,
                   CrossTrafficSource cross, Pacer pacer, VideoEncoder encoder, Receiver receiver) {
        this.series = series;
        this.intervalUs = intervalUs;
        this.capacity = capacity;
        this.link = link;
        this.cross = cross;
        this.pacer = pacer;
        this.encoder = encoder;
        this.receiver = receiver;
    }

    /** The call sent a packet; {@code queued} when it entered the bottleneck queue. */
    void onSent(int sizeBytes, boolean probe, boolean dropped, boolean queued, long queueDelayUs) {
        sentBytes += sizeBytes;
        probeSentInRow |= probe;
        sentPackets++;
        if (dropped) {
            droppedPackets++;
        }
        if (queued) {
            queueDelaySumUs += queueDelayUs;
            queueDelayCount++;
        }
    }

    /** A packet arrived; {@code media} unless it is probe padding. */
    void onArrived(int sizeBytes, boolean media, long oneWayDelayUs) {
        receivedBytes += sizeBytes;
        if (media) {
            delaySumUs += oneWayDelayUs;
            delayCount++;
        }
    }

    /** Writes the row of the interval ending at {@code nowUs} (ignored past the last row). */
    void endRow(long nowUs, long targetBps, double fecRatio, double rttMs, BweResult result) {
        if (row >= series.size()) {
            return;
        }
        double intervalS = intervalUs / US_PER_S;
        if (delayCount > 0) {
            lastOneWayDelayMs = delaySumUs / US_PER_MS / delayCount;
        }
        set(TIME, nowUs / US_PER_S);
        set(CAPACITY, CapacityIntegrator.bitsBetween(capacity, nowUs - intervalUs, nowUs) / intervalS);
        set(CROSS, cross.rateBpsAt(nowUs));
        set(TARGET, targetBps);
        set(PACING, pacer.pacingRateBps());
        set(ENCODER, encoder.rateBps());
        set(SEND, sentBytes * 8 / intervalS);
        set(RECV, receivedBytes * 8 / intervalS);
        set(RTT, rttMs);
        set(QUEUE_DELAY, queueDelayCount > 0 ? queueDelaySumUs / US_PER_MS / queueDelayCount
                : link.backlogUs(nowUs) / US_PER_MS);
        set(ONE_WAY_DELAY, lastOneWayDelayMs);
        set(LOSS, sentPackets > 0 ? (double) droppedPackets / sentPackets : 0);
        set(DELAY_BASED, result.delayBasedRateBps());
        set(LOSS_BASED, result.lossBasedRateBps());
        set(ACKED, result.ackedRateBps());
        set(DELAY_STATE, result.delayState() == null ? 0 : result.delayState().ordinal());
        set(FEC, fecRatio);
        set(ALR, result.inAlr() ? 1 : 0);
        set(PROBING, probeSentInRow || pacer.probing() ? 1 : 0);
        set(RENDERED_FPS, receiver.takeRenderedFramesInInterval() / intervalS);
        set(NETWORK_TYPE_CODE, networkTypeCode(result.networkType()));
        set(P_CONGESTION, result.congestionProbability());
        set(P_RANDOM_LOSS, result.randomLossProbability());
        series.setText(row, NETWORK_TYPE, result.networkType());
        series.setText(row, PARAM_SET, result.parameterSetId());
        row++;
        sentBytes = 0;
        receivedBytes = 0;
        sentPackets = 0;
        probeSentInRow = false;
        droppedPackets = 0;
        queueDelaySumUs = 0;
        queueDelayCount = 0;
        delaySumUs = 0;
        delayCount = 0;
    }

    private void set(int column, double value) {
        series.set(row, column, value);
    }

    /** Spreads each freeze over the rows it overlaps, as the frozen share of each row. */
    void fillFreezes(FreezeCounter freezes) {
        long endOfSeriesUs = series.size() * intervalUs;
        for (int i = 0; i < freezes.freezeCount(); i++) {
            long startUs = freezes.freezeStartUs(i);
            long endUs = Math.min(freezes.freezeEndUs(i), endOfSeriesUs);
            for (long r = startUs / intervalUs; r < series.size() && r * intervalUs < endUs; r++) {
                long rowStartUs = r * intervalUs;
                long overlapUs = Math.min(endUs, rowStartUs + intervalUs) - Math.max(startUs, rowStartUs);
                if (overlapUs > 0) {
                    int index = (int) r;
                    series.set(index, FREEZE, Math.min(1, series.get(index, FREEZE) + overlapUs / (double) intervalUs));
                }
            }
        }
    }

    /** See {@link TimeSeries}: 0 none, 1.. the steering types in their order, -1 a failed model. */
    private static double networkTypeCode(String networkType) {
        if (WeirEstimator.MODEL_FAILED.equals(networkType)) {
            return -1;
        }
        NetworkType type = NetworkType.byId(networkType);
        return type == null ? 0 : type.ordinal() + 1;
    }
}
