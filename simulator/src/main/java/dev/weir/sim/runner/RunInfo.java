package dev.weir.sim.runner;

import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What produced one call's outputs, recorded in its {@code metrics.json} so a file can always be
 * traced back: scenario name and SHA-256 of its file, estimator, seed and weir version.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scenario scenario name
 * @param scenarioSha256 SHA-256 of the scenario file's text (empty for a scenario built in code)
 * @param estimator estimator name the call ran with
 * @param seed simulation seed
 * @param weirVersion {@link #currentVersion()} of the code that ran it
 */
public record RunInfo(String scenario, String scenarioSha256, String estimator, long seed, String weirVersion) {
    private static final String VERSION = loadVersion();

    /** The record of one call of {@code scenario} with {@code estimator} and {@code seed}, run by this code. */
    public static RunInfo of(Scenario scenario, String estimator, long seed) {
        return new RunInfo(scenario.name(), scenario.sourceSha256(), estimator, seed, VERSION);
    }

    /** The version of weir these classes belong to (the Maven project version). */
    public static String currentVersion() {
        return VERSION;
    }

    /** Snake_case keys in a fixed order, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scenario", scenario);
        map.put("scenario_sha256", scenarioSha256);
        map.put("estimator", estimator);
        map.put("seed", seed);
        map.put("weir_version", weirVersion);
        return map;
    }

    private static String loadVersion() {
        try (InputStream in = RunInfo.class.getResourceAsStream("/dev/weir/sim/weir-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("weir-version.properties missing from the simulator jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
