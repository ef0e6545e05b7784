package dev.weir.bwe.signal;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of the {@link SignalRecorder}: the step of the time series and how much of it is kept.
 * Every field that changes feature values (not {@link #historyS}) is part of the
 * {@link FeatureSchema} digest, so a model trained with other settings is refused. The defaults
 * are the default model's ({@link FeatureSchema#defaults()}).
 *
 * <p>Mutable settings bean; not thread-safe. The recorder copies the values it needs.
 */
public final class SignalSettings implements Validatable {
    /**
     * Length of one time-series step, milliseconds. 200 ms, the default model's step: the
     * pure-Java LSTM's cost and Deeplearning4j's training throughput scale with the number of
     * steps, and with 100 ms transport feedback each 200 ms step still holds at least one report
     * (the design's models use 100 ms).
     */
    public int stepMs = 200;
    /** Steps kept, seconds; must cover the longest feature window (the 10 s loss window). */
    public int historyS = 12;
    /**
     * Window of the running minimum of the relative one-way delay, seconds: long enough to contain
     * a moment with a drained queue, short enough to follow route changes and clock drift (the
     * same 10 s BBR uses for its min-RTT filter). At most {@link #historyS}.
     */
    public int baseDelayWindowS = 10;
    /**
     * A jump of the relative one-way delay between consecutive received packets, or of the
     * caller's clock backwards, larger than this is a clock jump, milliseconds: delay baselines
     * restart instead of reporting an hour of queueing.
     */
    public int clockJumpMs = 5_000;

    @Override
    public void validate(ConfigCheck check) {
        check.range("step_ms", stepMs, 20, 1_000);
        check.range("history_s", historyS, 1, 600);
        check.require((long) historyS * 1_000 >= FeatureSchema.LOSS_WINDOW_MS, "history_s", historyS,
                "must cover the longest feature window (" + FeatureSchema.LOSS_WINDOW_MS + " ms)");
        check.range("base_delay_window_s", baseDelayWindowS, 1, 600);
        check.require(baseDelayWindowS <= historyS, "base_delay_window_s", baseDelayWindowS,
                "must not exceed history_s (" + historyS + ")");
        check.range("clock_jump_ms", clockJumpMs, 100, 600_000);
    }
}
