package dev.weir.sim.estimators;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.WeirEstimator;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Estimators by name: a factory per name builds a fresh estimator for each call. Start from
 * {@link #withBuiltIns()} and {@link #register} further variants (tuned or ML-steered versions) by
 * name, with the {@link Trait traits} that say where they can run.
 *
 * <p>Not thread-safe while registering; once set up and safely published, {@link #create} and
 * {@link #names} only read and may be called from many threads (factories must then be
 * thread-safe, which a stateless constructor reference is).
 */
public final class EstimatorRegistry {
    /** What an estimator needs or accepts beyond the call's bitrates and bundle. */
    public enum Trait {
        /** Built on GCC: runs with the context's GCC settings (a {@code --settings} file). */
        GCC_SETTINGS,
        /** Reads the true network (capacity, cross traffic): runs in a simulated call only, never on a recorded one. */
        GROUND_TRUTH
    }

    private record Entry(Set<Trait> traits, Function<EstimatorContext, BandwidthEstimator> factory) {
    }

    private final TreeMap<String, Entry> factories = new TreeMap<>();

    /** An empty registry. */
    public EstimatorRegistry() {
    }

    /**
     * A registry with the built-in estimators: {@code gcc} (today's libwebrtc), {@code gcc-classic}
     * (the classic loss rule, Bayesian acked rate, no pushback), {@code weir} (GCC steered per
     * network type by the context's bundle), all three taking GCC settings; {@code oracle} ({@link
     * OracleEstimator}, 0.9 of the true free capacity now) and {@code oracle-causal} ({@link
     * CausalOracleEstimator}, the same but averaged over the past second and late), which read the
     * true network; and {@code fixed} ({@link FixedRateEstimator} at the call's start rate).
     */
    public static EstimatorRegistry withBuiltIns() {
        return new EstimatorRegistry()
                .register("gcc", EnumSet.of(Trait.GCC_SETTINGS), context -> new GoogCcEstimator(context.gccSettings()))
                .register("gcc-classic", EnumSet.of(Trait.GCC_SETTINGS),
                        context -> new GoogCcEstimator(classic(context.gccSettings())))
                .register("weir", EnumSet.of(Trait.GCC_SETTINGS),
                        context -> new WeirEstimator(context.gccSettings(), context.bundle()))
                .register("oracle", EnumSet.of(Trait.GROUND_TRUTH), context -> OracleEstimator.forScenario(context.scenario()))
                .register("oracle-causal", EnumSet.of(Trait.GROUND_TRUTH),
                        context -> CausalOracleEstimator.forScenario(context.scenario()))
                .register("fixed", context -> new FixedRateEstimator(context.minBps(), context.startBps(), context.maxBps()));
    }

    /**
     * Adds a factory under {@code name} that needs nothing beyond the call's bitrates and bundle.
     *
     * @return this registry
     * @throws IllegalArgumentException for a blank or already registered name or a null factory
     */
    public EstimatorRegistry register(String name, Function<EstimatorContext, BandwidthEstimator> factory) {
        return register(name, EnumSet.noneOf(Trait.class), factory);
    }

    /**
     * Adds a factory under {@code name} with its traits.
     *
     * @return this registry
     * @throws IllegalArgumentException for a blank or already registered name or a null factory
     */
    public EstimatorRegistry register(String name, Set<Trait> traits,
                                      Function<EstimatorContext, BandwidthEstimator> factory) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("estimator name must not be blank");
        }
        if (factory == null) {
            throw new IllegalArgumentException("factory for estimator '" + name + "' is null");
        }
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException("estimator '" + name + "' is already registered");
        }
        Set<Trait> copy = traits == null || traits.isEmpty() ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(traits);
        factories.put(name, new Entry(Collections.unmodifiableSet(copy), factory));
        return this;
    }

    /**
     * A new estimator for one call.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones), GCC settings
     *     given to an estimator that takes none, or an estimator that reads the true network on a
     *     recorded call
     */
    public BandwidthEstimator create(String name, EstimatorContext context) {
        Entry entry = factories.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + names());
        }
        if (context.settings() != null && !entry.traits().contains(Trait.GCC_SETTINGS)) {
            throw new IllegalArgumentException("estimator '" + name + "' takes no GCC settings; those that do: "
                    + names(Trait.GCC_SETTINGS));
        }
        if (context.scenario() == null && entry.traits().contains(Trait.GROUND_TRUTH)) {
            throw new IllegalArgumentException("estimator '" + name + "' reads the true network, which a recorded call"
                    + " does not have; estimators that replay: " + namesWithout(Trait.GROUND_TRUTH));
        }
        BandwidthEstimator estimator = entry.factory().apply(context);
        if (estimator == null) {
            throw new IllegalStateException("factory for estimator '" + name + "' returned null");
        }
        return estimator;
    }

    /** Registered names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(factories.navigableKeySet());
    }

    /** Names of the estimators with {@code trait}, sorted. */
    public Set<String> names(Trait trait) {
        Set<String> names = new TreeSet<>();
        factories.forEach((name, entry) -> {
            if (entry.traits().contains(trait)) {
                names.add(name);
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /** Names of the estimators without {@code trait}, sorted (e.g. those that can replay a recorded call). */
    public Set<String> namesWithout(Trait trait) {
        Set<String> names = new TreeSet<>(factories.navigableKeySet());
        names.removeAll(names(trait));
        return Collections.unmodifiableSet(names);
    }

    /** Whether {@code name} is registered. */
    public boolean contains(String name) {
        return factories.containsKey(name);
    }

    /** The traits of {@code name}, or an empty set for an unknown name. */
    public Set<Trait> traits(String name) {
        Entry entry = factories.get(name);
        return entry == null ? Collections.emptySet() : entry.traits();
    }

    /**
     * The GCC of older Chrome and of most forks: the classic 2 % / 10 % loss rule, the Bayesian
     * acknowledged-bitrate estimator, no congestion-window pushback.
     */
    public static GccSettings classicGccSettings(Scenario.Media media) {
        return classic(defaultGccSettings(media));
    }

    /** libwebrtc's defaults with the call's bitrates: what {@code gcc} and the weir estimator start from. */
    public static GccSettings defaultGccSettings(Scenario.Media media) {
        return GccSettings.defaults().withBitrates(media.minBps(), media.startBps(), media.maxBps());
    }

    /** {@code settings} with gcc-classic's three switches forced (the rest of the file stays). */
    private static GccSettings classic(GccSettings settings) {
        settings.useRobustThroughputEstimator = false;
        settings.lossBased.v2.enabled = false;
        settings.pushback.enabled = false;
        return settings;
    }
}
