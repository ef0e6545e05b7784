package dev.weir.gcc.delay;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.config.ConfigCheck;

/**
 * Additive-increase / multiplicative-decrease control of the delay-based estimate. A port of
 * libwebrtc's {@code modules/remote_bitrate_estimator/aimd_rate_control.cc} (send side, default
 * field trials: additional 5 kbps back-off term on, no network state estimate).
 *
 * <ul>
 *   <li>Normal: Hold becomes Increase. Far from the link capacity (no estimate): multiplicative
 *       {@code rate * (1.08^min(dt_s, 1) - 1)}, at least 1 kbps. Near it: additive
 *       {@code avg_packet_bits / (2 * (rtt + 100 ms))} per second, at least 4000 bps/s.
 *       Increases stop at {@code 1.5 * acked + 10 kbps}.</li>
 *   <li>Overusing: decrease to {@code 0.85 * acked - 5 kbps} (never above the current rate), then Hold.</li>
 *   <li>Underusing: Hold.</li>
 * </ul>
 *
 * <p>Deviation from libwebrtc: estimates are also clamped to the configured maximum (libwebrtc
 * clamps only to the minimum). Never throws; time running backwards counts as no time passing.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class AimdRateControl {
    /** Rates above this are nonsense input; keeps double arithmetic far from overflow (1 Tbps). */
    private static final double MAX_SANE_RATE_BPS = 1e12;
    /** Floor until the call sets its own (libwebrtc kCongestionControllerMinBitrate, 5 kbps). */
    private static final long MIN_BITRATE_BPS = 5_000;
    private static final long US_PER_S = 1_000_000L;
    private static final long US_PER_MS = 1_000L;
    private static final double BITS_PER_BYTE = 8.0;
    /** RTT samples above this are nonsense; keeps the response-time arithmetic bounded (600 s). */
    private static final long MAX_RTT_US = 600L * US_PER_S;

    private double backoffFactor;
    private long additionalBackoffBps;
    private long maxBitrateBps;
    private double multiplicativeIncreaseFactor;
    private long minMultiplicativeIncreaseBps;
    private double minAdditiveIncreaseBpsPerSecond;
    private long frameIntervalUs;
    private int assumedPacketSizeBytes;
    private long overuseDetectorDelayUs;
    private double increaseLimitFactor;
    private long increaseLimitOffsetBps;
    private long minReductionIntervalUs;
    private long maxReductionIntervalUs;
    private double reduceFurtherThroughputRatio;
    private long initializationTimeUs;
    private long minBandwidthPeriodUs;
    private long defaultBandwidthPeriodUs;
    private long maxBandwidthPeriodUs;
    private boolean noIncreaseInAlr;

    private final LinkCapacityEstimator linkCapacity;
    private long minBitrateBps;
    private long currentBitrateBps;
    private long latestEstimatedThroughputBps;
    private RateControlState state = RateControlState.HOLD;
    private boolean hasLastBitrateChange;
    private long timeLastBitrateChangeUs;
    private boolean hasFirstThroughputEstimate;
    private long timeFirstThroughputEstimateUs;
    private boolean bitrateIsInitialized;
    private boolean inAlr;
    private long rttUs;
    private boolean hasLastDecrease;
    private long lastDecreaseBps;

    /** @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} are invalid */
    public AimdRateControl(AimdSettings settings) {
        ConfigCheck check = ConfigCheck.of("aimd");
        settings.validate(check);
        check.throwIfInvalid();
        configure(settings);
        linkCapacity = new LinkCapacityEstimator(settings);
        minBitrateBps = MIN_BITRATE_BPS;
        rttUs = settings.defaultRttMs * US_PER_MS;
        // libwebrtc starts at the configured maximum until initialised.
        currentBitrateBps = maxBitrateBps;
        latestEstimatedThroughputBps = currentBitrateBps;
    }

    /**
     * Swaps the parameters (a network type's tuning) keeping the estimate, state and link-capacity
     * estimate; the ceiling clamps the current estimate. Returns false, changing nothing, if
     * {@code settings} is invalid.
     */
    public boolean applySettings(AimdSettings settings) {
        if (settings == null) {
            return false;
        }
        ConfigCheck check = ConfigCheck.of("aimd");
        settings.validate(check);
        if (!check.isValid()) {
            return false;
        }
        configure(settings);
        linkCapacity.configure(settings);
        currentBitrateBps = clampBitrate(currentBitrateBps);
        return true;
    }

    private void configure(AimdSettings settings) {
        backoffFactor = settings.backoffFactor;
        additionalBackoffBps = settings.additionalBackoffBps;
        maxBitrateBps = settings.maxBitrateBps;
        multiplicativeIncreaseFactor = settings.multiplicativeIncreaseFactor;
        minMultiplicativeIncreaseBps = settings.minMultiplicativeIncreaseBps;
        minAdditiveIncreaseBpsPerSecond = settings.minAdditiveIncreaseBpsPerSecond;
        frameIntervalUs = US_PER_S / settings.assumedFrameRateFps;
        assumedPacketSizeBytes = settings.assumedPacketSizeBytes;
        overuseDetectorDelayUs = settings.overuseDetectorDelayMs * US_PER_MS;
        increaseLimitFactor = settings.increaseLimitFactor;
        increaseLimitOffsetBps = settings.increaseLimitOffsetBps;
        minReductionIntervalUs = settings.minReductionIntervalMs * US_PER_MS;
        maxReductionIntervalUs = settings.maxReductionIntervalMs * US_PER_MS;
        reduceFurtherThroughputRatio = settings.reduceFurtherThroughputRatio;
        initializationTimeUs = settings.initializationTimeMs * US_PER_MS;
        minBandwidthPeriodUs = settings.minBandwidthPeriodMs * US_PER_MS;
        defaultBandwidthPeriodUs = settings.defaultBandwidthPeriodMs * US_PER_MS;
        maxBandwidthPeriodUs = settings.maxBandwidthPeriodMs * US_PER_MS;
        noIncreaseInAlr = settings.noIncreaseInAlr;
    }

    /** Sets the initial estimate and marks it valid. Non-positive values are ignored. */
    public void setStartBitrate(long rateBps) {
        if (rateBps <= 0) {
            return;
        }
        currentBitrateBps = clampBitrate(rateBps);
        latestEstimatedThroughputBps = currentBitrateBps;
        bitrateIsInitialized = true;
    }

    /** Raises (or lowers) the floor of the estimate; values outside [1, max] are clamped. */
    public void setMinBitrate(long rateBps) {
        minBitrateBps = Math.max(1, Math.min(rateBps, maxBitrateBps));
        currentBitrateBps = Math.max(minBitrateBps, currentBitrateBps);
    }

    /** Whether an estimate exists (start rate, probe, first overuse or 5 s of throughput). */
    public boolean validEstimate() {
        return bitrateIsInitialized;
    }

    /** The current estimate, bps. */
    public long latestEstimateBps() {
        return currentBitrateBps;
    }

    /** The current state machine state. */
    public RateControlState state() {
        return state;
    }

    /** Updates the round-trip time used for the additive slope and the reduction interval; ignores {@code <= 0}. */
    public void setRtt(long rttUs) {
        if (rttUs > 0) {
            this.rttUs = Math.min(rttUs, MAX_RTT_US);
        }
    }

    /** Tells whether the sender is application-limited (matters only with {@code no_increase_in_alr}). */
    public void setInApplicationLimitedRegion(boolean inAlr) {
        this.inAlr = inAlr;
    }

    /** Overrides the estimate, e.g. with a probe result; marks it valid. Non-positive values are ignored. */
    public void setEstimate(long rateBps, long nowUs) {
        if (rateBps <= 0) {
            return;
        }
        bitrateIsInitialized = true;
        currentBitrateBps = clampBitrate(rateBps);
        hasLastBitrateChange = true;
        timeLastBitrateChangeUs = nowUs;
    }

    /**
     * Whether a further decrease is allowed: clamp(rtt, 10, 200) ms since the last change, or
     * throughput below half the estimate.
     */
    public boolean timeToReduceFurther(long nowUs, long estimatedThroughputBps) {
        long intervalUs = Math.max(minReductionIntervalUs, Math.min(maxReductionIntervalUs, rttUs));
        if (!hasLastBitrateChange || elapsedUs(timeLastBitrateChangeUs, nowUs) >= intervalUs) {
            return true;
        }
        if (bitrateIsInitialized) {
            return estimatedThroughputBps < reduceFurtherThroughputRatio * currentBitrateBps;
        }
        return false;
    }

    /** {@link #timeToReduceFurther} when no throughput is known yet (libwebrtc's InitialTimeToReduceFurther). */
    public boolean initialTimeToReduceFurther(long nowUs) {
        return bitrateIsInitialized && timeToReduceFurther(nowUs, currentBitrateBps / 2 - 1);
    }

    /**
     * Additive slope near the link capacity, bps per second: one average packet per response time
     * {@code 2 * (rtt + 100 ms)}, at least 4000 bps/s. Integer arithmetic as libwebrtc's units do,
     * so the unit-test figures match exactly.
     */
    public double nearMaxIncreaseRateBpsPerSecond() {
        // DataRate * TimeDelta -> DataSize rounds to whole bytes.
        long frameSizeBytes = (currentBitrateBps * frameIntervalUs + 4 * US_PER_S) / (8 * US_PER_S);
        double packetsPerFrame = Math.ceil((double) frameSizeBytes / assumedPacketSizeBytes);
        // DataSize / double rounds to whole bytes.
        double avgPacketSizeBytes = packetsPerFrame > 0 ? Math.round(frameSizeBytes / packetsPerFrame) : 0.0;
        long responseTimeUs = 2 * (rttUs + overuseDetectorDelayUs);
        // DataSize / TimeDelta -> DataRate truncates to whole bps.
        double increaseBpsPerSecond = responseTimeUs > 0
                ? Math.floor(avgPacketSizeBytes * BITS_PER_BYTE * US_PER_S / responseTimeUs)
                : minAdditiveIncreaseBpsPerSecond;
        return Math.max(minAdditiveIncreaseBpsPerSecond, increaseBpsPerSecond);
    }

    /** Expected time between decreases: last decrease / additive slope, clamped to [2 s, 50 s]; 3 s before any. */
    public long expectedBandwidthPeriodUs() {
        if (!hasLastDecrease) {
            return defaultBandwidthPeriodUs;
        }
        double periodUs = lastDecreaseBps / nearMaxIncreaseRateBpsPerSecond() * US_PER_S;
        return Math.max(minBandwidthPeriodUs, Math.min(maxBandwidthPeriodUs, Math.round(periodUs)));
    }

    /**
     * Runs the state machine on a detector verdict.
     *
     * @param usage the delay detector's state
     * @param ackedRateBps acknowledged (throughput) rate; {@code <= 0} when unknown
     * @param nowUs feedback time
     * @return the new estimate, bps
     */
    public long update(BandwidthUsage usage, long ackedRateBps, long nowUs) {
        boolean hasThroughput = ackedRateBps > 0;
        long throughputBps = hasThroughput ? (long) Math.min(ackedRateBps, MAX_SANE_RATE_BPS) : 0;
        if (!bitrateIsInitialized) {
            // Without a start rate, adopt the throughput seen after the initialisation time.
            if (!hasFirstThroughputEstimate) {
                if (hasThroughput) {
                    hasFirstThroughputEstimate = true;
                    timeFirstThroughputEstimateUs = nowUs;
                }
            } else if (elapsedUs(timeFirstThroughputEstimateUs, nowUs) > initializationTimeUs && hasThroughput) {
                currentBitrateBps = clampBitrate(throughputBps);
                bitrateIsInitialized = true;
            }
        }
        changeBitrate(usage == null ? BandwidthUsage.NORMAL : usage, hasThroughput, throughputBps, nowUs);
        return currentBitrateBps;
    }

    private void changeBitrate(BandwidthUsage usage, boolean hasThroughput, long ackedBps, long nowUs) {
        long estimatedThroughputBps = hasThroughput ? ackedBps : latestEstimatedThroughputBps;
        if (hasThroughput) {
            latestEstimatedThroughputBps = ackedBps;
        }
        // An overuse always acts, even before the first estimate: acting on it yields one.
        if (!bitrateIsInitialized && usage != BandwidthUsage.OVERUSING) {
            return;
        }
        changeState(usage, nowUs);
        long newBitrateBps = currentBitrateBps;
        switch (state) {
            case HOLD:
                break;
            case INCREASE: {
                if (estimatedThroughputBps > linkCapacity.upperBoundBps()) {
                    linkCapacity.reset();
                }
                // Bound increases by the throughput so an idle sender cannot inflate the estimate.
                double increaseLimitBps = increaseLimitFactor * estimatedThroughputBps + increaseLimitOffsetBps;
                if (inAlr && noIncreaseInAlr) {
                    increaseLimitBps = currentBitrateBps;
                }
                if (currentBitrateBps < increaseLimitBps) {
                    double increasedBps = linkCapacity.hasEstimate()
                            ? currentBitrateBps + additiveRateIncreaseBps(nowUs)
                            : currentBitrateBps + multiplicativeRateIncreaseBps(nowUs);
                    newBitrateBps = Math.round(Math.min(increasedBps, increaseLimitBps));
                }
                hasLastBitrateChange = true;
                timeLastBitrateChangeUs = nowUs;
                break;
            }
            case DECREASE: {
                // Slightly below the measured throughput, to drain the self-induced queue.
                double decreasedBps = Math.round(estimatedThroughputBps * backoffFactor);
                if (decreasedBps > additionalBackoffBps) {
                    decreasedBps -= additionalBackoffBps;
                }
                if (decreasedBps > currentBitrateBps && linkCapacity.hasEstimate()) {
                    decreasedBps = Math.round(backoffFactor * linkCapacity.estimateBps());
                }
                boolean decreased = decreasedBps < currentBitrateBps;
                if (decreased) {
                    newBitrateBps = (long) decreasedBps;
                }
                if (bitrateIsInitialized && estimatedThroughputBps < currentBitrateBps) {
                    hasLastDecrease = true;
                    lastDecreaseBps = decreased ? currentBitrateBps - newBitrateBps : 0;
                }
                if (estimatedThroughputBps < linkCapacity.lowerBoundBps()) {
                    // Throughput far below the capacity estimate: restart it from this sample.
                    linkCapacity.reset();
                }
                bitrateIsInitialized = true;
                linkCapacity.onOveruseDetected(estimatedThroughputBps);
                // Stay on hold until the queues have drained.
                state = RateControlState.HOLD;
                hasLastBitrateChange = true;
                timeLastBitrateChangeUs = nowUs;
                break;
            }
            default:
                break;
        }
        currentBitrateBps = clampBitrate(newBitrateBps);
    }

    private void changeState(BandwidthUsage usage, long nowUs) {
        switch (usage) {
            case NORMAL:
                if (state == RateControlState.HOLD) {
                    hasLastBitrateChange = true;
                    timeLastBitrateChangeUs = nowUs;
                    state = RateControlState.INCREASE;
                }
                break;
            case OVERUSING:
                state = RateControlState.DECREASE;
                break;
            case UNDERUSING:
                state = RateControlState.HOLD;
                break;
            default:
                break;
        }
    }

    private double multiplicativeRateIncreaseBps(long nowUs) {
        double alpha = multiplicativeIncreaseFactor;
        if (hasLastBitrateChange) {
            double elapsedS = elapsedUs(timeLastBitrateChangeUs, nowUs) / (double) US_PER_S;
            alpha = Math.pow(alpha, Math.min(elapsedS, 1.0));
        }
        return Math.max(currentBitrateBps * (alpha - 1.0), minMultiplicativeIncreaseBps);
    }

    private double additiveRateIncreaseBps(long nowUs) {
        double elapsedS = hasLastBitrateChange ? elapsedUs(timeLastBitrateChangeUs, nowUs) / (double) US_PER_S : 0.0;
        return nearMaxIncreaseRateBpsPerSecond() * elapsedS;
    }

    private long clampBitrate(long rateBps) {
        return Math.max(minBitrateBps, Math.min(maxBitrateBps, rateBps));
    }

    /** {@code nowUs - sinceUs}, 0 when time ran backwards, saturating instead of overflowing. */
    private static long elapsedUs(long sinceUs, long nowUs) {
        long diff = nowUs - sinceUs;
        boolean overflow = ((nowUs ^ sinceUs) & (nowUs ^ diff)) < 0;
        if (overflow) {
            return nowUs > sinceUs ? Long.MAX_VALUE : 0;
        }
        return Math.max(0, diff);
    }
}
