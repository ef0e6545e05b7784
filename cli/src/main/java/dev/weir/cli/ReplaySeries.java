package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.eventlog.EventLogReader;
import dev.weir.bwe.eventlog.LoggedEvent;
import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A recorded call replayed into an estimator, sampled as {@code simulate} samples a call: one row
 * per 100 ms from the log's origin, each holding the results in force just before the row's time
 * (the events at a row's exact time come after it, as in the simulator, where a sample falls
 * before the process tick of the same instant). Every result of the replay is also compared with
 * the recorded one, field by field ({@link BweResult#sameAs}).
 *
 * <p>Not thread-safe: built and read on one thread.
 */
final class ReplaySeries {
    /** simulate's row interval, so {@code time_s} steps match. */
    static final long STEP_US = 100_000;
    /** At most 2^20 rows (29 h of call): a log spanning more is a clock problem, not a call. */
    static final int MAX_ROWS = 1 << 20;
    static final List<String> COLUMNS = List.of("time_s", "target_bps", "pacing_bps", "delay_based_bps",
            "loss_based_bps", "acked_bps", "rtt_ms", "loss_ratio", "recorded_target_bps", "recorded_acked_bps",
            "recorded_rtt_ms", "recorded_loss_ratio", "network_type", "recorded_network_type");

    private int rows;
    private double[] timeS = new double[1024];
    private long[] targetBps = new long[1024];
    private long[] pacingBps = new long[1024];
    private long[] delayBasedBps = new long[1024];
    private long[] lossBasedBps = new long[1024];
    private long[] ackedBps = new long[1024];
    private double[] rttMs = new double[1024];
    private double[] lossRatio = new double[1024];
    private long[] recordedTargetBps = new long[1024];
    private long[] recordedAckedBps = new long[1024];
    private double[] recordedRttMs = new double[1024];
    private double[] recordedLossRatio = new double[1024];
    private String[] networkType = new String[1024];
    private String[] recordedNetworkType = new String[1024];
    long events;
    long results;
    long identical;
    long identicalTargets;
    /** Time of the first result whose target differs from the recording, or null when all agree. */
    Long firstDifferenceUs;
    boolean complete;

    private ReplaySeries() {
    }

    /**
     * Replays every event of {@code reader} into {@code estimator}.
     *
     * @throws BadInputException when the log spans more than {@link #MAX_ROWS} rows from its origin
     */
    static ReplaySeries replay(EventLogReader reader, BandwidthEstimator estimator, Path log) throws IOException {
        ReplaySeries series = new ReplaySeries();
        long originUs = reader.header().originUs();
        LoggedEvent event = new LoggedEvent();
        BweResult out = new BweResult();
        BweResult replayed = new BweResult();
        BweResult recorded = new BweResult();
        long nextRowUs = originUs + STEP_US;
        while (reader.next(event)) {
            while (nextRowUs <= event.timeUs()) {
                if (series.rows == MAX_ROWS) {
                    throw new BadInputException(log + ": event " + reader.eventsRead() + " at " + event.timeUs()
                            + " us lies more than " + MAX_ROWS * STEP_US / 1_000_000 + " s after the call's origin ("
                            + originUs + " us in the header): a replay covers at most that");
                }
                series.add((nextRowUs - originUs) / 1e6, replayed, recorded);
                nextRowUs += STEP_US;
            }
            event.applyTo(estimator, out);
            series.events++;
            if (event.type().hasResult()) {
                series.results++;
                if (out.sameAs(event.result())) {
                    series.identical++;
                }
                if (out.targetRateBps() == event.result().targetRateBps()) {
                    series.identicalTargets++;
                } else if (series.firstDifferenceUs == null) {
                    series.firstDifferenceUs = event.timeUs();
                }
                replayed.copyFrom(out);
                recorded.copyFrom(event.result());
            }
        }
        series.complete = reader.complete();
        return series;
    }

    int rows() {
        return rows;
    }

    double[] timeS() {
        return Arrays.copyOf(timeS, rows);
    }

    double[] targetBps() {
        return doubles(targetBps);
    }

    double[] recordedTargetBps() {
        return doubles(recordedTargetBps);
    }

    double[] recordedAckedBps() {
        return doubles(recordedAckedBps);
    }

    double[] recordedRttMs() {
        return Arrays.copyOf(recordedRttMs, rows);
    }

    double[] lossRatio() {
        return Arrays.copyOf(lossRatio, rows);
    }

    double[] recordedLossRatio() {
        return Arrays.copyOf(recordedLossRatio, rows);
    }

    /** Mean of a rate column over the rows, bits per second (0 without rows). */
    static double mean(double[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
    }

    /** Writes the rows as CSV: {@code time_s} with one decimal and the target in whole bps, as simulate does. */
    void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(64 + rows * 160);
        csv.append(String.join(",", COLUMNS)).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append(String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%.3f,%.6f,%d,%d,%.3f,%.6f,%s,%s%n", timeS[i],
                    targetBps[i], pacingBps[i], delayBasedBps[i], lossBasedBps[i], ackedBps[i], rttMs[i],
                    lossRatio[i], recordedTargetBps[i], recordedAckedBps[i], recordedRttMs[i], recordedLossRatio[i],
                    networkType[i], recordedNetworkType[i]));
        }
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void add(double time, BweResult replayed, BweResult recorded) {
        if (rows == timeS.length) {
            grow(rows * 2);
        }
        timeS[rows] = time;
        targetBps[rows] = replayed.targetRateBps();
        pacingBps[rows] = replayed.pacingRateBps();
        delayBasedBps[rows] = replayed.delayBasedRateBps();
        lossBasedBps[rows] = replayed.lossBasedRateBps();
        ackedBps[rows] = replayed.ackedRateBps();
        rttMs[rows] = replayed.rttUs() / 1e3;
        lossRatio[rows] = replayed.lossRatio();
        recordedTargetBps[rows] = recorded.targetRateBps();
        recordedAckedBps[rows] = recorded.ackedRateBps();
        recordedRttMs[rows] = recorded.rttUs() / 1e3;
        recordedLossRatio[rows] = recorded.lossRatio();
        networkType[rows] = csvText(replayed.networkType());
        recordedNetworkType[rows] = csvText(recorded.networkType());
        rows++;
    }

    /** A recorded string as one CSV field: a hostile log's commas, quotes or line breaks become '_'. */
    private static String csvText(String text) {
        return text.replaceAll("[,\"\\r\\n]", "_");
    }

    private void grow(int capacity) {
        timeS = Arrays.copyOf(timeS, capacity);
        targetBps = Arrays.copyOf(targetBps, capacity);
        pacingBps = Arrays.copyOf(pacingBps, capacity);
        delayBasedBps = Arrays.copyOf(delayBasedBps, capacity);
        lossBasedBps = Arrays.copyOf(lossBasedBps, capacity);
        ackedBps = Arrays.copyOf(ackedBps, capacity);
        rttMs = Arrays.copyOf(rttMs, capacity);
        lossRatio = Arrays.copyOf(lossRatio, capacity);
        recordedTargetBps = Arrays.copyOf(recordedTargetBps, capacity);
        recordedAckedBps = Arrays.copyOf(recordedAckedBps, capacity);
        recordedRttMs = Arrays.copyOf(recordedRttMs, capacity);
        recordedLossRatio = Arrays.copyOf(recordedLossRatio, capacity);
        networkType = Arrays.copyOf(networkType, capacity);
        recordedNetworkType = Arrays.copyOf(recordedNetworkType, capacity);
    }

    private double[] doubles(long[] values) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
