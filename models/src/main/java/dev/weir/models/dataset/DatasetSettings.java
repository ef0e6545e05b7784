package dev.weir.models.dataset;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.signal.SignalSettings;

/**
 * Call sampling, labelling and splitting settings of dataset generation; recorded in every
 * dataset's settings. Labels follow the ML BWE design (docs/ml.md) as the
 * ML issue redefines them: loss attribution by the share of queue-overflow drops in the look-back,
 * congestion onset within a short horizon, the non-congestive loss share and burstiness of the
 * media packets ahead (FEC sizing), the production-style RTT/loss rule with a past 4 s /
 * future 4 s split for comparison.
 *
 * <p>Mutable settings bean; not thread-safe. Copy it before sharing.
 */
public final class DatasetSettings implements Validatable {
    /**
     * Time-series step, ms: the recorder's default (200 ms, the default model's; see
     * {@code SignalSettings#stepMs}), so a dataset of default settings has the runtime's feature
     * schema.
     */
    public int stepMs = new SignalSettings().stepMs;
    /**
     * Shortest and longest trace-driven call, seconds: 3-5 minutes, drawn per call. Long enough for
     * the streaming LSTM to learn what a call's history tells (the memory features reach 60 s) and
     * for GCC to leave its start-up; a call starts at a random offset into its (looping) trace, so
     * several seeds cover different stretches of a recording instead of replaying its first minute.
     */
    public int minCallS = 180;
    public int maxCallS = 300;
    /**
     * Loss look-back, ms: drops whose loss report reached the sender in (t - this, t] are the
     * "current loss" the step attributes; 2 s is 20 feedback reports, recent enough to be the loss
     * a controller reacts to now.
     */
    public int lossLookbackMs = 2_000;
    /**
     * Congestion horizon, ms. 2 s: the early back-off needs a warning of at least 1 s to drain the
     * queue GCC's ramp is building (its cap acts through the pacer within a step and its effect
     * reaches the bottleneck a round trip later), so the label must reach beyond 1 s; the audit of
     * the 4 s label found that onsets further out are mostly capacity drops nothing in the past
     * announces, which a longer horizon only adds as label noise. The 1 s horizon is measured
     * beside it on validation ({@code docs/ml.md}).
     */
    public int congestionHorizonMs = 2_000;
    /**
     * FEC horizon, ms: the FEC-sizing labels ({@code random_loss_rate}, {@code loss_burst}) look at
     * the media packets sent in {@code (t, t + this]}, the packets the FEC rate chosen at t
     * protects before later decisions re-size it. 2 s: about 200 media packets at 1 Mbit/s of
     * ~1200-byte packets, so the classes from 2 % up rest on several drops rather than one, and the
     * congestion horizon's span, so the heads steering reads together look equally far ahead.
     */
    public int fecHorizonMs = 2_000;
    /**
     * Queueing delay that counts as congestion, ms. 100 ms: ITU-T G.114 puts the limit of
     * comfortable interaction at 150 ms one-way, so 100 ms of queue on top of a typical 20-60 ms
     * path crosses it; it is also well above the few tens of ms of queue GCC's delay controller
     * keeps in steady state and above cellular scheduling jitter, so noise is not labelled.
     */
    public int queueDelayThresholdMs = 100;
    /**
     * "Congested now" look-back, ms: the ground truth of the onset gate asks whether a packet sent
     * in the last second overflowed or queued past the threshold.
     */
    public int currentWindowMs = 1_000;
    /**
     * Onset gate, delay part, ms: the latest step's delay above the running minimum must be below
     * this for the step to count as "not congested now". Half the congestion threshold: the
     * observable delay includes jitter and a standing queue the minimum already absorbed.
     */
    public int gateDelayMs = 50;
    /** Onset gate, loss part, ms: no packet reported lost in the latest this many ms (the 1 s). */
    public int gateLossMs = 1_000;
    /**
     * Cause of a congestion event: exogenous when the free capacity (capacity minus cross
     * traffic) in the half second before the event is at least this fraction below its mean over
     * the two seconds before the step. 20 %: GCC's own back-off is to 85 % of the acknowledged
     * rate, so smaller drops are within what it absorbs by itself.
     */
    public double causeDropFraction = 0.2;
    /**
     * Cause of a non-exogenous congestion event: self-induced when the call's sending rate in the
     * second before the event is at least this fraction above its rate over the two seconds
     * before the step (the sender ramped into the ceiling; GCC's additive increase adds ~8 % per
     * second at these rates), stable otherwise.
     */
    public double selfInducedRampFraction = 0.1;
    /** Rule labelling (the design's production-style label): past part of the split, ms. */
    public int rulePastMs = 4_000;
    /** Rule labelling: future part of the split, ms. */
    public int ruleFutureMs = 4_000;
    /**
     * RTT spike, absolute part, ms: an RTT at least {@code max(this, spike_fraction x min)} above
     * the past minimum is a spike. 50 ms is several times feedback-interval jitter.
     */
    public int spikeMinMs = 50;
    /** RTT spike, relative part (fraction of the past minimum RTT): 30% scales with long paths. */
    public double spikeFraction = 0.3;
    /** Further RTT growth after a spike, absolute part, ms (20 ms: below it growth is noise). */
    public int growthMinMs = 20;
    /** Further RTT growth, relative part (fraction of the spike step's RTT): 10%. */
    public double growthFraction = 0.1;
    /** Rule labelling: a step whose observed loss fraction exceeds this is "loss" (0: any lost packet). */
    public double ruleLossFraction = 0.0;
    /**
     * Grouped cross-validation folds over the non-test recording groups: a group's fold is its
     * stable hash modulo this. Five folds keep a fold at ~20 % of the groups.
     */
    public int folds = 5;
    /** The fold whose groups form the validation split of the dataset (the others are train). */
    public int validationFold = 0;
    /**
     * Share of calls steered by plain GCC with libwebrtc's defaults, percent; the rest by GCC with
     * a parameter set drawn from a network type's tuning space ({@code gcc-tuned}) and, when a
     * steering model is given, by the weir estimator ({@code weir}, {@link #weirPercent}).
     */
    public int gccPercent = 50;
    /** Share of calls steered by the weir estimator when a steering model is given, percent. */
    public int weirPercent = 34;

