package dev.weir.bwe.api;

/**
 * A request to send one probe cluster: a short burst at {@link #rateBps()} whose packets carry
 * {@link #clusterId()} so their feedback can be matched to it (libwebrtc's ProbeClusterConfig).
 *
 * <p>Mutable and reused by {@link BweResult}; not thread-safe.
 */
public final class ProbeRequest {
    private int clusterId;
    private long rateBps;
    private long durationUs;
    private int minProbes;

    public void set(int clusterId, long rateBps, long durationUs, int minProbes) {
        this.clusterId = clusterId;
        this.rateBps = rateBps;
        this.durationUs = durationUs;
        this.minProbes = minProbes;
    }

    void copyFrom(ProbeRequest other) {
        set(other.clusterId, other.rateBps, other.durationUs, other.minProbes);
    }

    /** Id to stamp on every packet of this cluster (see {@link FeedbackReport#add}). */
    public int clusterId() {
        return clusterId;
    }

    /** Sending rate of the cluster, bits per second. */
    public long rateBps() {
        return rateBps;
    }

    /** Minimum duration of the cluster, microseconds. */
    public long durationUs() {
        return durationUs;
    }

    /** Minimum number of packets in the cluster. */
    public int minProbes() {
        return minProbes;
    }

    @Override
    public String toString() {
        return "ProbeRequest{cluster=" + clusterId + ", rateBps=" + rateBps + ", durationUs=" + durationUs
                + ", minProbes=" + minProbes + '}';
    }
}
