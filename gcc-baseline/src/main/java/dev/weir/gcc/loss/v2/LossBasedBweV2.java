package dev.weir.gcc.loss.v2;

import dev.weir.bwe.config.ConfigCheck;

/**
 * libwebrtc's loss-based bandwidth estimator v2, ported from
 * modules/congestion_controller/goog_cc/loss_based_bwe_v2.cc (https://webrtc.googlesource.com/src),
 * the default loss controller of goog_cc since 2022.
 *
 * <p>Packets of transport feedback are grouped into observations spanning at least
 * {@code observation_duration_lower_bound} of send time. Over a window of observations the
 * estimator fits a channel model (inherent loss, loss-limited bandwidth) by maximum likelihood:
 * candidate bandwidths (factors of the current estimate, the acked rate, a higher delay-based
 * estimate) each get Newton steps on the inherent loss, and the best objective wins. The winner is
 * then bounded: below by the acked rate and the minimum bitrate, above by the instant upper bound
 * (a TCP-fair-like {@code balance / (loss - offset)}), the delay-based estimate and, after a
 * loss-limited change, by {@code max_increase_factor} for a while; increases while loss-limited
 * are capped by the acked rate. The result carries a {@link LossBasedState}: equal to the
 * delay-based estimate, decreasing (with a hold that forbids rising above the cut rate for a
 * doubling duration), or increasing (asking for padding for {@code padding_duration}).
 *
 * <h2>Feeding it (allocation-free)</h2>
 * Per transport feedback report: call {@link #onPacketResult} once for every packet of the report,
 * received or lost, then {@link #updateBandwidthEstimate} once. This replaces libwebrtc's
 * {@code UpdateBandwidthEstimate(span<PacketResult>, delay_based_estimate, in_alr)}; the packets
 * between two updates are the report. {@link #setAcknowledgedBitrate} and
 * {@link #setMinMaxBitrate} as in libwebrtc. Read {@link #lossBasedEstimateBps()} and
 * {@link #lossBasedState()} (libwebrtc {@code GetLossBasedResult}) once {@link #isReady()}.
 *
 * <p>Rates are bits per second, times microseconds (packet send times: the estimator has no
 * clock of its own). libwebrtc's infinities are {@link #NO_ESTIMATE} ({@code Long.MAX_VALUE}).
 * Nothing is allocated per packet or per report in steady state: the observation window and the
 * candidates are preallocated, the lost-packet set grows only when an observation loses more
 * packets than any before. Bad input never throws and never produces NaN.
 *
 * <p>Deviations, all at the edges: invalid settings are rejected with every problem listed
 * (libwebrtc logs them and disables the estimator); the settings can be swapped at run time
 * ({@link #applySettings}); a byte loss ratio over zero bytes is 0 (libwebrtc divides by zero).
 *
 * <p>Not thread-safe: one instance per estimator, driven from one thread.
 */
public final class LossBasedBweV2 {
    /** libwebrtc's {@code DataRate::PlusInfinity()}: no estimate or no limit. */
    public static final long NO_ESTIMATE = UnitMath.PLUS_INFINITY;

    /** First hold duration after a decrease, us (libwebrtc kInitHoldDuration). */
    private static final long INIT_HOLD_DURATION_US = 300_000;
    /** Holds double (hold_duration_factor) up to this, us (libwebrtc kMaxHoldDuration, 60 s). */
    private static final long MAX_HOLD_DURATION_US = 60_000_000;
    /** Floor of the delayed-increase cap, bps (libwebrtc kCongestionControllerMinBitrate). */
    private static final long CONGESTION_CONTROLLER_MIN_BITRATE_BPS = 5_000;
    /** Minimum bitrate before {@link #setMinMaxBitrate}, bps (libwebrtc's initial min_bitrate_, 1 kbps). */
    private static final long INITIAL_MIN_BITRATE_BPS = 1_000;
    /** Send times are clamped to +-2^52 us (~142 years) so differences cannot overflow. */
    private static final long MAX_ABS_TIME_US = 1L << 52;
    /** Candidates beyond the factors: acked rate, delay-based estimate, instant upper bound. */
    private static final int EXTRA_CANDIDATES = 3;
    private static final long US_PER_MS = 1000;
    /** Bits per byte times microseconds per second: bytes / us to bps. */
    private static final long MICROBITS_PER_BYTE = 8_000_000L;

