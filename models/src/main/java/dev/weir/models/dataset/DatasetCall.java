package dev.weir.models.dataset;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.CallSteps;
import dev.weir.sim.runner.CallJob;

/**
 * One dataset call as data: the plan, the labelling settings as JSON text and the weir driver's
 * model as its container bytes (null when no call is weir-driven); the result is the call's
 * labelled steps. The model is read again from its bytes in the JVM that runs the call (a few
 * kilobytes, verified by its SHA-256 trailer).
 *
 * <p>Immutable and thread-safe (the byte array is never written).
 *
 * @param plan the call
 * @param settingsJson {@link DatasetSettings} as {@link SettingsJson} writes them
 * @param steeringModel the weir driver's model container, or null
 */
record DatasetCall(CallPlan plan, String settingsJson, byte[] steeringModel) implements CallJob<CallSteps> {
    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return plan.description();
    }

    @Override
    public CallSteps run() {
        DatasetSettings settings = SettingsJson.read(settingsJson, DatasetSettings.class, "dataset settings");
        ModelArtifact model = steeringModel == null ? null : ModelArtifact.read(steeringModel, "steering model");
        return DatasetGenerator.simulate(plan, settings, model);
    }
}
