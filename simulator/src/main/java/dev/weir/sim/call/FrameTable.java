package dev.weir.sim.call;

import java.util.Arrays;

/**
 * What the sender encoded, as the receiver learns it from RTP headers: per frame its first video
 * packet (media id), packet count, key-frame flag and size; per video packet its frame and FEC
 * group; per FEC group its packet range. Growable primitive arrays.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class FrameTable {
    private int frameCount;
    private int[] frameFirstMediaId = new int[256];
    private int[] framePackets = new int[256];
    private boolean[] frameKey = new boolean[256];
    private int[] frameBytes = new int[256];

    private int mediaCount;
    private int[] mediaFrame = new int[4096];
    private int[] mediaGroup = new int[4096];
    private int[] mediaSizeBytes = new int[4096];

    private int groupCount;
    private int[] groupFirstMediaId = new int[1024];
    private int[] groupEndMediaId = new int[1024];

    /** Adds a frame of {@code packets} packets of {@code packetBytes} each; returns its id. */
    int addFrame(int packets, int packetBytes, boolean key, int bytes) {
        if (frameCount == frameFirstMediaId.length) {
            int capacity = frameCount * 2;
            frameFirstMediaId = Arrays.copyOf(frameFirstMediaId, capacity);
            framePackets = Arrays.copyOf(framePackets, capacity);
            frameKey = Arrays.copyOf(frameKey, capacity);
            frameBytes = Arrays.copyOf(frameBytes, capacity);
        }
        int frame = frameCount++;
        frameFirstMediaId[frame] = mediaCount;
        framePackets[frame] = packets;
        frameKey[frame] = key;
        frameBytes[frame] = bytes;
        for (int i = 0; i < packets; i++) {
            if (mediaCount == mediaFrame.length) {
                int capacity = mediaCount * 2;
                mediaFrame = Arrays.copyOf(mediaFrame, capacity);
                mediaGroup = Arrays.copyOf(mediaGroup, capacity);
                mediaSizeBytes = Arrays.copyOf(mediaSizeBytes, capacity);
            }
            mediaFrame[mediaCount] = frame;
            mediaGroup[mediaCount] = -1;
            mediaSizeBytes[mediaCount] = packetBytes;
            mediaCount++;
        }
        return frame;
    }

    /** Adds an FEC group protecting media ids {@code [firstMediaId, endMediaId)}; returns its id. */
    int addGroup(int firstMediaId, int endMediaId) {
        if (groupCount == groupFirstMediaId.length) {
            int capacity = groupCount * 2;
            groupFirstMediaId = Arrays.copyOf(groupFirstMediaId, capacity);
            groupEndMediaId = Arrays.copyOf(groupEndMediaId, capacity);
        }
        int group = groupCount++;
        groupFirstMediaId[group] = firstMediaId;
        groupEndMediaId[group] = endMediaId;
        for (int id = firstMediaId; id < endMediaId; id++) {
            mediaGroup[id] = group;
        }
        return group;
    }

    int frameCount() {
        return frameCount;
    }

    int firstMediaId(int frame) {
        return frameFirstMediaId[frame];
    }

    int packets(int frame) {
        return framePackets[frame];
    }

    boolean isKey(int frame) {
        return frameKey[frame];
    }

    int frameBytes(int frame) {
        return frameBytes[frame];
    }

    int mediaCount() {
        return mediaCount;
    }

    int frameOf(int mediaId) {
        return mediaFrame[mediaId];
    }

    int groupOf(int mediaId) {
        return mediaGroup[mediaId];
    }

    int mediaSizeBytes(int mediaId) {
        return mediaSizeBytes[mediaId];
    }

    int groupCount() {
        return groupCount;
    }

    int groupFirst(int group) {
        return groupFirstMediaId[group];
    }

    int groupEnd(int group) {
        return groupEndMediaId[group];
    }
}