    private LossBasedBweV2Settings settings;
    private final ObservationWindow window;
    private final InherentLossFit fit;
    private final LostPacketSet partialLostPackets = new LostPacketSet();
    private long[] candidateBandwidthsBps;
    private double[] candidateInherentLosses;

    // Per report (the packets since the last update).
    private long reportPacketCount;
    private long reportFirstSendUs = UnitMath.PLUS_INFINITY;
    private long reportLastSendUs = UnitMath.MINUS_INFINITY;
    // Partial observation (reports accumulate until they span the duration lower bound).
    private long partialPacketCount;
    private long partialSizeBytes;

    private boolean hasAcknowledgedBitrate;
    private long acknowledgedBitrateBps;
    private double currentInherentLoss;
    private long currentLossLimitedBandwidthBps;
    private long lastSendTimeMostRecentObservationUs;
    private long lastTimeEstimateReducedUs;
    private boolean hasInstantUpperBound;
    private long instantUpperBoundBps;
    private boolean hasInstantLowerBound;
    private long instantLowerBoundBps;
    private long recoveringAfterLossTimestampUs;
    private long bandwidthLimitInCurrentWindowBps;
    private long minBitrateBps = INITIAL_MIN_BITRATE_BPS;
    private long maxBitrateBps = UnitMath.PLUS_INFINITY;
    private long delayBasedEstimateBps = UnitMath.PLUS_INFINITY;
    private long resultBps;
    private LossBasedState resultState;
    private long holdTimestampUs;
    private long holdDurationUs;
    private long holdRateBps;
    private long paddingRateBps;
    private long paddingTimestampUs;
    private double averageReportedLossRatio;

    /**
     * @throws dev.weir.bwe.config.InvalidSettingsException listing every broken constraint
     */
    public LossBasedBweV2(LossBasedBweV2Settings settings) {
        ConfigCheck check = ConfigCheck.of("loss_based_v2");
        settings.validate(check);
        check.throwIfInvalid();
        this.settings = settings.copy();
        window = new ObservationWindow(this.settings.observationWindowSize);
        fit = new InherentLossFit(window, this.settings);
        allocateCandidates();
        resetEstimate();
    }

    /** With libwebrtc's defaults (enabled). */
    public LossBasedBweV2() {
        this(new LossBasedBweV2Settings());
    }

    /**
     * Swaps the settings at run time, keeping the estimate, the observations (the most recent
     * that fit a changed window) and the hold and padding state; weights and bounds are recomputed
     * at once. Re-enabling a disabled estimator starts it afresh (its state is stale). Invalid
     * settings are refused: returns false and nothing changes. Allocates (a copy of the settings,
     * and new arrays if the window or the candidate count changes): a control-plane call, not for
     * the per-packet path.
     */
    public boolean applySettings(LossBasedBweV2Settings newSettings) {
        if (newSettings == null) {
            return false;
        }
        ConfigCheck check = ConfigCheck.of("loss_based_v2");
        newSettings.validate(check);
        if (!check.isValid()) {
            return false;
        }
        boolean restart = !settings.enabled && newSettings.enabled;
        settings = newSettings.copy();
        fit.settings(settings);
        window.resize(settings.observationWindowSize);
        allocateCandidates();
        if (restart) {
            resetEstimate();
            calculateInstantLowerBound(); // the min bitrate is kept across the restart
            return true;
        }
        window.computeTemporalWeights(settings.temporalWeightFactor, settings.instantUpperBoundTemporalWeightFactor);
        if (window.count() > 0) {
            updateAverageReportedLossRatio();
            calculateInstantUpperBound();
        }
        calculateInstantLowerBound();
        return true;
    }

