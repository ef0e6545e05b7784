package dev.weir.sim.tune;

import dev.weir.steer.ParameterSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * CMA-ES over a {@link TuningSpace} (Hansen and Ostermeier's covariance matrix adaptation evolution
 * strategy, as implemented by Apache Commons Math 3.6.1 {@code CMAESOptimizer}): derivative-free,
 * robust to the noise of simulated calls, and it learns correlations between values (a looser
 * loss threshold needs more FEC), which coordinate search does not. Bayesian optimisation would
 * need a Gaussian-process library this project does not carry and does not scale past ~10
 * dimensions any better at these budgets.
 *
 * <p>The search runs in the unit cube, starting from the base set's values with step size 0.3
 * per dimension and population 4 + 3 ln(n) (CMA-ES's default); it stops after {@code budget}
 * candidate evaluations. Deterministic for a seed, and resumable through a {@link TuningJournal}.
 *
 * <p>Not thread-safe: one tuning at a time.
 */
public final class Tuner {
    /** Initial step size in the unit cube: explores about a third of each range at first. */
    static final double INITIAL_SIGMA = 0.3;
    /** Score of a candidate that breaks a settings constraint: worse than any real call. */
    private static final double INVALID_SCORE = 1e6;

    /**
     * What a tuning found.
     *
     * @param evaluations distinct candidates scored, the start set included (CMA-ES may propose
     *     a point twice; it is scored once)
     * @param resumedEvaluations of those, how many came from an earlier run's journal
     */
    public record Result(ParameterSet best, double bestScore, double baseScore, int evaluations,
                         int resumedEvaluations) {
    }

    /** Progress after each evaluation. */
    @FunctionalInterface
    public interface Progress {
        void onEvaluation(int done, int budget, double score, double bestScore);
    }

    private final TuningSpace space;
    private final CandidateEvaluator evaluator;
    private final int budget;
    private final long seed;

    public Tuner(TuningSpace space, CandidateEvaluator evaluator, int budget, long seed) {
        if (budget < 2) {
            throw new IllegalArgumentException("a tuning budget needs at least 2 evaluations, got " + budget);
        }
        this.space = space;
        this.evaluator = evaluator;
        this.budget = budget;
        this.seed = seed;
    }

    /**
     * Tunes from {@code base}; candidates are named {@code idPrefix + "/" + evaluation}.
     *
     * @param journal the journal file (created, or resumed when it exists for the same tuning)
     * @param configurationDigest identifies the tuning in the journal
     */
    public Result tune(ParameterSet base, String idPrefix, Path journal, String configurationDigest, Progress progress)
            throws IOException, InterruptedException {
        int n = space.dimensions().size();
        double[] start = space.pointOf(base);
        double[] best = start.clone();
        double[] bestScore = {Double.POSITIVE_INFINITY};
        int[] done = {0};
        int[] resumed = {0};
        int distinct;
        double baseScore;
        try (TuningJournal log = new TuningJournal(journal, configurationDigest)) {
            baseScore = evaluate(start, base, idPrefix, log, resumed);
            ObjectiveFunction objective = new ObjectiveFunction(point -> {
                try {
                    double score = evaluate(point, base, idPrefix, log, resumed);
                    done[0]++;
                    if (score < bestScore[0]) {
                        bestScore[0] = score;
                        System.arraycopy(point, 0, best, 0, n);
                    }
                    progress.onEvaluation(done[0], budget, score, bestScore[0]);
                    return score;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("tuning interrupted", e);
                }
            });
            double[] sigma = new double[n];
            Arrays.fill(sigma, INITIAL_SIGMA);
            double[] lower = new double[n];
            double[] upper = new double[n];
            Arrays.fill(upper, 1.0);
            int population = populationOf(n);
            CMAESOptimizer optimizer = new CMAESOptimizer(Integer.MAX_VALUE, Double.NEGATIVE_INFINITY, true, 0, 0,
                    new MersenneTwister(seed), false, null);
            try {
                optimizer.optimize(new MaxEval(budget), objective, GoalType.MINIMIZE, new InitialGuess(start),
                        new SimpleBounds(lower, upper), new CMAESOptimizer.Sigma(sigma),
                        new CMAESOptimizer.PopulationSize(population));
            } catch (TooManyEvaluationsException expected) {
                // the budget is spent: the best candidate so far is the result
            }
            distinct = log.size();
        }
        if (baseScore <= bestScore[0]) {
            return new Result(base.copy(), baseScore, baseScore, distinct, resumed[0]);
        }
        return new Result(space.apply(base, best, idPrefix + "/best"), bestScore[0], baseScore, distinct, resumed[0]);
    }

    /** CMA-ES's default population for {@code n} dimensions: 4 + floor(3 ln n). */
    static int populationOf(int n) {
        return 4 + (int) (3 * Math.log(n));
    }

    private double evaluate(double[] point, ParameterSet base, String idPrefix, TuningJournal log, int[] resumed)
            throws IOException, InterruptedException {
        Double known = log.score(point); // CMA-ES proposing a point again (e.g. the start): no new calls
        if (known != null) {
            return known;
        }
        Double earlier = log.earlierScore(point);
        double score;
        if (earlier != null) {
            resumed[0]++;
            score = earlier;
        } else {
            ParameterSet candidate = space.apply(base, point, idPrefix + "/" + log.size());
            score = candidate == null ? INVALID_SCORE : evaluator.score(candidate);
        }
        log.record(point, score);
        return score;
    }
}
