package dev.weir.sim.trace;

import dev.weir.sim.scenario.FieldReader;
import dev.weir.sim.scenario.LocatedJson;
import dev.weir.sim.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an OpenNetLab gym trace (the ACM MMSys 2021 Bandwidth Estimation Challenge format,
 * OpenNetLab/gym alphartc_gym/tests/data/*.json) into a looping piecewise-constant capacity:
 *
 * <pre>{"uplink": {"trace_pattern": [{"duration": ms, "capacity": kbps, "loss": rate, "rtt": ms}, ...]}}</pre>
 *
 * <p>Each pattern entry holds its capacity for its duration, in order, and the pattern loops. Only
 * the capacity drives the schedule: loss, rtt and jitter per entry are accepted but ignored,
 * because the scenario sets delay and loss for the whole link. Other top-level fields (e.g.
 * {@code type}, {@code downlink}) are ignored too.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class GymTrace {
    private static final long US_PER_MS = 1000; // unit conversion
    private static final long BPS_PER_KBPS = 1000; // unit conversion
    /** Longest accepted pattern entry, ms (24 h): longer is a unit mistake. */
    static final double MAX_DURATION_MS = 86_400_000;
    /** Highest accepted capacity, kbps (100 Gbps): higher is a unit mistake. */
    static final double MAX_CAPACITY_KBPS = 100_000_000;

    private GymTrace() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws ScenarioException naming the file and listing every problem with its line and field
     *     path (e.g. {@code line 5: uplink.trace_pattern[1].capacity = -3: expected ...})
     */
    public static PiecewiseCapacity read(Path file) {
        String json;
        try {
            json = TraceInput.readString(file, TraceInput.MAX_JSON_BYTES);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), "trace file not found");
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), "cannot read trace: " + e);
        }
        LocatedJson document = LocatedJson.parse(json, file.toString());
        List<String> problems = new ArrayList<>();
        FieldReader uplink = FieldReader.root(document, problems).object("uplink", true);
        List<FieldReader> pattern = uplink.objects("trace_pattern");
        long[] startUs = new long[pattern.size()];
        long[] rateBps = new long[pattern.size()];
        long timeUs = 0;
        boolean anyPositive = false;
        for (int i = 0; i < pattern.size(); i++) {
            FieldReader entry = pattern.get(i);
            double durationMs = entry.number("duration", 1e-3, MAX_DURATION_MS, "ms");
            double capacityKbps = entry.number("capacity", 0, MAX_CAPACITY_KBPS, "kbps");
            startUs[i] = timeUs;
            rateBps[i] = Double.isNaN(capacityKbps) ? 0 : Math.round(capacityKbps * BPS_PER_KBPS);
            anyPositive |= rateBps[i] > 0;
            timeUs += Double.isNaN(durationMs) ? 0 : Math.max(1, Math.round(durationMs * US_PER_MS));
        }
        if (problems.isEmpty() && !anyPositive) {
            problems.add("line " + document.lineOf("uplink.trace_pattern")
                    + ": uplink.trace_pattern: every capacity is 0: expected some capacity > 0 kbps");
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(file.toString(), problems);
        }
        String description = String.format(Locale.ROOT, "gym %s (%d segments, %.0f s loop)",
                file.getFileName(), pattern.size(), timeUs / 1e6);
        return new PiecewiseCapacity(startUs, rateBps, timeUs, description);
    }
}