    /** A copy of the settings in effect. */
    public LossBasedBweV2Settings settings() {
        return settings.copy();
    }

    /** libwebrtc {@code IsEnabled}. */
    public boolean isEnabled() {
        return settings.enabled;
    }

    /** libwebrtc {@code IsReady}: enabled, initialised with an estimate and enough observations. */
    public boolean isReady() {
        return isEnabled() && UnitMath.isFinite(currentLossLimitedBandwidthBps)
                && window.count() >= settings.minNumObservations;
    }

    /** libwebrtc {@code ReadyToUseInStartPhase}: ready, and allowed to replace the start-up rule. */
    public boolean readyToUseInStartPhase() {
        return isReady() && settings.useInStartPhase;
    }

    /** libwebrtc {@code UseInStartPhase}. */
    public boolean useInStartPhase() {
        return settings.useInStartPhase;
    }

    /**
     * The estimate, bps (libwebrtc {@code GetLossBasedResult().bandwidth_estimate}): until
     * {@link #isReady()}, the last delay-based estimate, or {@link #NO_ESTIMATE} if there is none.
     */
    public long lossBasedEstimateBps() {
        if (!isReady()) {
            return UnitMath.isFinite(delayBasedEstimateBps) ? delayBasedEstimateBps : NO_ESTIMATE;
        }
        return resultBps;
    }

    /** The state (libwebrtc {@code GetLossBasedResult().state}); delay-based until ready. */
    public LossBasedState lossBasedState() {
        return isReady() ? resultState : LossBasedState.DELAY_BASED_ESTIMATE;
    }

    /** The acknowledged bitrate, bps (libwebrtc {@code SetAcknowledgedBitrate}); negative or {@link #NO_ESTIMATE} is ignored. */
    public void setAcknowledgedBitrate(long rateBps) {
        if (rateBps < 0 || !UnitMath.isFinite(rateBps)) {
            return;
        }
        hasAcknowledgedBitrate = true;
        acknowledgedBitrateBps = rateBps;
        calculateInstantLowerBound();
    }

    /** libwebrtc {@code SetMinMaxBitrate}; a bound of {@link #NO_ESTIMATE} (or a negative one) is ignored. */
    public void setMinMaxBitrate(long minBps, long maxBps) {
        if (minBps >= 0 && UnitMath.isFinite(minBps)) {
            minBitrateBps = minBps;
            calculateInstantLowerBound();
        }
        if (maxBps >= 0 && UnitMath.isFinite(maxBps)) {
            maxBitrateBps = maxBps;
        }
    }

    /**
     * Sets the estimate directly (libwebrtc {@code SetBandwidthEstimate}, there for unit tests;
     * goog_cc initialises the estimator from the delay-based estimate instead). Ignored unless
     * {@code rateBps} is finite and non-negative.
     */
    public void setBandwidthEstimate(long rateBps) {
        if (rateBps < 0 || !UnitMath.isFinite(rateBps)) {
            return;
        }
        currentLossLimitedBandwidthBps = rateBps;
        resultBps = rateBps;
        resultState = LossBasedState.DELAY_BASED_ESTIMATE;
    }

