package dev.weir.browserstats;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.runner.RunInfo;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A browser's stats dump as weir's signal time series: reads it ({@link RtcStatsReader}), picks
 * one peer connection, builds its intervals ({@link StatsSeries}), runs the model over it
 * ({@link StatsReplay}), and lays everything out on 100 ms rows.
 *
 * <p>{@code timeseries.csv} columns: {@code time_s} (end of the row, s from the first sample),
 * {@code target_bps} (the browser's own estimate, {@code availableOutgoingBitrate}; 0 when it
 * reports none), {@code send_bps}, {@code recv_bps} (send rate less the lost share),
 * {@code rtt_ms}, {@code loss_fraction}, {@code jitter_ms}, {@code in_alr} (sending below 0.65 x
 * the estimate), {@code stats_sample} (1 in the row a getStats sample fell in),
 * {@code network_type_code} (the simulator's codes; 0 before the model's first decision, which
 * needs a full 10 s window), {@code p_congestion}, {@code p_random_loss}, then {@code network_type}.
 *
 * <p>Stateless; thread-safe.
 */
public final class StatsImport {
    static final List<String> COLUMNS = List.of("time_s", "target_bps", "send_bps", "recv_bps", "rtt_ms",
            "loss_fraction", "jitter_ms", "in_alr", "stats_sample", "network_type_code", "p_congestion",
            "p_random_loss");
    /** Decimals per column, as the simulator writes its time series (rates whole bps, fractions 6). */
    private static final int[] DECIMALS = {1, 0, 0, 0, 3, 6, 3, 0, 0, 0, 4, 4};
    /** Loss over the model's 4 s window above which its loss attribution is read (the decision rule's 1 %). */
    static final double LOSSY_RATE = 0.01;

    private StatsImport() {
    }

    /**
     * The import of one connection.
     *
     * @param dump the whole dump
     * @param connection the connection imported
     * @param series its intervals
     * @param decisions the model's decisions (every 200 ms once its 10 s window is full)
     * @param modelFailed whether the model gave a non-finite output
     * @param bundleId the bundle whose model ran
     * @param rows the 100 ms rows, by column
     * @param networkTypes the {@code network_type} text column
     */
    public record Result(RtcStatsDump dump, RtcStatsDump.PeerConnection connection, StatsSeries series,
                         List<StatsReplay.Decision> decisions, boolean modelFailed, String bundleId,
                         Map<String, double[]> rows, String[] networkTypes) {
        public double[] column(String name) {
            double[] values = rows.get(name);
            if (values == null) {
                throw new IllegalArgumentException("unknown column " + name + "; known: " + COLUMNS);
            }
            return values;
        }
    }

