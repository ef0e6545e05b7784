package dev.weir.models.dataset;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.runner.CallJob;

/**
 * One dataset call as data: the plan (its scenario serializes as its source) and the labelling
 * settings as JSON text; the result is the call's labelled samples.
 *
 * <p>Immutable and thread-safe.
 *
 * @param plan the call
 * @param settingsJson {@link DatasetSettings} as {@link SettingsJson} writes them
 */
record DatasetCall(CallPlan plan, String settingsJson) implements CallJob<CallSamples> {
    private static final long serialVersionUID = 1L;
    /** Built-in estimators; only read, so one registry serves every call of a JVM. */
    private static final EstimatorRegistry REGISTRY = EstimatorRegistry.withBuiltIns();

    @Override
    public String description() {
        return plan.description();
    }

    @Override
    public CallSamples run() {
        DatasetSettings settings = SettingsJson.read(settingsJson, DatasetSettings.class, "dataset settings");
        return DatasetGenerator.simulate(plan, REGISTRY, settings);
    }
}