    /**
     * One packet of the current feedback report (libwebrtc's {@code PacketResult}), received or
     * lost; call it for every packet of the report before {@link #updateBandwidthEstimate}.
     * Ignored while disabled.
     *
     * @param sequenceNumber unwrapped transport-wide sequence number: a packet reported lost and
     *     later received within the same partial observation is then not counted as lost
     * @param sendTimeUs the packet's send time, sender clock
     * @param sizeBytes the packet's size; negative counts as 0
     * @param received whether the receiver reported it received
     */
    public void onPacketResult(long sequenceNumber, long sendTimeUs, int sizeBytes, boolean received) {
        if (!settings.enabled) {
            return;
        }
        long size = Math.max(0, sizeBytes);
        if (received) {
            partialLostPackets.removeReceived(sequenceNumber);
        } else {
            partialLostPackets.addLost(sequenceNumber, size);
        }
        partialPacketCount++;
        partialSizeBytes += size;
        reportPacketCount++;
        long timeUs = Math.max(-MAX_ABS_TIME_US, Math.min(MAX_ABS_TIME_US, sendTimeUs));
        reportLastSendUs = Math.max(reportLastSendUs, timeUs);
        reportFirstSendUs = Math.min(reportFirstSendUs, timeUs);
    }

    /**
     * Ends the current report and updates the estimate (libwebrtc {@code UpdateBandwidthEstimate}).
     *
     * @param delayBasedEstimateBps the delay-based estimate, bps; {@link #NO_ESTIMATE} or a
     *     non-positive value when there is none
     * @param inAlr whether the sender is application limited
     */
    public void updateBandwidthEstimate(long delayBasedEstimateBps, boolean inAlr) {
        this.delayBasedEstimateBps = delayBasedEstimateBps > 0 ? delayBasedEstimateBps : UnitMath.PLUS_INFINITY;
        if (!settings.enabled || reportPacketCount == 0 || !pushBackObservation()) {
            return;
        }
        long delayBasedBps = this.delayBasedEstimateBps;
        if (!UnitMath.isFinite(currentLossLimitedBandwidthBps)) {
            if (!UnitMath.isFinite(delayBasedBps)) {
                return;
            }
            currentLossLimitedBandwidthBps = delayBasedBps;
            resultBps = delayBasedBps;
            resultState = LossBasedState.DELAY_BASED_ESTIMATE;
        }

        long bestBandwidthBps = currentLossLimitedBandwidthBps;
        double bestInherentLoss = currentInherentLoss;
        double objectiveMax = -Double.MAX_VALUE;
        int candidates = generateCandidates(inAlr);
        for (int i = 0; i < candidates; i++) {
            long bandwidthBps = candidateBandwidthsBps[i];
            double inherentLoss = fit.newtonUpdate(candidateInherentLosses[i], bandwidthBps);
            double objective = fit.objective(inherentLoss, bandwidthBps, averageReportedLossRatio);
            // Highest objective wins; on a tie, the higher bandwidth.
            if (objective > objectiveMax || (objective == objectiveMax && bandwidthBps > bestBandwidthBps)) {
                objectiveMax = objective;
                bestBandwidthBps = bandwidthBps;
                bestInherentLoss = inherentLoss;
            }
        }
        if (bestBandwidthBps < currentLossLimitedBandwidthBps) {
            lastTimeEstimateReducedUs = lastSendTimeMostRecentObservationUs;
        }
        // Do not increase while the average loss exceeds the fitted inherent loss.
        if (averageReportedLossRatio > bestInherentLoss && settings.notIncreaseIfInherentLossLessThanAverageLoss
                && currentLossLimitedBandwidthBps < bestBandwidthBps) {
            bestBandwidthBps = currentLossLimitedBandwidthBps;
        }
        if (isInLossLimitedState()) {
            bestBandwidthBps = boundLossLimitedIncrease(bestBandwidthBps);
        }

        long upperBps = Math.min(bestBandwidthBps, instantUpperBoundBps());
        if (UnitMath.isFinite(delayBasedBps)) {
            upperBps = Math.min(upperBps, delayBasedBps);
        }
        long boundedBps = Math.max(instantLowerBoundBps(), upperBps);
        if (settings.boundBestCandidate && boundedBps < bestBandwidthBps) {
            // A bound cut the fit (e.g. the instant upper bound under heavy loss): restart from it.
            currentLossLimitedBandwidthBps = boundedBps;
            currentInherentLoss = 0;
        } else {
            currentLossLimitedBandwidthBps = bestBandwidthBps;
            currentInherentLoss = bestInherentLoss;
            if (settings.lowerBoundByAckedRateFactor > 0.0) {
                currentLossLimitedBandwidthBps = Math.max(currentLossLimitedBandwidthBps, instantLowerBoundBps());
            }
        }

        if (resultState == LossBasedState.DECREASING && holdTimestampUs > lastSendTimeMostRecentObservationUs
                && boundedBps < delayBasedBps) {
            // Holding: never above the hold rate (the acked rate at least), so a cut is not undone at once.
            if (settings.lowerBoundByAckedRateFactor > 0.0) {
                holdRateBps = Math.max(instantLowerBoundBps(), holdRateBps);
            }
            resultBps = Math.min(holdRateBps, boundedBps);
            return;
        }
        updateState(boundedBps, delayBasedBps);
        resultBps = boundedBps;

        if (isInLossLimitedState() && (!UnitMath.isFinite(recoveringAfterLossTimestampUs)
                || UnitMath.add(recoveringAfterLossTimestampUs, delayedIncreaseWindowUs())
                        < lastSendTimeMostRecentObservationUs)) {
            bandwidthLimitInCurrentWindowBps = Math.max(CONGESTION_CONTROLLER_MIN_BITRATE_BPS,
                    UnitMath.scale(currentLossLimitedBandwidthBps, settings.maxIncreaseFactor));
            recoveringAfterLossTimestampUs = lastSendTimeMostRecentObservationUs;
        }
    }

