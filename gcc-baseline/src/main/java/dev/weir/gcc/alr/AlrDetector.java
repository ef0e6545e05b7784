package dev.weir.gcc.alr;

import dev.weir.bwe.config.ConfigCheck;

/**
 * Application-limited-region detector, after libwebrtc's
 * {@code modules/congestion_controller/goog_cc/alr_detector.cc} with
 * {@code modules/pacing/interval_budget.cc}: a byte budget refills at 65% of the estimate and is
 * drained by what is sent; unused budget may build up to 500 ms worth. The sender is
 * application-limited (ALR) from when the unused share exceeds 0.8 until it falls below 0.5.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class AlrDetector {
    /** Input times are clamped to +-2^52 us (~142 years) so differences never overflow. */
    private static final long MAX_ABS_TIME_US = 1L << 52;
    /** Returned by {@link #alrStartTimeUs()} outside ALR. */
    public static final long NOT_IN_ALR = -1;

    private final double bandwidthUsageRatio;
    private final double startBudgetLevelRatio;
    private final double stopBudgetLevelRatio;
    private final long windowUs;

    private double budgetRateBps;
    private double maxBytesInBudget;
    private double bytesRemaining;
    private boolean hasLastSendTime;
    private long lastSendTimeUs;
    private boolean inAlr;
    private long alrStartTimeUs = NOT_IN_ALR;
    private long alrEndedTimeUs = NOT_IN_ALR;

    /**
     * @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} is invalid
     */
    public AlrDetector(AlrSettings settings) {
        ConfigCheck check = ConfigCheck.of("alr");
        settings.validate(check);
        check.throwIfInvalid();
        bandwidthUsageRatio = settings.bandwidthUsageRatio;
        startBudgetLevelRatio = settings.startBudgetLevelRatio;
        stopBudgetLevelRatio = settings.stopBudgetLevelRatio;
        windowUs = settings.windowMs * 1000;
    }

    /** With libwebrtc's defaults. */
    public AlrDetector() {
        this(new AlrSettings());
    }

    /**
     * Bytes leaving the sender at {@code sendTimeUs}. The first call only starts the clock; a send
     * time going backwards adds no budget. Non-positive sizes count as nothing sent.
     */
    public void onBytesSent(int sizeBytes, long sendTimeUs) {
        long timeUs = Math.max(-MAX_ABS_TIME_US, Math.min(MAX_ABS_TIME_US, sendTimeUs));
        if (!hasLastSendTime) {
            hasLastSendTime = true;
            lastSendTimeUs = timeUs;
            return;
        }
        long deltaUs = Math.max(0, timeUs - lastSendTimeUs);
        lastSendTimeUs = Math.max(lastSendTimeUs, timeUs);
        useBudget(Math.max(0, sizeBytes));
        increaseBudget(deltaUs);
        double ratio = budgetRatio();
        if (ratio > startBudgetLevelRatio && !inAlr) {
            inAlr = true;
            alrStartTimeUs = timeUs;
        } else if (ratio < stopBudgetLevelRatio && inAlr) {
            inAlr = false;
            alrStartTimeUs = NOT_IN_ALR;
            alrEndedTimeUs = timeUs;
        }
    }

    /** The current estimate; the budget refills at {@code bandwidthUsageRatio} of it. */
    public void setEstimatedBitrate(long bps) {
        budgetRateBps = Math.max(0, bps) * bandwidthUsageRatio;
        maxBytesInBudget = budgetRateBps * windowUs / 8e6;
        bytesRemaining = Math.max(-maxBytesInBudget, Math.min(maxBytesInBudget, bytesRemaining));
    }

    /** Whether the sender is application-limited. */
    public boolean inAlr() {
        return inAlr;
    }

    /** Send time ALR started, microseconds, or {@link #NOT_IN_ALR}. */
    public long alrStartTimeUs() {
        return alrStartTimeUs;
    }

    /** Send time the last ALR period ended, microseconds, or {@link #NOT_IN_ALR} if none has. */
    public long alrEndedTimeUs() {
        return alrEndedTimeUs;
    }

    /** Unused budget as a share of its maximum, in [-1, 1]; 0 while no estimate is set. */
    public double budgetRatio() {
        if (maxBytesInBudget <= 0) {
            return 0;
        }
        return bytesRemaining / maxBytesInBudget;
    }

    private void useBudget(long bytes) {
        bytesRemaining = Math.max(bytesRemaining - bytes, -maxBytesInBudget);
    }

    private void increaseBudget(long deltaUs) {
        // ALR's budget may build up underuse (can_build_up_underuse = true in libwebrtc).
        double bytes = budgetRateBps * deltaUs / 8e6;
        bytesRemaining = Math.min(bytesRemaining + bytes, maxBytesInBudget);
    }
}
