package dev.weir.models.train;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.Normalisation;
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
 * Trains the classifier of {@link ClassifierNetwork} on a {@link Dataset}: normalisation fitted on
 * the training split, minibatch Adam over a seeded shuffle, per-head label masks (unlabelled
 * samples add nothing to a head's loss), optional class weights in each head's cross-entropy
 * ({@code LossMCXENT} weights set on the configuration {@link ClassifierNetwork} builds), early stopping on
 * the validation split that keeps the best epoch's parameters. The same data, settings and seed
 * give bit-identical parameters (DL4J is deterministic on CPU with fixed seeds; dl4j-notes).
 *
 * <p>Training samples are the training split's samples labelled for at least one trained task, so
 * a single-task model trains on exactly its task's samples. Source of the recipe: the ML-steered
 * BWE design (docs/ml.md); early stopping as in Prechelt 1998, "Early
 * Stopping - But When?".
 *
 * <p>Stateless and thread-safe; each call builds its own graph. The clock is injected (only wall
 * time and throughput use it), so results never depend on it.
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * Trains a model.
     *
     * @param dataset  data with train and validation splits
     * @param settings validated here (every broken field is reported at once)
     * @param progress called after every epoch (null: none)
     * @param clockUs  monotonic clock in microseconds for wall time and samples/s only
     *                 (the CLI passes {@code () -> System.nanoTime() / 1000})
     * @throws dev.weir.bwe.config.InvalidSettingsException when settings are invalid
     * @throws IllegalArgumentException when a split has no labelled sample
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
        s.tasks.forEach(task -> heads.add(Tasks.head(task)));
        int[] train = labelledSamples(dataset, "train", s.tasks);
        int[] validation = labelledSamples(dataset, "validation", s.tasks);
        ModelArchitecture arch = new ModelArchitecture(dataset.tsSteps(), dataset.tsFeatures(), s.lstmUnits,
                dataset.denseFeatures(), s.denseUnits, s.mergeUnits, heads);
        Normalisation normalisation = NormalisationFit.fit(dataset, train, s.stdFloor);
        double[][] classWeights = classWeights(dataset, train, heads, s.classWeighting);

        NetworkSettings network = new NetworkSettings();
        network.seed = s.seed;
        network.learningRate = s.learningRate;
        ComputationGraph graph = buildGraph(arch, network, classWeights);
        BatchAssembler assembler = new BatchAssembler(dataset, arch, normalisation);
        ValidationScorer scorer = new ValidationScorer(dataset, arch, assembler, validation, classWeights,
                s.validationMetric);

        SplittableRandom shuffle = new SplittableRandom(s.seed);
        int[] order = train.clone();
        List<EpochProgress> history = new ArrayList<>();
        INDArray bestParams = graph.params().dup();
        double bestScore = Double.NaN;
        int bestEpoch = 0;
        int sinceBest = 0;
        long trainingUs = 0;
        int epoch = 0;
        while (epoch < s.maxEpochs && (bestEpoch == 0 || sinceBest < s.patience)) {
            epoch++;
            shuffle(order, shuffle);
            long epochStartUs = clockUs.getAsLong();
            double lossSum = 0;
            for (int from = 0; from < order.length; from += s.batchSize) {
                int to = Math.min(order.length, from + s.batchSize);
                graph.fit(assembler.batch(order, from, to));
                StartupTrace.mark(StartupTrace.FIRST_BATCH);
                lossSum += graph.score() * (to - from);
            }
            long epochUs = Math.max(0, clockUs.getAsLong() - epochStartUs);
            trainingUs += epochUs;
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
            EpochProgress done = new EpochProgress(epoch, s.maxEpochs, lossSum / order.length, score, bestEpoch,
                    improved, perSecond(order.length, epochUs));
            history.add(done);
            listener.onEpoch(done);
        }
        graph.setParams(bestParams);
        String omp = System.getenv("OMP_NUM_THREADS");
        TrainingReport report = new TrainingReport(epoch, bestEpoch, bestScore, s.validationMetric,
                epoch < s.maxEpochs, train.length, scorer.sampleCount(),
                perSecond((long) order.length * epoch, trainingUs),
                Math.max(0, clockUs.getAsLong() - startUs) / 1e6, omp == null ? "unset" : omp, history);
        return new TrainingResult(graph, arch, normalisation, dataset.schema(), s, dataset.digest(), classWeights,
                report);
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

    /** Samples of {@code split} labelled for at least one of {@code tasks}, in dataset order. */
    static int[] labelledSamples(Dataset dataset, String split, List<String> tasks) {
        int[] all = dataset.indicesOfSplit(split);
        int[] out = new int[all.length];
        int n = 0;
        for (int i : all) {
            for (String task : tasks) {
                if (dataset.label(task, i) >= 0) {
                    out[n++] = i;
                    break;
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the " + split + " split has no sample labelled for " + tasks
                    + " (" + all.length + " samples in the split)");
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Per head and class, the loss weight of a labelled sample: balanced weights
     * {@code labelled / (classes x count(class))} (King and Zeng 2001; scikit-learn's "balanced"),
     * or 1 without class weighting or for a class absent from training.
     */
    static double[][] classWeights(Dataset dataset, int[] train, List<HeadSpec> heads, boolean balanced) {
        double[][] weights = new double[heads.size()][];
        for (int h = 0; h < heads.size(); h++) {
            int classes = heads.get(h).classCount();
            long[] counts = new long[classes];
            long labelled = 0;
            for (int i : train) {
                int label = dataset.label(heads.get(h).name(), i);
                if (label >= 0) {
                    counts[label]++;
                    labelled++;
                }
            }
            weights[h] = new double[classes];
            for (int c = 0; c < classes; c++) {
                weights[h][c] = balanced && counts[c] > 0 ? (double) labelled / (classes * (double) counts[c]) : 1.0;
            }
        }
        return weights;
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

    private static double perSecond(long samples, long elapsedUs) {
        return elapsedUs <= 0 ? 0.0 : samples * 1e6 / elapsedUs;
    }
}