    /**
     * While loss-limited: within the delayed-increase window the estimate may not exceed the
     * window's limit, and an increase is capped by a factor of the acked rate (a smaller one while
     * the acked rate is below the hold rate). From decreasing, a capped increase still adds 1 bps
     * so the state becomes increasing and padding starts.
     */
    private long boundLossLimitedIncrease(long bestBandwidthBps) {
        if (UnitMath.isFinite(recoveringAfterLossTimestampUs)
                && UnitMath.add(recoveringAfterLossTimestampUs, delayedIncreaseWindowUs())
                        > lastSendTimeMostRecentObservationUs
                && bestBandwidthBps > bandwidthLimitInCurrentWindowBps) {
            bestBandwidthBps = bandwidthLimitInCurrentWindowBps;
        }
        boolean increasing = isEstimateIncreasingWhenLossLimited(currentLossLimitedBandwidthBps, bestBandwidthBps);
        if (increasing && hasAcknowledgedBitrate) {
            double rampupFactor = settings.bandwidthRampupUpperBoundFactor;
            if (UnitMath.isFinite(holdRateBps) && acknowledgedBitrateBps
                    < UnitMath.scale(holdRateBps, settings.bandwidthRampupHoldThreshold)) {
                rampupFactor = settings.bandwidthRampupUpperBoundFactorInHold;
            }
            bestBandwidthBps = Math.max(currentLossLimitedBandwidthBps,
                    Math.min(bestBandwidthBps, UnitMath.scale(acknowledgedBitrateBps, rampupFactor)));
            if (resultState == LossBasedState.DECREASING && bestBandwidthBps == currentLossLimitedBandwidthBps) {
                bestBandwidthBps = UnitMath.add(currentLossLimitedBandwidthBps, 1);
            }
        }
        return bestBandwidthBps;
    }

