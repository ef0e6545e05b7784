package dev.weir.gcc.probe;

/**
 * Remembers the probe clusters {@link ProbeController} requested, by id, so the
 * {@link ProbeBitrateEstimator} can learn a cluster's minimum packet and byte counts from
 * feedback that carries only the cluster id (libwebrtc carries them in each packet's
 * PacedPacketInfo). A small preallocated ring: the oldest request is overwritten first.
 *
 * <p>Not thread-safe: one instance per estimator, shared by its controller and probe estimator.
 */
public final class ProbeClusterRegistry {
    /** Default capacity: GCC has at most a handful of clusters in flight (2 initial + follow-ups). */
    public static final int DEFAULT_CAPACITY = 16;

    private final int[] clusterIds;
    private final int[] minProbes;
    private final long[] minBytes;
    private int next;
    private int count;

    public ProbeClusterRegistry(int capacity) {
        int size = Math.max(1, capacity);
        clusterIds = new int[size];
        minProbes = new int[size];
        minBytes = new long[size];
    }

    public ProbeClusterRegistry() {
        this(DEFAULT_CAPACITY);
    }

    /** Records a requested cluster; its min bytes are {@code rateBps * durationUs / 8e6}. */
    public void record(int clusterId, long rateBps, long durationUs, int minProbeCount) {
        double bytes = Math.max(0, rateBps) * (double) Math.max(0, durationUs) / 8e6;
        int slot = find(clusterId);
        if (slot < 0) {
            slot = next;
            next = (next + 1) % clusterIds.length;
            count = Math.min(count + 1, clusterIds.length);
        }
        clusterIds[slot] = clusterId;
        minProbes[slot] = Math.max(0, minProbeCount);
        minBytes[slot] = bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
    }

    /** Whether {@code clusterId} is known. */
    public boolean contains(int clusterId) {
        return find(clusterId) >= 0;
    }

    /** Minimum packets of the cluster, or 0 when unknown. */
    public int minProbes(int clusterId) {
        int slot = find(clusterId);
        return slot < 0 ? 0 : minProbes[slot];
    }

    /** Minimum bytes of the cluster, or 0 when unknown. */
    public long minBytes(int clusterId) {
        int slot = find(clusterId);
        return slot < 0 ? 0 : minBytes[slot];
    }

    private int find(int clusterId) {
        for (int i = 0; i < count; i++) {
            if (clusterIds[i] == clusterId) {
                return i;
            }
        }
        return -1;
    }
}
