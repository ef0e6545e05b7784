package dev.weir.models.dataset;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalSettings;

/**
 * Sampling and labelling settings of dataset generation; recorded in every dataset's settings.
 * Labels follow the ML BWE design (docs/ml.md): random-vs-congestion
 * loss over the past 10 s window, congestion in the next 4 s, and the production-style RTT/loss
 * rule with a past 4 s / future 4 s split.
 *
 * <p>Mutable settings bean; not thread-safe. Copy it before sharing.
 */
public final class DatasetSettings implements Validatable {
    /**
     * Time-series step, ms: the recorder's default (200 ms, the default model's; see
     * {@code SignalSettings#stepMs}), so a dataset of default settings has the runtime's feature
     * schema. The 10 s window is 50 steps.
     */
    public int stepMs = new SignalSettings().stepMs;
    /** Time between samples of one call, ms: 1 s keeps neighbouring windows 90% overlapping, not 98%. */
    public int samplePeriodMs = 1_000;
    /** First sample time, ms: the first full 10 s loss window. */
    public int firstSampleMs = FeatureSchema.LOSS_WINDOW_MS;
    /**
     * Loss-type look-back, ms: drops whose loss report reached the sender in (t - this, t] are the
     * "current loss" the sample classifies; 2 s is 10 feedback reports, recent enough to be the
     * loss a controller reacts to now.
     */
    public int lossLookbackMs = 2_000;
    /** Congestion horizon, ms: the design's "next N seconds" with N = 4 s. */
    public int congestionHorizonMs = 4_000;
    /**
     * Queueing delay that counts as congestion, ms. 100 ms: ITU-T G.114 puts the limit of
     * comfortable interaction at 150 ms one-way, so 100 ms of queue on top of a typical 20-60 ms
     * path crosses it; it is also well above the few tens of ms of queue GCC's delay controller
     * keeps in steady state and above cellular scheduling jitter, so noise is not labelled.
     */
    public int queueDelayThresholdMs = 100;
    /** Rule labelling: past part of the split, ms (the design's past 4 s). */
    public int rulePastMs = 4_000;
    /** Rule labelling: future part of the split, ms (the design's future 4 s). */
    public int ruleFutureMs = 4_000;
    /**
     * RTT spike, absolute part, ms: an RTT at least {@code max(this, spike_fraction x min)} above
     * the past minimum is a spike. 50 ms is several times feedback-interval jitter, so a spike
     * means a standing queue.
     */
    public int spikeMinMs = 50;
    /** RTT spike, relative part (fraction of the past minimum RTT): 30% scales with long paths. */
    public double spikeFraction = 0.3;
    /**
     * Further RTT growth after a spike, absolute part, ms: a later step at least
     * {@code max(this, growth_fraction x spike RTT)} above the spike step's RTT. 20 ms is one
     * 50 kB burst at 20 Mbit/s: below it, growth is noise.
     */
    public int growthMinMs = 20;
    /** Further RTT growth, relative part (fraction of the spike step's RTT): 10%. */
    public double growthFraction = 0.1;
    /** Rule labelling: a step whose observed loss fraction exceeds this is "loss" (0: any lost packet). */
    public double ruleLossFraction = 0.0;
    /** The {@code congestion:rtt_rise} baseline looks at the RTT of the latest this many ms of the window. */
    public int rttRiseRecentMs = 1_000;
    /** Share of each dataset's train/ trace groups (ranked by stable hash) that go to validation, percent. */
    public int validationPercent = 15;
    /** Share of synthetic (scenario, seed) calls that go to test, percent (the rest: validation %, train). */
    public int syntheticTestPercent = 15;

    @Override
    public void validate(ConfigCheck check) {
        check.range("step_ms", stepMs, 20, 1_000);
        check.range("sample_period_ms", samplePeriodMs, stepMs, 60_000);
        check.require(samplePeriodMs % stepMs == 0, "sample_period_ms", samplePeriodMs,
                "must be a multiple of step_ms (" + stepMs + ")");
        check.range("first_sample_ms", firstSampleMs, FeatureSchema.LOSS_WINDOW_MS, 3_600_000);
        check.require(firstSampleMs % stepMs == 0, "first_sample_ms", firstSampleMs,
                "must be a multiple of step_ms (" + stepMs + ")");
        check.range("loss_lookback_ms", lossLookbackMs, 100, 60_000);
        check.range("congestion_horizon_ms", congestionHorizonMs, 200, 60_000);
        check.range("queue_delay_threshold_ms", queueDelayThresholdMs, 1, 10_000);
        check.range("rule_past_ms", rulePastMs, stepMs, 60_000);
        check.require(rulePastMs % stepMs == 0, "rule_past_ms", rulePastMs, "must be a multiple of step_ms");
        check.require(rulePastMs <= firstSampleMs, "rule_past_ms", rulePastMs,
                "must not exceed first_sample_ms (" + firstSampleMs + ")");
        check.range("rule_future_ms", ruleFutureMs, stepMs, 60_000);
        check.require(ruleFutureMs % stepMs == 0, "rule_future_ms", ruleFutureMs, "must be a multiple of step_ms");
        check.range("spike_min_ms", spikeMinMs, 0, 10_000);
        check.range("spike_fraction", spikeFraction, 0.0, 10.0);
        check.range("growth_min_ms", growthMinMs, 0, 10_000);
        check.range("growth_fraction", growthFraction, 0.0, 10.0);
        check.range("rule_loss_fraction", ruleLossFraction, 0.0, 0.99);
        check.range("rtt_rise_recent_ms", rttRiseRecentMs, stepMs, FeatureSchema.LOSS_WINDOW_MS);
        check.range("validation_percent", validationPercent, 0, 100);
        check.range("synthetic_test_percent", syntheticTestPercent, 0, 100);
        check.require(validationPercent + syntheticTestPercent <= 100, "synthetic_test_percent",
                syntheticTestPercent, "plus validation_percent must not exceed 100");
    }

    /** Steps covering {@code ms} (whole steps; callers validated divisibility where it matters). */
    int steps(int ms) {
        return Math.max(1, (ms + stepMs - 1) / stepMs);
    }
}
