package dev.weir.gcc.throughput;

/**
 * libwebrtc's default acknowledged-bitrate estimator
 * (modules/congestion_controller/goog_cc/acknowledged_bitrate_estimator.cc and
 * bitrate_estimator.cc): received bytes are summed over fixed windows (500 ms for the first sample,
 * 150 ms after), and each window's rate updates a one-dimensional Bayesian (Kalman-like) estimate
 * whose sample variance grows with the sample's distance from the estimate, so outliers move it
 * little and a real change moves it within a few windows.
 *
 * <p>Times are the receiver's arrival times; a clock going backwards resets the window. Nothing is
 * allocated per packet.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class AcknowledgedBitrateEstimator implements AckedRateEstimator {
    /** Arrival-clock values beyond +-2^52 us are garbage (keeps differences overflow-free). */
    private static final long MAX_ABS_TIME_US = 1L << 52;

    private final AckedBitrateSettings settings;
    private long sumBytes;
    private long currentWindowUs;
    private long prevTimeUs = Long.MIN_VALUE;
    private double estimateKbps = -1;
    private double estimateVariance;
    private boolean inAlr;
    private long alrEndedTimeUs = Long.MIN_VALUE;

    public AcknowledgedBitrateEstimator(AckedBitrateSettings settings) {
        dev.weir.bwe.config.ConfigCheck check = dev.weir.bwe.config.ConfigCheck.of("acked_bitrate");
        settings.validate(check);
        check.throwIfInvalid();
        this.settings = dev.weir.bwe.config.SettingsCopy.copy(settings);
        this.estimateVariance = settings.initialVariance;
    }

    public AcknowledgedBitrateEstimator() {
        this(new AckedBitrateSettings());
    }

    @Override
    public void onPacket(long sendTimeUs, long arrivalTimeUs, int sizeBytes) {
        if (sizeBytes < 0 || Math.abs(arrivalTimeUs) > MAX_ABS_TIME_US) {
            return;
        }
        if (alrEndedTimeUs != Long.MIN_VALUE && sendTimeUs > alrEndedTimeUs) {
            estimateVariance += settings.fastChangeVariance;
            alrEndedTimeUs = Long.MIN_VALUE;
        }
        update(arrivalTimeUs, sizeBytes);
    }

    @Override
    public long bitrateBps() {
        return estimateKbps < 0 ? 0 : Math.round(estimateKbps * 1000);
    }

    @Override
    public void setInAlr(boolean inAlr) {
        this.inAlr = inAlr;
    }

    @Override
    public void setAlrEndedTimeUs(long timeUs) {
        alrEndedTimeUs = timeUs;
    }

    private void update(long nowUs, int bytes) {
        long windowUs = (estimateKbps < 0 ? settings.initialWindowMs : settings.windowMs) * 1000;
        boolean smallSample = false;
        double sampleKbps = -1;
        if (nowUs < prevTimeUs) {
            prevTimeUs = Long.MIN_VALUE;
            sumBytes = 0;
            currentWindowUs = 0;
        }
        if (prevTimeUs != Long.MIN_VALUE) {
            currentWindowUs += nowUs - prevTimeUs;
            if (nowUs - prevTimeUs > windowUs) {
                // Nothing arrived for a whole window: start over, keeping the phase.
                sumBytes = 0;
                currentWindowUs %= windowUs;
            }
        }
        prevTimeUs = nowUs;
        if (currentWindowUs >= windowUs) {
            smallSample = sumBytes < settings.smallSampleThresholdBytes;
            sampleKbps = 8.0 * sumBytes / (windowUs / 1000.0);
            currentWindowUs -= windowUs;
            sumBytes = 0;
        }
        sumBytes += bytes;
        if (sampleKbps < 0) {
            return;
        }
        if (estimateKbps < 0) {
            estimateKbps = sampleKbps;
            return;
        }
        double scale = settings.uncertaintyScale;
        if (smallSample && sampleKbps < estimateKbps) {
            scale = settings.smallSampleUncertaintyScale;
        } else if (inAlr && sampleKbps < estimateKbps) {
            scale = settings.uncertaintyScaleInAlr;
        }
        double capKbps = settings.uncertaintySymmetryCapBps / 1000.0;
        double denominator = estimateKbps + Math.min(sampleKbps, capKbps);
        double sampleUncertainty = denominator > 0 ? scale * Math.abs(estimateKbps - sampleKbps) / denominator : 0;
        double sampleVariance = sampleUncertainty * sampleUncertainty;
        double predictedVariance = estimateVariance + settings.varianceIncreasePerUpdate;
        double total = sampleVariance + predictedVariance;
        if (total > 0) {
            estimateKbps = (sampleVariance * estimateKbps + predictedVariance * sampleKbps) / total;
            estimateVariance = sampleVariance * predictedVariance / total;
        } else {
            estimateKbps = sampleKbps;
        }
        estimateKbps = Math.max(estimateKbps, settings.estimateFloorBps / 1000.0);
    }
}
