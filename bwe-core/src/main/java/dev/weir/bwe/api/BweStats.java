package dev.weir.bwe.api;

/**
 * A snapshot of an estimator for logging and dashboards, filled on demand by
 * {@link BandwidthEstimator#stats}: the constraints in force, what the estimator has been told
 * (packets, reports, route changes) and what it is running (bundle, network type). Counters start
 * at construction and only grow.
 *
 * <p>Caller-supplied and reused: {@link BandwidthEstimator#stats} overwrites every field and
 * allocates nothing (strings are the estimator's constants); only {@link #toString()} allocates.
 *
 * <p>Not thread-safe: fill and read it on the estimator's thread (or hand a copy over).
 */
public final class BweStats {
    private String estimatorName = BweResult.NO_NETWORK_TYPE;
    private long timeUs;
    private long targetRateBps;
    private long minBitrateBps;
    private long startBitrateBps;
    private long maxBitrateBps;
    private long remoteEstimateBps;
    private boolean networkAvailable = true;
    private long routeChanges;
    private long packetsSent;
    private long feedbackReports;
    private long packetsReceived;
    private long packetsLost;
    private long feedbackPacketsIgnored;
    private long probeClustersRequested;
    private String bundleId = BweResult.NO_NETWORK_TYPE;
    private String networkType = BweResult.NO_NETWORK_TYPE;
    private String parameterSetId = BweResult.NO_NETWORK_TYPE;

    /** {@link BandwidthEstimator#name()}. */
    public String estimatorName() {
        return estimatorName;
    }

    /** Time of the latest event with a time, microseconds on the caller's clock. */
    public long timeUs() {
        return timeUs;
    }

    /** The target of the latest result, bits per second. */
    public long targetRateBps() {
        return targetRateBps;
    }

    /** The minimum target in force, bits per second. */
    public long minBitrateBps() {
        return minBitrateBps;
    }

    /** The start rate last configured, bits per second. */
    public long startBitrateBps() {
        return startBitrateBps;
    }

    /** The maximum target in force, bits per second. */
    public long maxBitrateBps() {
        return maxBitrateBps;
    }

    /** The receiver-estimated maximum (REMB) capping the target, bits per second; 0 for none. */
    public long remoteEstimateBps() {
        return remoteEstimateBps;
    }

    /** Whether the network was last reported available. */
    public boolean networkAvailable() {
        return networkAvailable;
    }

    /** Network route changes since construction. */
    public long routeChanges() {
        return routeChanges;
    }

    /** {@link BandwidthEstimator#onPacketSent} calls since construction. */
    public long packetsSent() {
        return packetsSent;
    }

    /** {@link BandwidthEstimator#onFeedback} calls since construction. */
    public long feedbackReports() {
        return feedbackReports;
    }

    /** Packets feedback reported received (each counted once where the estimator deduplicates). */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Packets feedback reported lost (each counted once where the estimator deduplicates). */
    public long packetsLost() {
        return packetsLost;
    }

    /** Feedback entries the estimator ignored: duplicates, stale sequence numbers, garbage times, old routes. */
    public long feedbackPacketsIgnored() {
        return feedbackPacketsIgnored;
    }

    /** Probe clusters requested since construction. */
    public long probeClustersRequested() {
        return probeClustersRequested;
    }

    /** Id of the steering bundle in force, or {@link BweResult#NO_NETWORK_TYPE}. */
    public String bundleId() {
        return bundleId;
    }

    /** {@link BweResult#networkType()} of the latest result. */
    public String networkType() {
        return networkType;
    }

    /** {@link BweResult#parameterSetId()} of the latest result. */
    public String parameterSetId() {
        return parameterSetId;
    }

    /** Sets name, time and the latest target. */
    public BweStats estimate(String estimatorName, long timeUs, long targetRateBps) {
        this.estimatorName = estimatorName == null ? BweResult.NO_NETWORK_TYPE : estimatorName;
        this.timeUs = timeUs;
        this.targetRateBps = targetRateBps;
        return this;
    }

    /** Sets the constraints in force (bits per second; remote estimate 0 for none). */
    public BweStats constraints(long minBitrateBps, long startBitrateBps, long maxBitrateBps, long remoteEstimateBps,
                                boolean networkAvailable) {
        this.minBitrateBps = minBitrateBps;
        this.startBitrateBps = startBitrateBps;
        this.maxBitrateBps = maxBitrateBps;
        this.remoteEstimateBps = remoteEstimateBps;
        this.networkAvailable = networkAvailable;
        return this;
    }

    /** Sets the counters. */
    public BweStats counters(long packetsSent, long feedbackReports, long packetsReceived, long packetsLost,
                             long feedbackPacketsIgnored, long probeClustersRequested, long routeChanges) {
        this.packetsSent = packetsSent;
        this.feedbackReports = feedbackReports;
        this.packetsReceived = packetsReceived;
        this.packetsLost = packetsLost;
        this.feedbackPacketsIgnored = feedbackPacketsIgnored;
        this.probeClustersRequested = probeClustersRequested;
        this.routeChanges = routeChanges;
        return this;
    }

    /** Sets the steering state; null strings read as {@link BweResult#NO_NETWORK_TYPE}. */
    public BweStats steering(String bundleId, String networkType, String parameterSetId) {
        this.bundleId = bundleId == null ? BweResult.NO_NETWORK_TYPE : bundleId;
        this.networkType = networkType == null ? BweResult.NO_NETWORK_TYPE : networkType;
        this.parameterSetId = parameterSetId == null ? BweResult.NO_NETWORK_TYPE : parameterSetId;
        return this;
    }

    /** One log line (allocates). */
    @Override
    public String toString() {
        return estimatorName + " at " + timeUs + " us: target " + targetRateBps + " bps in [" + minBitrateBps + ", "
                + maxBitrateBps + "] (start " + startBitrateBps + ", remote " + remoteEstimateBps + ", network "
                + (networkAvailable ? "up" : "down") + ", route changes " + routeChanges + "); sent " + packetsSent
                + ", reports " + feedbackReports + ", received " + packetsReceived + ", lost " + packetsLost
                + ", ignored " + feedbackPacketsIgnored + ", probe clusters " + probeClustersRequested + "; bundle "
                + bundleId + ", network type " + networkType + ", parameter set " + parameterSetId;
    }
}
