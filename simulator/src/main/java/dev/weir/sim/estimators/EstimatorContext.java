package dev.weir.sim.estimators;

import dev.weir.gcc.GccSettings;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;

/**
 * What an estimator factory may use to build an estimator for one call: the call's bitrate bounds,
 * the scenario (only a simulated call has one; the oracles read its true capacity), the steering
 * bundle (parameter sets and model) the {@code weir} estimator runs with, shared by every call of a
 * run, and optionally GCC settings replacing libwebrtc's defaults for estimators built on GCC.
 *
 * <p>Immutable and thread-safe ({@link Bundle} is immutable; the settings are copied by every
 * estimator that uses them and must not be changed after the context is made).
 *
 * @param scenario the simulated call's scenario, or null for a recorded call (replay)
 * @param minBps the call's minimum bitrate
 * @param startBps the call's start bitrate
 * @param maxBps the call's maximum bitrate
 * @param bundle the bundle for steering estimators
 * @param settings GCC settings for estimators built on GCC, or null for libwebrtc's defaults; the
 *     call's bitrates replace the settings' own
 */
public record EstimatorContext(Scenario scenario, long minBps, long startBps, long maxBps, Bundle bundle,
                               GccSettings settings) {
    public EstimatorContext {
        if (bundle == null) {
            throw new IllegalArgumentException("bundle is required");
        }
    }

    /** A simulated call of {@code scenario} with {@code bundle} and GCC settings (null: defaults). */
    public EstimatorContext(Scenario scenario, Bundle bundle, GccSettings settings) {
        this(requireScenario(scenario), scenario.media().minBps(), scenario.media().startBps(),
                scenario.media().maxBps(), bundle, settings);
    }

    /** A simulated call of {@code scenario} with {@code bundle} and libwebrtc's GCC defaults. */
    public EstimatorContext(Scenario scenario, Bundle bundle) {
        this(scenario, bundle, null);
    }

    /** A context with GCC's default parameter sets and no model (the weir estimator is then plain GCC). */
    public EstimatorContext(Scenario scenario) {
        this(scenario, Bundle.gccDefaults());
    }

    /**
     * A recorded call (replay): its bitrates, no scenario, so estimators that read the true network
     * cannot be built ({@link EstimatorRegistry.Trait#GROUND_TRUTH}).
     */
    public static EstimatorContext recordedCall(long minBps, long startBps, long maxBps, Bundle bundle,
                                                GccSettings settings) {
        return new EstimatorContext(null, minBps, startBps, maxBps, bundle, settings);
    }

    /** The GCC settings an estimator built on GCC runs with: {@link #settings()} or the defaults, with the call's bitrates. */
    public GccSettings gccSettings() {
        return (settings != null ? settings : GccSettings.defaults()).withBitrates(minBps, startBps, maxBps);
    }

    private static Scenario requireScenario(Scenario scenario) {
        if (scenario == null) {
            throw new IllegalArgumentException("scenario is required");
        }
        return scenario;
    }
}