    /** The state transition of libwebrtc's UpdateBandwidthEstimate, with hold and padding bookkeeping. */
    private void updateState(long boundedBps, long delayBasedBps) {
        long paddingDurationUs = settings.paddingDurationMs * US_PER_MS;
        if (isEstimateIncreasingWhenLossLimited(resultBps, boundedBps) && canKeepIncreasingState(boundedBps)
                && boundedBps < delayBasedBps && boundedBps < maxBitrateBps) {
            if (paddingDurationUs > 0 && boundedBps > paddingRateBps) {
                // A new, higher rate to test: start a new padding duration.
                paddingRateBps = boundedBps;
                paddingTimestampUs = lastSendTimeMostRecentObservationUs;
            }
            resultState = paddingDurationUs > 0 ? LossBasedState.INCREASE_USING_PADDING : LossBasedState.INCREASING;
        } else if (boundedBps < delayBasedBps && boundedBps < maxBitrateBps) {
            if (resultState != LossBasedState.DECREASING && settings.holdDurationFactor > 0) {
                holdTimestampUs = UnitMath.add(lastSendTimeMostRecentObservationUs, holdDurationUs);
                holdDurationUs = Math.min(MAX_HOLD_DURATION_US,
                        UnitMath.scale(holdDurationUs, settings.holdDurationFactor));
                holdRateBps = boundedBps;
            }
            resetPadding();
            resultState = LossBasedState.DECREASING;
        } else {
            // The delay-based estimate (or the maximum) limits: end any hold so it cannot pin a low rate.
            resetHold();
            resetPadding();
            resultState = LossBasedState.DELAY_BASED_ESTIMATE;
        }
    }

    /**
     * libwebrtc {@code PushBackObservation}: ends the report; once the packets since the last
     * observation span the duration lower bound of send time, they become an observation.
     */
    private boolean pushBackObservation() {
        long firstSendUs = reportFirstSendUs;
        long lastSendUs = reportLastSendUs;
        reportPacketCount = 0;
        reportFirstSendUs = UnitMath.PLUS_INFINITY;
        reportLastSendUs = UnitMath.MINUS_INFINITY;
        if (!UnitMath.isFinite(lastSendTimeMostRecentObservationUs)) {
            lastSendTimeMostRecentObservationUs = firstSendUs;
        }
        long durationUs = UnitMath.subtract(lastSendUs, lastSendTimeMostRecentObservationUs);
        if (durationUs <= 0 || durationUs < settings.observationDurationLowerBoundMs * US_PER_MS) {
            return false;
        }
        lastSendTimeMostRecentObservationUs = lastSendUs;
        long sendingRateBps = sendingRate(bytesOverDurationBps(partialSizeBytes, durationUs));
        window.push(partialPacketCount, partialLostPackets.count(), sendingRateBps, partialSizeBytes,
                partialLostPackets.totalBytes());
        partialPacketCount = 0;
        partialSizeBytes = 0;
        partialLostPackets.clear();
        updateAverageReportedLossRatio();
        calculateInstantUpperBound();
        return true;
    }

    /** libwebrtc {@code GetSendingRate}: smoothed with the previous observation's rate. */
    private long sendingRate(long instantaneousBps) {
        if (window.count() <= 0) {
            return instantaneousBps;
        }
        double smoothing = settings.sendingRateSmoothingFactor;
        return UnitMath.add(UnitMath.scale(window.mostRecentSendingRateBps(), smoothing),
                UnitMath.scale(instantaneousBps, 1.0 - smoothing));
    }

    /** libwebrtc {@code GetCandidates}: fills the candidate arrays, returns how many. */
    private int generateCandidates(boolean inAlr) {
        long bestBps = currentLossLimitedBandwidthBps;
        int n = 0;
        for (double factor : settings.candidateFactors) {
            candidateBandwidthsBps[n++] = UnitMath.scale(bestBps, factor);
        }
        if (hasAcknowledgedBitrate && settings.appendAcknowledgedRateCandidate) {
            long paddingDurationUs = settings.paddingDurationMs * US_PER_MS;
            // In ALR the acked rate only shows what the encoder sent, unless padding filled the gap.
            if (!(settings.notUseAckedRateInAlr && inAlr) || (paddingDurationUs > 0
                    && UnitMath.add(paddingTimestampUs, paddingDurationUs) >= lastSendTimeMostRecentObservationUs)) {
                candidateBandwidthsBps[n++] = UnitMath.scale(acknowledgedBitrateBps,
                        settings.bandwidthBackoffLowerBoundFactor);
            }
        }
        if (UnitMath.isFinite(delayBasedEstimateBps) && settings.appendDelayBasedEstimateCandidate
                && delayBasedEstimateBps > bestBps) {
            candidateBandwidthsBps[n++] = delayBasedEstimateBps;
        }
        if (inAlr && settings.appendUpperBoundCandidateInAlr && bestBps > instantUpperBoundBps()) {
            candidateBandwidthsBps[n++] = instantUpperBoundBps();
        }
        long ceilingBps = Math.max(bestBps, candidateBandwidthUpperBoundBps());
        for (int i = 0; i < n; i++) {
            long bandwidthBps = Math.min(candidateBandwidthsBps[i], ceilingBps);
            candidateBandwidthsBps[i] = bandwidthBps;
            candidateInherentLosses[i] = fit.feasibleInherentLoss(currentInherentLoss, bandwidthBps);
        }
        return n;
    }

