package dev.weir.gcc.probe;

import dev.weir.bwe.config.ConfigCheck;

/**
 * Rate measured by probe clusters, after libwebrtc's
 * {@code modules/congestion_controller/goog_cc/probe_bitrate_estimator.cc}.
 *
 * <p>Per cluster it aggregates the first/last send and receive times and sizes. Once at least 80%
 * of the cluster's minimum packets and bytes have been acknowledged, and both spans are positive
 * and at most 1 s, it computes the send rate (without the last sent packet) and the receive rate
 * (without the first received packet). A receive/send ratio above 2 is discarded. The estimate is
 * {@code min(send, receive)}, or {@code 0.95 x receive} when receive &lt; 0.9 x send (the probe
 * saturated the link). Every further packet of a complete cluster refines the estimate, as in
 * libwebrtc.
 *
 * <p>Clusters live in a small preallocated table; one not updated for 1 s (sender clock: receiver
 * clocks may jump) is forgotten, and when the table is full the least recently updated is reused.
 * Nothing is allocated per packet.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class ProbeBitrateEstimator {
    /** Clusters tracked at once: GCC has at most a few in flight within the 1 s history. */
    public static final int MAX_CLUSTERS = 8;
    /** Returned when no estimate is available. */
    public static final long NO_ESTIMATE = -1;
    /** Input times are limited to +-2^52 us (~142 years); others are garbage. */
    private static final long MAX_ABS_TIME_US = 1L << 52;
    /** Bits per byte times microseconds per second: bytes/us -> bps. */
    private static final double BPS_PER_BYTE_PER_US = 8e6;

    private final double minReceivedProbesRatio;
    private final double minReceivedBytesRatio;
    private final double maxValidRatio;
    private final double minRatioForUnsaturatedLink;
    private final double targetUtilizationFraction;
    private final long maxClusterHistoryUs;
    private final long maxProbeIntervalUs;

    private final boolean[] used = new boolean[MAX_CLUSTERS];
    private final int[] clusterIds = new int[MAX_CLUSTERS];
    private final long[] firstSendUs = new long[MAX_CLUSTERS];
    private final long[] lastSendUs = new long[MAX_CLUSTERS];
    private final long[] sizeLastSendBytes = new long[MAX_CLUSTERS];
    private final long[] firstReceiveUs = new long[MAX_CLUSTERS];
    private final long[] lastReceiveUs = new long[MAX_CLUSTERS];
    private final long[] sizeFirstReceiveBytes = new long[MAX_CLUSTERS];
    private final long[] sizeTotalBytes = new long[MAX_CLUSTERS];
    private final int[] numProbes = new int[MAX_CLUSTERS];
    private final long[] lastUpdateUs = new long[MAX_CLUSTERS];

    private long lastEstimateBps = NO_ESTIMATE;
    private long pendingEstimateBps = NO_ESTIMATE;

    /**
     * @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} is invalid
     */
    public ProbeBitrateEstimator(ProbeSettings settings) {
        ConfigCheck check = ConfigCheck.of("probe");
        settings.validate(check);
        check.throwIfInvalid();
        minReceivedProbesRatio = settings.minReceivedProbesRatio;
        minReceivedBytesRatio = settings.minReceivedBytesRatio;
        maxValidRatio = settings.maxValidRatio;
        minRatioForUnsaturatedLink = settings.minRatioForUnsaturatedLink;
        targetUtilizationFraction = settings.targetUtilizationFraction;
        maxClusterHistoryUs = settings.maxClusterHistoryMs * 1000;
        maxProbeIntervalUs = settings.maxProbeIntervalMs * 1000;
    }

    /** With libwebrtc's defaults. */
    public ProbeBitrateEstimator() {
        this(new ProbeSettings());
    }

    /**
     * One acknowledged probe packet, with its cluster's requirements looked up in
     * {@code registry}. Packets of clusters the registry does not know are ignored.
     *
     * @return the estimate in bps when the cluster is complete, else {@link #NO_ESTIMATE}
     */
    public long onProbePacket(int clusterId, long sendTimeUs, long arrivalTimeUs, int sizeBytes,
                              ProbeClusterRegistry registry, long nowUs) {
        if (registry == null) {
            return NO_ESTIMATE;
        }
        return onProbePacket(clusterId, sendTimeUs, arrivalTimeUs, sizeBytes, registry.minProbes(clusterId),
                registry.minBytes(clusterId), nowUs);
    }

    /**
     * One acknowledged probe packet of cluster {@code clusterId}, which was requested with at least
     * {@code minProbes} packets and {@code minBytes} bytes. Lost packets, negative cluster ids,
     * non-positive sizes or requirements and absurd times are ignored.
     *
     * @param nowUs sender clock, used to expire old clusters
     * @return the estimate in bps when the cluster is complete, else {@link #NO_ESTIMATE}
     */
    public long onProbePacket(int clusterId, long sendTimeUs, long arrivalTimeUs, int sizeBytes, int minProbes,
                              long minBytes, long nowUs) {
        if (clusterId < 0 || sizeBytes <= 0 || minProbes <= 0 || minBytes <= 0 || !saneTime(sendTimeUs)
                || !saneTime(arrivalTimeUs) || !saneTime(nowUs)) {
            return NO_ESTIMATE;
        }
        eraseOldClusters(nowUs);
        int c = slotFor(clusterId, nowUs);
        if (sendTimeUs < firstSendUs[c]) {
            firstSendUs[c] = sendTimeUs;
        }
        if (sendTimeUs > lastSendUs[c]) {
            lastSendUs[c] = sendTimeUs;
            sizeLastSendBytes[c] = sizeBytes;
        }
        if (arrivalTimeUs < firstReceiveUs[c]) {
            firstReceiveUs[c] = arrivalTimeUs;
            sizeFirstReceiveBytes[c] = sizeBytes;
        }
        if (arrivalTimeUs > lastReceiveUs[c]) {
            lastReceiveUs[c] = arrivalTimeUs;
        }
        sizeTotalBytes[c] += sizeBytes;
        numProbes[c]++;
        lastUpdateUs[c] = nowUs;

        int requiredProbes = (int) (minProbes * minReceivedProbesRatio);
        double requiredBytes = minBytes * minReceivedBytesRatio;
        if (numProbes[c] < requiredProbes || sizeTotalBytes[c] < requiredBytes) {
            return NO_ESTIMATE;
        }
        long sendIntervalUs = lastSendUs[c] - firstSendUs[c];
        long receiveIntervalUs = lastReceiveUs[c] - firstReceiveUs[c];
        if (sendIntervalUs <= 0 || sendIntervalUs > maxProbeIntervalUs || receiveIntervalUs <= 0
                || receiveIntervalUs > maxProbeIntervalUs) {
            return NO_ESTIMATE;
        }
        long sendBytes = sizeTotalBytes[c] - sizeLastSendBytes[c];
        long receiveBytes = sizeTotalBytes[c] - sizeFirstReceiveBytes[c];
        if (sendBytes <= 0 || receiveBytes <= 0) {
            return NO_ESTIMATE;
        }
        double sendRateBps = sendBytes * BPS_PER_BYTE_PER_US / sendIntervalUs;
        double receiveRateBps = receiveBytes * BPS_PER_BYTE_PER_US / receiveIntervalUs;
        if (receiveRateBps / sendRateBps > maxValidRatio) {
            return NO_ESTIMATE;
        }
        double resultBps = Math.min(sendRateBps, receiveRateBps);
        if (receiveRateBps < minRatioForUnsaturatedLink * sendRateBps) {
            // Received clearly slower than sent: the probe found the capacity; leave headroom.
            resultBps = targetUtilizationFraction * receiveRateBps;
        }
        long estimateBps = resultBps >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(resultBps);
        lastEstimateBps = estimateBps;
        pendingEstimateBps = estimateBps;
        return estimateBps;
    }

    /** The estimate produced since the last call, or {@link #NO_ESTIMATE}; clears it. */
    public long fetchAndResetLastEstimateBps() {
        long estimateBps = pendingEstimateBps;
        pendingEstimateBps = NO_ESTIMATE;
        return estimateBps;
    }

    /** The most recent estimate ever produced, or {@link #NO_ESTIMATE}. */
    public long lastEstimateBps() {
        return lastEstimateBps;
    }

    private void eraseOldClusters(long nowUs) {
        for (int i = 0; i < MAX_CLUSTERS; i++) {
            if (used[i] && lastUpdateUs[i] + maxClusterHistoryUs < nowUs) {
                used[i] = false;
            }
        }
    }

    /** The slot of {@code clusterId}, claiming a free or the least recently updated one if new. */
    private int slotFor(int clusterId, long nowUs) {
        int free = -1;
        int oldest = 0;
        for (int i = 0; i < MAX_CLUSTERS; i++) {
            if (used[i]) {
                if (clusterIds[i] == clusterId) {
                    return i;
                }
                if (lastUpdateUs[i] < lastUpdateUs[oldest] || !used[oldest]) {
                    oldest = i;
                }
            } else if (free < 0) {
                free = i;
            }
        }
        int c = free >= 0 ? free : oldest;
        used[c] = true;
        clusterIds[c] = clusterId;
        firstSendUs[c] = Long.MAX_VALUE;
        lastSendUs[c] = Long.MIN_VALUE;
        sizeLastSendBytes[c] = 0;
        firstReceiveUs[c] = Long.MAX_VALUE;
        lastReceiveUs[c] = Long.MIN_VALUE;
        sizeFirstReceiveBytes[c] = 0;
        sizeTotalBytes[c] = 0;
        numProbes[c] = 0;
        lastUpdateUs[c] = nowUs;
        return c;
    }

    private static boolean saneTime(long timeUs) {
        return timeUs > -MAX_ABS_TIME_US && timeUs < MAX_ABS_TIME_US;
    }
}
