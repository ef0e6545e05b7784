package dev.weir.steer;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelArtifactBuilder;
import dev.weir.bwe.model.TensorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.stream.Stream;

/** Bundles and models for the steering tests, from the repository's committed default model. */
final class TestBundles {
    private TestBundles() {
    }

    /** The repository directory {@code name} (configs, models), found from the module's directory. */
    static Path repo(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(name))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(name);
    }

    /** The committed default model. */
    static ModelArtifact defaultModel() {
        try (Stream<Path> files = Files.list(repo("models").resolve("default"))) {
            Path file = files.filter(p -> p.toString().endsWith(ModelArtifact.FILE_EXTENSION)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no model in models/default"));
            return ModelArtifact.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The default model with its head layers' weights and biases multiplied by {@code factor}
     * (at most the largest float): with 3e38 the heads' logits overflow to infinity (a numerically
     * broken model).
     */
    static ModelArtifact scaledHeads(ModelArtifact model, float factor) {
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(model.architecture())
                .featureSchema(model.featureSchema()).normalisation(model.normalisation())
                .provenance(model.provenance());
        for (TensorSpec spec : model.tensorSpecs()) {
            float[] values = model.tensor(spec.name()).clone();
            if (spec.name().startsWith("head")) {
                for (int i = 0; i < values.length; i++) {
                    // clamped to the largest float: a weight must stay finite, its logit overflows
                    values[i] = Math.copySign(Math.min(Float.MAX_VALUE, Math.abs(values[i]) * factor), values[i]);
                }
            }
            builder.tensor(spec.name(), values);
        }
        return builder.build();
    }

    /** {@code model} with another feature schema (weights unchanged). */
    static ModelArtifact withSchema(ModelArtifact model, dev.weir.bwe.signal.FeatureSchema schema) {
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(model.architecture())
                .featureSchema(schema).normalisation(model.normalisation()).provenance(model.provenance());
        for (TensorSpec spec : model.tensorSpecs()) {
            builder.tensor(spec.name(), model.tensor(spec.name()).clone());
        }
        return builder.build();
    }

    /** {@code model} with its {@code from} head renamed {@code to} (weights unchanged). */
    static ModelArtifact withRenamedHead(ModelArtifact model, String from, String to) {
        dev.weir.bwe.model.ModelArchitecture arch = model.architecture();
        java.util.List<dev.weir.bwe.model.HeadSpec> heads = arch.heads().stream()
                .map(h -> h.name().equals(from) ? new dev.weir.bwe.model.HeadSpec(to, h.classes()) : h).toList();
        dev.weir.bwe.model.ModelArchitecture renamed = new dev.weir.bwe.model.ModelArchitecture(arch.tsSteps(),
                arch.tsFeatures(), arch.lstmUnits(), arch.denseFeatures(), arch.denseUnits(), arch.mergeUnits(), heads);
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(renamed)
                .featureSchema(model.featureSchema()).normalisation(model.normalisation()).provenance(model.provenance());
        for (TensorSpec spec : model.tensorSpecs()) {
            String name = spec.name().replace("head." + from + ".", "head." + to + ".");
            builder.tensor(name, model.tensor(spec.name()).clone());
        }
        return builder.build();
    }

    /** A bundle with {@code model} whose sets are the defaults, each with id {@code <type>/<tag>}. */
    static Bundle bundle(String tag, ModelArtifact model) {
        return bundle(tag, model, new TypeDecisionSettings());
    }

    /** As {@link #bundle(String, ModelArtifact)} with the given type-decision settings. */
    static Bundle bundle(String tag, ModelArtifact model, TypeDecisionSettings decision) {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            ParameterSet set = ParameterSet.defaults(type);
            set.id = type.id() + "/" + tag;
            sets.put(type, set);
        }
        return Bundle.of(tag, sets, decision, model);
    }
}
