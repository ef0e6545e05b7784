package dev.weir.gcc.throughput;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of {@link RobustThroughputEstimator}, with the defaults of libwebrtc's
 * {@code RobustThroughputEstimatorSettings} (acknowledged_bitrate_estimator_interface.h).
 *
 * <p>Mutable settings object: not thread-safe; the estimator keeps its own copy.
 */
public final class ThroughputSettings implements Validatable {
    /** Packets the window keeps at least before it may shrink by time; 20 smooths a 30 fps stream. */
    public int windowPackets = 20;
    /** Hard cap on packets in the window (also the ring capacity); bounds memory and work per query. */
    public int maxWindowPackets = 500;
    /** Window shorter than this (ms) is never trimmed below {@link #windowPackets}; 1 s covers a few RTTs. */
    public long minWindowDurationMs = 1000;
    /** Packets older than this (ms, arrival clock) are always dropped; keeps the rate current. */
    public long maxWindowDurationMs = 5000;
    /** Packets needed before any rate is reported; fewer give a noisy rate. */
    public int requiredPackets = 10;

    /** A copy with the same values. */
    public ThroughputSettings copy() {
        return SettingsCopy.copy(this);
    }

    @Override
    public void validate(ConfigCheck check) {
        // Ranges follow libwebrtc's RobustThroughputEstimatorSettings::Parser checks.
        check.range("window_packets", windowPackets, 10, 1000);
        check.range("max_window_packets", maxWindowPackets, 10, 1000);
        check.range("min_window_duration_ms", minWindowDurationMs, 100, 3000);
        check.range("max_window_duration_ms", maxWindowDurationMs, 1000, 15000);
        check.range("required_packets", requiredPackets, 10, 1000);
        check.require(maxWindowPackets >= windowPackets, "max_window_packets", maxWindowPackets,
                "must be >= window_packets (" + windowPackets + ")");
        check.require(maxWindowDurationMs >= minWindowDurationMs, "max_window_duration_ms", maxWindowDurationMs,
                "must be >= min_window_duration_ms (" + minWindowDurationMs + ")");
        check.require(requiredPackets <= windowPackets, "required_packets", requiredPackets,
                "must be <= window_packets (" + windowPackets + ")");
    }
}
