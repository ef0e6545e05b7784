package dev.weir.gcc.throughput;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of {@link AcknowledgedBitrateEstimator}, with libwebrtc's defaults
 * ({@code bitrate_estimator.cc}, field trial {@code WebRTC-BweThroughputWindowConfig}).
 *
 * <p>Mutable settings object: not thread-safe; the estimator keeps its own copy.
 */
public final class AckedBitrateSettings implements Validatable {
    /** Window of the first rate sample, ms: longer for a stable start (kInitialRateWindowMs). */
    public long initialWindowMs = 500;
    /** Window of later samples, ms: short, so decreases follow the link quickly (kRateWindowMs). */
    public long windowMs = 150;
    /** Sample uncertainty per unit of relative distance from the estimate (uncertainty_scale). */
    public double uncertaintyScale = 10.0;
    /** Uncertainty of samples below the estimate while application-limited (defaults to the scale). */
    public double uncertaintyScaleInAlr = 10.0;
    /** Uncertainty of small samples below the estimate (defaults to the scale). */
    public double smallSampleUncertaintyScale = 10.0;
    /** Samples with fewer bytes than this count as small (0: none do). */
    public long smallSampleThresholdBytes = 0;
    /** Caps the sample in the uncertainty denominator, bps; 0 makes increases more uncertain than drops. */
    public long uncertaintySymmetryCapBps = 0;
    /** Lowest estimate, bps (0: no floor). */
    public long estimateFloorBps = 0;
    /** Variance added per update, kbps^2: models that the rate drifts between samples. */
    public double varianceIncreasePerUpdate = 5.0;
    /** Variance of the first estimate, kbps^2. */
    public double initialVariance = 50.0;
    /** Variance added when ALR ends so the estimate can move fast (ExpectFastRateChange), kbps^2. */
    public double fastChangeVariance = 200.0;

    @Override
    public void validate(ConfigCheck check) {
        // Window bounds follow libwebrtc's kMinRateWindowMs / kMaxRateWindowMs.
        check.range("initial_window_ms", initialWindowMs, 150, 1000);
        check.range("window_ms", windowMs, 150, 1000);
        check.range("uncertainty_scale", uncertaintyScale, 0.01, 1000.0);
        check.range("uncertainty_scale_in_alr", uncertaintyScaleInAlr, 0.01, 1000.0);
        check.range("small_sample_uncertainty_scale", smallSampleUncertaintyScale, 0.01, 1000.0);
        check.range("small_sample_threshold_bytes", smallSampleThresholdBytes, 0, 10_000_000);
        check.range("uncertainty_symmetry_cap_bps", uncertaintySymmetryCapBps, 0, 1_000_000_000);
        check.range("estimate_floor_bps", estimateFloorBps, 0, 1_000_000_000);
        check.range("variance_increase_per_update", varianceIncreasePerUpdate, 0.0, 1e6);
        check.range("initial_variance", initialVariance, 0.001, 1e6);
        check.range("fast_change_variance", fastChangeVariance, 0.0, 1e6);
    }
}
