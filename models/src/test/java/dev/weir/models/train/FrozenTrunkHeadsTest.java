package dev.weir.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.TensorSpec;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.StreamingPredictions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Heads trained on the frozen trunk of a trained model: the learnable synthetic calls get FEC
 * ground truth from their dense "level" (a higher level, a higher non-congestive share; bursty
 * above 3). The model with the frozen-trunk heads must hold the model without them bit for bit,
 * and its new heads must have learned the share.
 */
class FrozenTrunkHeadsTest {
    private static Dataset data;
    private static ModelArtifact withoutFec;
    private static ModelArtifact withFec;

    @BeforeAll
    static void train() {
        data = TrainerTest.relabel(SyntheticDatasets.learnable(11, 60), call -> {
            for (int t = 0; t < call.steps; t++) {
                if (call.decision[t] == 1) {
                    double level = call.dense[t * call.denseInputs];
                    call.randomLossShare[t] = (float) FecHeads.rateValue(Math.max(0, Math.min(4, (int) level)));
                    call.meanBurstPackets[t] = call.randomLossShare[t] == 0 ? Float.NaN : level > 3 ? 3f : 1f;
                }
            }
        });
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        withoutFec = Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()).export(null);
        settings.frozenTrunkTasks = List.of(FecHeads.RATE_HEAD, FecHeads.BURST_HEAD);
        withFec = Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()).export(null);
    }

    @Test
    void shouldKeepTheTrunkAndTheTrainedHeadsBitForBit() {
        ModelArchitecture arch = withFec.architecture();
        assertEquals(List.of("loss_attribution", "congestion", FecHeads.RATE_HEAD, FecHeads.BURST_HEAD),
                arch.heads().stream().map(h -> h.name()).toList());
        for (TensorSpec spec : withoutFec.tensorSpecs()) {
            assertArrayEquals(withoutFec.tensor(spec.name()), withFec.tensor(spec.name()), spec.name());
        }
        assertEquals(withoutFec.calibration().subList(0, 2), withFec.calibration().subList(0, 2));
    }

    @Test
    void shouldLearnTheNewHeadsOnTheFrozenTrunk() {
        int[] test = data.sourcesOfSplit("test");
        StreamingPredictions predictions = StreamingPredictions.run(withFec, data, test);
        int head = withFec.architecture().headIndex(FecHeads.RATE_HEAD);
        double error = 0;
        double zeroError = 0;
        int n = 0;
        double[] p = new double[FecHeads.RATE_CLASSES.size()];
        for (int s : test) {
            for (int i = data.sourceStart(s); i < data.sourceEnd(s); i++) {
                if (!data.isDecision(i) || Float.isNaN(data.randomLossShare(i))) {
                    continue;
                }
                for (int c = 0; c < p.length; c++) {
                    p[c] = predictions.probability(i, head, c);
                }
                error += Math.abs(FecHeads.expectedRate(p) - data.randomLossShare(i));
                zeroError += data.randomLossShare(i);
                n++;
            }
        }
        assertTrue(n > 100, "labelled " + n);
        assertTrue(error < 0.6 * zeroError, "MAE " + error / n + " vs never FEC " + zeroError / n);
    }

    @Test
    void shouldRejectAFrozenTrunkTaskThatIsAlsoATask() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.frozenTrunkTasks = List.of("congestion", "no_such_task");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()));
        assertTrue(e.getMessage().contains("frozen_trunk_tasks") && e.getMessage().contains("no_such_task"),
                e.getMessage());
    }

    @Test
    void shouldRefuseFrozenTrunkTasksWithoutLabels() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.frozenTrunkTasks = List.of(FecHeads.RATE_HEAD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(SyntheticDatasets.learnable(11, 60), settings, null,
                        SyntheticDatasets.fakeClockUs()));
        assertTrue(e.getMessage().contains(FecHeads.RATE_HEAD) && e.getMessage().contains("frozen_trunk_tasks"),
                e.getMessage());
    }
}
