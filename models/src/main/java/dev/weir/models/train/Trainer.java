package dev.weir.models.train;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.Calibration;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.net.ClassifierNetwork;
import dev.weir.models.net.NetworkSettings;
import dev.weir.sim.runner.StartupTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Trains the streaming classifier of {@link ClassifierNetwork} on a {@link Dataset}'s calls:
 * normalisation fitted on the training split ({@link NormalisationFit}), minibatches of whole calls
 * in a seeded shuffle, truncated backpropagation through time with the state carried over each
 * call, per-head label masks (only labelled decision steps add to a head's loss), optional class
 * weights, early stopping on the validation split that keeps the best epoch's parameters (Prechelt
 * 1998, "Early Stopping - But When?"), then each head's {@link CalibrationFit} on the validation
 * decisions as the shipped classifier computes them, or on every grouped fold's out-of-fold
 * decisions pooled ({@link TrainerSettings#calibration}, {@link CalibrationInputs}). Heads of
 * {@link TrainerSettings#frozenTrunkTasks} are then trained the same way on the trained trunk,
 * frozen ({@link FrozenTrunkHeads}), so they leave the other heads as they were. The same data, settings and seed give
 * bit-identical parameters (DL4J is deterministic on CPU with fixed seeds; docs/DEVELOPMENT.md).
 *
 * <p>Start-up is lazy where the first minibatch does not need the work: the validation scorer's
 * batches are built when the first epoch ends, calibration after training.
 *
 * <p>Stateless and thread-safe; each call builds its own graph. The clock is injected (only wall
 * time and throughput use it), so results never depend on it.
 */
public final class Trainer {
    /** Minibatches whose calls are sorted by length together (see {@link #bucketByLength}). */
    private static final int BUCKET_BATCHES = 4;

    private Trainer() {
    }

    /**
     * Trains a model.
     *
     * @param dataset  data with train and validation calls
     * @param settings validated here (every broken field is reported at once)
     * @param progress called after every epoch and before the first minibatch (null: none)
     * @param clockUs  monotonic clock in microseconds for wall time and steps/s only
     * @throws dev.weir.bwe.config.InvalidSettingsException when settings are invalid
     * @throws IllegalArgumentException when a split has no labelled decision
     */
    public static TrainingResult train(Dataset dataset, TrainerSettings settings, TrainingProgress progress,
            LongSupplier clockUs) {
        TrainerSettings s = SettingsJson.copy(settings, TrainerSettings.class);
        ConfigCheck check = ConfigCheck.of("trainer");
        s.validate(check);
        check.throwIfInvalid();
        TrainingProgress listener = progress == null ? TrainingProgress.NONE : progress;
        long startUs = clockUs.getAsLong();

        List<HeadSpec> heads = new ArrayList<>();
        for (String task : s.tasks) {
            heads.add(Tasks.head(task));
        }
        Splits splits = Splits.of(dataset, s);
        long trainDecisions = requireLabelled(dataset, splits.train(), s.tasks, "train");
        requireLabelled(dataset, splits.validation(), s.tasks, "validation");
        ModelArchitecture arch = new ModelArchitecture(ModelArchitecture.STREAMING_STEPS, dataset.tsFeatures(),
                s.lstmUnits, dataset.denseInputs(), s.denseUnits, s.mergeUnits, heads);
        NormalisationFit.Fit fit = NormalisationFit.fit(dataset, splits.train(), s.stdFloor);
        double[][] classWeights = classWeights(dataset, splits.train(), heads, s.classWeighting);

        NetworkSettings network = network(s, s.learningRate);
        ComputationGraph graph = buildGraph(arch, network, classWeights);
        SequenceBatches batches = new SequenceBatches(dataset, arch, fit.normalisation(), s.congestionOnGatedOnly);
        Fitted fitted = fit(graph, arch, batches, dataset, splits, s, listener, clockUs);
        List<EpochProgress> history = new ArrayList<>(fitted.history());
        if (!s.frozenTrunkTasks.isEmpty()) {
            List<HeadSpec> extra = new ArrayList<>();
            s.frozenTrunkTasks.forEach(task -> extra.add(Tasks.head(task)));
            try {
                requireLabelled(dataset, splits.train(), s.frozenTrunkTasks, "train");
                requireLabelled(dataset, splits.validation(), s.frozenTrunkTasks, "validation");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ": frozen_trunk_tasks needs their labels"
                        + " (datasets before format 4 have no FEC labels: regenerate, or set frozen_trunk_tasks"
                        + " to [])", e);
            }
            ModelArchitecture headArch = FrozenTrunkHeads.withHeads(arch, extra);
            ComputationGraph headGraph = FrozenTrunkHeads.headGraph(graph, headArch,
                    network(s, s.frozenTrunkLearningRate));
            Fitted headsFitted = fit(headGraph, headArch, new SequenceBatches(dataset, headArch, fit.normalisation(),
                    s.congestionOnGatedOnly), dataset, splits, s, listener::onEpoch, clockUs); // time to first batch: the run's
            history.addAll(headsFitted.history());
            List<HeadSpec> all = new ArrayList<>(heads);
            all.addAll(extra);
            ModelArchitecture full = FrozenTrunkHeads.withHeads(arch, all);
            graph = FrozenTrunkHeads.merge(graph, headGraph, arch, full, network);
            arch = full;
            heads = all;
            classWeights = Arrays.copyOf(classWeights, all.size());
            for (int h = classWeights.length - extra.size(); h < classWeights.length; h++) {
                classWeights[h] = new double[all.get(h).classCount()];
                Arrays.fill(classWeights[h], 1.0);
            }
        }
        String omp = System.getenv("OMP_NUM_THREADS");
        TrainingReport report = new TrainingReport(fitted.epochs(), fitted.bestEpoch(), fitted.bestScore(),
                s.validationMetric, fitted.epochs() < s.maxEpochs, splits.train().length, trainDecisions,
                fitted.validationCalls(), perSecond(fitted.trainSteps() * fitted.epochs(), fitted.trainingUs()),
                Math.max(0, clockUs.getAsLong() - startUs) / 1e6, Math.max(0, fitted.firstBatchUs() - startUs) / 1e6,
                omp == null ? "unset" : omp, fit.constantFeatures(), history);
        TrainingResult result = new TrainingResult(graph, arch, fit.normalisation(), dataset.schema(), s,
                dataset.digest(), classWeights, report, null);
        if (!s.calibrate) {
            return result;
        }
        ModelArtifact uncalibrated = result.export(null);
        CalibrationInputs inputs = new CalibrationInputs(heads);
        if (s.calibration.equals(TrainerSettings.CALIBRATION_VALIDATION)) {
            inputs.add(uncalibrated, dataset, splits.validation());
        } else {
            for (int fold = 0; fold < s.folds; fold++) {
                Splits foldSplits = Splits.of(dataset, foldSettings(s, fold));
                if (labelled(dataset, foldSplits.validation(), s.tasks) == 0) {
                    continue; // nothing to predict (a dry run's few calls)
                }
                boolean reused = Arrays.equals(foldSplits.train(), splits.train())
                        && Arrays.equals(foldSplits.validation(), splits.validation());
                listener.onCalibrationFold(fold, s.folds, reused);
                ModelArtifact model = reused ? uncalibrated
                        : trainFold(dataset, s, fold, listener::onEpoch, clockUs).export(null);
                addOutOfFold(inputs, model, dataset, s, fold);
            }
        }
        List<Calibration> calibrations = new ArrayList<>(inputs.fit());
        for (int h = 0; h < heads.size(); h++) {
            if (s.uncalibratedTasks.contains(heads.get(h).name())) {
                calibrations.set(h, Calibration.identity(heads.get(h)));
            }
        }
        return result.withCalibration(calibrations);
    }

    /** The graph settings of a run of {@code s} whose updates use {@code learningRate}. */
    private static NetworkSettings network(TrainerSettings s, double learningRate) {
        NetworkSettings network = new NetworkSettings();
        network.seed = s.seed;
        network.learningRate = learningRate;
        network.tbpttSteps = s.tbpttSteps;
        return network;
    }

    /** What one early-stopped fit did: epochs run, the best one (whose parameters the graph holds), timings. */
    private record Fitted(int epochs, int bestEpoch, double bestScore, long trainingUs, long firstBatchUs,
            long trainSteps, int validationCalls, List<EpochProgress> history) {
    }

    /**
     * Fits {@code graph} (of {@code arch}) on the training calls in a seeded shuffle, scores every
     * epoch on the validation calls, stops after {@code patience} epochs without improvement and
     * leaves the best epoch's parameters in the graph.
     */
    private static Fitted fit(ComputationGraph graph, ModelArchitecture arch, SequenceBatches batches,
            Dataset dataset, Splits splits, TrainerSettings s, TrainingProgress listener, LongSupplier clockUs) {
        ValidationScorer scorer = null;
        SplittableRandom shuffle = new SplittableRandom(s.seed);
        int[] order = splits.train().clone();
        long trainSteps = 0;
        for (int call : order) {
            trainSteps += dataset.sourceEnd(call) - dataset.sourceStart(call);
        }
        List<EpochProgress> history = new ArrayList<>();
        INDArray bestParams = null;
        double bestScore = Double.NaN;
        int bestEpoch = 0;
        int sinceBest = 0;
        long trainingUs = 0;
        long firstBatchUs = -1;
        int epoch = 0;
        while (epoch < s.maxEpochs && (bestEpoch == 0 || sinceBest < s.patience)) {
            epoch++;
            shuffle(order, shuffle);
            bucketByLength(order, dataset, s.batchCalls * BUCKET_BATCHES);
            long epochStartUs = clockUs.getAsLong();
            double scoreSum = 0;
            int batchCount = 0;
            for (int from = 0; from < order.length; from += s.batchCalls) {
                int to = Math.min(order.length, from + s.batchCalls);
                var batch = batches.batch(order, from, to);
                if (firstBatchUs < 0) {
                    firstBatchUs = clockUs.getAsLong();
                    listener.onFirstBatch();
                }
                graph.fit(batch);
                StartupTrace.mark(StartupTrace.FIRST_BATCH);
                graph.rnnClearPreviousState();
                scoreSum += graph.score();
                batchCount++;
            }
            long epochUs = Math.max(0, clockUs.getAsLong() - epochStartUs);
            trainingUs += epochUs;
            if (scorer == null) {
                scorer = new ValidationScorer(batches, arch, splits.validation(), s.validationMetric);
            }
            double score = scorer.score(graph);
            boolean improved = bestEpoch == 0 || (s.higherIsBetter()
                    ? score > bestScore + s.minImprovement
                    : score < bestScore - s.minImprovement);
            if (improved) {
                bestScore = score;
                bestEpoch = epoch;
                bestParams = graph.params().dup();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            EpochProgress done = new EpochProgress(epoch, s.maxEpochs, scoreSum / Math.max(1, batchCount), score,
                    bestEpoch, improved, perSecond(trainSteps, epochUs));
            history.add(done);
            listener.onEpoch(done);
        }
        graph.setParams(bestParams);
        return new Fitted(epoch, bestEpoch, bestScore, trainingUs, firstBatchUs, trainSteps, scorer.callCount(),
                history);
    }

    /**
     * The uncalibrated model of grouped fold {@code fold}: trained with {@code settings} (seed
     * included) on every other non-test call, the fold's calls as validation; the model
     * {@code pooled_folds} calibration pools the predictions of ({@link TrainerSettings#calibration}).
     *
     * @throws IllegalArgumentException when a split of the fold has no labelled decision
     */
    public static TrainingResult trainFold(Dataset dataset, TrainerSettings settings, int fold,
            TrainingProgress progress, LongSupplier clockUs) {
        return train(dataset, foldSettings(settings, fold), progress, clockUs);
    }

    /**
     * Adds to {@code inputs} the out-of-fold decisions of grouped fold {@code fold} (its
     * validation calls under {@code settings}' folds) as {@code foldModel}, the fold's uncalibrated
     * model ({@link #trainFold}), predicts them.
     */
    public static CalibrationInputs addOutOfFold(CalibrationInputs inputs, ModelArtifact foldModel, Dataset dataset,
            TrainerSettings settings, int fold) {
        return inputs.add(foldModel, dataset, Splits.of(dataset, foldSettings(settings, fold)).validation());
    }

    /** {@code settings} with grouped fold {@code fold} as validation, uncalibrated. */
    private static TrainerSettings foldSettings(TrainerSettings settings, int fold) {
        TrainerSettings s = SettingsJson.copy(settings, TrainerSettings.class);
        s.validationFold = fold;
        s.calibrate = false;
        s.calibration = TrainerSettings.CALIBRATION_VALIDATION;
        return s;
    }

    /**
     * {@link ClassifierNetwork}'s graph with each head's cross-entropy weighted per class. The loss
     * function holds no parameters, so initial parameters equal {@link ClassifierNetwork#build}'s.
     */
    static ComputationGraph buildGraph(ModelArchitecture arch, NetworkSettings network, double[][] classWeights) {
        ComputationGraphConfiguration conf = ClassifierNetwork.configuration(arch, network);
        for (int h = 0; h < classWeights.length; h++) {
            String layer = ClassifierNetwork.headLayer(arch.heads().get(h).name());
            float[] weights = new float[classWeights[h].length];
            for (int c = 0; c < weights.length; c++) {
                weights[c] = (float) classWeights[h][c];
            }
            LayerVertex vertex = (LayerVertex) conf.getVertices().get(layer);
            ((BaseOutputLayer) vertex.getLayerConf().getLayer())
                    .setLossFn(new LossMCXENT(Nd4j.create(weights, new long[] {1, weights.length})));
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Labelled decision steps of {@code calls} for any of {@code tasks}; none is an error. */
    static long requireLabelled(Dataset dataset, int[] calls, List<String> tasks, String split) {
        long labelled = labelled(dataset, calls, tasks);
        if (labelled == 0) {
            throw new IllegalArgumentException("the " + split + " split has no decision labelled for " + tasks
                    + " (" + calls.length + " calls)");
        }
        return labelled;
    }

    /** Decision steps of {@code calls} labelled for any of {@code tasks}. */
    private static long labelled(Dataset dataset, int[] calls, List<String> tasks) {
        long labelled = 0;
        for (int s : calls) {
            for (int i = dataset.sourceStart(s); i < dataset.sourceEnd(s); i++) {
                if (!dataset.isDecision(i)) {
                    continue;
                }
                for (String task : tasks) {
                    if (dataset.label(task, i) >= 0) {
                        labelled++;
                        break;
                    }
                }
            }
        }
        return labelled;
    }

    /**
     * Per head and class, the loss weight of a labelled decision: balanced weights
     * {@code labelled / (classes x count(class))} (King and Zeng 2001; scikit-learn's "balanced"),
     * or 1 without class weighting or for a class absent from training.
     */
    static double[][] classWeights(Dataset dataset, int[] train, List<HeadSpec> heads, boolean balanced) {
        double[][] weights = new double[heads.size()][];
        for (int h = 0; h < heads.size(); h++) {
            int classes = heads.get(h).classCount();
            long[] counts = new long[classes];
            long labelled = 0;
            for (int s : train) {
                for (int i = dataset.sourceStart(s); i < dataset.sourceEnd(s); i++) {
                    int label = dataset.isDecision(i) ? dataset.label(heads.get(h).name(), i) : -1;
                    if (label >= 0) {
                        counts[label]++;
                        labelled++;
                    }
                }
            }
            weights[h] = new double[classes];
            for (int c = 0; c < classes; c++) {
                weights[h][c] = balanced && counts[c] > 0 ? (double) labelled / (classes * (double) counts[c]) : 1.0;
            }
        }
        return weights;
    }

    /**
     * Within each run of {@code span} calls of the shuffled order, sorts the calls by length, so a
     * minibatch pads its calls to similar lengths (calls are 3-5 minutes: up to 40 % padding
     * otherwise) while the order still changes every epoch.
     */
    private static void bucketByLength(int[] order, Dataset dataset, int span) {
        for (int from = 0; from < order.length; from += span) {
            int to = Math.min(order.length, from + span);
            Integer[] chunk = new Integer[to - from];
            for (int i = from; i < to; i++) {
                chunk[i - from] = order[i];
            }
            java.util.Arrays.sort(chunk, (a, b) -> Integer.compare(dataset.sourceEnd(a) - dataset.sourceStart(a),
                    dataset.sourceEnd(b) - dataset.sourceStart(b)));
            for (int i = from; i < to; i++) {
                order[i] = chunk[i - from];
            }
        }
    }

    /** Fisher-Yates shuffle (Durstenfeld's in-place form) driven by the seeded generator. */
    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static double perSecond(long count, long elapsedUs) {
        return elapsedUs <= 0 ? 0.0 : count * 1e6 / elapsedUs;
    }
}
