package dev.weir.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.net.ClassifierNetwork;
import dev.weir.models.net.NetworkSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TrainerTest {
    private static Dataset data;
    private static TrainingResult trained;
    private static List<EpochProgress> progress;

    @BeforeAll
    static void trainOnce() {
        data = SyntheticDatasets.learnable(11, 40);
        progress = new ArrayList<>();
        trained = Trainer.train(data, SyntheticDatasets.fastSettings(), progress::add,
                SyntheticDatasets.fakeClockUs());
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
    void shouldReportEveryEpochToTheProgressCallback() {
        TrainingReport report = trained.report();
        assertEquals(report.epochsRun(), progress.size());
        assertEquals(report.history(), progress);
        assertEquals(4 * 40, report.trainSamples(), "every training sample has a congestion label");
        assertTrue(progress.get(0).samplesPerS() > 0, "throughput from the injected clock");
        assertTrue(Double.isFinite(progress.get(0).trainLoss()));
    }

    @Test
    void shouldLeaveAHeadUntouchedWhenAllItsLabelsAreMissing() {
        Dataset noLossLabels = SyntheticDatasets.relabel(data,
                (task, i, label) -> task.equals(Dataset.TASK_LOSS_TYPE) ? Dataset.NO_LABEL : label);
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 2;
        TrainingResult result = Trainer.train(noLossLabels, settings, null, SyntheticDatasets.fakeClockUs());
        NetworkSettings network = new NetworkSettings();
        network.seed = settings.seed;
        network.learningRate = settings.learningRate;
        ComputationGraph fresh = ClassifierNetwork.build(result.architecture(), network);
        String lossHead = ClassifierNetwork.headLayer(Dataset.TASK_LOSS_TYPE);
        String congestionHead = ClassifierNetwork.headLayer(Dataset.TASK_CONGESTION);
        assertArrayEquals(fresh.getLayer(lossHead).params().toFloatVector(),
                result.graph().getLayer(lossHead).params().toFloatVector(), "masked head moved");
        assertFalse(Arrays.equals(fresh.getLayer(congestionHead).params().toFloatVector(),
                result.graph().getLayer(congestionHead).params().toFloatVector()), "trained head did not move");
    }

    @Test
    void shouldExcludeMaskedSamplesFromEachHeadsLoss() {
        ComputationGraph graph = trained.graph();
        int n = 32;
        INDArray[] features = randomFeatures(n, 5);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2);
        float[] everyOther = new float[n];
        for (int k = 0; k < n; k++) {
            labels.putScalar(k, k % 2, 1f);
            everyOther[k] = k % 3 == 0 ? 1f : 0f;
        }
        INDArray ones = Nd4j.ones(DataType.FLOAT, n, 1);
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, n, 1);
        INDArray some = Nd4j.create(everyOther, new long[] {n, 1});
        double both = score(graph, features, labels, ones, ones);
        double lossOnly = score(graph, features, labels, ones, zeros);
        double congestionOnly = score(graph, features, labels, zeros, ones);
        assertEquals(both, lossOnly + congestionOnly, 1e-5 * both);
        assertTrue(lossOnly > 0.05 && congestionOnly > 0.05);
        assertEquals(0.0, score(graph, features, labels, zeros, zeros), 1e-9);

        // Masking samples equals dropping them (DL4J averages over the whole minibatch).
        int[] kept = java.util.stream.IntStream.range(0, n).filter(k -> k % 3 == 0).toArray();
        INDArray[] keptFeatures = {Nd4j.concat(0, java.util.Arrays.stream(kept)
                .mapToObj(k -> features[0].get(NDArrayIndex.interval(k, k + 1), NDArrayIndex.all(), NDArrayIndex.all()))
                .toArray(INDArray[]::new)), features[1].getRows(kept)};
        double keptScore = score(graph, keptFeatures, labels.getRows(kept), Nd4j.ones(DataType.FLOAT, kept.length, 1),
                Nd4j.zeros(DataType.FLOAT, kept.length, 1));
        assertEquals(keptScore * kept.length / n, score(graph, features, labels, some, zeros), 1e-5 * keptScore);
    }

    private static INDArray[] randomFeatures(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] ts = new float[n * 3 * SyntheticDatasets.STEPS];
        float[] dense = new float[n * 2];
        for (int k = 0; k < ts.length; k++) {
            ts[k] = (float) random.nextGaussian();
        }
        for (int k = 0; k < dense.length; k++) {
            dense[k] = (float) random.nextGaussian();
        }
        return new INDArray[] {Nd4j.create(ts, new long[] {n, 3, SyntheticDatasets.STEPS}),
            Nd4j.create(dense, new long[] {n, 2})};
    }

    private static double score(ComputationGraph graph, INDArray[] features, INDArray labels, INDArray lossMask,
            INDArray congestionMask) {
        MultiDataSet mds = new MultiDataSet(features, new INDArray[] {labels, labels}, null,
                new INDArray[] {lossMask, congestionMask});
        return graph.score(mds, false);
    }

    @Test
    void shouldWeightClassesInverselyToTheirTrainingFrequency() {
        int[] train = Trainer.labelledSamples(data, "train", List.of(Dataset.TASK_CONGESTION));
        long positives = java.util.Arrays.stream(train).filter(i -> data.label(Dataset.TASK_CONGESTION, i) == 1).count();
        double[][] weights = Trainer.classWeights(data, train, List.of(Tasks.head(Dataset.TASK_CONGESTION)), true);
        assertEquals(train.length / (2.0 * positives), weights[0][1], 1e-12);
        assertEquals(train.length / (2.0 * (train.length - positives)), weights[0][0], 1e-12);
        assertArrayEquals(new double[] {1, 1},
                Trainer.classWeights(data, train, List.of(Tasks.head(Dataset.TASK_CONGESTION)), false)[0]);
    }

    @Test
    void shouldStopEarlyAndKeepTheBestEpochsParameters() {
        // Validation labels contradict training: the more the model learns, the worse validation gets.
        Dataset contradictory = SyntheticDatasets.relabel(data, (task, i, label) -> {
            boolean validation = data.source(i).split().equals("validation");
            return validation && label >= 0 ? 1 - label : label;
        });
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 20;
        settings.patience = 2;
        TrainingResult result = Trainer.train(contradictory, settings, null, SyntheticDatasets.fakeClockUs());
        TrainingReport report = result.report();
        assertTrue(report.stoppedEarly());
        assertEquals(report.bestEpoch() + settings.patience, report.epochsRun());
        assertEquals(report.history().get(report.bestEpoch() - 1).validationScore(), report.bestValidationScore());
        assertTrue(report.history().get(report.epochsRun() - 1).validationScore() > report.bestValidationScore());

        double[][] weights = Trainer.classWeights(contradictory, Trainer.labelledSamples(contradictory, "train",
                settings.tasks), result.architecture().heads(), settings.classWeighting);
        BatchAssembler assembler = new BatchAssembler(contradictory, result.architecture(), result.normalisation());
        ValidationScorer scorer = new ValidationScorer(contradictory, result.architecture(), assembler,
                Trainer.labelledSamples(contradictory, "validation", settings.tasks), weights, "loss");
        assertEquals(report.bestValidationScore(), scorer.score(result.graph()), 0.0,
                "the returned graph holds the best epoch's parameters");
    }

    @Test
    void shouldFitNormalisationOnTheTrainingSplitOnly() {
        // Shift every non-training window: the fitted means must not move.
        Dataset shifted = shiftOutsideTraining(data, 1000f);
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 1;
        TrainingResult result = Trainer.train(shifted, settings, null, SyntheticDatasets.fakeClockUs());
        assertArrayEquals(trained.normalisation().tsMean(), result.normalisation().tsMean());
        assertArrayEquals(trained.normalisation().denseStd(), result.normalisation().denseStd());
        // The constant feature's deviation is floored, not zero.
        assertEquals((float) settings.stdFloor, result.normalisation().tsStd()[2]);
    }

    private static Dataset shiftOutsideTraining(Dataset d, float shift) {
        Dataset.Builder b = Dataset.builder(d.schema(), d.baselineNames()).settings(d.settings());
        d.sources().forEach(b::addSource);
        float[] window = new float[d.tsSteps() * d.tsFeatures()];
        float[] dense = new float[d.denseFeatures()];
        byte[] verdicts = new byte[d.baselineNames().size()];
        for (int i = 0; i < d.size(); i++) {
            d.tsWindow(i, window);
            d.denseFeatures(i, dense);
            if (!d.source(i).split().equals("train")) {
                for (int k = 0; k < window.length; k++) {
                    window[k] += shift;
                }
                dense[0] += shift;
            }
            for (int v = 0; v < verdicts.length; v++) {
                verdicts[v] = (byte) d.baselineVerdict(v, i);
            }
            b.add(d.sourceIndex(i), d.timeMs(i), window, dense, d.label(Dataset.TASK_LOSS_TYPE, i),
                    d.label(Dataset.TASK_CONGESTION, i), d.label(Dataset.TASK_CONGESTION_RULE, i), d.leadTimeS(i),
                    verdicts);
        }
        return b.build();
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
        settings.tasks = List.of(Dataset.TASK_LOSS_TYPE);
        settings.maxEpochs = 1;
        TrainingResult result = Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs());
        assertEquals(1, result.architecture().heads().size());
        // 3 of every 4 samples carry a loss-type label: 4 train sources x 40 x 3/4.
        assertEquals(120, result.report().trainSamples());
    }

    @Test
    void shouldRejectInvalidSettingsListingEveryProblem() {
        TrainerSettings settings = new TrainerSettings();
        settings.batchSize = 0;
        settings.validationMetric = "auc";
        settings.tasks = List.of("loss_type", "loss_type");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()));
        assertTrue(e.getMessage().contains("batch_size") && e.getMessage().contains("validation_metric")
                && e.getMessage().contains("tasks"), e.getMessage());
    }
}
