package dev.weir.sim.scenario;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a {@link Scenario} was read from, as plain data: the scenario's JSON text and what its trace
 * paths resolve against. It is how a scenario travels to another JVM (an executor of a cluster
 * engine): {@link #resolve} there parses the same text against the same paths and reads the same
 * trace files, so the call is the same. Paths are absolute, so every machine must see the traces at
 * the same paths (shared storage); a trace that differs gives a different call, which the
 * scenario's digest does not catch (the trace digests of {@code weir tune}'s record do).
 *
 * <p>Immutable and thread-safe.
 *
 * @param json the scenario's JSON text
 * @param sourceName names the input in errors (the file path, or e.g. {@code generated:<trace>})
 * @param baseDir absolute directory relative trace paths resolve against, or null
 * @param tracesRoot absolute directory {@code traces:} paths resolve against, or null
 * @param allowAbsolutePaths whether trace files may be absolute paths anywhere
 * @param durationCapUs when positive, the call is cut to at most this long
 *     ({@link Scenario#withDurationCapUs}); 0 keeps the text's duration
 */
public record ScenarioSource(String json, String sourceName, String baseDir, String tracesRoot,
                             boolean allowAbsolutePaths, long durationCapUs) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ScenarioSource {
        if (json == null || sourceName == null) {
            throw new IllegalArgumentException("a scenario source needs its text and a name");
        }
        if (durationCapUs < 0) {
            throw new IllegalArgumentException("duration cap must be >= 0 (0: none), got " + durationCapUs + " us");
        }
    }

    /**
     * Parses the text again (and applies the duration cap).
     *
     * @throws ScenarioException as {@link ScenarioLoader#parse} does, e.g. when a trace file is
     *     missing on this machine
     */
    public Scenario resolve() {
        Scenario scenario = ScenarioLoader.parse(json, baseDir == null ? null : Path.of(baseDir),
                tracesRoot == null ? null : Path.of(tracesRoot), sourceName, allowAbsolutePaths);
        return durationCapUs > 0 ? scenario.withDurationCapUs(durationCapUs) : scenario;
    }

    /** This source with the call cut to at most {@code capUs} (the smaller of two caps). */
    public ScenarioSource withDurationCapUs(long capUs) {
        long cap = durationCapUs > 0 ? Math.min(durationCapUs, capUs) : capUs;
        return new ScenarioSource(json, sourceName, baseDir, tracesRoot, allowAbsolutePaths, cap);
    }

    /** Short: the text can be a mebibyte. */
    @Override
    public String toString() {
        return "ScenarioSource[" + sourceName + (durationCapUs > 0 ? ", cap " + durationCapUs + " us" : "") + "]";
    }
}
