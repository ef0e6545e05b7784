package dev.weir.models.dataset;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelArtifactBuilder;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Provenance;
import dev.weir.bwe.model.TensorSpec;
import dev.weir.bwe.signal.FeatureSchema;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Models of the runtime's feature schema with seeded weights, for weir-driven test calls. */
public final class SteeringModels {
    private SteeringModels() {
    }

    /** Loss attribution and congestion heads, small layers, weights uniform in [-0.3, 0.3) from {@code seed}. */
    public static ModelArtifact defaultShaped(long seed) {
        FeatureSchema schema = FeatureSchema.defaults();
        ModelArchitecture arch = new ModelArchitecture(1, schema.tsFeatures().size(), 8, schema.denseInputCount(), 8,
                8, List.of(new HeadSpec("loss_attribution", List.of("pure_random", "mixed", "congestion")),
                        new HeadSpec("congestion", List.of("no", "yes"))));
        Normalisation.Transform[] tsLog = new Normalisation.Transform[schema.tsFeatures().size()];
        java.util.Arrays.fill(tsLog, Normalisation.Transform.SIGNED_LOG1P);
        float[] tsCentre = new float[tsLog.length];
        float[] tsScale = new float[tsLog.length];
        java.util.Arrays.fill(tsScale, 2f);
        float[] denseCentre = new float[schema.denseInputCount()];
        float[] denseScale = new float[schema.denseInputCount()];
        java.util.Arrays.fill(denseScale, 10f);
        ModelArtifactBuilder builder = ModelArtifact.builder().architecture(arch).featureSchema(schema)
                .normalisation(new Normalisation(tsLog, tsCentre, tsScale, Normalisation.linear(denseCentre.length),
                        denseCentre, denseScale))
                .provenance(new Provenance("test", List.of(seed), null, Map.of(), "SteeringModels"));
        SplittableRandom random = new SplittableRandom(seed);
        for (TensorSpec spec : arch.tensorLayout()) {
            float[] values = new float[(int) spec.elementCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * 0.3);
            }
            builder.tensor(spec.name(), values);
        }
        return builder.build();
    }
}
