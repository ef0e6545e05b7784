package dev.weir.gcc.loss;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.gcc.loss.v2.LossBasedBweV2;
import dev.weir.gcc.loss.v2.LossBasedState;

/**
 * The loss-based rate controller, after libwebrtc's
 * {@code modules/congestion_controller/goog_cc/send_side_bandwidth_estimation.cc}
 * (https://webrtc.googlesource.com/src). Once {@link LossBasedBweV2} (enabled by default, as in
 * libwebrtc) is ready, its estimate and state replace the classic rule below; until then, and
 * always when {@code v2.enabled} is false, the classic rule of draft-ietf-rmcat-gcc-02, section 6
 * applies:
 * <ul>
 *   <li>loss &lt;= 2%: {@code 1.08 * min(target over the last 1 s) + 1 kbps};</li>
 *   <li>2% .. 10%: hold;</li>
 *   <li>&gt; 10%: {@code target * (1 - 0.5 * loss)}, at most once per 300 ms + RTT and per report.</li>
 * </ul>
 * A loss fraction is only formed from at least 20 expected packets (smaller reports accumulate);
 * like libwebrtc it is quantised to 1/256. The delay-based estimate and the configured maximum are
 * upper limits, the configured minimum a floor, the receiver limit caps the output. During the
 * first 2 s after the first report a loss-free call adopts a higher delay-based estimate at once
 * (start-up probing), unless LossBasedBweV2 is ready for the start phase. When the RTT (grown by the
 * time feedback has been missing while packets were sent) exceeds 3 s, the target backs off by x0.8
 * per second down to 5 kbps, before either loss rule.
 *
 * <p>LossBasedBweV2 is fed per transport feedback report: {@link #onPacketResult} for every packet
 * of the report, then {@link #updateLossBasedEstimator} (libwebrtc UpdateLossBasedEstimator).
 *
 * <p>All thresholds and factors come from {@link LossBasedSettings} and may be swapped at run time
 * with {@link #applySettings}. Nothing is allocated per call in steady state (a settings swap
 * allocates once, when it takes effect); bad input is ignored or clamped.
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
    /**
     * History entries (2 KiB). The deque keeps only rising rates within the 1 s window, one per
     * update at most: goog_cc updates per report (100 ms), tick (25 ms) and RTT sample, so ~60 per
     * second; a caller updating faster only shortens the window's memory (the oldest entry goes).
     */
    private static final int HISTORY_CAPACITY = 128;
    /** The min-history window tolerates 1 ms of rounding, as libwebrtc does. */
    private static final long HISTORY_SLACK_US = 1000;
    /** Moderate-loss creep is measured over at most 1 s between updates. */
    private static final long MAX_MODERATE_STEP_US = 1_000_000;

    private LossBasedSettings settings;
    private LossBasedSettings pendingSettings;
    private final MinRateHistory minHistory = new MinRateHistory(HISTORY_CAPACITY);
    private final LinkCapacityTracker linkCapacity = new LinkCapacityTracker();
    private final RttBackoffClock rttBackoffClock = new RttBackoffClock();
    private LossBasedBweV2 lossBasedV2;
    private LossBasedState lossBasedState = LossBasedState.DELAY_BASED_ESTIMATE;

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
        lossBasedV2 = new LossBasedBweV2(this.settings.v2);
        lossBasedV2.setMinMaxBitrate(minBitrateBps, maxBitrateBps);
    }

    /** With libwebrtc's defaults. */
    public SendSideBandwidthEstimation() {
        this(new LossBasedSettings());
    }

    /**
     * Swaps the controller parameters, LossBasedBweV2's included; they take effect with the next
     * loss report ({@link #onPacketsReport} or {@link #updateLossBasedEstimator}), keeping the
     * current estimate and history (see {@link LossBasedBweV2#applySettings}). Invalid settings are
     * refused (returns false, nothing changes).
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
     * A new network route (libwebrtc OnRouteChange): loss counters, the target, the bounds, the
     * RTT, the receiver and delay-based limits and the start phase are forgotten, and
     * LossBasedBweV2 starts afresh when it may be used in the start phase (its default). The caller
     * sets the bounds and start rate again ({@link #setBitrates}). Allocates a new LossBasedBweV2.
     */
    public void onRouteChange() {
        applyPendingSettings();
        lostSinceLastUpdate = 0;
        expectedSinceLastUpdate = 0;
        currentTargetBps = 0;
        minBitrateBps = MIN_BITRATE_BPS;
        maxBitrateBps = DEFAULT_MAX_BITRATE_BPS;
        hasDecreasedSinceLastFractionLoss = false;
        lastLossPacketReportUs = NEVER_US;
        lastFractionLossQ8 = 0;
        lastRttUs = 0;
        receiverLimitBps = NO_LIMIT;
        delayBasedLimitBps = NO_LIMIT;
        timeLastDecreaseUs = NEVER_US;
        firstReportTimeUs = NEVER_US;
        if (lossBasedV2.isEnabled() && lossBasedV2.useInStartPhase()) {
            lossBasedV2 = new LossBasedBweV2(settings.v2);
            lossBasedState = LossBasedState.DELAY_BASED_ESTIMATE;
        }
        lossBasedV2.setMinMaxBitrate(minBitrateBps, maxBitrateBps);
    }

    /** The receiver limit (REMB) in force, bits per second, or {@link #NO_LIMIT}. */
    public long receiverLimitBps() {
        return receiverLimitBps;
    }

    /**
     * Configures the bounds and, when {@code startBps > 0}, the starting rate (libwebrtc
     * SetBitrates). {@code minBps} is raised to 5 kbps; {@code maxBps <= 0} means 1 Gbps.
     */
    public void setBitrates(long minBps, long startBps, long maxBps, long nowUs) {
        nowUs = clampTime(nowUs);
        minBitrateBps = Math.max(minBps, MIN_BITRATE_BPS);
        maxBitrateBps = maxBps > 0 ? Math.max(minBitrateBps, maxBps) : DEFAULT_MAX_BITRATE_BPS;
        lossBasedV2.setMinMaxBitrate(minBitrateBps, maxBitrateBps);
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
        applyPendingSettings();
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

    /**
     * The acknowledged throughput; {@code rateBps <= 0} means unknown. Feeds the link-capacity
     * estimate and, when known, LossBasedBweV2 (libwebrtc SetAcknowledgedRate).
     */
    public void onAckedRate(long rateBps) {
        ackedRateBps = Math.max(0, rateBps);
        if (rateBps > 0 && lossBasedV2.isEnabled()) {
            lossBasedV2.setAcknowledgedBitrate(rateBps);
        }
    }

    /**
     * One packet of a transport feedback report, received or lost, for LossBasedBweV2; call it for
     * every accepted packet of the report, then {@link #updateLossBasedEstimator}. Allocation-free;
     * ignored while LossBasedBweV2 is disabled. See {@link LossBasedBweV2#onPacketResult}.
     *
     * @param sequenceNumber unwrapped transport-wide sequence number
     */
    public void onPacketResult(long sequenceNumber, long sendTimeUs, int sizeBytes, boolean received) {
        lossBasedV2.onPacketResult(sequenceNumber, sendTimeUs, sizeBytes, received);
    }

    /**
     * Ends a transport feedback report (libwebrtc UpdateLossBasedEstimator): LossBasedBweV2 updates
     * with the delay-based limit and the estimate is recomputed at the feedback time. Call it after
     * the delay-based update of the report. libwebrtc's signature also takes the delay detector
     * state and the probe bitrate, and ignores both; they are left out here.
     *
     * @param inAlr whether the sender is in application-limited region
     * @param feedbackTimeUs when the report arrived
     */
    public void updateLossBasedEstimator(boolean inAlr, long feedbackTimeUs) {
        applyPendingSettings();
        if (lossBasedV2.isEnabled()) {
            lossBasedV2.updateBandwidthEstimate(delayBasedLimitBps, inAlr);
            updateEstimate(clampTime(feedbackTimeUs));
        }
    }

    /** Timer tick (libwebrtc calls UpdateEstimate every process interval): RTT backoff and ramp-up. */
    public void onPeriodicUpdate(long nowUs) {
        updateEstimate(clampTime(nowUs));
    }

    /** The loss-based target, bits per second: within [min, max], capped by the receiver limit. */
    public long targetRateBps() {
        return Math.max(minBitrateBps, Math.min(currentTargetBps, receiverLimitBps));
    }

    /**
     * libwebrtc loss_based_state(): LossBasedBweV2's state as of the last estimate update that used
     * it; {@link LossBasedState#DELAY_BASED_ESTIMATE} while it is disabled or not yet ready.
     */
    public LossBasedState lossBasedState() {
        return lossBasedState;
    }

    /** Whether LossBasedBweV2 is enabled and ready, i.e. its estimate replaces the classic rule. */
    public boolean isLossBasedV2ReadyForUse() {
        return lossBasedV2.isReady();
    }

    /**
     * The padding LossBasedBweV2 asks for, bps: the target while the state is
     * {@link LossBasedState#INCREASE_USING_PADDING}, else 0. libwebrtc's GetPacingRates pads up to
     * max(this, the streams' max padding rate), capped by the pushed-back target.
     */
    public long lossBasedPaddingRateBps() {
        return lossBasedState == LossBasedState.INCREASE_USING_PADDING ? targetRateBps() : 0;
    }

    /**
     * libwebrtc IsRttAboveLimit: whether the RTT, grown by the time packets went out without
     * feedback, exceeds the backoff limit (the probe controller's "RTT-limited" cause).
     */
    public boolean isRttAboveLimit(long nowUs) {
        return settings.rttBackoffEnabled
                && rttBackoffClock.correctedRttUs(clampTime(nowUs)) > settings.rttBackoffLimitMs * 1000;
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
        if (lastFractionLossQ8 == 0 && inStartPhase(nowUs) && !lossBasedV2.readyToUseInStartPhase()) {
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
        if (lossBasedV2.isReady()) {
            lossBasedState = lossBasedV2.lossBasedState();
            updateTargetBitrate(lossBasedV2.lossBasedEstimateBps(), nowUs);
            return;
        }
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

    private void applyPendingSettings() {
        if (pendingSettings != null) {
            settings = pendingSettings;
            pendingSettings = null;
            lossBasedV2.applySettings(settings.v2);
            if (!lossBasedV2.isReady()) {
                // Disabled or restarted: its last state (and padding request) no longer applies.
                lossBasedState = LossBasedState.DELAY_BASED_ESTIMATE;
            }
        }
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
