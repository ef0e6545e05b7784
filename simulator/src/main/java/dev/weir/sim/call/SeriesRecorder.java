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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * Builds a call's 100 ms rows: accumulates per-packet counts during a row's interval and fills the
 * row at its end. A row is final once no freeze can still overlap it: a freeze always starts at a
 * rendered frame, so rows that end by the last rendered frame are final, and the freezes already
 * found are spread over them then (the same sums, in the same order, as spreading every freeze
 * over the whole series after the call). Final rows go, in order, to the metrics, the in-memory
 * {@link TimeSeries} when kept and the CSV writer when streaming; only the rows since the last
 * rendered frame are held.
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

    /** Characters of CSV text gathered before one write to the stream. */
    private static final int CSV_CHUNK_CHARS = 1 << 16;

    private final int rowCount;
    private final TimeSeries series;
    private final Writer csvWriter;
    private final StringBuilder csv;
    private final MetricsCalculator metrics;
    private final FreezeCounter freezes;
    private final long intervalUs;
    private final CapacitySchedule capacity;
    private final BottleneckLink link;
    private final CrossTrafficSource cross;
    private final Pacer pacer;
    private final VideoEncoder encoder;
    private final Receiver receiver;

    /** Index of the next row to fill (rows before it are filled, pending or final). */
    private int row;
    /** Index of the first row not yet final. */
    private int firstPending;
    /** Pending rows by index modulo their capacity (a power of two). */
    private double[][] pendingValues = new double[16][];
    private String[][] pendingTexts = new String[16][];
    /** First freeze that may still overlap a pending row. */
    private int freezeCursor;
    private int maxPendingRows;
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

    /**
     * @param rowCount rows of the call (duration / interval); rows past it are ignored
     * @param series where final rows are kept, or null
     * @param csvWriter where final rows are written as CSV (header first), or null
     */
    SeriesRecorder(int rowCount, TimeSeries series, Writer csvWriter, MetricsCalculator metrics, FreezeCounter freezes,
                   long intervalUs, CapacitySchedule capacity, BottleneckLink link, CrossTrafficSource cross,
                   Pacer pacer, VideoEncoder encoder, Receiver receiver) {
        this.rowCount = rowCount;
        this.series = series;
        this.csvWriter = csvWriter;
        this.csv = csvWriter == null ? null : new StringBuilder(CSV_CHUNK_CHARS + 1024);
        this.metrics = metrics;
        this.freezes = freezes;
        this.intervalUs = intervalUs;
        this.capacity = capacity;
        this.link = link;
        this.cross = cross;
        this.pacer = pacer;
        this.encoder = encoder;
        this.receiver = receiver;
        for (int i = 0; i < pendingValues.length; i++) {
            pendingValues[i] = new double[TimeSeries.COLUMNS.size()];
            pendingTexts[i] = new String[TimeSeries.TEXT_COLUMNS.size()];
        }
        if (csv != null) {
            TimeSeries.appendCsvHeader(csv);
        }
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

    /** Fills the row of the interval ending at {@code nowUs} (ignored past the last row). */
    void endRow(long nowUs, long targetBps, double fecRatio, double rttMs, BweResult result) {
        if (row >= rowCount) {
            return;
        }
        double intervalS = intervalUs / US_PER_S;
        if (delayCount > 0) {
            lastOneWayDelayMs = delaySumUs / US_PER_MS / delayCount;
        }
        double[] values = newPendingRow();
        set(values, TIME, nowUs / US_PER_S);
        set(values, CAPACITY, CapacityIntegrator.bitsBetween(capacity, nowUs - intervalUs, nowUs) / intervalS);
        set(values, CROSS, cross.rateBpsAt(nowUs));
        set(values, TARGET, targetBps);
        set(values, PACING, pacer.pacingRateBps());
        set(values, ENCODER, encoder.rateBps());
        set(values, SEND, sentBytes * 8 / intervalS);
        set(values, RECV, receivedBytes * 8 / intervalS);
        set(values, RTT, rttMs);
        set(values, QUEUE_DELAY, queueDelayCount > 0 ? queueDelaySumUs / US_PER_MS / queueDelayCount
                : link.backlogUs(nowUs) / US_PER_MS);
        set(values, ONE_WAY_DELAY, lastOneWayDelayMs);
        set(values, LOSS, sentPackets > 0 ? (double) droppedPackets / sentPackets : 0);
        set(values, DELAY_BASED, result.delayBasedRateBps());
        set(values, LOSS_BASED, result.lossBasedRateBps());
        set(values, ACKED, result.ackedRateBps());
        set(values, DELAY_STATE, result.delayState() == null ? 0 : result.delayState().ordinal());
        set(values, FEC, fecRatio);
        set(values, ALR, result.inAlr() ? 1 : 0);
        set(values, PROBING, probeSentInRow || pacer.probing() ? 1 : 0);
        set(values, RENDERED_FPS, receiver.takeRenderedFramesInInterval() / intervalS);
        set(values, FREEZE, 0); // spread over the row once it is final
        set(values, NETWORK_TYPE_CODE, networkTypeCode(result.networkType()));
        set(values, P_CONGESTION, result.congestionProbability());
        set(values, P_RANDOM_LOSS, result.randomLossProbability());
        String[] texts = pendingTexts[row & (pendingTexts.length - 1)];
        texts[NETWORK_TYPE] = TimeSeries.textOrNone(result.networkType());
        texts[PARAM_SET] = TimeSeries.textOrNone(result.parameterSetId());
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
        finishRowsBefore(freezes.lastRenderUs());
    }

    private static void set(double[] values, int column, double value) {
        values[column] = TimeSeries.finite(value);
    }

    /** The slot for row {@code row}, growing the pending ring when every slot is taken. */
    private double[] newPendingRow() {
        if (row - firstPending == pendingValues.length) {
            int capacity = pendingValues.length * 2;
            double[][] values = new double[capacity][];
            String[][] texts = new String[capacity][];
            for (int r = firstPending; r < row; r++) {
                values[r & (capacity - 1)] = pendingValues[r & (pendingValues.length - 1)];
                texts[r & (capacity - 1)] = pendingTexts[r & (pendingTexts.length - 1)];
            }
            for (int i = 0; i < capacity; i++) {
                if (values[i] == null) {
                    values[i] = new double[TimeSeries.COLUMNS.size()];
                    texts[i] = new String[TimeSeries.TEXT_COLUMNS.size()];
                }
            }
            pendingValues = values;
            pendingTexts = texts;
        }
        maxPendingRows = Math.max(maxPendingRows, row + 1 - firstPending);
        return pendingValues[row & (pendingValues.length - 1)];
    }

    /** Most rows held at once, waiting to become final, so far. */
    int maxPendingRows() {
        return maxPendingRows;
    }

    /**
     * Finishes the rows that end by {@code renderUs} (the last rendered frame, or -1 before the
     * first): every freeze found later starts at or after it.
     */
    private void finishRowsBefore(long renderUs) {
        while (firstPending < row && (firstPending + 1L) * intervalUs <= renderUs) {
            finishRow();
        }
    }

    /**
     * Ends the series once the call is over and {@link FreezeCounter#finish} has run: every row
     * left becomes final (rows never filled, none in a call that ran to its end, as zeros, as a
     * preallocated series had them) and the CSV is handed to its writer.
     */
    void finish() {
        while (row < rowCount) {
            Arrays.fill(newPendingRow(), 0);
            Arrays.fill(pendingTexts[row & (pendingTexts.length - 1)], "none");
            row++;
        }
        while (firstPending < row) {
            finishRow();
        }
        if (csv != null) {
            writeCsv();
        }
    }

    /** Spreads the freezes found so far over the first pending row and hands the row on. */
    private void finishRow() {
        int index = firstPending;
        double[] values = pendingValues[index & (pendingValues.length - 1)];
        String[] texts = pendingTexts[index & (pendingTexts.length - 1)];
        long rowStartUs = (long) index * intervalUs;
        long endOfSeriesUs = (long) rowCount * intervalUs;
        while (freezeCursor < freezes.freezeCount()
                && Math.min(freezes.freezeEndUs(freezeCursor), endOfSeriesUs) <= rowStartUs) {
            freezeCursor++; // ends before this row, so before every later row too
        }
        for (int i = freezeCursor; i < freezes.freezeCount() && freezes.freezeStartUs(i) < rowStartUs + intervalUs;
                i++) {
            long startUs = freezes.freezeStartUs(i);
            long endUs = Math.min(freezes.freezeEndUs(i), endOfSeriesUs);
            long overlapUs = Math.min(endUs, rowStartUs + intervalUs) - Math.max(startUs, rowStartUs);
            if (overlapUs > 0) {
                values[FREEZE] = TimeSeries.finite(Math.min(1, values[FREEZE] + overlapUs / (double) intervalUs));
            }
        }
        metrics.onRow(values);
        if (series != null) {
            series.setRow(index, values, texts);
        }
        if (csv != null) {
            TimeSeries.appendCsvRow(csv, values, texts);
            if (csv.length() >= CSV_CHUNK_CHARS) {
                writeCsv();
            }
        }
        firstPending++;
    }

    private void writeCsv() {
        try {
            csvWriter.append(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the time series", e);
        }
        csv.setLength(0);
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