    /**
     * Imports {@code peerConnection} (null: the connection that sent most) of {@code file}.
     *
     * @throws StatsFormatException for a bad dump or an unknown connection
     * @throws IllegalArgumentException when the bundle has no model
     */
    public static Result run(Path file, String peerConnection, Bundle bundle) {
        RtcStatsDump dump = RtcStatsReader.read(file);
        RtcStatsDump.PeerConnection connection = choose(dump, peerConnection);
        StatsSeries series = StatsSeries.of(dump.source(), connection);
        StatsReplay replay = new StatsReplay(dump.source(), bundle);
        List<StatsReplay.Decision> decisions = replay.run(series);
        int rows = series.rows();
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String name : COLUMNS) {
            columns.put(name, new double[rows]);
        }
        String[] types = new String[rows];
        Arrays.fill(types, "none");
        int decision = -1;
        int sampleIndex = 0;
        List<StatsSeries.Interval> intervals = series.intervals();
        for (int row = 0; row < rows; row++) {
            long endMs = (row + 1) * StatsSeries.ROW_MS;
            StatsSeries.Interval interval = series.intervalAt(endMs);
            columns.get("time_s")[row] = endMs / 1_000.0;
            double estimate = interval.estimateBps();
            columns.get("target_bps")[row] = Double.isFinite(estimate) ? estimate : 0;
            columns.get("send_bps")[row] = interval.sendBps();
            columns.get("recv_bps")[row] = interval.deliveredBps();
            columns.get("rtt_ms")[row] = finite(interval.rttMs());
            columns.get("loss_fraction")[row] = interval.lossFraction();
            columns.get("jitter_ms")[row] = finite(interval.jitterMs());
            columns.get("in_alr")[row] = Double.isFinite(estimate)
                    && interval.sendBps() < StatsReplay.ALR_RATIO * estimate ? 1 : 0;
            boolean sampled = false;
            while (sampleIndex < intervals.size() && intervals.get(sampleIndex).endMs() <= endMs) {
                sampled |= intervals.get(sampleIndex).endMs() > endMs - StatsSeries.ROW_MS;
                sampleIndex++;
            }
            columns.get("stats_sample")[row] = sampled ? 1 : 0;
            while (decision + 1 < decisions.size() && decisions.get(decision + 1).timeUs() <= endMs * 1_000) {
                decision++;
            }
            if (decision >= 0) {
                StatsReplay.Decision d = decisions.get(decision);
                columns.get("network_type_code")[row] = d.type().ordinal() + 1;
                columns.get("p_congestion")[row] = d.congestionProbability();
                columns.get("p_random_loss")[row] = d.randomLossProbability();
                types[row] = d.type().id();
            }
        }
        return new Result(dump, connection, series, decisions, replay.modelFailed(), bundle.id(), columns, types);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    /** The named connection, or the one that sent most (the first among equals). */
    static RtcStatsDump.PeerConnection choose(RtcStatsDump dump, String id) {
        if (id != null) {
            RtcStatsDump.PeerConnection connection = dump.connection(id);
            if (connection == null) {
                throw new StatsFormatException(dump.source(), 0, "no peer connection '" + id + "' with getStats"
                        + " samples; the dump has " + describe(dump));
            }
            return connection;
        }
        RtcStatsDump.PeerConnection best = null;
        for (RtcStatsDump.PeerConnection connection : dump.connections()) {
            if (best == null || connection.bytesSent() > best.bytesSent()) {
                best = connection;
            }
        }
        return best;
    }

    static String describe(RtcStatsDump dump) {
        List<String> parts = new ArrayList<>();
        for (RtcStatsDump.PeerConnection c : dump.connections()) {
            parts.add(String.format(Locale.ROOT, "%s (%d samples, %.2f MB sent)", c.id(), c.samples().size(),
                    c.bytesSent() / 1e6));
        }
        return String.join(", ", parts);
    }