    /**
     * libwebrtc {@code GetCandidateBandwidthUpperBound}: the maximum (or the delayed-increase
     * limit while loss-limited), plus an acceleration share of the acked rate that grows with the
     * time since the estimate was last reduced.
     */
    private long candidateBandwidthUpperBoundBps() {
        long upperBps = maxBitrateBps;
        if (isInLossLimitedState() && UnitMath.isFinite(bandwidthLimitInCurrentWindowBps)) {
            upperBps = bandwidthLimitInCurrentWindowBps;
        }
        if (!hasAcknowledgedBitrate) {
            return upperBps;
        }
        if (settings.rampupAccelerationMaxFactor > 0.0) {
            long maxoutUs = settings.rampupAccelerationMaxoutTimeMs * US_PER_MS;
            long sinceReducedUs = Math.min(maxoutUs,
                    Math.max(0, UnitMath.subtract(lastSendTimeMostRecentObservationUs, lastTimeEstimateReducedUs)));
            // As libwebrtc: (factor * TimeDelta) rounds to whole us before the division.
            double acceleration = UnitMath.scale(sinceReducedUs, settings.rampupAccelerationMaxFactor)
                    / (double) maxoutUs;
            upperBps = UnitMath.add(upperBps, UnitMath.scale(acknowledgedBitrateBps, acceleration));
        }
        return upperBps;
    }

    private boolean isEstimateIncreasingWhenLossLimited(long oldEstimateBps, long newEstimateBps) {
        return (oldEstimateBps < newEstimateBps || (oldEstimateBps == newEstimateBps
                && (resultState == LossBasedState.INCREASING || resultState == LossBasedState.INCREASE_USING_PADDING)))
                && isInLossLimitedState();
    }

    private boolean isInLossLimitedState() {
        return resultState != LossBasedState.DELAY_BASED_ESTIMATE;
    }

    /** Padding continues for padding_duration after it started, or while the estimate keeps rising. */
    private boolean canKeepIncreasingState(long estimateBps) {
        long paddingDurationUs = settings.paddingDurationMs * US_PER_MS;
        if (paddingDurationUs == 0 || resultState != LossBasedState.INCREASE_USING_PADDING) {
            return true;
        }
        return UnitMath.add(paddingTimestampUs, paddingDurationUs) >= lastSendTimeMostRecentObservationUs
                || paddingRateBps < estimateBps;
    }

    private void updateAverageReportedLossRatio() {
        averageReportedLossRatio = settings.useByteLossRate
                ? window.averageReportedByteLossRatio(settings.medianSendingRateFactor)
                : window.averageReportedPacketLossRatio();
    }

    private long instantUpperBoundBps() {
        return hasInstantUpperBound ? instantUpperBoundBps : maxBitrateBps;
    }

