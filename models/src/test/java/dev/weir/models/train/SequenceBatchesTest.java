package dev.weir.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.models.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

class SequenceBatchesTest {
    private static final int STEPS = 30;
    private final Dataset data = SyntheticDatasets.learnable(5, STEPS);
    private final ModelArchitecture arch = new ModelArchitecture(ModelArchitecture.STREAMING_STEPS,
            data.tsFeatures(), 4, data.denseInputs(), 3, 4,
            List.of(Tasks.head(Dataset.TASK_LOSS_ATTRIBUTION), Tasks.head(Dataset.TASK_CONGESTION)));
    private final int[] calls = {0, 1};

    @Test
    void shouldLabelCongestionAtEveryLabelledDecisionByDefault() {
        MultiDataSet batch = batches(false).batch(calls, 0, calls.length);
        INDArray congestionMask = batch.getLabelsMaskArray(1);
        for (int b = 0; b < calls.length; b++) {
            int start = data.sourceStart(calls[b]);
            for (int t = 0; t < STEPS; t++) {
                int i = start + t;
                boolean labelled = data.isDecision(i) && data.label(Dataset.TASK_CONGESTION, i) >= 0;
                assertEquals(labelled ? 1f : 0f, congestionMask.getFloat(b, t), "call " + b + " step " + t);
            }
        }
    }

    @Test
    void shouldLabelCongestionOnGatedDecisionsOnlyWhenAskedAndLeaveTheOtherHeadsAlone() {
        MultiDataSet all = batches(false).batch(calls, 0, calls.length);
        MultiDataSet gated = batches(true).batch(calls, 0, calls.length);
        INDArray congestionMask = gated.getLabelsMaskArray(1);
        int ungatedDecisions = 0;
        for (int b = 0; b < calls.length; b++) {
            int start = data.sourceStart(calls[b]);
            for (int t = 0; t < STEPS; t++) {
                int i = start + t;
                boolean labelled = data.isDecision(i) && data.label(Dataset.TASK_CONGESTION, i) >= 0;
                ungatedDecisions += labelled && !data.gate(i) ? 1 : 0;
                assertEquals(labelled && data.gate(i) ? 1f : 0f, congestionMask.getFloat(b, t),
                        "call " + b + " step " + t);
            }
        }
        assertTrue(ungatedDecisions > 0, "the fixture has decisions the gate calls congested now");
        assertEquals(all.getLabelsMaskArray(0), gated.getLabelsMaskArray(0), "loss attribution unchanged");
        assertEquals(all.getLabels(0), gated.getLabels(0));
        assertEquals(all.getFeatures(0), gated.getFeatures(0));
        assertEquals(all.getFeatures(1), gated.getFeatures(1));
    }

    private SequenceBatches batches(boolean gatedOnly) {
        NormalisationFit.Fit fit = NormalisationFit.fit(data, new int[] {0, 1, 2}, 1e-3);
        return new SequenceBatches(data, arch, fit.normalisation(), gatedOnly);
    }
}
