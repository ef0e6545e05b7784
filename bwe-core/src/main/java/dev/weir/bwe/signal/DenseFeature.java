package dev.weir.bwe.signal;

/**
 * The window-summary (dense) features, in model input order ({@link #ordinal()} is the index in
 * the dense vector). Each is computed by {@link WindowExtractor} over the steps of one window from
 * the {@link TimeSeriesFeature} columns; "steps" below are the window's steps.
 *
 * <p>Changing this list, a name or a unit changes {@link FeatureSchema#digest()}; changing how a
 * value is computed requires bumping {@link FeatureSchema#SCHEMA_VERSION}.
 *
 * <p>Immutable and thread-safe.
 */
public enum DenseFeature {
    /** Minimum of rtt_ms. */
    RTT_MIN_MS("rtt_min_ms", "ms"),
    /** Maximum of rtt_ms. */
    RTT_MAX_MS("rtt_max_ms", "ms"),
    /** Mean of rtt_ms. */
    RTT_MEAN_MS("rtt_mean_ms", "ms"),
    /** Population standard deviation of rtt_ms. */
    RTT_STD_MS("rtt_std_ms", "ms"),
    /** Least-squares slope of rtt_ms over step time. */
    RTT_TREND_MS_PER_S("rtt_trend_ms_per_s", "ms/s"),
    /** Sum of lost packets / sum of reported packets (packet-weighted); 0 when none reported. */
    LOSS_RATE("loss_rate", "ratio 0..1"),
    /** Sum of loss_bursts. */
    LOSS_BURST_COUNT("loss_burst_count", "bursts"),
    /** Sum of lost_packets / sum of loss_bursts; 0 without bursts. */
    LOSS_BURST_MEAN_PACKETS("loss_burst_mean_packets", "packets"),
    /** Pearson correlation of rtt_ms and loss_fraction across steps; 0 when either is constant. */
    RTT_LOSS_CORRELATION("rtt_loss_correlation", "-1..1"),
    /** Mean of delay_gradient_ms_per_s. */
    DELAY_GRADIENT_MEAN_MS_PER_S("delay_gradient_mean_ms_per_s", "ms/s"),
    /** Mean of delay_above_min_ms. */
    DELAY_ABOVE_MIN_MEAN_MS("delay_above_min_mean_ms", "ms"),
    /** Maximum of delay_above_min_ms. */
    DELAY_ABOVE_MIN_MAX_MS("delay_above_min_max_ms", "ms"),
    /** Sum of receive_rate_kbps / sum of send_rate_kbps, clamped to [0, 10]; 0 when nothing was sent. */
    RECEIVE_SEND_RATIO("receive_send_ratio", "ratio"),
    /** Share of steps with delay_overusing = 1. */
    OVERUSE_SHARE("overuse_share", "ratio 0..1"),
    /** Share of steps with at least one lost packet. */
    LOSSY_STEP_SHARE("lossy_step_share", "ratio 0..1"),
    /** Mean of jitter_ms. */
    JITTER_MEAN_MS("jitter_mean_ms", "ms"),
    /**
     * Mean of loss_delay_above_min_ms over the steps where it is positive, divided by the
     * maximum of delay_above_min_ms, clamped to [0, 2]; 0 without such steps or without queueing:
     * near 1 when losses happen at the window's highest delay (a full queue).
     */
    LOSS_DELAY_RATIO("loss_delay_ratio", "ratio"),
    /** Pearson correlation of loss_fraction and send_rate_kbps across steps; 0 when either is constant. */
    LOSS_SEND_CORRELATION("loss_send_correlation", "-1..1"),
    /**
     * Mean loss_fraction of the steps sending at or above the window's mean send rate minus that of
     * the steps below it; 0 when either set is empty. Congestion loss grows with the sending
     * rate, random loss does not (loss rate as a function of sending rate).
     */
    LOSS_HIGH_MINUS_LOW_SEND("loss_high_minus_low_send", "ratio -1..1"),
    /** Maximum over steps of delay_trend_ms / delay_threshold_ms, clamped to [-10, 10]; 0 without a threshold. */
    TREND_THRESHOLD_RATIO_MAX("trend_threshold_ratio_max", "ratio");

    /** Number of dense features. */
    public static final int COUNT = values().length;

    private final String featureName;
    private final String unit;

    DenseFeature(String featureName, String unit) {
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