    /** libwebrtc {@code CalculateInstantUpperBound}: balance / (average loss - offset) above the offset. */
    private void calculateInstantUpperBound() {
        long limitBps = maxBitrateBps;
        if (averageReportedLossRatio > settings.instantUpperBoundLossOffset) {
            limitBps = UnitMath.divide(settings.instantUpperBoundBandwidthBalanceBps,
                    averageReportedLossRatio - settings.instantUpperBoundLossOffset);
        }
        hasInstantUpperBound = true;
        instantUpperBoundBps = limitBps;
    }

    private long instantLowerBoundBps() {
        return hasInstantLowerBound ? instantLowerBoundBps : 0;
    }

    /** libwebrtc {@code CalculateInstantLowerBound}: max(min bitrate, factor x acked rate). */
    private void calculateInstantLowerBound() {
        long lowerBps = 0;
        if (hasAcknowledgedBitrate && settings.lowerBoundByAckedRateFactor > 0.0) {
            lowerBps = UnitMath.scale(acknowledgedBitrateBps, settings.lowerBoundByAckedRateFactor);
        }
        lowerBps = Math.max(lowerBps, minBitrateBps);
        hasInstantLowerBound = true;
        instantLowerBoundBps = lowerBps;
    }

    private long delayedIncreaseWindowUs() {
        return settings.delayedIncreaseWindowMs * US_PER_MS;
    }

    private void resetHold() {
        holdTimestampUs = UnitMath.MINUS_INFINITY;
        holdDurationUs = INIT_HOLD_DURATION_US;
        holdRateBps = UnitMath.PLUS_INFINITY;
    }

    private void resetPadding() {
        paddingRateBps = UnitMath.MINUS_INFINITY;
        paddingTimestampUs = UnitMath.MINUS_INFINITY;
    }

    /** The state of a freshly constructed libwebrtc estimator (min/max bitrate are kept). */
    private void resetEstimate() {
        window.reset();
        window.computeTemporalWeights(settings.temporalWeightFactor, settings.instantUpperBoundTemporalWeightFactor);
        partialLostPackets.clear();
        partialPacketCount = 0;
        partialSizeBytes = 0;
        reportPacketCount = 0;
        reportFirstSendUs = UnitMath.PLUS_INFINITY;
        reportLastSendUs = UnitMath.MINUS_INFINITY;
        hasAcknowledgedBitrate = false;
        acknowledgedBitrateBps = 0;
        currentInherentLoss = settings.initialInherentLossEstimate;
        currentLossLimitedBandwidthBps = UnitMath.MINUS_INFINITY;
        lastSendTimeMostRecentObservationUs = UnitMath.PLUS_INFINITY;
        lastTimeEstimateReducedUs = UnitMath.MINUS_INFINITY;
        hasInstantUpperBound = false;
        hasInstantLowerBound = false;
        recoveringAfterLossTimestampUs = UnitMath.MINUS_INFINITY;
        bandwidthLimitInCurrentWindowBps = UnitMath.PLUS_INFINITY;
        resultBps = 0;
        resultState = LossBasedState.DELAY_BASED_ESTIMATE;
        resetHold();
        resetPadding();
        averageReportedLossRatio = 0.0;
    }

    private void allocateCandidates() {
        int capacity = settings.candidateFactors.length + EXTRA_CANDIDATES;
        if (candidateBandwidthsBps == null || candidateBandwidthsBps.length != capacity) {
            candidateBandwidthsBps = new long[capacity];
            candidateInherentLosses = new double[capacity];
        }
    }

    /** libwebrtc {@code DataSize / TimeDelta}: bytes x 8e6 / us, truncated ({@code durationUs > 0}). */
    private static long bytesOverDurationBps(long bytes, long durationUs) {
        if (bytes <= Long.MAX_VALUE / MICROBITS_PER_BYTE) {
            return bytes * MICROBITS_PER_BYTE / durationUs;
        }
        // Only reachable with absurd totals (> 1 TB in one observation): double precision suffices.
        return Math.min((long) (bytes * (double) MICROBITS_PER_BYTE / durationUs), UnitMath.PLUS_INFINITY - 1);
    }
}
