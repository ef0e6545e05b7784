package dev.weir.gcc.delay;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.config.ConfigCheck;

/**
 * The delay-based half of goog_cc: {@link InterArrivalDelta} -> {@link TrendlineEstimator} ->
 * {@link AimdRateControl}. A port of libwebrtc's
 * {@code modules/congestion_controller/goog_cc/delay_based_bwe.cc} ({@code IncomingPacketFeedbackVector},
 * {@code IncomingPacketFeedback}, {@code MaybeUpdateEstimate}) with default field trials (one
 * inter-arrival stream for audio and video, no small-packet filter, no network state predictor).
 *
 * <p>Use per feedback report: {@link #onPacket} for every received packet, in arrival order, then
 * {@link #onReportEnd} once. Allocation-free in steady state. Never throws on feedback input.
 *
 * <p>Not thread-safe: one instance per call/estimator.
 */
public final class DelayBasedBwe {
    private final InterArrivalDelta interArrival;
    private final TrendlineEstimator trendline;
    private final AimdRateControl rateControl;
    private final InterArrivalDelta.Deltas deltas = new InterArrivalDelta.Deltas();
    private final long streamTimeoutUs;
    private final boolean alrLimitedBackoff;

    private boolean hasLastSeenPacket;
    private long lastSeenPacketUs;
    // Per-report bookkeeping (libwebrtc's locals of IncomingPacketFeedbackVector).
    private int packetsInReport;
    private BandwidthUsage reportPreviousState = BandwidthUsage.NORMAL;
    private boolean reportRecoveredFromOveruse;
    // What MaybeUpdateEstimate last logged.
    private long previousBitrateBps;
    private BandwidthUsage previousState = BandwidthUsage.NORMAL;
    private boolean hasOnceDetectedOveruse;

    /** @throws dev.weir.bwe.config.InvalidSettingsException listing every invalid field of {@code settings} */
    public DelayBasedBwe(DelayBasedSettings settings) {
        ConfigCheck check = ConfigCheck.of("delay_based");
        settings.validate(check);
        check.throwIfInvalid();
        interArrival = new InterArrivalDelta(settings.interArrival);
        trendline = new TrendlineEstimator(settings.trendline);
        rateControl = new AimdRateControl(settings.aimd);
        streamTimeoutUs = settings.interArrival.streamTimeoutMs * 1000;
        alrLimitedBackoff = settings.alrLimitedBackoff;
    }

    /**
     * One received packet of the current feedback report. Call in arrival order.
     *
     * @param sendTimeUs sender clock
     * @param arrivalTimeUs receiver clock
     * @param sizeBytes packet size
     * @param nowUs local time the report is processed (the same for all packets of a report)
     */
    public void onPacket(long sendTimeUs, long arrivalTimeUs, int sizeBytes, long nowUs) {
        if (packetsInReport == 0) {
            reportPreviousState = trendline.state();
            reportRecoveredFromOveruse = false;
        }
        packetsInReport++;
        // Restart grouping and trend after a silent period (a clock running backwards is no silence).
        if (!hasLastSeenPacket || (nowUs > lastSeenPacketUs && nowUs - lastSeenPacketUs > streamTimeoutUs)) {
            interArrival.reset();
            trendline.reset();
        }
        hasLastSeenPacket = true;
        lastSeenPacketUs = nowUs;

        boolean calculated = interArrival.computeDeltas(sendTimeUs, arrivalTimeUs, nowUs, sizeBytes, deltas);
        trendline.update(deltas.arrivalDeltaUs / 1000.0, deltas.sendDeltaUs / 1000.0, sendTimeUs, arrivalTimeUs,
                sizeBytes, calculated);
        BandwidthUsage state = trendline.state();
        if (reportPreviousState == BandwidthUsage.UNDERUSING && state == BandwidthUsage.NORMAL) {
            reportRecoveredFromOveruse = true;
        }
        reportPreviousState = state;
    }

    /**
     * Ends the current report and updates the estimate.
     *
     * @param ackedRateBps acknowledged throughput; {@code <= 0} when unknown
     * @param probeRateBps probe result completed by this report; {@code <= 0} when none
     * @param inAlr whether the sender is application-limited
     * @param nowUs feedback time
     * @param out overwritten with the outcome; returned
     * @return {@code out}; not updated when the report held no packet
     */
    public DelayBasedResult onReportEnd(long ackedRateBps, long probeRateBps, boolean inAlr, long nowUs,
                                        DelayBasedResult out) {
        if (packetsInReport == 0) {
            // Very late feedback: nothing to learn from.
            out.clear(trendline.state());
            return out;
        }
        packetsInReport = 0;
        rateControl.setInApplicationLimitedRegion(inAlr);
        return maybeUpdateEstimate(ackedRateBps, probeRateBps, reportRecoveredFromOveruse, inAlr, nowUs, out);
    }