    @Override
    public void validate(ConfigCheck check) {
        check.range("step_ms", stepMs, 20, 1_000);
        check.range("min_call_s", minCallS, 15, 3_600);
        check.range("max_call_s", maxCallS, 15, 3_600);
        check.require(minCallS <= maxCallS, "min_call_s", minCallS, "must not exceed max_call_s = " + maxCallS);
        check.range("loss_lookback_ms", lossLookbackMs, 100, 60_000);
        check.range("congestion_horizon_ms", congestionHorizonMs, 200, 60_000);
        check.range("fec_horizon_ms", fecHorizonMs, 200, 60_000);
        check.range("queue_delay_threshold_ms", queueDelayThresholdMs, 1, 10_000);
        check.range("current_window_ms", currentWindowMs, stepMs, 60_000);
        check.range("gate_delay_ms", gateDelayMs, 1, 10_000);
        check.range("gate_loss_ms", gateLossMs, stepMs, 60_000);
        check.range("cause_drop_fraction", causeDropFraction, 0.0, 1.0);
        check.range("self_induced_ramp_fraction", selfInducedRampFraction, 0.0, 10.0);
        check.range("rule_past_ms", rulePastMs, stepMs, 60_000);
        check.require(rulePastMs % stepMs == 0, "rule_past_ms", rulePastMs, "must be a multiple of step_ms");
        check.range("rule_future_ms", ruleFutureMs, stepMs, 60_000);
        check.require(ruleFutureMs % stepMs == 0, "rule_future_ms", ruleFutureMs, "must be a multiple of step_ms");
        check.range("spike_min_ms", spikeMinMs, 0, 10_000);
        check.range("spike_fraction", spikeFraction, 0.0, 10.0);
        check.range("growth_min_ms", growthMinMs, 0, 10_000);
        check.range("growth_fraction", growthFraction, 0.0, 10.0);
        check.range("rule_loss_fraction", ruleLossFraction, 0.0, 0.99);
        check.range("folds", folds, 2, 100);
        check.range("validation_fold", validationFold, 0, folds - 1);
        check.range("gcc_percent", gccPercent, 0, 100);
        check.range("weir_percent", weirPercent, 0, 100);
        check.require(gccPercent + weirPercent <= 100, "weir_percent", weirPercent,
                "plus gcc_percent must not exceed 100");
    }

    /** Steps covering {@code ms} (whole steps). */
    int steps(int ms) {
        return Math.max(1, (ms + stepMs - 1) / stepMs);
    }
}
