package dev.weir.gcc.delay;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.config.ConfigCheck;

/**
 * Delay-gradient trend over a window of packet groups plus the overuse detector with adaptive
 * threshold. A port of libwebrtc's {@code modules/congestion_controller/goog_cc/trendline_estimator.cc}
 * (default field trials: no sorting, no slope cap; a {@link NetworkStatePredictor} can be injected as
 * in libwebrtc); the adaptive
 * threshold is the one of Carlucci et al., "Analysis and design of the Google congestion control
 * for WebRTC", MMSys 2016.
 *
 * <p>Per group: {@code acc += recv_delta - send_delta}; {@code smoothed = c*smoothed + (1-c)*acc};
 * the slope of the least-squares line through (arrival time, smoothed) over the window, times
 * {@code min(num_deltas, 60) * gain}, is compared with the threshold.
 *
 * <p>Allocation-free (ring buffer). Never throws; non-finite deltas are ignored and extreme ones
 * clamped, so the state never becomes NaN.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class TrendlineEstimator {
    /**
     * Largest |recv_delta - send_delta| one group may add, ms. InterArrivalDelta resets on 3 s clock
     * jumps, so real values are far smaller; this only keeps garbage from poisoning the filter.
     */
    private static final double MAX_DELAY_DELTA_MS = 10_000.0;

    private int windowSize;
    private double smoothingCoef;
    private double thresholdGain;
    private double initialThresholdMs;
    private double minThresholdMs;
    private double maxThresholdMs;
    private double kUp;
    private double kDown;
    private double maxAdaptOffsetMs;
    private double maxThresholdTimeDeltaMs;
    private double overusingTimeThresholdMs;
    private int overuseCountThreshold;
    private int minNumDeltas;
    private int deltaCounterMax;

    // Window of (arrival ms since first arrival, smoothed delay ms), oldest at windowStart.
    private double[] windowArrivalMs;
    private double[] windowSmoothedDelayMs;
    private int windowStart;
    private int windowCount;

    private int numDeltas;
    private boolean hasFirstArrival;
    private long firstArrivalUs;
    private double accumulatedDelayMs;
    private double smoothedDelayMs;
    private double thresholdMs;
    private double modifiedTrend;
    private boolean hasLastThresholdUpdate;
    private long lastThresholdUpdateUs;
    private double previousTrend;
    private double timeOverUsingMs;
    private int overuseCounter;
    private BandwidthUsage hypothesis;
    private BandwidthUsage hypothesisPredicted = BandwidthUsage.NORMAL;
    private NetworkStatePredictor predictor;

    /** @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} are invalid */
    public TrendlineEstimator(TrendlineSettings settings) {
        ConfigCheck check = ConfigCheck.of("trendline");
        settings.validate(check);
        check.throwIfInvalid();
        configure(settings);
        windowArrivalMs = new double[windowSize];
        windowSmoothedDelayMs = new double[windowSize];
        reset();
    }

    /**
     * Swaps the parameters (a network type's tuning) keeping the filter's state; a new window
     * size restarts the trend (its arrays are reallocated, once per swap, never per packet).
     * Returns false, changing nothing, if {@code settings} is invalid.
     */
    public boolean applySettings(TrendlineSettings settings) {
        ConfigCheck check = ConfigCheck.of("trendline");
        if (settings == null) {
            return false;
        }
        settings.validate(check);
        if (!check.isValid()) {
            return false;
        }
        boolean resize = settings.windowSize != windowSize;
        configure(settings);
        if (resize) {
            windowArrivalMs = new double[windowSize];
            windowSmoothedDelayMs = new double[windowSize];
            reset();
        }
        return true;
    }

    /** Injects (or with null removes) the predictor whose verdict replaces the detector's. */
    public void setNetworkStatePredictor(NetworkStatePredictor predictor) {
        this.predictor = predictor;
        hypothesisPredicted = hypothesis;
    }

    private void configure(TrendlineSettings settings) {
        windowSize = settings.windowSize;
        smoothingCoef = settings.smoothingCoef;
        thresholdGain = settings.thresholdGain;
        initialThresholdMs = settings.initialThresholdMs;
        minThresholdMs = settings.minThresholdMs;
        maxThresholdMs = settings.maxThresholdMs;
        kUp = settings.kUp;
        kDown = settings.kDown;
        maxAdaptOffsetMs = settings.maxAdaptOffsetMs;
        maxThresholdTimeDeltaMs = settings.maxThresholdTimeDeltaMs;
        overusingTimeThresholdMs = settings.overusingTimeThresholdMs;
        overuseCountThreshold = settings.overuseCountThreshold;
        minNumDeltas = settings.minNumDeltas;
        deltaCounterMax = settings.deltaCounterMax;
    }

    /** Back to the state of a new instance (libwebrtc recreates the estimator on stream timeout). */
    public void reset() {
        windowStart = 0;
        windowCount = 0;
        numDeltas = 0;
        hasFirstArrival = false;
        firstArrivalUs = 0;
        accumulatedDelayMs = 0.0;
        smoothedDelayMs = 0.0;
        thresholdMs = initialThresholdMs;
        modifiedTrend = 0.0;
        hasLastThresholdUpdate = false;
        lastThresholdUpdateUs = 0;
        previousTrend = 0.0;
        timeOverUsingMs = -1.0;
        overuseCounter = 0;
        hypothesis = BandwidthUsage.NORMAL;
        hypothesisPredicted = BandwidthUsage.NORMAL;
    }

    /**
     * Feeds one packet; only packets that completed a group ({@code calculatedDeltas}) move the filter.
     *
     * @param recvDeltaMs arrival delta between the two latest groups
     * @param sendDeltaMs send delta between the two latest groups
     * @param sendTimeUs send time of the packet (kept for API parity; the default detector ignores it)
     * @param arrivalTimeUs arrival time of the packet
     * @param sizeBytes size of the packet (kept for API parity; the default detector ignores it)
     * @param calculatedDeltas whether the deltas are valid
     */
    public void update(double recvDeltaMs, double sendDeltaMs, long sendTimeUs, long arrivalTimeUs, int sizeBytes,
                       boolean calculatedDeltas) {
        if (calculatedDeltas && Double.isFinite(recvDeltaMs) && Double.isFinite(sendDeltaMs)) {
            updateTrendline(recvDeltaMs, sendDeltaMs, arrivalTimeUs);
        }
        if (predictor != null) {
            BandwidthUsage predicted = predictor.update(sendTimeUs, arrivalTimeUs, hypothesis);
            hypothesisPredicted = predicted == null ? hypothesis : predicted;
        }
    }

    private void updateTrendline(double recvDeltaMs, double sendDeltaMs, long arrivalTimeUs) {
        double deltaMs = Math.max(-MAX_DELAY_DELTA_MS, Math.min(MAX_DELAY_DELTA_MS, recvDeltaMs - sendDeltaMs));
        numDeltas = Math.min(numDeltas + 1, deltaCounterMax);
        if (!hasFirstArrival) {
            hasFirstArrival = true;
            firstArrivalUs = arrivalTimeUs;
        }
        // Exponential backoff filter.
        accumulatedDelayMs += deltaMs;
        smoothedDelayMs = smoothingCoef * smoothedDelayMs + (1.0 - smoothingCoef) * accumulatedDelayMs;

        // Sliding window: overwrite the oldest point once full.
        double arrivalMs = (double) (arrivalTimeUs - firstArrivalUs) / 1000.0;
        int slot;
        if (windowCount < windowSize) {
            slot = (windowStart + windowCount) % windowSize;
            windowCount++;
        } else {
            slot = windowStart;
            windowStart = (windowStart + 1) % windowSize;
        }
        windowArrivalMs[slot] = arrivalMs;
        windowSmoothedDelayMs[slot] = smoothedDelayMs;

        double trend = previousTrend;
        if (windowCount == windowSize) {
            // Slope ~ (send_rate - capacity) / capacity: > 0 queues fill, < 0 they drain.
            trend = linearFitSlope(trend);
        }
        detect(trend, sendDeltaMs, arrivalTimeUs);
    }

    /** Least-squares slope of the window, or {@code fallback} when undefined. */
    private double linearFitSlope(double fallback) {
        double sumX = 0.0;
        double sumY = 0.0;
        for (int i = 0; i < windowCount; i++) {
            int idx = (windowStart + i) % windowSize;
            sumX += windowArrivalMs[idx];
            sumY += windowSmoothedDelayMs[idx];
        }
        double avgX = sumX / windowCount;
        double avgY = sumY / windowCount;
        double numerator = 0.0;
        double denominator = 0.0;
        for (int i = 0; i < windowCount; i++) {
            int idx = (windowStart + i) % windowSize;
            double dx = windowArrivalMs[idx] - avgX;
            numerator += dx * (windowSmoothedDelayMs[idx] - avgY);
            denominator += dx * dx;
        }
        if (denominator == 0.0) {
            return fallback;
        }
        double slope = numerator / denominator;
        return Double.isFinite(slope) ? slope : fallback;
    }

    private void detect(double trend, double tsDeltaMs, long nowUs) {
        if (numDeltas < 2) {
            hypothesis = BandwidthUsage.NORMAL;
            return;
        }
        modifiedTrend = Math.min(numDeltas, minNumDeltas) * trend * thresholdGain;
        if (modifiedTrend > thresholdMs) {
            if (timeOverUsingMs == -1.0) {
                // Assume we have been over-using half the time since the previous sample.
                timeOverUsingMs = tsDeltaMs / 2.0;
            } else {
                timeOverUsingMs += tsDeltaMs;
            }
            overuseCounter++;
            if (timeOverUsingMs > overusingTimeThresholdMs && overuseCounter > overuseCountThreshold
                    && trend >= previousTrend) {
                timeOverUsingMs = 0.0;
                overuseCounter = 0;
                hypothesis = BandwidthUsage.OVERUSING;
            }
        } else if (modifiedTrend < -thresholdMs) {
            timeOverUsingMs = -1.0;
            overuseCounter = 0;
            hypothesis = BandwidthUsage.UNDERUSING;
        } else {
            timeOverUsingMs = -1.0;
            overuseCounter = 0;
            hypothesis = BandwidthUsage.NORMAL;
        }
        previousTrend = trend;
        updateThreshold(modifiedTrend, nowUs);
    }

    private void updateThreshold(double modified, long nowUs) {
        if (!hasLastThresholdUpdate) {
            hasLastThresholdUpdate = true;
            lastThresholdUpdateUs = nowUs;
        }
        double absModified = Math.abs(modified);
        if (absModified > thresholdMs + maxAdaptOffsetMs) {
            // Do not adapt to big latency spikes, e.g. a sudden capacity drop.
            lastThresholdUpdateUs = nowUs;
            return;
        }
        double k = absModified < thresholdMs ? kDown : kUp;
        // Clamped at 0 too: a backwards arrival clock must not push the threshold the wrong way.
        double timeDeltaMs = Math.max(0.0, Math.min((nowUs - lastThresholdUpdateUs) / 1000.0, maxThresholdTimeDeltaMs));
        thresholdMs += k * (absModified - thresholdMs) * timeDeltaMs;
        thresholdMs = Math.max(minThresholdMs, Math.min(maxThresholdMs, thresholdMs));
        lastThresholdUpdateUs = nowUs;
    }

    /** The detector's verdict after the latest group. */
    public BandwidthUsage state() {
        return predictor != null ? hypothesisPredicted : hypothesis;
    }

    /** The latest {@code min(num_deltas, 60) * slope * gain}. */
    public double modifiedTrend() {
        return modifiedTrend;
    }

    /** The latest raw slope of the window (0 until the window first fills). */
    public double trend() {
        return previousTrend;
    }

    /** The adaptive threshold now. */
    public double thresholdMs() {
        return thresholdMs;
    }
}
