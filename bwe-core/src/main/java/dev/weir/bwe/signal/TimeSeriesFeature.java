package dev.weir.bwe.signal;

/**
 * The per-step time-series features, in model input order ({@link #ordinal()} is the column in a
 * window row). Each step holds what the sender learned during it: packets sent in it (by send
 * time) and feedback, RTT samples and estimator results that arrived in it (by the caller's clock).
 * See {@link SignalRecorder} for the exact computation of each.
 *
 * <p>Changing this list, a name or a unit changes {@link FeatureSchema#digest()}; changing how a
 * value is computed requires bumping {@link FeatureSchema#SCHEMA_VERSION}.
 *
 * <p>Immutable and thread-safe.
 */
public enum TimeSeriesFeature {
    /** Mean RTT sample of the step; held from the previous step when none, 0 before the first. */
    RTT_MS("rtt_ms", "ms"),
    /** Newly lost / newly reported packets in the step's feedback; 0 when none was reported. */
    LOSS_FRACTION("loss_fraction", "ratio 0..1"),
    /** Bytes handed to the network in the step (by send time) x 8 / step length; 0 when idle. */
    SEND_RATE_KBPS("send_rate_kbps", "kbit/s"),
    /**
     * Bytes newly reported received in the step x 8 / arrival span (receiver clock, at least one
     * step); 0 when no packet was reported received.
     */
    RECEIVE_RATE_KBPS("receive_rate_kbps", "kbit/s"),
    /** Mean relative one-way delay of the step's received packets minus its running minimum; held. */
    DELAY_ABOVE_MIN_MS("delay_above_min_ms", "ms"),
    /** Change of mean relative one-way delay per second of send time since the last step with data; 0 when none. */
    DELAY_GRADIENT_MS_PER_S("delay_gradient_ms_per_s", "ms/s"),
    /** RFC 3550 inter-arrival jitter at the end of the step; held. */
    JITTER_MS("jitter_ms", "ms"),
    /** Estimator target rate after the step's last feedback; held. */
    TARGET_RATE_KBPS("target_rate_kbps", "kbit/s"),
    /** Estimator delay-based rate; held. */
    DELAY_BASED_RATE_KBPS("delay_based_rate_kbps", "kbit/s"),
    /** Estimator acknowledged rate; held. */
    ACKED_RATE_KBPS("acked_rate_kbps", "kbit/s"),
    /** 1 when the estimator's delay state is OVERUSING, else 0; held. */
    DELAY_OVERUSING("delay_overusing", "0/1"),
    /** 1 when the estimator's delay state is UNDERUSING, else 0; held. */
    DELAY_UNDERUSING("delay_underusing", "0/1"),
    /** Newly lost packets reported in the step. */
    LOST_PACKETS("lost_packets", "packets"),
    /** Loss bursts (runs of consecutive lost sequence numbers) that started in the step. */
    LOSS_BURSTS("loss_bursts", "bursts"),
    /** Feedback reports that arrived in the step: 0 tells "no news" from "nothing received". */
    FEEDBACK_REPORTS("feedback_reports", "reports"),
    /**
     * Highest one-way delay above the running minimum among the packets received right next to a
     * packet the step's feedback reported lost (sequence number one below or above it); 0 without
     * such a packet. A drop-tail queue drops when it is full, so congestion losses sit next to the
     * highest delays of the window; random losses sit at any delay (the full-queue signature).
     */
    LOSS_DELAY_ABOVE_MIN_MS("loss_delay_above_min_ms", "ms"),
    /** The estimator's delay-detector modified trend ({@code BweResult#delayTrendMs}); held. */
    DELAY_TREND_MS("delay_trend_ms", "ms"),
    /** The estimator's delay-detector adaptive threshold ({@code BweResult#delayThresholdMs}); held. */
    DELAY_THRESHOLD_MS("delay_threshold_ms", "ms"),
    /**
     * Seconds since the end of the last step with delay_overusing = 1, at most
     * {@code SignalRecorder#MEMORY_CAP_S} (also before the first overuse).
     */
    SINCE_OVERUSE_S("since_overuse_s", "s"),
    /**
     * Seconds since the end of the last step whose target fell by at least
     * {@code SignalRecorder#DECREASE_FRACTION} below the step before's, at most
     * {@code SignalRecorder#MEMORY_CAP_S} (also before the first decrease).
     */
    SINCE_DECREASE_S("since_decrease_s", "s"),
    /**
     * The acknowledged rate at the last congestion event (a step entering overuse or a target
     * decrease as for since_decrease_s), held for the whole call: memory beyond the window of the
     * rate the path gave out at; 0 before the first event.
     */
    LAST_CONGESTION_RATE_KBPS("last_congestion_rate_kbps", "kbit/s");

    /** Number of time-series features (a row's width). */
    public static final int COUNT = values().length;

    private final String featureName;
    private final String unit;

    TimeSeriesFeature(String featureName, String unit) {
        this.featureName = featureName;
        this.unit = unit;
    }

    /** The snake_case name used in datasets and model files. */
    public String featureName() {
        return featureName;
    }

    /** The unit of the value. */
    public String unit() {
        return unit;
    }
}
