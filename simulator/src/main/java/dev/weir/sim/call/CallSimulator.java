package dev.weir.sim.call;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.sim.scenario.Scenario;

/**
 * Runs one packet-level, discrete-event simulation of an RTC call: a video (and optionally audio)
 * sender paced onto a bottleneck link, a receiver sending transport-wide feedback, NACKs and key
 * frame requests back, and a {@link BandwidthEstimator} steering the sender. Single-threaded and
 * deterministic: the same scenario, estimator and seed give identical results.
 *
 * <p>Thread-safe: every call builds its own state, so calls may run in parallel (each with its
 * own estimator instance).
 */
public final class CallSimulator {
    private CallSimulator() {
    }

    /** Simulates {@code scenario} with default {@link SimulatorSettings}. */
    public static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed) {
        return run(scenario, estimatorName, estimator, seed, new SimulatorSettings());
    }

    /**
     * Simulates {@code scenario} with the given settings.
     *
     * @throws dev.weir.bwe.config.InvalidSettingsException when the settings are invalid
     * @throws IllegalArgumentException when the scenario has no feedback interval or frame rate
     */
    public static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed,
                                 SimulatorSettings settings) {
        ConfigCheck check = ConfigCheck.of("simulator");
        settings.validate(check);
        check.throwIfInvalid();
        return new Call(scenario, estimatorName, estimator, seed, settings).run();
    }
}