    /** The CSV text of the rows (header, fixed decimals, Locale.ROOT, the text column last). */
    static String toCsv(Result result) {
        int rows = result.networkTypes().length;
        StringBuilder csv = new StringBuilder(64 + rows * COLUMNS.size() * 9);
        csv.append(String.join(",", COLUMNS)).append(",network_type\n");
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (c > 0) {
                    csv.append(',');
                }
                csv.append(String.format(Locale.ROOT, "%." + DECIMALS[c] + "f", result.rows().get(COLUMNS.get(c))[row]));
            }
            csv.append(',').append(result.networkTypes()[row]).append('\n');
        }
        return csv.toString();
    }

    /** What {@code stats.json} says: the dump, the connection, means, the model's view, approximations. */
    public static Map<String, Object> summaryOf(Result result) {
        StatsSeries series = result.series();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", Path.of(result.dump().source()).getFileName().toString());
        map.put("sha256", result.dump().sha256());
        map.put("lines", result.dump().lines());
        map.put("methods", result.dump().methods());
        List<Map<String, Object>> connections = new ArrayList<>();
        for (RtcStatsDump.PeerConnection c : result.dump().connections()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", c.id());
            entry.put("getstats_lines", c.statsLines());
            entry.put("samples_with_send_data", c.sendSamples());
            entry.put("bytes_sent", (long) c.bytesSent());
            entry.put("delta_compressed", c.deltaCompressed());
            connections.add(entry);
        }
        map.put("connections", connections);
        map.put("peer_connection", result.connection().id());
        map.put("duration_s", series.durationMs() / 1_000.0);
        map.put("intervals", series.intervals().size());
        map.put("median_sample_interval_s", round(median(series.intervals().stream()
                .mapToDouble(StatsSeries.Interval::durationS).toArray()), 3));
        map.put("counter_resets", series.counterResets());
        boolean hasEstimate = series.intervals().stream().anyMatch(i -> Double.isFinite(i.estimateBps()));
        map.put("browser_estimate", hasEstimate ? "availableOutgoingBitrate or googAvailableSendBandwidth"
                : "none in the dump: the model's target features use the send rate");
        Map<String, Object> means = new LinkedHashMap<>();
        double seconds = 0;
        double bits = 0;
        double delivered = 0;
        double packets = 0;
        double lost = 0;
        double estimateTime = 0;
        double estimateSum = 0;
        for (StatsSeries.Interval interval : series.intervals()) {
            seconds += interval.durationS();
            bits += interval.bytes() * 8;
            delivered += interval.deliveredBps() * interval.durationS();
            packets += interval.packets();
            lost += interval.lostPackets();
            if (Double.isFinite(interval.estimateBps())) {
                estimateSum += interval.estimateBps() * interval.durationS();
                estimateTime += interval.durationS();
            }
        }
        means.put("estimate_kbps", estimateTime > 0 ? round(estimateSum / estimateTime / 1_000, 1) : null);
        means.put("send_kbps", round(bits / seconds / 1_000, 1));
        means.put("delivered_kbps", round(delivered / seconds / 1_000, 1));
        means.put("loss_pct", packets > 0 ? round(100 * lost / packets, 3) : 0.0);
        means.put("rtt_ms", round(mean(result.column("rtt_ms")), 1));
        means.put("jitter_ms", round(mean(result.column("jitter_ms")), 2));
        map.put("means", means);
        map.put("model", modelSummary(result));
        map.put("approximations", StatsReplay.APPROXIMATIONS);
        map.put("weir_version", RunInfo.currentVersion());
        return map;
    }

    private static Map<String, Object> modelSummary(Result result) {
        Map<String, Object> model = new LinkedHashMap<>();
        List<StatsReplay.Decision> decisions = result.decisions();
        model.put("bundle", result.bundleId());
        model.put("decisions", decisions.size());
        model.put("failed", result.modelFailed());
        model.put("first_decision_s", decisions.isEmpty() ? null : decisions.get(0).timeUs() / 1e6);
        Map<String, Object> shares = new LinkedHashMap<>();
        for (NetworkType type : NetworkType.values()) {
            long count = decisions.stream().filter(d -> d.type() == type).count();
            shares.put(type.id(), decisions.isEmpty() ? 0.0 : round((double) count / decisions.size(), 3));
        }
        model.put("network_type_share", shares);
        double[] lossy = decisions.stream().filter(d -> d.lossRate4s() >= LOSSY_RATE)
                .mapToDouble(StatsReplay.Decision::randomLossProbability).toArray();
        model.put("lossy_decisions", lossy.length);
        model.put("p_random_loss_mean_when_lossy", lossy.length > 0 ? round(Arrays.stream(lossy).average().orElse(0), 3)
                : null);
        model.put("p_congestion_mean", decisions.isEmpty() ? null : round(decisions.stream()
                .mapToDouble(StatsReplay.Decision::congestionProbability).average().orElse(0), 3));
        return model;
    }

    /** Writes {@code timeseries.csv}, {@code stats.json} and {@code plot.png} into {@code dir}. */
    public static void write(Result result, Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("timeseries.csv"), toCsv(result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("stats.json"), json(summaryOf(result)).getBytes(StandardCharsets.UTF_8));
        StatsPlot.writePng(dir.resolve("plot.png"), result);
    }

    static String json(Object value) {
        try {
            return SettingsJson.mapper().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the stats summary", e);
        }
    }

    private static double mean(double[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
    }
}
