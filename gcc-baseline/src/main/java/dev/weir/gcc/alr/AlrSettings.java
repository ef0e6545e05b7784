package dev.weir.gcc.alr;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of {@link AlrDetector}, with the defaults of libwebrtc's {@code AlrDetectorConfig}
 * (alr_detector.h) and {@code IntervalBudget} (interval_budget.cc).
 *
 * <p>Mutable settings object: not thread-safe; the detector copies the values it needs.
 */
public final class AlrSettings implements Validatable {
    /** Share of the estimate the budget refills at; sending below it fills the budget (65%). */
    public double bandwidthUsageRatio = 0.65;
    /** ALR starts when the unused budget exceeds this share of its maximum. */
    public double startBudgetLevelRatio = 0.80;
    /** ALR ends when the unused budget falls below this share of its maximum. */
    public double stopBudgetLevelRatio = 0.50;
    /** Budget window, ms: the most unused budget kept is this long at the budget rate (IntervalBudget kWindowMs). */
    public long windowMs = 500;

    /** A copy with the same values. */
    public AlrSettings copy() {
        return SettingsCopy.copy(this);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.range("bandwidth_usage_ratio", bandwidthUsageRatio, 0.01, 1.0);
        check.range("start_budget_level_ratio", startBudgetLevelRatio, 0.0, 1.0);
        check.range("stop_budget_level_ratio", stopBudgetLevelRatio, -1.0, 1.0);
        check.require(!(stopBudgetLevelRatio >= startBudgetLevelRatio), "stop_budget_level_ratio",
                stopBudgetLevelRatio, "must be < start_budget_level_ratio (" + startBudgetLevelRatio + ")");
        check.range("window_ms", windowMs, 10, 10_000);
    }
}
