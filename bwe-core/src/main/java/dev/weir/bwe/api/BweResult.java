package dev.weir.bwe.api;

/**
 * The estimator's single output: the target bitrate and the diagnostics a client wants.
 *
 * <p>Caller-supplied and reused: every {@link BandwidthEstimator} event method overwrites all of
 * it, so the hot path allocates nothing. Probe requests are reported once, in the result of the
 * event that produced them.
 *
 * <p>Not thread-safe.
 */
public final class BweResult {
    /** {@link #networkType()} and {@link #parameterSetId()} of an estimator that does not steer. */
    public static final String NO_NETWORK_TYPE = "none";
    /** At most this many probe clusters are requested by one event (GCC asks for two at start). */
    public static final int MAX_PROBE_REQUESTS = 4;

    private long timeUs;
    private long targetRateBps;
    private long pacingRateBps;
    private long delayBasedRateBps;
    private long lossBasedRateBps;
    private long ackedRateBps;
    private BandwidthUsage delayState = BandwidthUsage.NORMAL;
    private double lossRatio;
    private long rttUs;
    private boolean inAlr;
    private double fecRatio;
    private long paddingRateBps;
    private long dataWindowBytes;
    private double cwndReduceRatio;
    private long pushbackRateBps;
    private String networkType = NO_NETWORK_TYPE;
    private String parameterSetId = NO_NETWORK_TYPE;
    private double networkTypeConfidence;
    private double congestionProbability;
    private double randomLossProbability;
    private final ProbeRequest[] probeRequests = new ProbeRequest[MAX_PROBE_REQUESTS];
    private int probeRequestCount;

    public BweResult() {
        for (int i = 0; i < probeRequests.length; i++) {
            probeRequests[i] = new ProbeRequest();
        }
    }

    /** Copies every field of {@code other} into this result. */
    public void copyFrom(BweResult other) {
        timeUs = other.timeUs;
        targetRateBps = other.targetRateBps;
        pacingRateBps = other.pacingRateBps;
        delayBasedRateBps = other.delayBasedRateBps;
        lossBasedRateBps = other.lossBasedRateBps;
        ackedRateBps = other.ackedRateBps;
        delayState = other.delayState;
        lossRatio = other.lossRatio;
        rttUs = other.rttUs;
        inAlr = other.inAlr;
        fecRatio = other.fecRatio;
        paddingRateBps = other.paddingRateBps;
        dataWindowBytes = other.dataWindowBytes;
        cwndReduceRatio = other.cwndReduceRatio;
        pushbackRateBps = other.pushbackRateBps;
        networkType = other.networkType;
        parameterSetId = other.parameterSetId;
        networkTypeConfidence = other.networkTypeConfidence;
        congestionProbability = other.congestionProbability;
        randomLossProbability = other.randomLossProbability;
        probeRequestCount = other.probeRequestCount;
        for (int i = 0; i < probeRequestCount; i++) {
            probeRequests[i].copyFrom(other.probeRequests[i]);
        }
    }

