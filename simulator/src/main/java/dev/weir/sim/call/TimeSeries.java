package dev.weir.sim.call;

import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One row per sample interval (100 ms by default) of a simulated call, column-oriented. Columns
 * (in this order, each row describing the interval that ends at {@code time_s}):
 * <ul>
 *   <li>{@code time_s} end of the interval, seconds
 *   <li>{@code capacity_bps} average bottleneck capacity over the interval
 *   <li>{@code cross_bps} cross traffic rate at the end of the interval
 *   <li>{@code target_bps}, {@code pacing_bps} the estimator's target and the pacer's rate
 *   <li>{@code encoder_bps} the rate the video encoder produces
 *   <li>{@code send_bps}, {@code recv_bps} the call's bytes sent / received in the interval
 *   <li>{@code rtt_ms} latest RTT sample (0 before the first)
 *   <li>{@code queue_delay_ms} average bottleneck queueing of packets enqueued in the interval
 *       (the current backlog when none were)
 *   <li>{@code one_way_delay_ms} average one-way delay of media packets arriving in the interval
 *       (the previous value when none arrived)
 *   <li>{@code loss_fraction} share of the interval's sent packets the network dropped
 *   <li>{@code delay_based_bps}, {@code loss_based_bps}, {@code acked_bps}, {@code delay_state}
 *       (0 normal, 1 overusing, 2 underusing), {@code fec_ratio}, {@code in_alr} (0/1) from the
 *       estimator's latest result
 *   <li>{@code probing} 1 when a probe packet was sent in the interval or a cluster is still active
 *   <li>{@code rendered_fps} frames rendered in the interval per second
 *   <li>{@code freeze} share of the interval spent in a video freeze, [0, 1]
 *   <li>{@code network_type_code}, then the text columns {@code network_type} and {@code param_set}:
 *       the steering estimator's network type and parameter set at the end of the interval
 *       ({@code none} for estimators that do not steer)
 *   <li>{@code p_congestion}, {@code p_random_loss}: the steering model's latest probabilities of
 *       congestion ahead and of the current loss being random (0 for estimators without a model)
 * </ul>
 *
 * <p>Serializable (plain arrays), so a call run in another JVM can bring its series back.
 *
 * <p>A call fills it row by row as rows become final (see {@code SeriesRecorder}); immutable once
 * the call has returned, and thread-safe to read from then on.
 */
public final class TimeSeries implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * Column names in order. {@code network_type_code} is the steering estimator's network type as
     * a number for plots (0 none, 1 wired_stable, 2 congestion_prone, 3 random_loss,
     * 4 cellular_variable, -1 the model failed); the text columns {@code network_type} and
     * {@code param_set} name the type and the parameter set in force.
     */
    static final List<String> COLUMNS = List.of("time_s", "capacity_bps", "cross_bps", "target_bps", "pacing_bps",
            "encoder_bps", "send_bps", "recv_bps", "rtt_ms", "queue_delay_ms", "one_way_delay_ms", "loss_fraction",
            "delay_based_bps", "loss_based_bps", "acked_bps", "delay_state", "fec_ratio", "in_alr", "probing",
            "rendered_fps", "freeze", "network_type_code", "p_congestion", "p_random_loss");
    /** Text columns, written after the numeric ones. */
    static final List<String> TEXT_COLUMNS = List.of("network_type", "param_set");
    /** Decimals written per column: rates as whole bps, times and fractions with fixed precision. */
    private static final int[] DECIMALS = {1, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 6, 0, 0, 0, 0, 4, 0, 0, 1, 4, 0, 4, 4};

    private final double[][] values;
    private final String[][] texts;
    private final int rows;

    TimeSeries(int rows) {
        this.rows = rows;
        this.values = new double[COLUMNS.size()][rows];
        this.texts = new String[TEXT_COLUMNS.size()][rows];
        for (String[] column : texts) {
            java.util.Arrays.fill(column, "none");
        }
    }

    static int index(String column) {
        int index = COLUMNS.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("unknown time series column '" + column + "'; known: " + COLUMNS);
        }
        return index;
    }

    void set(int row, int column, double value) {
        values[column][row] = finite(value);
    }

    void setText(int row, int column, String value) {
        texts[column][row] = textOrNone(value);
    }

    double get(int row, int column) {
        return values[column][row];
    }

    /** Number of rows. */
    public int size() {
        return rows;
    }

    /** Numeric column names, in CSV order (the text columns follow them in the CSV). */
    public List<String> columns() {
        return COLUMNS;
    }

    /** Text column names, written after the numeric ones. */
    public List<String> textColumns() {
        return TEXT_COLUMNS;
    }

    /**
     * A copy of one text column.
     *
     * @throws IllegalArgumentException naming the column and the known ones when it is unknown
     */
    public String[] text(String name) {
        int index = TEXT_COLUMNS.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("unknown text column '" + name + "'; known: " + TEXT_COLUMNS);
        }
        return texts[index].clone();
    }

    /**
     * A copy of one column.
     *
     * @throws IllegalArgumentException naming the column and the known ones when it is unknown
     */
    public double[] column(String name) {
        return values[index(name)].clone();
    }

    /** Writes the series as CSV (header line, fixed decimals as {@code %.Nf} in Locale.ROOT), atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
    }

    /** The CSV text {@link #writeCsv} writes. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(64 + rows * COLUMNS.size() * 10);
        appendCsvHeader(csv);
        double[] row = new double[COLUMNS.size()];
        String[] rowTexts = new String[TEXT_COLUMNS.size()];
        for (int r = 0; r < rows; r++) {
            for (int column = 0; column < values.length; column++) {
                row[column] = values[column][r];
            }
            for (int column = 0; column < texts.length; column++) {
                rowTexts[column] = texts[column][r];
            }
            appendCsvRow(csv, row, rowTexts);
        }
        return csv.toString();
    }

    /** Copies one finished row in (values already finite, texts already non-empty). */
    void setRow(int row, double[] rowValues, String[] rowTexts) {
        for (int column = 0; column < values.length; column++) {
            values[column][row] = rowValues[column];
        }
        for (int column = 0; column < texts.length; column++) {
            texts[column][row] = rowTexts[column];
        }
    }

    /** The CSV header line, newline included. */
    static void appendCsvHeader(StringBuilder csv) {
        csv.append(String.join(",", COLUMNS)).append(',').append(String.join(",", TEXT_COLUMNS)).append('\n');
    }

    /** One CSV line of a row: numeric columns with their fixed decimals, then the text columns. */
    static void appendCsvRow(StringBuilder csv, double[] rowValues, String[] rowTexts) {
        for (int column = 0; column < rowValues.length; column++) {
            if (column > 0) {
                csv.append(',');
            }
            FixedDecimal.append(csv, rowValues[column], DECIMALS[column]);
        }
        for (String text : rowTexts) {
            csv.append(',').append(text);
        }
        csv.append('\n');
    }

    /** {@code value}, or 0 when it is NaN or infinite (the series never holds either). */
    static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    /** {@code value}, or "none" when it is null or empty. */
    static String textOrNone(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }
}
