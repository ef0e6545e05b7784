package dev.weir.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.BinaryMetrics;
import dev.weir.models.eval.StreamingPredictions;
import dev.weir.models.net.ClassifierNetwork;
import dev.weir.models.net.NetworkSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static Dataset data;
    private static TrainingResult trained;
    private static List<EpochProgress> progress;
    private static int firstBatches;

    @BeforeAll
    static void trainOnce() {
        data = SyntheticDatasets.learnable(11, 60);
        progress = new ArrayList<>();
        trained = Trainer.train(data, SyntheticDatasets.fastSettings(), new TrainingProgress() {
            @Override
            public void onEpoch(EpochProgress epoch) {
                progress.add(epoch);
            }

            @Override
            public void onFirstBatch() {
                firstBatches++;
            }
        }, SyntheticDatasets.fakeClockUs());
    }

    @Test
    void shouldGiveBitIdenticalParametersAndArtifactForSameDataAndSeed() {
        TrainingResult again = Trainer.train(data, SyntheticDatasets.fastSettings(), null,
                SyntheticDatasets.fakeClockUs());
        assertArrayEquals(trained.graph().params().toFloatVector(), again.graph().params().toFloatVector());
        assertArrayEquals(trained.export(null).toBytes(), again.export(null).toBytes());
        TrainerSettings other = SyntheticDatasets.fastSettings();
        other.seed = 12;
        other.maxEpochs = 1;
        TrainingResult reseeded = Trainer.train(data, other, null, SyntheticDatasets.fakeClockUs());
        assertFalse(Arrays.equals(trained.graph().params().toFloatVector(),
                reseeded.graph().params().toFloatVector()));
    }

    @Test
    void shouldLearnWhatNeedsTheStateCarriedFromStepToStep() {
        // Congestion ahead is "the trend rises": only the step before tells, so the LSTM must carry state.
        ModelArtifact model = trained.export(null);
        int[] test = data.sourcesOfSplit("test");
        StreamingPredictions predictions = StreamingPredictions.run(model, data, test);
        int[] truth = new int[data.steps()];
        double[] score = new double[data.steps()];
        int n = 0;
        for (int s : test) {
            for (int i = data.sourceStart(s); i < data.sourceEnd(s); i++) {
                if (data.isDecision(i)) {
                    truth[n] = data.label(Dataset.TASK_CONGESTION, i);
                    score[n++] = predictions.probability(i, 1, 1);
                }
            }
        }
        double auc = BinaryMetrics.rocAuc(truth, score, n);
        assertTrue(auc > 0.85, "congestion ROC-AUC on the test calls " + auc);
    }

    @Test
    void shouldReportEveryEpochAndTheFirstBatchToTheProgressCallback() {
        TrainingReport report = trained.report();
        assertEquals(report.epochsRun(), progress.size());
        assertEquals(report.history(), progress);
        assertEquals(1, firstBatches);
        assertEquals(6, report.trainCalls());
        assertEquals(6 * (60 - SyntheticDatasets.WARM_UP), report.trainDecisions(),
                "every decision has a congestion label");
        assertTrue(progress.get(0).stepsPerS() > 0, "throughput from the injected clock");
        assertTrue(report.firstBatchS() >= 0 && report.firstBatchS() < report.wallTimeS());
        assertTrue(Double.isFinite(progress.get(0).trainLoss()));
    }

    @Test
    void shouldLeaveAHeadUntouchedWhenAllItsLabelsAreMissing() {
        Dataset noLossLabels = relabel(data, call -> Arrays.fill(call.lossClass, Dataset.NO_LABEL));
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 2;
        settings.calibrate = false;
        TrainingResult result = Trainer.train(noLossLabels, settings, null, SyntheticDatasets.fakeClockUs());
        NetworkSettings network = new NetworkSettings();
        network.seed = settings.seed;
        network.learningRate = settings.learningRate;
        network.tbpttSteps = settings.tbpttSteps;
        ComputationGraph fresh = ClassifierNetwork.build(result.architecture(), network);
        String lossHead = ClassifierNetwork.headLayer(Dataset.TASK_LOSS_ATTRIBUTION);
        String congestionHead = ClassifierNetwork.headLayer(Dataset.TASK_CONGESTION);
        assertArrayEquals(fresh.getLayer(lossHead).params().toFloatVector(),
                result.graph().getLayer(lossHead).params().toFloatVector(), "masked head moved");
        assertFalse(Arrays.equals(fresh.getLayer(congestionHead).params().toFloatVector(),
                result.graph().getLayer(congestionHead).params().toFloatVector()), "trained head did not move");
    }

    @Test
    void shouldWeightClassesInverselyToTheirTrainingFrequency() {
        int[] train = data.sourcesOfSplit("train");
        long positives = 0;
        long labelled = 0;
        for (int s : train) {
            for (int i = data.sourceStart(s); i < data.sourceEnd(s); i++) {
                if (data.isDecision(i)) {
                    labelled++;
                    positives += data.label(Dataset.TASK_CONGESTION, i);
                }
            }
        }
        double[][] weights = Trainer.classWeights(data, train, List.of(Tasks.head(Dataset.TASK_CONGESTION)), true);
        assertEquals(labelled / (2.0 * positives), weights[0][1], 1e-12);
        assertEquals(labelled / (2.0 * (labelled - positives)), weights[0][0], 1e-12);
        assertArrayEquals(new double[] {1, 1},
                Trainer.classWeights(data, train, List.of(Tasks.head(Dataset.TASK_CONGESTION)), false)[0]);
    }

    @Test
    void shouldStopEarlyAndKeepTheBestEpochsParameters() {
        // Validation labels contradict training: the more the model learns, the worse validation gets.
        Dataset contradictory = relabelSplit(data, "validation", call -> {
            for (int i = 0; i < call.steps; i++) {
                if (call.congestion[i] >= 0) {
                    call.congestion[i] = (byte) (1 - call.congestion[i]);
                }
            }
        });
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 20;
        settings.patience = 2;
        settings.calibrate = false;
        settings.tasks = List.of(Dataset.TASK_CONGESTION);
        TrainingResult result = Trainer.train(contradictory, settings, null, SyntheticDatasets.fakeClockUs());
        TrainingReport report = result.report();
        assertTrue(report.stoppedEarly());
        assertEquals(report.bestEpoch() + settings.patience, report.epochsRun());
        assertEquals(report.history().get(report.bestEpoch() - 1).validationScore(), report.bestValidationScore());
        assertTrue(report.history().get(report.epochsRun() - 1).validationScore() > report.bestValidationScore());
        SequenceBatches batches = new SequenceBatches(contradictory, result.architecture(), result.normalisation());
        ValidationScorer scorer = new ValidationScorer(batches, result.architecture(),
                contradictory.sourcesOfSplit("validation"), "loss");
        assertEquals(report.bestValidationScore(), scorer.score(result.graph()), 1e-9,
                "the returned graph holds the best epoch's parameters");
    }

    @Test
    void shouldFitNormalisationOnTheTrainingSplitOnlyAndNameConstantInputs() {
        Dataset shifted = relabelSplit(data, "validation", call -> {
            for (int k = 0; k < call.ts.length; k++) {
                call.ts[k] += 1000f;
            }
        });
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 1;
        settings.calibrate = false;
        TrainingResult result = Trainer.train(shifted, settings, null, SyntheticDatasets.fakeClockUs());
        assertArrayEquals(trained.normalisation().tsCentre(), result.normalisation().tsCentre());
        assertArrayEquals(trained.normalisation().denseScale(), result.normalisation().denseScale());
        // The constant feature's scale is floored, not zero, and the report names it.
        assertEquals((float) settings.stdFloor, result.normalisation().tsScale()[2]);
        assertEquals(List.of("constant"), result.report().constantFeatures());
    }

    @Test
    void shouldCalibrateEachHeadOnTheValidationSplit() {
        assertEquals(2, trained.calibration().size());
        assertEquals(Dataset.TASK_LOSS_ATTRIBUTION, trained.calibration().get(0).head());
        ModelArtifact model = trained.export(null);
        assertEquals(trained.calibration(), model.calibration());
        assertTrue(trained.calibration().stream().anyMatch(c -> !c.changesNothing()),
                "a fitted calibration changes the outputs: " + trained.calibration());
    }

    @Test
    void shouldRecordProvenanceAndTrainingMetricsInTheArtifact() {
        ModelArtifact artifact = trained.export(null);
        assertEquals(data.digest(), artifact.provenance().datasetDigest());
        assertEquals(List.of(42L), artifact.provenance().seeds());
        assertEquals(6, artifact.provenance().trainerSettings().path("lstm_units").asInt());
        assertEquals(SyntheticDatasets.SCHEMA, artifact.featureSchema());
        assertEquals(data.schema().digest(), artifact.featureSchemaDigest());
        assertEquals(trained.report().bestEpoch(), artifact.metrics().path("training").path("best_epoch").asInt());
        assertEquals("1.0.0-M2.1", artifact.provenance().libraryVersions().get("deeplearning4j-nn"));
    }

    @Test
    void shouldTrainASingleHeadModelOnItsTaskOnly() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.tasks = List.of(Dataset.TASK_LOSS_ATTRIBUTION);
        settings.maxEpochs = 1;
        TrainingResult result = Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs());
        assertEquals(1, result.architecture().heads().size());
        assertEquals(3, result.architecture().heads().get(0).classCount());
        long labelled = 0;
        for (int s : data.sourcesOfSplit("train")) {
            for (int i = data.sourceStart(s); i < data.sourceEnd(s); i++) {
                labelled += data.isDecision(i) && data.label(Dataset.TASK_LOSS_ATTRIBUTION, i) >= 0 ? 1 : 0;
            }
        }
        assertEquals(labelled, result.report().trainDecisions());
        assertNotEquals(result.report().trainDecisions(), trained.report().trainDecisions());
    }

    @Test
    void shouldTrainOnAGroupedCrossValidationFold() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.validationFold = 1;
        settings.folds = 3;
        Splits splits = Splits.of(data, settings);
        assertEquals(9, splits.train().length + splits.validation().length, "every non-test call, once");
        for (int s : splits.validation()) {
            assertEquals(1, dev.weir.models.dataset.SplitRule.fold(data.source(s).group(), 3));
        }
        for (int s : splits.train()) {
            assertNotEquals("test", data.source(s).split());
        }
    }

    @Test
    void shouldGatherCalibrationInputsFromTheLabelledDecisionsOfAnUncalibratedModel() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 1;
        settings.calibrate = false;
        ModelArtifact uncalibrated = Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()).export(null);
        int[] validation = data.sourcesOfSplit("validation");
        CalibrationInputs inputs = new CalibrationInputs(uncalibrated.architecture().heads())
                .add(uncalibrated, data, validation);
        long lossLabelled = 0;
        long congestionLabelled = 0;
        long gated = 0;
        for (int s : validation) {
            for (int i = data.sourceStart(s); i < data.sourceEnd(s); i++) {
                lossLabelled += data.isDecision(i) && data.label(Dataset.TASK_LOSS_ATTRIBUTION, i) >= 0 ? 1 : 0;
                congestionLabelled += data.isDecision(i) && data.label(Dataset.TASK_CONGESTION, i) >= 0 ? 1 : 0;
                gated += data.isDecision(i) && data.gate(i) ? 1 : 0;
            }
        }
        assertEquals(lossLabelled, inputs.count(0));
        assertEquals(congestionLabelled, inputs.count(1), "gated or not: the calibration fits every labelled decision");
        long gatedInputs = 0;
        for (int k = 0; k < inputs.count(1); k++) {
            gatedInputs += inputs.gated(1, k) ? 1 : 0;
        }
        assertEquals(gated, gatedInputs);
        CalibrationInputs twice = new CalibrationInputs(inputs.heads()).addAll(inputs).addAll(inputs);
        assertEquals(2 * inputs.count(1), twice.count(1));
        assertEquals(inputs.logProbability(1, 3, 1), twice.logProbability(1, inputs.count(1) + 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationInputs(inputs.heads())
                .add(trained.export(null), data, validation), "a calibrated model's outputs are no calibration input");
    }

    @Test
    void shouldFitPooledCalibrationOnEveryFoldsOutOfFoldPredictions() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 2;
        settings.folds = 3;
        settings.calibration = TrainerSettings.CALIBRATION_POOLED_FOLDS;
        List<String> visited = new ArrayList<>();
        TrainingProgress recorder = new TrainingProgress() {
            @Override
            public void onEpoch(EpochProgress epoch) {
            }

            @Override
            public void onCalibrationFold(int fold, int folds, boolean reused) {
                visited.add(fold + (reused ? " reused" : ""));
            }
        };
        TrainingResult pooled = Trainer.train(data, settings, recorder, SyntheticDatasets.fakeClockUs());
        assertEquals(List.of("0", "1", "2"), visited, "the dataset's own split is none of the folds: three models");

        CalibrationInputs byHand = new CalibrationInputs(pooled.architecture().heads());
        for (int fold = 0; fold < 3; fold++) {
            ModelArtifact model = Trainer.trainFold(data, settings, fold, null, SyntheticDatasets.fakeClockUs())
                    .export(null);
            assertEquals(fold, model.provenance().trainerSettings().path("validation_fold").asInt());
            Trainer.addOutOfFold(byHand, model, data, settings, fold);
        }
        assertEquals(9, byHand.count(1) / (60 - SyntheticDatasets.WARM_UP), "every non-test call once");
        assertEquals(byHand.fit(), pooled.calibration());
        TrainerSettings validation = SyntheticDatasets.fastSettings();
        validation.maxEpochs = 2;
        validation.folds = 3;
        TrainingResult single = Trainer.train(data, validation, null, SyntheticDatasets.fakeClockUs());
        assertArrayEquals(single.graph().params().toFloatVector(), pooled.graph().params().toFloatVector(),
                "pooling changes the calibration only");
        assertNotEquals(single.calibration(), pooled.calibration());
        assertArrayEquals(pooled.export(null).toBytes(),
                Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()).export(null).toBytes(),
                "same data, settings and seed: same bytes");
    }

    @Test
    void shouldReuseTheRunsOwnModelForTheFoldWhoseSplitsItHas() {
        Dataset foldOneValidates = data.resplit(source -> source.split().equals("test") ? "test"
                : dev.weir.models.dataset.SplitRule.fold(source.group(), 3) == 1 ? "validation" : "train");
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 2;
        settings.folds = 3;
        settings.calibration = TrainerSettings.CALIBRATION_POOLED_FOLDS;
        List<String> visited = new ArrayList<>();
        TrainingResult pooled = Trainer.train(foldOneValidates, settings, new TrainingProgress() {
            @Override
            public void onEpoch(EpochProgress epoch) {
            }

            @Override
            public void onCalibrationFold(int fold, int folds, boolean reused) {
                visited.add(fold + (reused ? " reused" : ""));
            }
        }, SyntheticDatasets.fakeClockUs());
        assertEquals(List.of("0", "1 reused", "2"), visited);
        CalibrationInputs byHand = new CalibrationInputs(pooled.architecture().heads());
        for (int fold = 0; fold < 3; fold++) {
            Trainer.addOutOfFold(byHand, Trainer.trainFold(foldOneValidates, settings, fold, null,
                    SyntheticDatasets.fakeClockUs()).export(null), foldOneValidates, settings, fold);
        }
        assertEquals(byHand.fit(), pooled.calibration(), "the reused model is the one the fold would train");
    }

    @Test
    void shouldLeaveTheUncalibratedTasksHeadsAtTheIdentityAndCalibrateTheOthers() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.uncalibratedTasks = List.of("congestion");
        ModelArtifact model = Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()).export(null);
        assertTrue(model.calibration().get(1).changesNothing(), model.calibration().toString());
        assertEquals(trained.export(null).calibration().get(0), model.calibration().get(0),
                "the other head's calibration is the one it gets without the setting");
        assertFalse(model.calibration().get(0).changesNothing());
    }

    @Test
    void shouldRejectInvalidSettingsListingEveryProblem() {
        TrainerSettings settings = new TrainerSettings();
        settings.batchCalls = 0;
        settings.validationMetric = "f1";
        settings.tasks = List.of("loss_attribution", "loss_attribution");
        settings.calibration = "test";
        settings.uncalibratedTasks = List.of("fec");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()));
        assertTrue(e.getMessage().contains("batch_calls") && e.getMessage().contains("validation_metric")
                && e.getMessage().contains("tasks") && e.getMessage().contains("calibration")
                && e.getMessage().contains("uncalibrated_tasks"), e.getMessage());
    }

    /** {@code d} with every call's steps passed through {@code edit}. */
    static Dataset relabel(Dataset d, Consumer<CallSteps> edit) {
        return relabelSplit(d, null, edit);
    }

    /** {@code d} with the calls of {@code split} (null: all) passed through {@code edit}. */
    static Dataset relabelSplit(Dataset d, String split, Consumer<CallSteps> edit) {
        Dataset.Builder b = Dataset.builder(d.schema(), d.baselineNames()).settings(d.settings());
        for (int s = 0; s < d.sources().size(); s++) {
            CallSteps call = d.call(s);
            if (split == null || d.source(s).split().equals(split)) {
                edit.accept(call);
            }
            b.addCall(d.source(s), call);
        }
        return b.build();
    }
}
