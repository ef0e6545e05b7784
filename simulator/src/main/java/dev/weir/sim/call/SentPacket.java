package dev.weir.sim.call;

import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;

/**
 * The ground truth of one sent packet, as a {@link PacketTap} sees it: one instance per call,
 * overwritten for every packet (so handing the truth out allocates nothing).
 *
 * <p>Not thread-safe; valid only during {@link PacketTap#onPacket}.
 */
public final class SentPacket {
    int sequence;
    PacketKind kind;
    long sendTimeUs;
    long arrivalTimeUs;
    int sizeBytes;
    DropCause dropCause;
    long queueDelayUs;
    long capacityBpsAtEnqueue;
    int frameId;
    int mediaId;
    int probeClusterId;

    SentPacket() {
    }

    /** Transport-wide sequence number, unwrapped: 0, 1, 2, ... in send order. */
    public int sequence() {
        return sequence;
    }

    public PacketKind kind() {
        return kind;
    }

    public long sendTimeUs() {
        return sendTimeUs;
    }

    /**
     * Arrival time at the receiver, or -1 when the network dropped the packet. May lie after the
     * end of the call for packets still in flight when it ended.
     */
    public long arrivalTimeUs() {
        return arrivalTimeUs;
    }

    /** Size on the wire, bytes. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** Why it was dropped, or {@link DropCause#NONE} when delivered. */
    public DropCause dropCause() {
        return dropCause;
    }

    /** Time waited in the bottleneck queue before serialisation (for a queue drop: the wait refused). */
    public long queueDelayUs() {
        return queueDelayUs;
    }

    /** Bottleneck capacity when the packet was enqueued, bits per second. */
    public long capacityBpsAtEnqueue() {
        return capacityBpsAtEnqueue;
    }

    /** Video frame the packet belongs to (video, FEC, retransmission), else -1. */
    public int frameId() {
        return frameId;
    }

    /**
     * Media id: for video and retransmissions the id of the video packet carried (a
     * retransmission repeats its original's id); for FEC the id of the protected group; else -1.
     */
    public int mediaId() {
        return mediaId;
    }

    /** Probe cluster the packet was sent in, or -1. */
    public int probeClusterId() {
        return probeClusterId;
    }
}
