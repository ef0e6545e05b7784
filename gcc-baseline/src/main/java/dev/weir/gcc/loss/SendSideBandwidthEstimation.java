package dev.weir.gcc.loss;

import dev.weir.bwe.config.ConfigCheck;

/**
 * The classic loss-based rate controller, after libwebrtc's
 * {@code modules/congestion_controller/goog_cc/send_side_bandwidth_estimation.cc} (the rule of
 * draft-ietf-rmcat-gcc-02, section 6):
 * <ul>
 *   <li>loss &lt;= 2%: {@code 1.08 * min(target over the last 1 s) + 1 kbps};</li>
 *   <li>2% .. 10%: hold;</li>
 *   <li>&gt; 10%: {@code target * (1 - 0.5 * loss)}, at most once per 300 ms + RTT and per report.</li>
 * </ul>
 * A loss fraction is only formed from at least 20 expected packets (smaller reports accumulate);
 * like libwebrtc it is quantised to 1/256. The delay-based estimate and the configured maximum are
 * upper limits, the configured minimum a floor, the receiver limit caps the output. During the
 * first 2 s after the first report a loss-free call adopts a higher delay-based estimate at once
 * (start-up probing). When the RTT (grown by the time feedback has been missing while packets were
 * sent) exceeds 3 s, the target backs off by x0.8 per second down to 5 kbps.
 *
 * <p>All thresholds and factors come from {@link LossBasedSettings} and may be swapped at run time
 * with {@link #applySettings}. Nothing is allocated per call; bad input is ignored or clamped.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class SendSideBandwidthEstimation {
    /** libwebrtc's kCongestionControllerMinBitrate: no estimate goes below 5 kbps. */
    public static final long MIN_BITRATE_BPS = 5_000;
    /** libwebrtc's kDefaultMaxBitrate (1 Gbps) when no maximum is configured. */
    public static final long DEFAULT_MAX_BITRATE_BPS = 1_000_000_000L;
    /** Returned by {@link #delayBasedLimitBps()} while no delay-based estimate limits the rate. */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    /** "Never happened" time: far in the past, yet differences with sane times cannot overflow. */
    private static final long NEVER_US = Long.MIN_VALUE / 4;
    /** Input times are clamped to +-2^52 us (~142 years) so differences never overflow. */
    private static final long MAX_ABS_TIME_US = 1L << 52;
    /** Largest packet count taken from one report; larger values are garbage. */
    private static final long MAX_PACKETS_PER_REPORT = 1L << 32;
    /** Largest accepted RTT, us (10 min); anything above is garbage. */
    private static final long MAX_RTT_US = 600_000_000L;
    /** Loss fraction resolution: libwebrtc's 8-bit fraction_lost. */
    private static final int LOSS_Q8_ONE = 256;
    /** History entries: one per update within the 1 s window; 1024 allows updates every ~1 ms. */
    private static final int HISTORY_CAPACITY = 1024;
    /** The min-history window tolerates 1 ms of rounding, as libwebrtc does. */
    private static final long HISTORY_SLACK_US = 1000;
    /** Moderate-loss creep is measured over at most 1 s between updates. */
    private static final long MAX_MODERATE_STEP_US = 1_000_000;

    private LossBasedSettings settings;
    private LossBasedSettings pendingSettings;
    private final MinRateHistory minHistory = new MinRateHistory(HISTORY_CAPACITY);
    private final LinkCapacityTracker linkCapacity = new LinkCapacityTracker();
    private final RttBackoffClock rttBackoffClock = new RttBackoffClock();

    private long lostSinceLastUpdate;
    private long expectedSinceLastUpdate;
    private long currentTargetBps;
    private long minBitrateBps = MIN_BITRATE_BPS;
    private long maxBitrateBps = DEFAULT_MAX_BITRATE_BPS;
    private boolean hasDecreasedSinceLastFractionLoss;
    private long lastLossPacketReportUs = NEVER_US;
    private int lastFractionLossQ8;
    private long lastRttUs;
    private long receiverLimitBps = NO_LIMIT;
    private long delayBasedLimitBps = NO_LIMIT;
    private long timeLastDecreaseUs = NEVER_US;
    private long firstReportTimeUs = NEVER_US;
    private long lastUpdateUs = NEVER_US;
    private long ackedRateBps;

    /**
     * @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} is invalid
     */
    public SendSideBandwidthEstimation(LossBasedSettings settings) {
        ConfigCheck check = ConfigCheck.of("loss_based");
        settings.validate(check);
        check.throwIfInvalid();
        this.settings = settings.copy();
    }

    /** With libwebrtc's defaults. */
    public SendSideBandwidthEstimation() {
        this(new LossBasedSettings());
    }

    /**
     * Swaps the controller parameters; they take effect with the next loss report, keeping the
     * current estimate and history. Invalid settings are refused (returns false, nothing changes).
     */
    public boolean applySettings(LossBasedSettings newSettings) {
        if (newSettings == null) {
            return false;
        }
        ConfigCheck check = ConfigCheck.of("loss_based");
        newSettings.validate(check);
        if (!check.isValid()) {
            return false;
        }
        pendingSettings = newSettings.copy();
        return true;
    }

    /** A copy of the parameters in effect (a pending swap is not yet included). */
    public LossBasedSettings settings() {
        return settings.copy();
    }

    /**
     * Configures the bounds and, when {@code startBps > 0}, the starting rate (libwebrtc
     * SetBitrates). {@code minBps} is raised to 5 kbps; {@code maxBps <= 0} means 1 Gbps.
     */
    public void setBitrates(long minBps, long startBps, long maxBps, long nowUs) {
        nowUs = clampTime(nowUs);
        minBitrateBps = Math.max(minBps, MIN_BITRATE_BPS);
        maxBitrateBps = maxBps > 0 ? Math.max(minBitrateBps, maxBps) : DEFAULT_MAX_BITRATE_BPS;
        if (startBps > 0) {
            linkCapacity.onStartingRate(startBps);
            setEstimate(startBps, nowUs);
        }
    }

    /**
     * Sets the estimate directly (a start rate or a probe result; libwebrtc SetSendBitrate): the
     * delay-based cap and the min-rate history are cleared so the value is used as is. Ignored when
     * {@code rateBps <= 0}. goog_cc, on a delay-based result from a probe, calls this and then
     * {@link #onDelayBasedEstimate} with the same rate.
     */
    public void setEstimate(long rateBps, long nowUs) {
        if (rateBps <= 0) {
            return;
        }
        nowUs = clampTime(nowUs);
        delayBasedLimitBps = NO_LIMIT;
        updateTargetBitrate(rateBps, nowUs);
        minHistory.clear();
    }

    /**
     * One loss report: {@code packetsLost} of {@code packetsExpected} packets (libwebrtc
     * UpdatePacketsLost). Reports with fewer than {@code minPacketsPerReport} expected packets are
     * accumulated. Negative losses (duplicates) count as none; losses above the expected count as 100%.
     */
    public void onPacketsReport(long packetsLost, long packetsExpected, long nowUs) {
        nowUs = clampTime(nowUs);
        if (pendingSettings != null) {
            settings = pendingSettings;
            pendingSettings = null;
        }
        if (firstReportTimeUs == NEVER_US) {
            firstReportTimeUs = nowUs;
        }
        if (packetsExpected <= 0) {
            return;
        }
        long expectedNow = Math.min(packetsExpected, MAX_PACKETS_PER_REPORT);
        long lostNow = Math.max(-MAX_PACKETS_PER_REPORT, Math.min(packetsLost, MAX_PACKETS_PER_REPORT));
        long expected = expectedSinceLastUpdate + expectedNow;
        if (expected < settings.minPacketsPerReport) {
            expectedSinceLastUpdate = expected;
            lostSinceLastUpdate += lostNow;
            return;
        }
        hasDecreasedSinceLastFractionLoss = false;
        long lostQ8 = Math.max(lostSinceLastUpdate + lostNow, 0) * LOSS_Q8_ONE;
        lastFractionLossQ8 = (int) Math.min(lostQ8 / expected, LOSS_Q8_ONE - 1);
        lostSinceLastUpdate = 0;
        expectedSinceLastUpdate = 0;
        lastLossPacketReportUs = nowUs;
        updateEstimate(nowUs);
    }

    /**
     * An RTCP round-trip time (libwebrtc UpdateRtt): it sets the interval between loss-based
     * decreases (300 ms + RTT). Non-positive or absurd values are ignored.
     */
    public void onRtt(long rttUs, long nowUs) {
        if (rttUs <= 0 || rttUs > MAX_RTT_US) {
            return;
        }
        lastRttUs = rttUs;
    }

    /**
     * The propagation RTT measured from transport feedback (libwebrtc UpdatePropagationRtt): it
     * drives the RTT backoff. goog_cc also calls this with 0 at the first sent packet, so a call
     * whose feedback never comes backs off. Negative or absurd values are ignored.
     */
    public void onPropagationRtt(long rttUs, long nowUs) {
        if (rttUs < 0 || rttUs > MAX_RTT_US) {
            return;
        }
        rttBackoffClock.onRtt(rttUs, clampTime(nowUs));
    }

    /** Whether the RTT backoff is active now (libwebrtc IsRttAboveLimit). */
    public boolean isRttAboveLimit(long nowUs) {
        return settings.rttBackoffEnabled
                && rttBackoffClock.correctedRttUs(clampTime(nowUs)) > settings.rttBackoffLimitMs * 1000;
    }

    /**
     * A packet was sent. Lets the RTT backoff count time without feedback only while packets go
     * out (libwebrtc OnSentPacket); without these calls the backoff uses the last RTT as is.
     */
    public void onPacketSent(long sendTimeUs) {
        rttBackoffClock.onPacketSent(clampTime(sendTimeUs));
    }

    /** The delay-based estimate, an upper limit; {@code rateBps <= 0} removes the limit. */
    public void onDelayBasedEstimate(long rateBps, long nowUs) {
        nowUs = clampTime(nowUs);
        linkCapacity.onDelayBasedEstimate(nowUs, rateBps > 0 ? rateBps : NO_LIMIT);
        delayBasedLimitBps = rateBps > 0 ? rateBps : NO_LIMIT;
        applyTargetLimits(nowUs);
    }

    /** A receiver-side limit (e.g. REMB) capping the output; {@code rateBps <= 0} removes it. */
    public void onReceiverEstimate(long rateBps, long nowUs) {
        receiverLimitBps = rateBps > 0 ? rateBps : NO_LIMIT;
        applyTargetLimits(clampTime(nowUs));
    }

    /** The acknowledged throughput; {@code rateBps <= 0} means unknown. Feeds the link-capacity estimate. */
    public void onAckedRate(long rateBps) {
        ackedRateBps = Math.max(0, rateBps);
    }

    /** Timer tick (libwebrtc calls UpdateEstimate every process interval): RTT backoff and ramp-up. */
    public void onPeriodicUpdate(long nowUs) {
        updateEstimate(clampTime(nowUs));
    }

    /** The loss-based target, bits per second: within [min, max], capped by the receiver limit. */
    public long targetRateBps() {
        return Math.max(minBitrateBps, Math.min(currentTargetBps, receiverLimitBps));
    }

    /** The latest loss fraction (1/256 resolution), in [0, 1). */
    public double lossRatio() {
        return lastFractionLossQ8 / (double) LOSS_Q8_ONE;
    }

    /** The latest delay-based limit, or {@link #NO_LIMIT}. */
    public long delayBasedLimitBps() {
        return delayBasedLimitBps;
    }

    /** Slow link-capacity estimate, bits per second; 0 while unknown. */
    public long estimatedLinkCapacityBps() {
        return linkCapacity.estimateBps();
    }

    /** Latest RTT, microseconds; 0 while unknown. */
    public long rttUs() {
        return lastRttUs;
    }

    public long minBitrateBps() {
        return minBitrateBps;
    }

    public long maxBitrateBps() {
        return maxBitrateBps;
    }

    private void updateEstimate(long nowUs) {
        updateEstimateInternal(nowUs);
        lastUpdateUs = nowUs;
    }

    private void updateEstimateInternal(long nowUs) {
        if (isRttAboveLimit(nowUs)) {
            if (nowUs - timeLastDecreaseUs >= settings.rttBackoffIntervalMs * 1000
                    && currentTargetBps > settings.rttBackoffFloorBps) {
                timeLastDecreaseUs = nowUs;
                long newBps = Math.max(scale(currentTargetBps, settings.rttBackoffFactor),
                        settings.rttBackoffFloorBps);
                linkCapacity.onRttBackoff(newBps, nowUs);
                updateTargetBitrate(newBps, nowUs);
                return;
            }
            applyTargetLimits(nowUs);
            return;
        }
        // Trust the delay-based (and receiver) estimate during start-up while no loss is seen.
        if (lastFractionLossQ8 == 0 && inStartPhase(nowUs)) {
            long newBps = currentTargetBps;
            if (receiverLimitBps != NO_LIMIT) {
                newBps = Math.max(receiverLimitBps, newBps);
            }
            if (delayBasedLimitBps != NO_LIMIT) {
                newBps = Math.max(delayBasedLimitBps, newBps);
            }
            if (newBps != currentTargetBps) {
                minHistory.clear();
                minHistory.pushBack(nowUs, currentTargetBps);
                updateTargetBitrate(newBps, nowUs);
                return;
            }
        }
        updateMinHistory(nowUs);
        if (lastLossPacketReportUs == NEVER_US) {
            applyTargetLimits(nowUs);
            return;
        }
        if (nowUs - lastLossPacketReportUs < settings.lossReportTimeoutMs * 1000) {
            double loss = lossRatio();
            if (currentTargetBps < settings.lossIgnoredBelowBps || loss <= settings.lowLossThreshold) {
                // Ramp from the minimum of the last second: 8%/s, and +8% at once after a loss-free report.
                long newBps = (long) (minHistory.frontRateBps() * settings.increaseFactor + 0.5);
                updateTargetBitrate(saturatingAdd(newBps, settings.increaseAdditiveBps), nowUs);
                return;
            } else if (currentTargetBps > settings.lossIgnoredBelowBps) {
                if (loss <= settings.highLossThreshold) {
                    if (settings.moderateLossRateFactorPerSecond != 1.0 && lastUpdateUs != NEVER_US) {
                        double stepS = Math.max(0, Math.min(nowUs - lastUpdateUs, MAX_MODERATE_STEP_US)) / 1e6;
                        double factor = Math.pow(settings.moderateLossRateFactorPerSecond, stepS);
                        updateTargetBitrate(scale(currentTargetBps, factor), nowUs);
                        return;
                    }
                } else if (!hasDecreasedSinceLastFractionLoss
                        && nowUs - timeLastDecreaseUs >= settings.decreaseIntervalMs * 1000 + lastRttUs) {
                    timeLastDecreaseUs = nowUs;
                    hasDecreasedSinceLastFractionLoss = true;
                    updateTargetBitrate(scale(currentTargetBps, 1.0 - settings.decreaseFactor * loss), nowUs);
                    return;
                }
            }
        }
        applyTargetLimits(nowUs);
    }

    private boolean inStartPhase(long nowUs) {
        return firstReportTimeUs == NEVER_US || nowUs - firstReportTimeUs < settings.startPhaseMs * 1000;
    }

    private void updateMinHistory(long nowUs) {
        long windowUs = settings.increaseIntervalMs * 1000;
        while (!minHistory.isEmpty() && nowUs - minHistory.frontTimeUs() + HISTORY_SLACK_US > windowUs) {
            minHistory.popFront();
        }
        while (!minHistory.isEmpty() && currentTargetBps <= minHistory.backRateBps()) {
            minHistory.popBack();
        }
        minHistory.pushBack(nowUs, currentTargetBps);
    }

    private void updateTargetBitrate(long newBps, long nowUs) {
        newBps = Math.min(newBps, Math.min(delayBasedLimitBps, maxBitrateBps));
        if (newBps < minBitrateBps) {
            newBps = minBitrateBps;
        }
        currentTargetBps = newBps;
        linkCapacity.onRateUpdate(ackedRateBps, currentTargetBps, nowUs, settings.linkCapacityTrackingMs * 1000);
    }

    private void applyTargetLimits(long nowUs) {
        updateTargetBitrate(currentTargetBps, nowUs);
    }

    private static long scale(long rateBps, double factor) {
        double scaled = rateBps * factor;
        if (!(scaled > 0)) {
            return 0;
        }
        return scaled >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) scaled;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long clampTime(long timeUs) {
        return Math.max(-MAX_ABS_TIME_US, Math.min(MAX_ABS_TIME_US, timeUs));
    }
}