    private DelayBasedResult maybeUpdateEstimate(long ackedRateBps, long probeRateBps, boolean recoveredFromOveruse,
                                                 boolean inAlr, long nowUs, DelayBasedResult out) {
        BandwidthUsage state = trendline.state();
        out.clear(state);
        if (state == BandwidthUsage.OVERUSING) {
            if (hasOnceDetectedOveruse && inAlr && alrLimitedBackoff) {
                if (rateControl.timeToReduceFurther(nowUs, previousBitrateBps)) {
                    long targetBps = rateControl.update(state, previousBitrateBps, nowUs);
                    out.setUpdate(rateControl.validEstimate(), false, targetBps);
                    out.setBackoffInAlr(true);
                }
            } else if (ackedRateBps > 0 && rateControl.timeToReduceFurther(nowUs, ackedRateBps)) {
                long targetBps = rateControl.update(state, ackedRateBps, nowUs);
                out.setUpdate(rateControl.validEstimate(), false, targetBps);
            } else if (ackedRateBps <= 0 && rateControl.validEstimate()
                    && rateControl.initialTimeToReduceFurther(nowUs)) {
                // Overusing before any throughput is known: halve, at most once per reduction interval.
                rateControl.setEstimate(rateControl.latestEstimateBps() / 2, nowUs);
                out.setUpdate(true, false, rateControl.latestEstimateBps());
            }
            hasOnceDetectedOveruse = true;
        } else if (probeRateBps > 0) {
            rateControl.setEstimate(probeRateBps, nowUs);
            out.setUpdate(true, true, rateControl.latestEstimateBps());
        } else {
            long targetBps = rateControl.update(state, ackedRateBps, nowUs);
            out.setUpdate(rateControl.validEstimate(), false, targetBps);
            out.setRecoveredFromOveruse(recoveredFromOveruse);
        }
        if ((out.updated() && previousBitrateBps != out.targetBitrateBps()) || state != previousState) {
            previousBitrateBps = out.updated() ? out.targetBitrateBps() : previousBitrateBps;
            previousState = state;
        }
        return out;
    }

    /**
     * Swaps the trendline and AIMD parameters (a network type's tuning) without resetting the
     * estimate. Returns false, changing nothing, if either is invalid.
     */
    public boolean applyTuning(TrendlineSettings trendlineSettings, AimdSettings aimdSettings) {
        ConfigCheck check = ConfigCheck.of("delay_based");
        if (trendlineSettings == null || aimdSettings == null) {
            return false;
        }
        trendlineSettings.validate(check.child("trendline"));
        aimdSettings.validate(check.child("aimd"));
        if (!check.isValid()) {
            return false;
        }
        return trendline.applySettings(trendlineSettings) && rateControl.applySettings(aimdSettings);
    }

    /** Injects (or with null removes) a predictor whose verdict replaces the overuse detector's. */
    public void setNetworkStatePredictor(NetworkStatePredictor predictor) {
        trendline.setNetworkStatePredictor(predictor);
    }

    /** Feeds the smoothed round-trip time to the rate control; ignores {@code <= 0}. */
    public void setRtt(long rttUs) {
        rateControl.setRtt(rttUs);
    }

    /** Sets the starting estimate (valid from now on); ignores {@code <= 0}. */
    public void setStartBitrate(long rateBps) {
        rateControl.setStartBitrate(rateBps);
    }

    /** Sets the floor of the estimate. */
    public void setMinBitrate(long rateBps) {
        rateControl.setMinBitrate(rateBps);
    }

    /** The current delay-based estimate, bps (meaningful when {@link #validEstimate()}). */
    public long lastEstimateBps() {
        return rateControl.latestEstimateBps();
    }

    /** Whether an estimate exists. */
    public boolean validEstimate() {
        return rateControl.validEstimate();
    }

    /** The overuse detector's current verdict. */
    public BandwidthUsage state() {
        return trendline.state();
    }

    /** The overuse detector's modified trend, ms (compared with {@link #thresholdMs()}). */
    public double modifiedTrendMs() {
        return trendline.modifiedTrend();
    }

    /** The overuse detector's adaptive threshold, ms. */
    public double thresholdMs() {
        return trendline.thresholdMs();
    }

    /** The AIMD state machine's current state. */
    public RateControlState rateControlState() {
        return rateControl.state();
    }

    /** Expected time between delay-based decreases (used by goog_cc for ALR probing and loss-based tuning). */
    public long expectedBandwidthPeriodUs() {
        return rateControl.expectedBandwidthPeriodUs();
    }
}
