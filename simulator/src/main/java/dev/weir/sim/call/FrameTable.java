package dev.weir.sim.call;

/**
 * What the sender encoded, as the receiver learns it from RTP headers: per frame its first video
 * packet (media id), packet count, key-frame flag and size; per video packet its frame and FEC
 * group; per FEC group its packet range. Ids are 0, 1, 2, ... in encode order, and a frame's media
 * ids and groups are contiguous and follow those of the frame before.
 *
 * <p>Frames before {@link #release}'s floor are dropped with their media and groups: the call
 * releases what neither side can use any more (frames the receiver has decoded or abandoned whose
 * packets no NACK in flight can still ask for), so the table holds the frames of the last moments
 * of a call, not all of them. Reading a released id throws; callers test
 * {@link #firstHeldMediaId()} / {@link #firstHeldGroup()} first where a late packet may name one.
 * Storage: power-of-two rings that grow when the held range outgrows them.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class FrameTable {
    private int firstFrame;
    private int frameCount;
    private int frameMask = 255;
    private int[] frameFirstMediaId = new int[256];
    private int[] frameFirstGroup = new int[256];
    private int[] framePackets = new int[256];
    private boolean[] frameKey = new boolean[256];
    private int[] frameBytes = new int[256];

    private int firstMedia;
    private int mediaCount;
    private int mediaMask = 4095;
    private int[] mediaFrame = new int[4096];
    private int[] mediaGroup = new int[4096];
    private int[] mediaSizeBytes = new int[4096];

    private int firstGroup;
    private int groupCount;
    private int groupMask = 1023;
    private int[] groupFirstMediaId = new int[1024];
    private int[] groupEndMediaId = new int[1024];
    private int maxHeldMedia;

    /** Adds a frame of {@code packets} packets of {@code packetBytes} each; returns its id. */
    int addFrame(int packets, int packetBytes, boolean key, int bytes) {
        if (frameCount - firstFrame == frameMask + 1) {
            growFrames();
        }
        int frame = frameCount++;
        int slot = frame & frameMask;
        frameFirstMediaId[slot] = mediaCount;
        frameFirstGroup[slot] = groupCount;
        framePackets[slot] = packets;
        frameKey[slot] = key;
        frameBytes[slot] = bytes;
        for (int i = 0; i < packets; i++) {
            if (mediaCount - firstMedia == mediaMask + 1) {
                growMedia();
            }
            int media = mediaCount++;
            mediaFrame[media & mediaMask] = frame;
            mediaGroup[media & mediaMask] = -1;
            mediaSizeBytes[media & mediaMask] = packetBytes;
        }
        maxHeldMedia = Math.max(maxHeldMedia, mediaCount - firstMedia);
        return frame;
    }

    /** Most video packets (media ids) held at once so far. */
    int maxHeldMedia() {
        return maxHeldMedia;
    }

    /** Adds an FEC group protecting media ids {@code [firstMediaId, endMediaId)} of the newest frame; returns its id. */
    int addGroup(int firstMediaId, int endMediaId) {
        if (groupCount - firstGroup == groupMask + 1) {
            growGroups();
        }
        int group = groupCount++;
        groupFirstMediaId[group & groupMask] = firstMediaId;
        groupEndMediaId[group & groupMask] = endMediaId;
        for (int id = firstMediaId; id < endMediaId; id++) {
            mediaGroup[mediaSlot(id)] = group;
        }
        return group;
    }

    /**
     * Drops every frame before {@code frameFloor}, with its media and groups (a floor below the
     * current one changes nothing).
     */
    void release(int frameFloor) {
        int floor = Math.min(frameFloor, frameCount);
        if (floor <= firstFrame) {
            return;
        }
        if (floor == frameCount) {
            firstMedia = mediaCount;
            firstGroup = groupCount;
        } else {
            firstMedia = frameFirstMediaId[floor & frameMask];
            firstGroup = frameFirstGroup[floor & frameMask];
        }
        firstFrame = floor;
    }

    private void growFrames() {
        int capacity = (frameMask + 1) * 2;
        int[] firstMediaIds = new int[capacity];
        int[] firstGroups = new int[capacity];
        int[] packets = new int[capacity];
        boolean[] keys = new boolean[capacity];
        int[] bytes = new int[capacity];
        for (int frame = firstFrame; frame < frameCount; frame++) {
            int from = frame & frameMask;
            int to = frame & (capacity - 1);
            firstMediaIds[to] = frameFirstMediaId[from];
            firstGroups[to] = frameFirstGroup[from];
            packets[to] = framePackets[from];
            keys[to] = frameKey[from];
            bytes[to] = frameBytes[from];
        }
        frameFirstMediaId = firstMediaIds;
        frameFirstGroup = firstGroups;
        framePackets = packets;
        frameKey = keys;
        frameBytes = bytes;
        frameMask = capacity - 1;
    }

    private void growMedia() {
        int capacity = (mediaMask + 1) * 2;
        int[] frames = new int[capacity];
        int[] groups = new int[capacity];
        int[] sizes = new int[capacity];
        for (int media = firstMedia; media < mediaCount; media++) {
            int from = media & mediaMask;
            int to = media & (capacity - 1);
            frames[to] = mediaFrame[from];
            groups[to] = mediaGroup[from];
            sizes[to] = mediaSizeBytes[from];
        }
        mediaFrame = frames;
        mediaGroup = groups;
        mediaSizeBytes = sizes;
        mediaMask = capacity - 1;
    }

    private void growGroups() {
        int capacity = (groupMask + 1) * 2;
        int[] firsts = new int[capacity];
        int[] ends = new int[capacity];
        for (int group = firstGroup; group < groupCount; group++) {
            firsts[group & (capacity - 1)] = groupFirstMediaId[group & groupMask];
            ends[group & (capacity - 1)] = groupEndMediaId[group & groupMask];
        }
        groupFirstMediaId = firsts;
        groupEndMediaId = ends;
        groupMask = capacity - 1;
    }

    int frameCount() {
        return frameCount;
    }

    /** First frame still held. */
    int firstHeldFrame() {
        return firstFrame;
    }

    /** First media id still held: older ones belong to released frames. */
    int firstHeldMediaId() {
        return firstMedia;
    }

    /** First FEC group still held: older ones belong to released frames. */
    int firstHeldGroup() {
        return firstGroup;
    }

    int firstMediaId(int frame) {
        return frameFirstMediaId[frameSlot(frame)];
    }

    int packets(int frame) {
        return framePackets[frameSlot(frame)];
    }

    boolean isKey(int frame) {
        return frameKey[frameSlot(frame)];
    }

    int frameBytes(int frame) {
        return frameBytes[frameSlot(frame)];
    }

    int mediaCount() {
        return mediaCount;
    }

    int frameOf(int mediaId) {
        return mediaFrame[mediaSlot(mediaId)];
    }

    int groupOf(int mediaId) {
        return mediaGroup[mediaSlot(mediaId)];
    }

    int mediaSizeBytes(int mediaId) {
        return mediaSizeBytes[mediaSlot(mediaId)];
    }

    int groupCount() {
        return groupCount;
    }

    int groupFirst(int group) {
        return groupFirstMediaId[groupSlot(group)];
    }

    int groupEnd(int group) {
        return groupEndMediaId[groupSlot(group)];
    }

    private int frameSlot(int frame) {
        if (frame < firstFrame || frame >= frameCount) {
            throw new IllegalStateException("frame " + frame + " is not held (held " + firstFrame + ".." + frameCount + ")");
        }
        return frame & frameMask;
    }

    private int mediaSlot(int mediaId) {
        if (mediaId < firstMedia || mediaId >= mediaCount) {
            throw new IllegalStateException("media " + mediaId + " is not held (held " + firstMedia + ".." + mediaCount + ")");
        }
        return mediaId & mediaMask;
    }

    private int groupSlot(int group) {
        if (group < firstGroup || group >= groupCount) {
            throw new IllegalStateException("group " + group + " is not held (held " + firstGroup + ".." + groupCount + ")");
        }
        return group & groupMask;
    }
}
