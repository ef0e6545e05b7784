package dev.weir.steer;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Back off before the queue overflows: while the model's probability of congestion ahead is at
 * least {@code enterProbability} (and until it falls below {@code exitProbability}), the target
 * is capped at {@code factor x} the acknowledged rate, for at most {@code maxHoldMs} per episode
 * and at most once every {@code minIntervalMs}. GCC's own estimate is left alone, so when the
 * prediction clears the cap goes and the rate is back at once (a wrong prediction costs one short
 * dip, not an additive climb).
 *
 * <p>Mutable settings bean: not thread-safe; copied when handed to an estimator.
 */
public final class EarlyBackoffSettings implements Validatable {
    /** Off by default; congestion-prone networks turn it on. */
    public boolean enabled = false;
    /** Probability of congestion ahead that starts an episode. */
    public double enterProbability = 0.7;
    /** Probability below which the episode ends (hysteresis). */
    public double exitProbability = 0.4;
    /** Cap as a share of the acknowledged rate: GCC's own overuse cut is 0.85. */
    public double factor = 0.85;
    /** Longest episode, ms: a stuck prediction cannot hold the rate down. */
    public long maxHoldMs = 2_000;
    /** Least time from the start of one episode to the next, ms. */
    public long minIntervalMs = 4_000;

    @Override
    public void validate(ConfigCheck check) {
        check.range("enter_probability", enterProbability, 0.0, 1.0);
        check.range("exit_probability", exitProbability, 0.0, 1.0);
        check.require(exitProbability <= enterProbability, "exit_probability", exitProbability,
                "must not exceed enter_probability = " + enterProbability);
        check.range("factor", factor, 0.1, 1.0);
        check.range("max_hold_ms", maxHoldMs, 100, 60_000);
        check.range("min_interval_ms", minIntervalMs, 0, 600_000);
    }
}
