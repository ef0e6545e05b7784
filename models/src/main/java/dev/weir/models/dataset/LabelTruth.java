package dev.weir.models.dataset;

import dev.weir.sim.call.PacketTap;
import dev.weir.sim.call.SentPacket;
import dev.weir.sim.net.DropCause;
import java.util.Arrays;

/**
 * The per-packet ground truth {@link SampleLabeller} needs, taken from a call as it runs instead
 * of from a log of every packet: the send times of congestion events (packets the queue
 * overflowed or held longer than {@code queue_delay_threshold_ms}) and the sequence numbers of
 * dropped media packets with whether the queue dropped them. Both are in send order. It grows
 * with those events only (8 bytes per congestion event, 5 per media drop), not with the packets.
 *
 * <p>Not thread-safe: one instance per call, read after the call.
 */
public final class LabelTruth implements PacketTap {
    private final long queueThresholdUs;
    private long[] eventSendUs = new long[256];
    private int events;
    private int[] dropSequences = new int[256];
    private boolean[] dropQueue = new boolean[256];
    private int drops;

    /** Truth for labels with {@code settings}' queueing-delay threshold. */
    public LabelTruth(DatasetSettings settings) {
        this.queueThresholdUs = settings.queueDelayThresholdMs * 1_000L;
    }

    @Override
    public void onPacket(SentPacket packet) {
        DropCause cause = packet.dropCause();
        if (cause == DropCause.QUEUE_OVERFLOW || packet.queueDelayUs() > queueThresholdUs) {
            if (events == eventSendUs.length) {
                eventSendUs = Arrays.copyOf(eventSendUs, events * 2);
            }
            eventSendUs[events++] = packet.sendTimeUs();
        }
        if (cause != DropCause.NONE && packet.kind().isMedia()) {
            if (drops == dropSequences.length) {
                dropSequences = Arrays.copyOf(dropSequences, drops * 2);
                dropQueue = Arrays.copyOf(dropQueue, drops * 2);
            }
            dropSequences[drops] = packet.sequence();
            dropQueue[drops] = cause == DropCause.QUEUE_OVERFLOW;
            drops++;
        }
    }

    /** Number of congestion events. */
    int events() {
        return events;
    }

    /** A copy of the congestion events' send times, in send order. */
    long[] eventSendTimesUs() {
        return Arrays.copyOf(eventSendUs, events);
    }

    /** Number of media packets the network dropped. */
    int mediaDrops() {
        return drops;
    }

    /** Sequence number of the {@code d}-th dropped media packet. */
    int dropSequence(int d) {
        return dropSequences[d];
    }

    /** Whether the {@code d}-th dropped media packet was dropped by queue overflow. */
    boolean droppedByQueue(int d) {
        return dropQueue[d];
    }
}
