package dev.weir.sim.media;

/**
 * A growable FIFO ring of packets waiting in the pacer, stored as primitive arrays so queueing
 * allocates nothing once the ring is large enough.
 *
 * <p>Not thread-safe: one instance per pacer.
 */
final class PacketQueue {
    private byte[] kinds = new byte[64];
    private int[] sizesBytes = new int[64];
    private int[] frameIds = new int[64];
    private int[] mediaIds = new int[64];
    private long[] enqueueTimesUs = new long[64];
    private long enqueueTimeSumUs;
    private int head;
    private int count;
    private long bytes;

    void add(PacketKind kind, int sizeBytes, int frameId, int mediaId, long nowUs) {
        if (count == kinds.length) {
            grow();
        }
        int tail = (head + count) & (kinds.length - 1);
        kinds[tail] = (byte) kind.ordinal();
        sizesBytes[tail] = sizeBytes;
        frameIds[tail] = frameId;
        mediaIds[tail] = mediaId;
        enqueueTimesUs[tail] = nowUs;
        enqueueTimeSumUs += nowUs;
        count++;
        bytes += sizeBytes;
    }

    private void grow() {
        int capacity = kinds.length * 2;
        byte[] newKinds = new byte[capacity];
        int[] newSizes = new int[capacity];
        int[] newFrames = new int[capacity];
        int[] newMedia = new int[capacity];
        long[] newTimes = new long[capacity];
        for (int i = 0; i < count; i++) {
            int from = (head + i) & (kinds.length - 1);
            newKinds[i] = kinds[from];
            newSizes[i] = sizesBytes[from];
            newFrames[i] = frameIds[from];
            newMedia[i] = mediaIds[from];
            newTimes[i] = enqueueTimesUs[from];
        }
        kinds = newKinds;
        sizesBytes = newSizes;
        frameIds = newFrames;
        mediaIds = newMedia;
        enqueueTimesUs = newTimes;
        head = 0;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** Sum of the enqueue times of the queued packets, microseconds. */
    long enqueueTimeSumUs() {
        return enqueueTimeSumUs;
    }

    PacketKind headKind() {
        return PacketKind.ofOrdinal(kinds[head]);
    }

    int headSizeBytes() {
        return sizesBytes[head];
    }

    int headFrameId() {
        return frameIds[head];
    }

    int headMediaId() {
        return mediaIds[head];
    }

    void removeHead() {
        bytes -= sizesBytes[head];
        enqueueTimeSumUs -= enqueueTimesUs[head];
        head = (head + 1) & (kinds.length - 1);
        count--;
    }
}
