package dev.weir.sim.call;

import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;
import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Ground truth for every packet a call sent, indexed by transport-wide sequence number
 * (0, 1, 2, ... in send order): what it carried, when it was sent and arrived, its size, why it
 * was dropped, how long it waited in the bottleneck queue and the capacity when it was enqueued.
 * A {@link PacketTap} that keeps everything in growable primitive arrays (about 50 bytes per
 * packet, so memory grows with the call): for tests and tools that want the whole log. The
 * simulator itself keeps only the packets it may still read ({@code PacketWindow}), and consumers
 * that need a little per-packet truth (labels, window statistics) take it from their own tap.
 *
 * <p>Not thread-safe while a call writes it; safe to read from many threads once the call has
 * returned (the run's completion publishes it).
 */
public final class PacketLog implements PacketTap {
    private static final DropCause[] CAUSES = DropCause.values();

    private int size;
    private byte[] kinds;
    private long[] sendTimesUs;
    private long[] arrivalTimesUs;
    private int[] sizesBytes;
    private byte[] dropCauses;
    private long[] queueDelaysUs;
    private long[] capacitiesBps;
    private int[] frameIds;
    private int[] mediaIds;
    private int[] probeClusterIds;

    /** An empty log to pass to a call. */
    public PacketLog() {
        this(1024);
    }

    PacketLog(int initialCapacity) {
        int capacity = Math.max(16, initialCapacity);
        kinds = new byte[capacity];
        sendTimesUs = new long[capacity];
        arrivalTimesUs = new long[capacity];
        sizesBytes = new int[capacity];
        dropCauses = new byte[capacity];
        queueDelaysUs = new long[capacity];
        capacitiesBps = new long[capacity];
        frameIds = new int[capacity];
        mediaIds = new int[capacity];
        probeClusterIds = new int[capacity];
    }

    @Override
    public void onPacket(SentPacket packet) {
        if (packet.sequence() != size) {
            throw new IllegalStateException("packet " + packet.sequence() + " after " + size + " packets: one log per call");
        }
        int seq = append(packet.kind(), packet.sendTimeUs(), packet.sizeBytes(), packet.frameId(), packet.mediaId(),
                packet.probeClusterId());
        setNetwork(seq, packet.arrivalTimeUs(), packet.dropCause(), packet.queueDelayUs(),
                packet.capacityBpsAtEnqueue());
    }

    /** Appends a sent packet and returns its sequence number; the network fields follow in {@link #setNetwork}. */
    int append(PacketKind kind, long sendTimeUs, int sizeBytes, int frameId, int mediaId, int probeClusterId) {
        if (size == kinds.length) {
            grow();
        }
        int seq = size++;
        kinds[seq] = (byte) kind.ordinal();
        sendTimesUs[seq] = sendTimeUs;
        arrivalTimesUs[seq] = -1;
        sizesBytes[seq] = sizeBytes;
        frameIds[seq] = frameId;
        mediaIds[seq] = mediaId;
        probeClusterIds[seq] = probeClusterId;
        return seq;
    }

    void setNetwork(int seq, long arrivalTimeUs, DropCause cause, long queueDelayUs, long capacityBps) {
        arrivalTimesUs[seq] = arrivalTimeUs;
        dropCauses[seq] = (byte) cause.ordinal();
        queueDelaysUs[seq] = queueDelayUs;
        capacitiesBps[seq] = capacityBps;
    }

    private void grow() {
        int capacity = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, capacity);
        sendTimesUs = Arrays.copyOf(sendTimesUs, capacity);
        arrivalTimesUs = Arrays.copyOf(arrivalTimesUs, capacity);
        sizesBytes = Arrays.copyOf(sizesBytes, capacity);
        dropCauses = Arrays.copyOf(dropCauses, capacity);
        queueDelaysUs = Arrays.copyOf(queueDelaysUs, capacity);
        capacitiesBps = Arrays.copyOf(capacitiesBps, capacity);
        frameIds = Arrays.copyOf(frameIds, capacity);
        mediaIds = Arrays.copyOf(mediaIds, capacity);
        probeClusterIds = Arrays.copyOf(probeClusterIds, capacity);
    }

    /** Number of packets sent. */
    public int size() {
        return size;
    }

    /** Transport-wide sequence number of entry {@code index} (equal to the index, unwrapped). */
    public long sequence(int index) {
        check(index);
        return index;
    }

    public PacketKind kind(int index) {
        check(index);
        return PacketKind.ofOrdinal(kinds[index]);
    }

    public long sendTimeUs(int index) {
        check(index);
        return sendTimesUs[index];
    }

    /**
     * Arrival time at the receiver, or -1 when the network dropped the packet. May lie after the
     * end of the call for packets still in flight when it ended.
     */
    public long arrivalTimeUs(int index) {
        check(index);
        return arrivalTimesUs[index];
    }

    /** Size on the wire, bytes. */
    public int sizeBytes(int index) {
        check(index);
        return sizesBytes[index];
    }

    /** Why it was dropped, or {@link DropCause#NONE} when delivered. */
    public DropCause dropCause(int index) {
        check(index);
        return CAUSES[dropCauses[index]];
    }

    /** Time waited in the bottleneck queue before serialisation (for a queue drop: the wait refused). */
    public long queueDelayUs(int index) {
        check(index);
        return queueDelaysUs[index];
    }

    /** Bottleneck capacity when the packet was enqueued, bits per second. */
    public long capacityBpsAtEnqueue(int index) {
        check(index);
        return capacitiesBps[index];
    }

    /** Video frame the packet belongs to (video, FEC, retransmission), else -1. */
    public int frameId(int index) {
        check(index);
        return frameIds[index];
    }

    /**
     * Media id: for video and retransmissions the id of the video packet carried (a
     * retransmission repeats its original's id); for FEC the id of the protected group; else -1.
     */
    public int mediaId(int index) {
        check(index);
        return mediaIds[index];
    }

    /** Probe cluster the packet was sent in, or -1. */
    public int probeClusterId(int index) {
        check(index);
        return probeClusterIds[index];
    }

    /** CSV header of {@link #writeCsv}. */
    public static final String CSV_HEADER = "sequence,kind,send_time_us,arrival_time_us,size_bytes,drop_cause,"
            + "queue_delay_us,capacity_bps,frame_id,media_id,probe_cluster_id";

    /**
     * Writes one CSV row per packet ({@link #CSV_HEADER}; kinds and drop causes as lower-case
     * names, integers only), atomically.
     */
    public void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(CSV_HEADER.length() + 1 + size * 64);
        csv.append(CSV_HEADER).append('\n');
        String[] kindNames = new String[PacketKind.values().length];
        for (PacketKind kind : PacketKind.values()) {
            kindNames[kind.ordinal()] = kind.name().toLowerCase(Locale.ROOT);
        }
        String[] causeNames = new String[CAUSES.length];
        for (DropCause cause : CAUSES) {
            causeNames[cause.ordinal()] = cause.name().toLowerCase(Locale.ROOT);
        }
        for (int seq = 0; seq < size; seq++) {
            csv.append(seq).append(',').append(kindNames[kinds[seq]]).append(',').append(sendTimesUs[seq])
                    .append(',').append(arrivalTimesUs[seq]).append(',').append(sizesBytes[seq]).append(',')
                    .append(causeNames[dropCauses[seq]]).append(',').append(queueDelaysUs[seq]).append(',')
                    .append(capacitiesBps[seq]).append(',').append(frameIds[seq]).append(',').append(mediaIds[seq])
                    .append(',').append(probeClusterIds[seq]).append('\n');
        }
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("packet " + index + " of " + size);
        }
    }
}
