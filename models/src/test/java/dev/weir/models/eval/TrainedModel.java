package dev.weir.models.eval;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.train.SyntheticDatasets;
import dev.weir.models.train.Trainer;
import dev.weir.models.train.TrainerSettings;
import dev.weir.models.train.TrainingResult;

/** One multi-task model trained on the learnable synthetic dataset, shared by the eval tests. */
final class TrainedModel {
    static final Dataset DATA = SyntheticDatasets.learnable(21, 80);
    private static ModelArtifact artifact;

    private TrainedModel() {
    }

    static synchronized ModelArtifact artifact() {
        if (artifact == null) {
            TrainerSettings settings = SyntheticDatasets.fastSettings();
            settings.maxEpochs = 20;
            settings.patience = 4;
            TrainingResult result = Trainer.train(DATA, settings, null, SyntheticDatasets.fakeClockUs());
            artifact = result.export(null);
        }
        return artifact;
    }
}
