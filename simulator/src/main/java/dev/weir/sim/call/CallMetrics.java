package dev.weir.sim.call;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.runner.RunInfo;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's summary metrics, always the same keys in the same order:
 * <ol>
 *   <li>{@code avg_sent_bitrate_bps}: every byte the call sent (media, FEC, retransmissions,
 *       probe padding) x 8 / call duration
 *   <li>{@code avg_recv_bitrate_bps}: every byte delivered within the call / duration
 *   <li>{@code utilization}: delivered media bits (everything but probe padding) / the bits the
 *       bottleneck could have carried over the call (0 when it could carry none)
 *   <li>{@code freeze_pct}: share of the call spent in video freezes, percent (see
 *       {@link FreezeCounter})
 *   <li>{@code freeze_500ms_pct}: share of the call spent in freezes longer than 500 ms, percent
 *   <li>{@code connection_drop}: true when no frame was rendered for 5 s or more (including the
 *       start of the call and its end)
 *   <li>{@code delay_p50_ms}, {@code delay_p95_ms}: one-way delay percentiles (nearest rank) of
 *       delivered media packets; the call duration when none was delivered
 *   <li>{@code loss_pct}: packets the network dropped / packets sent, percent
 *   <li>{@code video_quality_score}: see below
 *   <li>{@code avg_encode_fps}: frames encoded / duration
 *   <li>{@code bad_experience_pct}: share of the call that was frozen or had a one-way delay above
 *       400 ms, percent, from the 100 ms time series (per row: the larger of its frozen share and
 *       1 if its average one-way delay exceeds 400 ms)
 *   <li>{@code time_to_80pct_capacity_s}: end of the first 1 s window in which the received rate
 *       reached 80% of the average capacity; the call duration if never
 * </ol>
 *
 * <p>{@code video_quality_score} (0-100) is a simple, documented stand-in for a perceptual model,
 * shaped after the log-bitrate and frame-rate terms of ITU-T P.1203 mode 0:
 * {@code 100 x (0.75 x B + 0.25 x F) x (1 - freeze share)}, where
 * {@code B = clamp(ln(R / 50 kbps) / ln(4 Mbps / 50 kbps), 0, 1)} for the rendered video bitrate
 * R (bytes of rendered frames x 8 / duration), so quality grows with the logarithm of the bitrate
 * from nothing at 50 kbps to full at 4 Mbps, and {@code F = clamp(rendered fps / nominal fps, 0, 1)}.
 *
 * <p>Immutable and thread-safe; serializable (one array of values).
 */
public final class CallMetrics implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final List<String> KEYS = List.of("avg_sent_bitrate_bps", "avg_recv_bitrate_bps", "utilization",
            "freeze_pct", "freeze_500ms_pct", "connection_drop", "delay_p50_ms", "delay_p95_ms", "loss_pct",
            "video_quality_score", "avg_encode_fps", "bad_experience_pct", "time_to_80pct_capacity_s");
    /** Index of the only boolean metric. */
    private static final int CONNECTION_DROP = KEYS.indexOf("connection_drop");
    /**
     * The streaming writer, with the pretty printer {@code ObjectMapper} indents with: the same
     * bytes without starting Jackson's object mapper in every command that writes metrics.
     */
    private static final JsonFactory JSON = new JsonFactory();

    private final double[] values;

    /** @param values one value per key in {@link #keys()} order; booleans as 0/1 */
    CallMetrics(double[] values) {
        if (values.length != KEYS.size()) {
            throw new IllegalArgumentException("expected " + KEYS.size() + " metric values, got " + values.length);
        }
        this.values = values.clone();
        for (int i = 0; i < this.values.length; i++) {
            if (!Double.isFinite(this.values[i])) {
                this.values[i] = 0;
            }
        }
    }

    /**
     * Rebuilds metrics from a map with exactly {@link #keys()} (numbers, and a boolean for
     * {@code connection_drop}), e.g. one read back from {@link #writeJson}.
     *
     * @throws IllegalArgumentException naming missing, unknown or ill-typed keys
     */
    public static CallMetrics fromMap(Map<String, ?> map) {
        if (!map.keySet().equals(new java.util.HashSet<>(KEYS))) {
            throw new IllegalArgumentException("metrics keys " + map.keySet() + " differ from " + KEYS);
        }
        double[] values = new double[KEYS.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = map.get(KEYS.get(i));
            if (value instanceof Boolean flag) {
                values[i] = flag ? 1 : 0;
            } else if (value instanceof Number number) {
                values[i] = number.doubleValue();
            } else {
                throw new IllegalArgumentException("metric " + KEYS.get(i) + " has value " + value
                        + ": expected a number or boolean");
            }
        }
        return new CallMetrics(values);
    }

    /** The metric keys in their fixed order. */
    public static List<String> keys() {
        return KEYS;
    }

    /** All metrics in key order: Double values, Boolean for {@code connection_drop}. */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(KEYS.get(i), i == CONNECTION_DROP ? (Object) (values[i] != 0) : (Object) values[i]);
        }
        return map;
    }

    /**
     * One metric as a number (booleans as 0/1).
     *
     * @throws IllegalArgumentException for an unknown key, listing the known ones
     */
    public double value(String key) {
        int index = KEYS.indexOf(key);
        if (index < 0) {
            throw new IllegalArgumentException("unknown metric '" + key + "'; known: " + KEYS);
        }
        return values[index];
    }

    /** Writes the metrics as indented JSON in key order, atomically. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the metrics as {@link #writeJson(Path)} does, followed by a {@code "run"} object
     * saying what produced them (scenario and its digest, estimator, seed, weir version).
     */
    public void writeJson(Path file, RunInfo run) throws IOException {
        LinkedHashMap<String, Object> map = toMap();
        map.put("run", run.toMap());
        AtomicFiles.write(file, (json(map) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON text {@link #writeJson} writes. */
    public String toJson() {
        return json(toMap()) + "\n";
    }

    /** {@code map} (values: Double, Long, Integer, Boolean, String, null or such a map) as indented JSON. */
    private static String json(Map<String, ?> map) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter());
            writeValue(generator, map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise metrics", e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(entry.getKey().toString());
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value == null) {
            generator.writeNull();
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as metrics JSON");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallMetrics metrics && Arrays.equals(values, metrics.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
