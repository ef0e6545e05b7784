package dev.weir.sim.media;

import dev.weir.bwe.api.FeedbackReport;

/**
 * Leaky-bucket pacer after libwebrtc's {@code modules/pacing/pacing_controller.cc} and
 * {@code bitrate_prober.cc}: packets leave one at a time, spaced by their size at the pacing rate;
 * priorities audio > retransmission > video > FEC (libwebrtc's {@code GetPriorityForType});
 * when the queue would take longer than the queue time limit to drain, the rate rises so that it
 * drains within the limit minus the packets' average time in queue (libwebrtc's
 * {@code queue_time_limit}, 2 s).
 *
 * <p>Probing: requested clusters run one after another. While a cluster is active the pacer sends
 * at the cluster's rate, queued media first and padding ({@link PacketKind#PROBE}) when the queue
 * is empty, every packet stamped with the cluster id; the cluster ends once it has sent at least
 * its minimum number of probes and {@code rate x duration} bytes (as {@code BitrateProber}).
 *
 * <p>Padding: with a padding rate set (the estimator's {@code paddingRateBps}, libwebrtc's
 * PacerConfig padding rate, which LossBasedBweV2 asks for to test a higher rate), the pacer sends
 * padding ({@link PacketKind#PROBE} outside any cluster) whenever no media is queued, spaced at the
 * padding rate, so the total send rate is about max(media rate, padding rate), as libwebrtc's
 * padding budget, which media also consumes, allows.
 *
 * <p>After {@link #sendNext} the accessors {@link #sentKind()} etc. describe the chosen packet.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class Pacer {
    /** Probe clusters that can wait behind the active one; more are ignored. */
    private static final int MAX_PENDING_CLUSTERS = 8;
    /** Microseconds per second. */
    private static final long US_PER_S = 1_000_000L;
    /** Largest probe cluster, bytes (10 MB): a nonsense duration cannot make the pacer probe forever. */
    private static final double MAX_CLUSTER_BYTES = 10_000_000;
    /** Most probes one cluster may demand (libwebrtc asks for 5). */
    private static final int MAX_CLUSTER_PROBES = 1_000;
    /** Highest rate accepted, bps (100 Gbps): keeps the gap arithmetic far from overflow on nonsense input. */
    private static final long MAX_RATE_BPS = 100_000_000_000L;
    /** Floor of the time left to drain the queue, microseconds (libwebrtc uses 1 ms). */
    private static final long MIN_DRAIN_TIME_US = 1_000;

    private final PacketQueue audio = new PacketQueue();
    private final PacketQueue retransmissions = new PacketQueue();
    private final PacketQueue video = new PacketQueue();
    private final PacketQueue fec = new PacketQueue();
    private final int paddingSizeBytes;
    private final long queueTimeLimitUs;

    private long pacingRateBps;
    private long paddingRateBps;
    private long nextSendUs;
    private long lastSendUs = Long.MIN_VALUE;
    private int lastSentSizeBytes;

    private final int[] clusterIds = new int[MAX_PENDING_CLUSTERS];
    private final long[] clusterRatesBps = new long[MAX_PENDING_CLUSTERS];
    private final long[] clusterMinBytes = new long[MAX_PENDING_CLUSTERS];
    private final int[] clusterMinProbes = new int[MAX_PENDING_CLUSTERS];
    private int clusterCount;
    private long activeSentBytes;
    private int activeSentProbes;

    private PacketKind sentKind;
    private int sentSizeBytes;
    private int sentFrameId;
    private int sentMediaId;
    private int sentClusterId;

    /**
     * @param paddingSizeBytes size of a probe padding packet
     * @param queueTimeLimitUs longest time the queue may take to drain before the rate rises
     * @param initialPacingRateBps pacing rate until {@link #setPacingRateBps} is called
     */
    public Pacer(int paddingSizeBytes, long queueTimeLimitUs, long initialPacingRateBps) {
        this.paddingSizeBytes = Math.max(1, paddingSizeBytes);
        this.queueTimeLimitUs = Math.max(1, queueTimeLimitUs);
        setPacingRateBps(initialPacingRateBps);
    }

    /**
     * Sets the pacing rate (at least 1 bps). Outside probing, the gap after the last packet is
     * re-timed at the new rate, so a rate rise takes effect at once.
     */
    public void setPacingRateBps(long rateBps) {
        pacingRateBps = Math.max(1, Math.min(MAX_RATE_BPS, rateBps));
        if (clusterCount == 0 && lastSendUs != Long.MIN_VALUE) {
            nextSendUs = lastSendUs + gapUs(lastSentSizeBytes, mediaRateBps(lastSendUs));
        }
    }

    /** Padding rate, bits per second; 0 (or less) sends no padding outside probe clusters. */
    public void setPaddingRateBps(long rateBps) {
        paddingRateBps = Math.max(0, Math.min(MAX_RATE_BPS, rateBps));
    }

    /** Pacing rate, raised so the queue drains within the time limit (libwebrtc PacingController). */
    private long mediaRateBps(long nowUs) {
        int packets = audio.count() + retransmissions.count() + video.count() + fec.count();
        if (packets == 0) {
            return pacingRateBps;
        }
        long enqueueSumUs = audio.enqueueTimeSumUs() + retransmissions.enqueueTimeSumUs() + video.enqueueTimeSumUs()
                + fec.enqueueTimeSumUs();
        long averageWaitUs = nowUs - enqueueSumUs / packets;
        long timeLeftUs = Math.max(MIN_DRAIN_TIME_US, queueTimeLimitUs - averageWaitUs);
        long drainRateBps = (long) (queuedBytes() * 8.0 * US_PER_S / timeLeftUs);
        return Math.max(pacingRateBps, drainRateBps);
    }

    private static long gapUs(int sizeBytes, long rateBps) {
        return (sizeBytes * 8L * US_PER_S + rateBps - 1) / rateBps;
    }

    public long pacingRateBps() {
        return pacingRateBps;
    }

    /** Queues one packet, enqueued at {@code nowUs}, at the back of its priority class. */
    public void enqueue(PacketKind kind, int sizeBytes, int frameId, int mediaId, long nowUs) {
        queueFor(kind).add(kind, sizeBytes, frameId, mediaId, nowUs);
    }

    private PacketQueue queueFor(PacketKind kind) {
        return switch (kind) {
            case AUDIO -> audio;
            case RETRANSMISSION -> retransmissions;
            case FEC -> fec;
            default -> video;
        };
    }

    /**
     * Requests a probe cluster; ignored when {@link #MAX_PENDING_CLUSTERS} are waiting or the
     * rate is not positive.
     */
    public void addProbeCluster(int clusterId, long rateBps, long durationUs, int minProbes) {
        if (clusterCount == MAX_PENDING_CLUSTERS || rateBps <= 0) {
            return;
        }
        clusterIds[clusterCount] = clusterId;
        clusterRatesBps[clusterCount] = Math.min(MAX_RATE_BPS, rateBps);
        clusterMinBytes[clusterCount] = (long) Math.min(MAX_CLUSTER_BYTES,
                (double) clusterRatesBps[clusterCount] * Math.max(0, durationUs) / (8.0 * US_PER_S));
        clusterMinProbes[clusterCount] = Math.max(1, Math.min(MAX_CLUSTER_PROBES, minProbes));
        clusterCount++;
    }

    /** Whether a probe cluster is active or waiting. */
    public boolean probing() {
        return clusterCount > 0;
    }

    /** Whether anything is waiting to be sent (packets or probe clusters). */
    public boolean hasWork() {
        return clusterCount > 0 || paddingRateBps > 0 || hasMedia();
    }

    private boolean hasMedia() {
        return !audio.isEmpty() || !retransmissions.isEmpty() || !video.isEmpty() || !fec.isEmpty();
    }

    /** Bytes waiting in all queues. */
    public long queuedBytes() {
        return audio.bytes() + retransmissions.bytes() + video.bytes() + fec.bytes();
    }

    /** Time the queue would take to drain at the pacing rate. */
    public long expectedQueueTimeUs() {
        return (long) (queuedBytes() * 8.0 * US_PER_S / pacingRateBps);
    }

    /** When the next packet may leave: {@code nowUs} or later; {@link Long#MAX_VALUE} if idle. */
    public long nextSendTimeUs(long nowUs) {
        if (clusterCount == 0 && paddingRateBps > 0 && !hasMedia()) {
            // Padding only: spaced at the padding rate after the last packet of any kind.
            long paddingUs = lastSendUs == Long.MIN_VALUE ? nowUs
                    : lastSendUs + gapUs(lastSentSizeBytes, paddingRateBps);
            return Math.max(nowUs, Math.max(nextSendUs, paddingUs));
        }
        return hasWork() ? Math.max(nowUs, nextSendUs) : Long.MAX_VALUE;
    }

    /**
     * Sends the next packet (call at or after {@link #nextSendTimeUs}, with {@link #hasWork()}).
     * Returns false when there was nothing to send.
     */
    public boolean sendNext(long nowUs) {
        PacketQueue queue = !audio.isEmpty() ? audio
                : !retransmissions.isEmpty() ? retransmissions
                : !video.isEmpty() ? video
                : !fec.isEmpty() ? fec : null;
        boolean probing = clusterCount > 0;
        boolean padding = queue == null && !probing && paddingRateBps > 0;
        if (queue == null && !probing && !padding) {
            return false;
        }
        if (queue != null) {
            sentKind = queue.headKind();
            sentSizeBytes = queue.headSizeBytes();
            sentFrameId = queue.headFrameId();
            sentMediaId = queue.headMediaId();
            queue.removeHead();
        } else {
            sentKind = PacketKind.PROBE;
            sentSizeBytes = paddingSizeBytes;
            sentFrameId = -1;
            sentMediaId = -1;
        }
        long rateBps;
        if (probing) {
            sentClusterId = clusterIds[0];
            rateBps = clusterRatesBps[0];
            activeSentBytes += sentSizeBytes;
            activeSentProbes++;
            if (activeSentProbes >= clusterMinProbes[0] && activeSentBytes >= clusterMinBytes[0]) {
                finishActiveCluster();
            }
        } else if (padding) {
            sentClusterId = FeedbackReport.NOT_A_PROBE;
            rateBps = paddingRateBps;
        } else {
            sentClusterId = FeedbackReport.NOT_A_PROBE;
            rateBps = mediaRateBps(nowUs);
        }
        lastSendUs = Math.max(nextSendUs, nowUs);
        lastSentSizeBytes = sentSizeBytes;
        nextSendUs = lastSendUs + gapUs(sentSizeBytes, rateBps);
        return true;
    }

    private void finishActiveCluster() {
        for (int i = 1; i < clusterCount; i++) {
            clusterIds[i - 1] = clusterIds[i];
            clusterRatesBps[i - 1] = clusterRatesBps[i];
            clusterMinBytes[i - 1] = clusterMinBytes[i];
            clusterMinProbes[i - 1] = clusterMinProbes[i];
        }
        clusterCount--;
        activeSentBytes = 0;
        activeSentProbes = 0;
    }

    /** Kind of the packet chosen by the last {@link #sendNext}. */
    public PacketKind sentKind() {
        return sentKind;
    }

    public int sentSizeBytes() {
        return sentSizeBytes;
    }

    /** Video frame of the last packet, or -1. */
    public int sentFrameId() {
        return sentFrameId;
    }

    /** Media id of the last packet (see the call's packet log), or -1. */
    public int sentMediaId() {
        return sentMediaId;
    }

    /** Probe cluster of the last packet, or {@link FeedbackReport#NOT_A_PROBE}. */
    public int sentClusterId() {
        return sentClusterId;
    }
}
