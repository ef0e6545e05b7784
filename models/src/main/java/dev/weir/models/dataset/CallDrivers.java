package dev.weir.models.dataset;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.tune.TuningSpace;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TypeDecisionSettings;
import dev.weir.steer.WeirEstimator;
import java.util.EnumMap;
import java.util.SplittableRandom;

/**
 * What steers a dataset call, so the data covers the regime the model runs in once steering
 * changes GCC:
 * <ul>
 *   <li>{@value #GCC}: today's GCC with libwebrtc's defaults;</li>
 *   <li>{@value #TUNED}{@code :<type>}: GCC with a parameter set drawn uniformly from the network
 *       type's tuning space ({@link TuningSpace#forType}, read only), pinned for the whole call
 *       ({@link WeirEstimator#pinned}, no model);</li>
 *   <li>{@value #WEIR}: the weir estimator itself, with a steering model deciding the type and a
 *       bundle whose every type's set is drawn from its tuning space.</li>
 * </ul>
 * Draws come from the plan's driver seed: same plan, same estimator.
 *
 * <p>Stateless and thread-safe.
 */
final class CallDrivers {
    static final String GCC = "gcc";
    static final String TUNED = "gcc-tuned";
    static final String WEIR = "weir";
    /** Attempts at a candidate a type's settings accept before its defaults are used. */
    private static final int MAX_DRAWS = 32;

    private CallDrivers() {
    }

    /** The driver of a call: {@code gcc_percent} GCC, {@code weir_percent} weir (with a model), the rest tuned. */
    static String draw(SplittableRandom random, DatasetSettings settings, boolean steeringModel) {
        int draw = random.nextInt(100);
        if (draw < settings.gccPercent) {
            return GCC;
        }
        if (steeringModel && draw < settings.gccPercent + settings.weirPercent) {
            return WEIR;
        }
        NetworkType[] types = NetworkType.values();
        return TUNED + ":" + types[random.nextInt(types.length)].id();
    }

    /** A fresh estimator of {@code driver} for one call of {@code scenario}. */
    static BandwidthEstimator create(String driver, Scenario scenario, long driverSeed, ModelArtifact model) {
        GccSettings settings = EstimatorRegistry.defaultGccSettings(scenario.media());
        if (driver.equals(GCC)) {
            return new GoogCcEstimator(settings);
        }
        SplittableRandom random = new SplittableRandom(driverSeed);
        if (driver.equals(WEIR)) {
            if (model == null) {
                throw new IllegalArgumentException("driver weir needs a steering model");
            }
            return new WeirEstimator(settings, randomBundle(random, model));
        }
        if (driver.startsWith(TUNED + ":")) {
            NetworkType type = NetworkType.byId(driver.substring(TUNED.length() + 1));
            if (type != null) {
                return WeirEstimator.pinned(settings, randomBundle(random, null), type);
            }
        }
        throw new IllegalArgumentException("unknown driver '" + driver + "'");
    }

    /** A bundle whose set for every type is a uniform draw from the type's tuning space. */
    static Bundle randomBundle(SplittableRandom random, ModelArtifact model) {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            TuningSpace space = TuningSpace.forType(type);
            ParameterSet drawn = null;
            for (int attempt = 0; attempt < MAX_DRAWS && drawn == null; attempt++) {
                double[] point = new double[space.dimensions().size()];
                for (int i = 0; i < point.length; i++) {
                    point[i] = random.nextDouble();
                }
                drawn = space.apply(ParameterSet.defaults(type), point, type.id() + "/dataset-draw");
            }
            sets.put(type, drawn != null ? drawn : ParameterSet.defaults(type));
        }
        return Bundle.of("dataset-draw", sets, new TypeDecisionSettings(), model);
    }
}