    /**
     * Whether every field of {@code other} equals this one's (doubles bit for bit, probe requests
     * in order): the exactness check of replays. Allocation-free. Not {@code equals}, which a
     * mutable, reused object must not override.
     */
    public boolean sameAs(BweResult other) {
        if (timeUs != other.timeUs || targetRateBps != other.targetRateBps || pacingRateBps != other.pacingRateBps
                || delayBasedRateBps != other.delayBasedRateBps || lossBasedRateBps != other.lossBasedRateBps
                || ackedRateBps != other.ackedRateBps || delayState != other.delayState
                || !sameBits(lossRatio, other.lossRatio) || rttUs != other.rttUs || inAlr != other.inAlr
                || !sameBits(fecRatio, other.fecRatio) || paddingRateBps != other.paddingRateBps
                || dataWindowBytes != other.dataWindowBytes || !sameBits(cwndReduceRatio, other.cwndReduceRatio)
                || pushbackRateBps != other.pushbackRateBps || !networkType.equals(other.networkType)
                || !parameterSetId.equals(other.parameterSetId)
                || !sameBits(networkTypeConfidence, other.networkTypeConfidence)
                || !sameBits(congestionProbability, other.congestionProbability)
                || !sameBits(randomLossProbability, other.randomLossProbability)
                || probeRequestCount != other.probeRequestCount) {
            return false;
        }
        for (int i = 0; i < probeRequestCount; i++) {
            ProbeRequest a = probeRequests[i];
            ProbeRequest b = other.probeRequests[i];
            if (a.clusterId() != b.clusterId() || a.rateBps() != b.rateBps() || a.durationUs() != b.durationUs()
                    || a.minProbes() != b.minProbes()) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /** Simulation or client time of this result, microseconds. */
    public long timeUs() {
        return timeUs;
    }

    /** The rate the encoder should target, bits per second; never negative. */
    public long targetRateBps() {
        return targetRateBps;
    }

    /** The rate the pacer should drain its queue at, bits per second. */
    public long pacingRateBps() {
        return pacingRateBps;
    }

    /** The delay-based (AIMD) estimate, bits per second. */
    public long delayBasedRateBps() {
        return delayBasedRateBps;
    }

    /** The loss-based estimate, bits per second. */
    public long lossBasedRateBps() {
        return lossBasedRateBps;
    }

    /** Acknowledged (received) throughput, bits per second; 0 while unknown. */
    public long ackedRateBps() {
        return ackedRateBps;
    }

    /** The delay detector's state. */
    public BandwidthUsage delayState() {
        return delayState;
    }

    /** Fraction of packets lost in the latest loss report, in [0, 1]. */
    public double lossRatio() {
        return lossRatio;
    }

    /** Latest round-trip time, microseconds; 0 while unknown. */
    public long rttUs() {
        return rttUs;
    }

    /** Whether the sender is application-limited (sends well below the estimate). */
    public boolean inAlr() {
        return inAlr;
    }

    /** Share of the target rate to spend on forward error correction, in [0, 1). */
    public double fecRatio() {
        return fecRatio;
    }

    /**
     * Rate the pacer should pad up to when media alone sends less, bits per second; 0 for none
     * (libwebrtc's PacerConfig padding rate: LossBasedBweV2 asks for padding to test a higher rate).
     */
    public long paddingRateBps() {
        return paddingRateBps;
    }

    /**
     * The congestion window, bytes: data in flight above it pushes the encoder back; 0 while
     * there is none (libwebrtc's congestion window pushback).
     */
    public long dataWindowBytes() {
        return dataWindowBytes;
    }

    /**
     * Share of frames the encoder should drop because the congestion window is full, in [0, 1)
     * (libwebrtc {@code cwnd_reduce_ratio}, DropFrame mode): the target stays, the frame rate
     * falls, so the encoder's rate is {@code target x (1 - ratio)}.
     */
    public double cwndReduceRatio() {
        return cwndReduceRatio;
    }

    /**
     * The target pushed back by the congestion window, bits per second: what the encoder
     * effectively gets (in DropFrame mode by dropping frames, otherwise as its target); equal to
     * {@link #targetRateBps()} when nothing is pushed back or the estimator has no congestion window.
     */
    public long pushbackRateBps() {
        return pushbackRateBps;
    }

    /**
     * The network type a steering estimator acts on (e.g. {@code random_loss}), or
     * {@link #NO_NETWORK_TYPE}. A constant string: reading it allocates nothing.
     */
    public String networkType() {
        return networkType;
    }

    /** Id of the parameter set in force (bundle and type), or {@link #NO_NETWORK_TYPE}. */
    public String parameterSetId() {
        return parameterSetId;
    }

    /** How strongly the evidence supports {@link #networkType()}, in [0, 1]; 0 without steering. */
    public double networkTypeConfidence() {
        return networkTypeConfidence;
    }

    /** The model's probability of congestion ahead, in [0, 1]; 0 without a model decision. */
    public double congestionProbability() {
        return congestionProbability;
    }

    /** The model's probability that current loss is random (not congestion), in [0, 1]; 0 without one. */
    public double randomLossProbability() {
        return randomLossProbability;
    }

    /** Number of probe clusters requested by the event that produced this result. */
    public int probeRequestCount() {
        return probeRequestCount;
    }

    /** The {@code index}-th probe request, valid for {@code index < probeRequestCount()}. */
    public ProbeRequest probeRequest(int index) {
        if (index < 0 || index >= probeRequestCount) {
            throw new IndexOutOfBoundsException("probe request " + index + " of " + probeRequestCount);
        }
        return probeRequests[index];
    }

    public BweResult timeUs(long value) {
        timeUs = value;
        return this;
    }

    public BweResult targetRateBps(long value) {
        targetRateBps = value;
        return this;
    }

    public BweResult pacingRateBps(long value) {
        pacingRateBps = value;
        return this;
    }

    public BweResult delayBasedRateBps(long value) {
        delayBasedRateBps = value;
        return this;
    }

    public BweResult lossBasedRateBps(long value) {
        lossBasedRateBps = value;
        return this;
    }

    public BweResult ackedRateBps(long value) {
        ackedRateBps = value;
        return this;
    }

    public BweResult delayState(BandwidthUsage value) {
        delayState = value;
        return this;
    }

    public BweResult lossRatio(double value) {
        lossRatio = value;
        return this;
    }

    public BweResult rttUs(long value) {
        rttUs = value;
        return this;
    }

    public BweResult inAlr(boolean value) {
        inAlr = value;
        return this;
    }

    public BweResult fecRatio(double value) {
        fecRatio = value;
        return this;
    }

    public BweResult paddingRateBps(long value) {
        paddingRateBps = value;
        return this;
    }

    public BweResult dataWindowBytes(long value) {
        dataWindowBytes = value;
        return this;
    }

    public BweResult cwndReduceRatio(double value) {
        cwndReduceRatio = value;
        return this;
    }

    public BweResult pushbackRateBps(long value) {
        pushbackRateBps = value;
        return this;
    }

    /** Sets the steering diagnostics; null strings read as {@link #NO_NETWORK_TYPE}. */
    public BweResult steering(String networkType, String parameterSetId, double networkTypeConfidence,
                              double congestionProbability, double randomLossProbability) {
        this.networkType = networkType == null ? NO_NETWORK_TYPE : networkType;
        this.parameterSetId = parameterSetId == null ? NO_NETWORK_TYPE : parameterSetId;
        this.networkTypeConfidence = networkTypeConfidence;
        this.congestionProbability = congestionProbability;
        this.randomLossProbability = randomLossProbability;
        return this;
    }

    /** Removes all probe requests. */
    public BweResult clearProbeRequests() {
        probeRequestCount = 0;
        return this;
    }

    /**
     * Adds a probe request; returns false (and drops it) when {@link #MAX_PROBE_REQUESTS} are
     * already present.
     */
    public boolean addProbeRequest(int clusterId, long rateBps, long durationUs, int minProbes) {
        if (probeRequestCount == MAX_PROBE_REQUESTS) {
            return false;
        }
        probeRequests[probeRequestCount++].set(clusterId, rateBps, durationUs, minProbes);
        return true;
    }

    @Override
    public String toString() {
        return "BweResult{timeUs=" + timeUs + ", targetRateBps=" + targetRateBps + ", delayBasedRateBps="
                + delayBasedRateBps + ", lossBasedRateBps=" + lossBasedRateBps + ", ackedRateBps=" + ackedRateBps
                + ", delayState=" + delayState + ", lossRatio=" + lossRatio + ", rttUs=" + rttUs + ", inAlr="
                + inAlr + ", fecRatio=" + fecRatio + ", paddingRateBps=" + paddingRateBps + ", dataWindowBytes="
                + dataWindowBytes + ", cwndReduceRatio=" + cwndReduceRatio + ", pushbackRateBps=" + pushbackRateBps + ", networkType=" + networkType + ", parameterSetId="
                + parameterSetId
                + ", probes=" + probeRequestCount + '}';
    }
}
