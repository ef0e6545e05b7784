package dev.weir.gcc;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.config.Validatable;
import dev.weir.gcc.alr.AlrSettings;
import dev.weir.gcc.delay.DelayBasedSettings;
import dev.weir.gcc.loss.LossBasedSettings;
import dev.weir.gcc.probe.ProbeSettings;
import dev.weir.gcc.pushback.PushbackSettings;
import dev.weir.gcc.throughput.AckedBitrateSettings;
import dev.weir.gcc.throughput.ThroughputSettings;
import java.nio.file.Path;

/**
 * Every tunable of {@link GoogCcEstimator}: the call's bitrate constraints, the composition's own
 * constants, and one settings object per component, each with libwebrtc's defaults. JSON names
 * are snake_case ({@code {"loss_based": {"high_loss_threshold": 0.15}}}); a file names only what it
 * changes. {@link #validate} checks every field of every component in one pass.
 *
 * <p>Not thread-safe; treat an instance handed to an estimator as frozen (the estimator keeps a
 * private copy).
 */
public final class GccSettings implements Validatable {
    /** Lowest target, bits per second (WebRTC's default minimum video bitrate, 30 kbps). */
    public long minBitrateBps = 30_000;
    /** Target before any feedback, bits per second (libwebrtc's default start rate). */
    public long startBitrateBps = 300_000;
    /** Highest target, bits per second (AIMD's default ceiling). */
    public long maxBitrateBps = 30_000_000;
    /**
     * Pacing rate / target rate once transport feedback flows (libwebrtc
     * kDefaultPaceMultiplierWithSendSideBwe): a pacer barely faster than the target spreads
     * frames out instead of bursting them into the bottleneck queue.
     */
    public double pacingFactor = 1.1;
    /**
     * Pacing rate / target rate before the first transport feedback (libwebrtc
     * kDefaultPaceMultiplier): without send-side feedback the pacer drains bursts quickly.
     */
    public double pacingFactorBeforeFeedback = 2.5;
    /**
     * How often loss counted from transport feedback is handed to the loss-based controller,
     * milliseconds (libwebrtc kLossUpdateInterval: the RTCP video report interval).
     */
    public long lossUpdateIntervalMs = 1_000;
    /**
     * A probe result below this share of the acked rate is raised to it, so one bad probe cannot
     * crash the estimate (libwebrtc kProbeDropThroughputFraction).
     */
    public double probeDropThroughputFraction = 0.85;

    /**
     * The acknowledged-rate estimator: libwebrtc's RobustThroughputEstimator (on by default since
     * 2023, {@code RobustThroughputEstimatorSettings::enabled}) or, when false, the older Bayesian
     * {@code AcknowledgedBitrateEstimator} (the GCC of older Chrome and of most forks).
     */
    public boolean useRobustThroughputEstimator = true;

    public DelayBasedSettings delayBased = new DelayBasedSettings();
    public LossBasedSettings lossBased = new LossBasedSettings();
    public AckedBitrateSettings ackedBitrate = new AckedBitrateSettings();
    public ThroughputSettings throughput = new ThroughputSettings();
    public AlrSettings alr = new AlrSettings();
    public ProbeSettings probe = new ProbeSettings();
    /** Congestion window and its pushback to the encoder (libwebrtc WebRTC-CongestionWindow, on). */
    public PushbackSettings pushback = new PushbackSettings();

    /** libwebrtc's defaults. */
    public static GccSettings defaults() {
        return new GccSettings();
    }

    /** These settings with the call's bitrate constraints replaced. */
    public GccSettings withBitrates(long minBps, long startBps, long maxBps) {
        GccSettings copy = SettingsCopy.copy(this);
        copy.minBitrateBps = minBps;
        copy.startBitrateBps = startBps;
        copy.maxBitrateBps = maxBps;
        return copy;
    }

    /** Reads and validates settings from a JSON file. */
    public static GccSettings read(Path file) {
        return SettingsJson.read(file, GccSettings.class);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.range("min_bitrate_bps", minBitrateBps, 5_000, 100_000_000);
        check.range("start_bitrate_bps", startBitrateBps, 5_000, 1_000_000_000);
        check.range("max_bitrate_bps", maxBitrateBps, 5_000, 1_000_000_000);
        check.require(minBitrateBps <= startBitrateBps && startBitrateBps <= maxBitrateBps, "start_bitrate_bps",
                startBitrateBps, "must lie in [min_bitrate_bps, max_bitrate_bps] = [" + minBitrateBps + ", "
                        + maxBitrateBps + "]");
        check.range("pacing_factor", pacingFactor, 1.0, 10.0);
        check.range("pacing_factor_before_feedback", pacingFactorBeforeFeedback, 1.0, 10.0);
        check.range("loss_update_interval_ms", lossUpdateIntervalMs, 50, 10_000);
        check.range("probe_drop_throughput_fraction", probeDropThroughputFraction, 0.0, 1.0);
        validateChild(check, "delay_based", delayBased);
        validateChild(check, "loss_based", lossBased);
        validateChild(check, "acked_bitrate", ackedBitrate);
        validateChild(check, "throughput", throughput);
        validateChild(check, "alr", alr);
        validateChild(check, "probe", probe);
        validateChild(check, "pushback", pushback);
    }

    private static void validateChild(ConfigCheck check, String name, Validatable child) {
        check.notNull(name, child);
        if (child != null) {
            child.validate(check.child(name));
        }
    }
}
