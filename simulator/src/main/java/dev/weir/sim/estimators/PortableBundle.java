package dev.weir.sim.estimators;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TypeDecisionSettings;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;

/**
 * A steering {@link Bundle} that a {@link dev.weir.sim.runner.CallJob} can carry to another JVM.
 * It serializes by value, as data: the id, each type's parameter set and the decision settings as
 * JSON text ({@link SettingsJson}, whose doubles read back bit for bit) and the model's container
 * bytes; the receiving JVM rebuilds an equal bundle (its description becomes "built in code"), or
 * takes its own {@link Bundle#gccDefaults()} for the built-in one, which estimators recognise by
 * identity. So executors need neither the bundle directory nor the driver's object graph. Jobs of a
 * run share one instance: Java serialization then writes it, and the receiver rebuilds it, once per
 * stream.
 *
 * <p>Immutable and thread-safe.
 */
public final class PortableBundle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient Bundle bundle;

    private PortableBundle(Bundle bundle) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
    }

    /** Wraps {@code bundle} (shared, never copied in this JVM). */
    public static PortableBundle of(Bundle bundle) {
        return new PortableBundle(bundle);
    }

    /** The bundle. */
    public Bundle bundle() {
        return bundle;
    }

    private Object writeReplace() {
        if (bundle == Bundle.gccDefaults()) {
            return new Form(true, bundle.id(), List.of(), null, null);
        }
        List<String> sets = new ArrayList<>();
        for (NetworkType type : NetworkType.values()) {
            sets.add(SettingsJson.write(bundle.parameterSet(type)));
        }
        ModelArtifact model = bundle.model();
        return new Form(false, bundle.id(), sets, SettingsJson.write(bundle.decision()),
                model == null ? null : model.toBytes());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a PortableBundle is read through its serialized form only");
    }

    /**
     * The serialized form.
     *
     * @param gccDefaults whether it is the built-in bundle (the other fields are then unused)
     * @param sets parameter-set JSON per {@link NetworkType}, in declaration order
     * @param decision the type-decision settings' JSON
     * @param model the model container's bytes, or null
     */
    private record Form(boolean gccDefaults, String id, List<String> sets, String decision, byte[] model)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            if (gccDefaults) {
                return new PortableBundle(Bundle.gccDefaults());
            }
            NetworkType[] types = NetworkType.values();
            EnumMap<NetworkType, ParameterSet> byType = new EnumMap<>(NetworkType.class);
            for (int i = 0; i < types.length; i++) {
                byType.put(types[i], SettingsJson.read(sets.get(i), ParameterSet.class,
                        "bundle " + id + " set " + types[i].id()));
            }
            TypeDecisionSettings decisionSettings = SettingsJson.read(decision, TypeDecisionSettings.class,
                    "bundle " + id + " decision");
            return new PortableBundle(Bundle.of(id, byType, decisionSettings,
                    model == null ? null : ModelArtifact.read(model, "bundle " + id + " model")));
        }
    }
}
