package dev.weir.sim.estimators;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.WeirEstimator;
import java.util.Collections;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Estimators by name: a factory per name builds a fresh estimator for each call. Start from
 * {@link #withBuiltIns()} ({@code gcc}, {@code oracle}, {@code fixed}) and {@link #register}
 * further variants (tuned or ML-steered versions) by name.
 *
 * <p>Not thread-safe while registering; once set up and safely published, {@link #create} and
 * {@link #names} only read and may be called from many threads (factories must then be
 * thread-safe, which a stateless constructor reference is).
 */
public final class EstimatorRegistry {
    private final TreeMap<String, Function<EstimatorContext, BandwidthEstimator>> factories = new TreeMap<>();

    /** An empty registry. */
    public EstimatorRegistry() {
    }

    /**
     * A registry with the built-in estimators: {@code gcc} (today's libwebrtc), {@code gcc-classic}
     * (the classic loss rule, Bayesian acked rate, no pushback), {@code weir} (GCC steered per
     * network type by the context's bundle), {@code oracle} ({@link
     * OracleEstimator}, 0.9 of the true free capacity now), {@code oracle-causal} ({@link
     * CausalOracleEstimator}, the same but averaged over the past second and late) and {@code fixed}
     * ({@link FixedRateEstimator} at the media's start rate).
     */
    public static EstimatorRegistry withBuiltIns() {
        return new EstimatorRegistry()
                .register("gcc", context -> new GoogCcEstimator(context.scenario().media().minBps(),
                        context.scenario().media().startBps(), context.scenario().media().maxBps()))
                .register("gcc-classic", EstimatorRegistry::gccClassic)
                .register("weir", context -> new WeirEstimator(GccSettings.defaults().withBitrates(
                        context.scenario().media().minBps(), context.scenario().media().startBps(),
                        context.scenario().media().maxBps()), context.bundle()))
                .register("oracle", context -> OracleEstimator.forScenario(context.scenario()))
                .register("oracle-causal", context -> CausalOracleEstimator.forScenario(context.scenario()))
                .register("fixed", context -> new FixedRateEstimator(context.scenario().media().startBps()));
    }

    /**
     * Adds a factory under {@code name}.
     *
     * @return this registry
     * @throws IllegalArgumentException for a blank or already registered name or a null factory
     */
    public EstimatorRegistry register(String name, Function<EstimatorContext, BandwidthEstimator> factory) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("estimator name must not be blank");
        }
        if (factory == null) {
            throw new IllegalArgumentException("factory for estimator '" + name + "' is null");
        }
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException("estimator '" + name + "' is already registered");
        }
        factories.put(name, factory);
        return this;
    }

    /**
     * A new estimator for one call.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public BandwidthEstimator create(String name, EstimatorContext context) {
        Function<EstimatorContext, BandwidthEstimator> factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + names());
        }
        BandwidthEstimator estimator = factory.apply(context);
        if (estimator == null) {
            throw new IllegalStateException("factory for estimator '" + name + "' returned null");
        }
        return estimator;
    }

    /** Registered names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(factories.navigableKeySet());
    }

    /** Whether {@code name} is registered. */
    public boolean contains(String name) {
        return factories.containsKey(name);
    }

    /**
     * The GCC of older Chrome and of most forks: the classic 2 % / 10 % loss rule, the Bayesian
     * acknowledged-bitrate estimator, no congestion-window pushback.
     */
    public static GccSettings classicGccSettings(Scenario.Media media) {
        GccSettings settings = GccSettings.defaults().withBitrates(media.minBps(), media.startBps(), media.maxBps());
        settings.useRobustThroughputEstimator = false;
        settings.lossBased.v2.enabled = false;
        settings.pushback.enabled = false;
        return settings;
    }

    private static BandwidthEstimator gccClassic(EstimatorContext context) {
        return new GoogCcEstimator(classicGccSettings(context.scenario().media()));
    }
}
