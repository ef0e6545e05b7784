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
 * <p>The receiver reads packet identities (kind, media id) from the {@link PacketLog} as a real
 * receiver reads them from RTP headers; it sees only packets whose arrival it was told about.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class Receiver {
    private final PacketLog log;
    private final FrameTable frames;
    private final FreezeCounter freezes;
    private final SimulatorSettings settings;

    private int highestSeq = -1;
    private int lastReportedSeq = -1;

    private boolean[] mediaReceived = new boolean[4096];
    private boolean[] groupFecReceived = new boolean[1024];
    private int[] frameReceivedPackets = new int[256];
    private boolean[] frameComplete = new boolean[256];
    private int nextFrame;
    private int highestFrameSeen = -1;
    private long lastDecodeUs;
    private long lastKeyFrameRequestUs = Long.MIN_VALUE / 2;

    private int[] nackList = new int[256];
    private int nackCount;
    private boolean[] inNackList = new boolean[4096];
    private long[] nackLastRequestUs = new long[4096];
    private int[] nackRetries = new int[4096];
    private int[] nacksToSend = new int[256];
    private int nacksToSendCount;
    private boolean newMissing;

    private long framesRendered;
    private long renderedVideoBytes;
    private long renderedFramesInInterval;

    Receiver(PacketLog log, FrameTable frames, FreezeCounter freezes, SimulatorSettings settings) {
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
                addToNackList(log.rawMediaId(missing));
            }
        }
        if (seq > highestSeq) {
            highestSeq = seq;
        }
        byte kind = log.kindOrdinal(seq);
        if (kind == PacketKind.VIDEO.ordinal() || kind == PacketKind.RETRANSMISSION.ordinal()) {
            int mediaId = log.rawMediaId(seq);
            highestFrameSeen = Math.max(highestFrameSeen, frames.frameOf(mediaId));
            markReceived(mediaId, nowUs);
        } else if (kind == PacketKind.FEC.ordinal()) {
            int group = log.rawMediaId(seq);
            groupFecReceived[group] = true;
            highestFrameSeen = Math.max(highestFrameSeen, frames.frameOf(frames.groupFirst(group)));
            tryRecover(group, nowUs);
        }
    }

    private void ensureCapacity() {
        int media = frames.mediaCount();
        if (media > mediaReceived.length) {
            int capacity = Math.max(media, mediaReceived.length * 2);
            mediaReceived = Arrays.copyOf(mediaReceived, capacity);
            inNackList = Arrays.copyOf(inNackList, capacity);
            nackLastRequestUs = Arrays.copyOf(nackLastRequestUs, capacity);
            nackRetries = Arrays.copyOf(nackRetries, capacity);
        }
        if (frames.groupCount() > groupFecReceived.length) {
            groupFecReceived = Arrays.copyOf(groupFecReceived, Math.max(frames.groupCount(),
                    groupFecReceived.length * 2));
        }
        if (frames.frameCount() > frameReceivedPackets.length) {
            int capacity = Math.max(frames.frameCount(), frameReceivedPackets.length * 2);
            frameReceivedPackets = Arrays.copyOf(frameReceivedPackets, capacity);
            frameComplete = Arrays.copyOf(frameComplete, capacity);
        }
    }

    private void markReceived(int mediaId, long nowUs) {
        if (mediaReceived[mediaId]) {
            return;
        }
        mediaReceived[mediaId] = true;
        int frame = frames.frameOf(mediaId);
        frameReceivedPackets[frame]++;
        int group = frames.groupOf(mediaId);
        if (group >= 0 && groupFecReceived[group]) {
            tryRecover(group, nowUs);
        }
        if (frameReceivedPackets[frame] == frames.packets(frame) && !frameComplete[frame]) {
            frameComplete[frame] = true;
            onFrameComplete(frame, nowUs);
        }
    }

    /** One FEC packet rebuilds the single missing packet of its group. */
    private void tryRecover(int group, long nowUs) {
        int missingId = -1;
        for (int id = frames.groupFirst(group); id < frames.groupEnd(group); id++) {
            if (!mediaReceived[id]) {
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
        while (nextFrame < frames.frameCount() && nextFrame < frameComplete.length && frameComplete[nextFrame]) {
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
        if (mediaReceived[mediaId] || inNackList[mediaId]) {
            return;
        }
        if (nackCount == nackList.length) {
            nackList = Arrays.copyOf(nackList, nackCount * 2);
        }
        nackList[nackCount++] = mediaId;
        inNackList[mediaId] = true;
        nackLastRequestUs[mediaId] = Long.MIN_VALUE;
        nackRetries[mediaId] = 0;
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
            boolean drop = mediaReceived[mediaId] || frames.frameOf(mediaId) < nextFrame
                    || nackRetries[mediaId] >= settings.nackMaxRetries;
            if (drop) {
                inNackList[mediaId] = false;
                continue;
            }
            nackList[kept++] = mediaId;
            long lastUs = nackLastRequestUs[mediaId];
            if (lastUs == Long.MIN_VALUE || (!onlyNew && nowUs - lastUs >= rttUs)) {
                nackLastRequestUs[mediaId] = nowUs;
                nackRetries[mediaId]++;
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
