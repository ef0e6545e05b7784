package dev.weir.sim.call;

import dev.weir.sim.media.PacketKind;
import java.util.Arrays;

/**
 * The receiving client: transport-wide feedback bookkeeping, video frame assembly with XOR FEC
 * recovery, in-order decoding (a delta frame needs its predecessor; a key frame needs nothing, and
 * decoding it abandons older incomplete frames), rendering at decode time, NACK requests
 * (libwebrtc {@code modules/video_coding/nack_requester.cc}: missing packets are requested as soon
 * as a later packet reveals the gap, again every RTT on the timer, at most {@code nackMaxRetries}
 * times, and no longer once their frame is abandoned) and key frame requests (PLI, RFC 4585) when nothing could be decoded for
 * {@code keyFrameRequestTimeoutUs} while newer packets keep arriving.
 *
 * <p>The receiver reads packet identities (kind, media id) from the {@link PacketWindow} as a real
 * receiver reads them from RTP headers; it sees only packets whose arrival it was told about.
 *
 * <p>State per frame, video packet and FEC group is held for the ids the {@link FrameTable} holds
 * (rings that grow with the held range). A packet of a released frame, which the call releases
 * only once the receiver has decoded or abandoned it, can change nothing observable any more
 * (the frame will never render, NACKs for it are dropped unsent), so it is ignored.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class Receiver {
    private final PacketWindow log;
    private final FrameTable frames;
    private final FreezeCounter freezes;
    private final SimulatorSettings settings;

    private int highestSeq = -1;
    private int lastReportedSeq = -1;

    /** Media ids, groups and frames whose ring slots have been reset for use. */
    private int knownMedia;
    private int knownGroups;
    private int knownFrames;
    private int mediaMask = 4095;
    private boolean[] mediaReceived = new boolean[4096];
    private boolean[] inNackList = new boolean[4096];
    private long[] nackLastRequestUs = new long[4096];
    private int[] nackRetries = new int[4096];
    private int groupMask = 1023;
    private boolean[] groupFecReceived = new boolean[1024];
    private int frameMask = 255;
    private int[] frameReceivedPackets = new int[256];
    private boolean[] frameComplete = new boolean[256];
    private int nextFrame;
    private int highestFrameSeen = -1;
    private long lastDecodeUs;
    private long lastKeyFrameRequestUs = Long.MIN_VALUE / 2;

    private int[] nackList = new int[256];
    private int nackCount;
    private int[] nacksToSend = new int[256];
    private int nacksToSendCount;
    private boolean newMissing;

    private long framesRendered;
    private long renderedVideoBytes;
    private long renderedFramesInInterval;

    Receiver(PacketWindow log, FrameTable frames, FreezeCounter freezes, SimulatorSettings settings) {
        this.log = log;
        this.frames = frames;
        this.freezes = freezes;
        this.settings = settings;
    }

    /** Packet {@code seq} arrived at {@code nowUs}. */
    void onArrival(int seq, long nowUs) {
        ensureCapacity();
        for (int missing = highestSeq + 1; missing < seq; missing++) {
            if (log.kindOrdinal(missing) == PacketKind.VIDEO.ordinal()) {
                int mediaId = log.mediaId(missing);
                if (mediaId >= frames.firstHeldMediaId()) {
                    addToNackList(mediaId);
                }
            }
        }
        if (seq > highestSeq) {
            highestSeq = seq;
        }
        byte kind = log.kindOrdinal(seq);
        if (kind == PacketKind.VIDEO.ordinal() || kind == PacketKind.RETRANSMISSION.ordinal()) {
            int mediaId = log.mediaId(seq);
            if (mediaId >= frames.firstHeldMediaId()) {
                highestFrameSeen = Math.max(highestFrameSeen, frames.frameOf(mediaId));
                markReceived(mediaId, nowUs);
            }
        } else if (kind == PacketKind.FEC.ordinal()) {
            int group = log.mediaId(seq);
            if (group >= frames.firstHeldGroup()) {
                groupFecReceived[group & groupMask] = true;
                highestFrameSeen = Math.max(highestFrameSeen, frames.frameOf(frames.groupFirst(group)));
                tryRecover(group, nowUs);
            }
        }
    }

    /** Makes room for every id the frame table holds and resets the slots of new ones. */
    private void ensureCapacity() {
        int firstMedia = frames.firstHeldMediaId();
        if (frames.mediaCount() - firstMedia > mediaMask + 1) {
            int capacity = ringCapacity(frames.mediaCount() - firstMedia, mediaMask + 1);
            boolean[] received = new boolean[capacity];
            boolean[] inList = new boolean[capacity];
            long[] lastRequestUs = new long[capacity];
            int[] retries = new int[capacity];
            for (int id = firstMedia; id < knownMedia; id++) {
                received[id & (capacity - 1)] = mediaReceived[id & mediaMask];
                inList[id & (capacity - 1)] = inNackList[id & mediaMask];
                lastRequestUs[id & (capacity - 1)] = nackLastRequestUs[id & mediaMask];
                retries[id & (capacity - 1)] = nackRetries[id & mediaMask];
            }
            mediaReceived = received;
            inNackList = inList;
            nackLastRequestUs = lastRequestUs;
            nackRetries = retries;
            mediaMask = capacity - 1;
        }
        for (; knownMedia < frames.mediaCount(); knownMedia++) {
            int slot = knownMedia & mediaMask;
            mediaReceived[slot] = false;
            inNackList[slot] = false;
            nackLastRequestUs[slot] = 0;
            nackRetries[slot] = 0;
        }
        int firstGroup = frames.firstHeldGroup();
        if (frames.groupCount() - firstGroup > groupMask + 1) {
            int capacity = ringCapacity(frames.groupCount() - firstGroup, groupMask + 1);
            boolean[] fecReceived = new boolean[capacity];
            for (int id = firstGroup; id < knownGroups; id++) {
                fecReceived[id & (capacity - 1)] = groupFecReceived[id & groupMask];
            }
            groupFecReceived = fecReceived;
            groupMask = capacity - 1;
        }
        for (; knownGroups < frames.groupCount(); knownGroups++) {
            groupFecReceived[knownGroups & groupMask] = false;
        }
        int firstFrame = frames.firstHeldFrame();
        if (frames.frameCount() - firstFrame > frameMask + 1) {
            int capacity = ringCapacity(frames.frameCount() - firstFrame, frameMask + 1);
            int[] receivedPackets = new int[capacity];
            boolean[] complete = new boolean[capacity];
            for (int id = firstFrame; id < knownFrames; id++) {
                receivedPackets[id & (capacity - 1)] = frameReceivedPackets[id & frameMask];
                complete[id & (capacity - 1)] = frameComplete[id & frameMask];
            }
            frameReceivedPackets = receivedPackets;
            frameComplete = complete;
            frameMask = capacity - 1;
        }
        for (; knownFrames < frames.frameCount(); knownFrames++) {
            frameReceivedPackets[knownFrames & frameMask] = 0;
            frameComplete[knownFrames & frameMask] = false;
        }
    }

    /** The smallest power of two at least {@code needed}, doubling from {@code current}. */
    private static int ringCapacity(int needed, int current) {
        int capacity = current;
        while (capacity < needed) {
            capacity *= 2;
        }
        return capacity;
    }

    private void markReceived(int mediaId, long nowUs) {
        int slot = mediaId & mediaMask;
        if (mediaReceived[slot]) {
            return;
        }
        mediaReceived[slot] = true;
        int frame = frames.frameOf(mediaId);
        frameReceivedPackets[frame & frameMask]++;
        int group = frames.groupOf(mediaId);
        if (group >= 0 && groupFecReceived[group & groupMask]) {
            tryRecover(group, nowUs);
        }
        if (frameReceivedPackets[frame & frameMask] == frames.packets(frame) && !frameComplete[frame & frameMask]) {
            frameComplete[frame & frameMask] = true;
            onFrameComplete(frame, nowUs);
        }
    }

    /** One FEC packet rebuilds the single missing packet of its group. */
    private void tryRecover(int group, long nowUs) {
        int missingId = -1;
        for (int id = frames.groupFirst(group); id < frames.groupEnd(group); id++) {
            if (!mediaReceived[id & mediaMask]) {
                if (missingId >= 0) {
                    return;
                }
                missingId = id;
            }
        }
        if (missingId >= 0) {
            markReceived(missingId, nowUs);
        }
    }

    private void onFrameComplete(int frame, long nowUs) {
        if (frame < nextFrame) {
            return;
        }
        if (frame > nextFrame && frames.isKey(frame)) {
            nextFrame = frame; // a key frame decodes on its own; older incomplete frames are abandoned
        }
        while (nextFrame < frames.frameCount() && frameComplete[nextFrame & frameMask]) {
            render(nextFrame, nowUs);
            nextFrame++;
        }
    }

    private void render(int frame, long nowUs) {
        freezes.onFrameRendered(nowUs);
        lastDecodeUs = nowUs;
        framesRendered++;
        renderedFramesInInterval++;
        renderedVideoBytes += frames.frameBytes(frame);
    }

    private void addToNackList(int mediaId) {
        int slot = mediaId & mediaMask;
        if (mediaReceived[slot] || inNackList[slot]) {
            return;
        }
        if (nackCount == nackList.length) {
            nackList = Arrays.copyOf(nackList, nackCount * 2);
        }
        nackList[nackCount++] = mediaId;
        inNackList[slot] = true;
        nackLastRequestUs[slot] = Long.MIN_VALUE;
        nackRetries[slot] = 0;
        newMissing = true;
    }

    /** Whether packets went missing since the last {@link #collectNacks}. */
    boolean hasNewMissing() {
        return newMissing;
    }

    /**
     * Collects media ids to request now (see {@link #nacksToSendCount()}) and drops packets that
     * arrived, belong to abandoned frames or ran out of retries. With {@code onlyNew}, only
     * packets never requested are collected (the immediate request when a gap appears); otherwise
     * also those last requested at least an RTT ago (the timer).
     */
    void collectNacks(long nowUs, long rttUs, boolean onlyNew) {
        nacksToSendCount = 0;
        newMissing = false;
        int kept = 0;
        for (int i = 0; i < nackCount; i++) {
            int mediaId = nackList[i];
            if (mediaId < frames.firstHeldMediaId()) {
                continue; // its frame was released: decoded or abandoned, so never requested again
            }
            int slot = mediaId & mediaMask;
            boolean drop = mediaReceived[slot] || frames.frameOf(mediaId) < nextFrame
                    || nackRetries[slot] >= settings.nackMaxRetries;
            if (drop) {
                inNackList[slot] = false;
                continue;
            }
            nackList[kept++] = mediaId;
            long lastUs = nackLastRequestUs[slot];
            if (lastUs == Long.MIN_VALUE || (!onlyNew && nowUs - lastUs >= rttUs)) {
                nackLastRequestUs[slot] = nowUs;
                nackRetries[slot]++;
                if (nacksToSendCount == nacksToSend.length) {
                    nacksToSend = Arrays.copyOf(nacksToSend, nacksToSendCount * 2);
                }
                nacksToSend[nacksToSendCount++] = mediaId;
            }
        }
        nackCount = kept;
    }

    int nacksToSendCount() {
        return nacksToSendCount;
    }

    int nackToSend(int index) {
        return nacksToSend[index];
    }

    /** Whether to send a key frame request now (and if so, remembers it was sent). */
    boolean shouldRequestKeyFrame(long nowUs) {
        long timeoutUs = settings.keyFrameRequestTimeoutUs;
        if (highestFrameSeen >= nextFrame && nowUs - lastDecodeUs >= timeoutUs
                && nowUs - lastKeyFrameRequestUs >= timeoutUs) {
            lastKeyFrameRequestUs = nowUs;
            return true;
        }
        return false;
    }

    /** The next frame to decode: every frame before it was decoded or abandoned. */
    int nextFrame() {
        return nextFrame;
    }

    /** Highest sequence number received so far, or -1. */
    int highestSeq() {
        return highestSeq;
    }

    /** Last sequence number covered by a feedback report, or -1. */
    int lastReportedSeq() {
        return lastReportedSeq;
    }

    void markReported(int seq) {
        lastReportedSeq = seq;
    }

    long framesRendered() {
        return framesRendered;
    }

    long renderedVideoBytes() {
        return renderedVideoBytes;
    }

    /** Frames rendered since the last call of this method. */
    long takeRenderedFramesInInterval() {
        long frames = renderedFramesInInterval;
        renderedFramesInInterval = 0;
        return frames;
    }
}
