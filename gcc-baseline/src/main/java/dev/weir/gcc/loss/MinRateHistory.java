package dev.weir.gcc.loss;

/**
 * Sliding-window minimum of the target rate (libwebrtc's {@code min_bitrate_history_} in
 * send_side_bandwidth_estimation.cc): a monotonic deque of (time, rate) whose front is the
 * minimum over the window. Stored in a preallocated ring; nothing is allocated per update.
 *
 * <p>Not thread-safe: owned by one {@link SendSideBandwidthEstimation}.
 */
final class MinRateHistory {
    private final long[] timesUs;
    private final long[] ratesBps;
    private int head;
    private int count;

    MinRateHistory(int capacity) {
        timesUs = new long[capacity];
        ratesBps = new long[capacity];
    }

    boolean isEmpty() {
        return count == 0;
    }

    void clear() {
        head = 0;
        count = 0;
    }

    /** Minimum rate in the window; only valid when not empty. */
    long frontRateBps() {
        return ratesBps[head];
    }

    long frontTimeUs() {
        return timesUs[head];
    }

    void popFront() {
        head = (head + 1) % timesUs.length;
        count--;
    }

    long backRateBps() {
        return ratesBps[(head + count - 1) % timesUs.length];
    }

    void popBack() {
        count--;
    }

    /**
     * Appends a sample. When the ring is full (more updates inside one window than its capacity)
     * the oldest entry is dropped: the window then starts a little later, which only matters for
     * callers updating far more often than once per millisecond.
     */
    void pushBack(long timeUs, long rateBps) {
        if (count == timesUs.length) {
            popFront();
        }
        int slot = (head + count) % timesUs.length;
        timesUs[slot] = timeUs;
        ratesBps[slot] = rateBps;
        count++;
    }

    int size() {
        return count;
    }
}
