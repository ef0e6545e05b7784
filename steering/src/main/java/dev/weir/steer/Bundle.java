package dev.weir.steer;

import dev.weir.bwe.model.ModelArtifact;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a server delivers to a client at call setup: one parameter set per network type, the
 * type-decision settings and (optionally) the model, verified as a whole and identified by the
 * digest of its manifest. Immutable once built, so one bundle (and its model's weights) is shared
 * by every estimator of a process; {@link BundleLoader} builds and verifies it from files.
 *
 * <p>Immutable and thread-safe: accessors hand out copies of the settings.
 */
public final class Bundle {
    private final String id;
    private final String description;
    private final Map<NetworkType, ParameterSet> sets;
    private final TypeDecisionSettings decision;
    private final ModelArtifact model;

    Bundle(String id, String description, Map<NetworkType, ParameterSet> sets, TypeDecisionSettings decision,
           ModelArtifact model) {
        this.id = id;
        this.description = description;
        EnumMap<NetworkType, ParameterSet> copies = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            ParameterSet set = sets.get(type);
            if (set == null) {
                throw new IllegalArgumentException("bundle " + id + " has no parameter set for " + type.id());
            }
            copies.put(type, set.copy());
        }
        this.sets = copies;
        this.decision = dev.weir.bwe.config.SettingsCopy.copy(decision);
        this.model = model;
    }

    private static final Bundle GCC_DEFAULTS = buildGccDefaults();

    /**
     * GCC with libwebrtc's defaults on every type and no model: what an estimator runs before any
     * bundle arrives (plain GCC). One shared instance.
     */
    public static Bundle gccDefaults() {
        return GCC_DEFAULTS;
    }

    private static Bundle buildGccDefaults() {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            sets.put(type, ParameterSet.defaults(type));
        }
        return new Bundle("gcc-defaults", "libwebrtc's GCC defaults on every type, no model", sets,
                new TypeDecisionSettings(), null);
    }

    /** A bundle built in code (tests, tuning): {@code sets} must name every type. */
    public static Bundle of(String id, Map<NetworkType, ParameterSet> sets, TypeDecisionSettings decision,
                            ModelArtifact model) {
        return new Bundle(id, "built in code", sets, decision, model);
    }

    /**
     * This bundle's parameter sets with another id, decision rule and model: a bundle built in code
     * (tuning, studies, tests) around sets that are already verified.
     */
    public Bundle with(String id, TypeDecisionSettings decision, ModelArtifact model) {
        return new Bundle(id, "built in code", sets, decision, model);
    }

    /** The bundle id: the SHA-256 of its manifest (or a name for built-in bundles). */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** A copy of the parameter set for {@code type}. */
    public ParameterSet parameterSet(NetworkType type) {
        return sets.get(type).copy();
    }

    /** The bundle's own parameter set for {@code type}, for estimators that only read it. */
    ParameterSet sharedParameterSet(NetworkType type) {
        return sets.get(type);
    }

    /** A copy of the type-decision settings. */
    public TypeDecisionSettings decision() {
        return dev.weir.bwe.config.SettingsCopy.copy(decision);
    }

    /** The bundle's own decision settings, for estimators that only read them. */
    TypeDecisionSettings sharedDecision() {
        return decision;
    }

    /** The model, or null when the bundle has none (no model decisions: the default type holds). */
    public ModelArtifact model() {
        return model;
    }
}
