package dev.weir.rtcp;

/*
 * libwebrtc's PacketArrivalTimeMap (modules/remote_bitrate_estimator/packet_arrival_map.cc,
 * https://webrtc.googlesource.com/src) with its maximum capacity preallocated.
 */

/**
 * Arrival times by unwrapped transport sequence number over a window of at most
 * {@value #MAX_PACKETS} sequence numbers: {@code [begin, end)}, the last one always received.
 * Packets before the window are dropped if adding them would push newer ones out; a packet far
 * ahead moves the window. Not thread-safe.
 */
final class PacketArrivalMap {
    /** libwebrtc's kMaxNumberOfPackets: feedback cannot describe older packets (15 bits). */
    static final int MAX_PACKETS = 1 << 15;
    static final long NOT_RECEIVED = Long.MIN_VALUE;
    private static final int MASK = MAX_PACKETS - 1;

    private final long[] arrivalsUs = new long[MAX_PACKETS];
    private boolean hasPackets;
    private long begin;
    private long end;

    long beginSequence() {
        return begin;
    }

    long endSequence() {
        return end;
    }

    boolean hasReceived(long sequence) {
        return sequence >= begin && sequence < end && arrivalsUs[index(sequence)] != NOT_RECEIVED;
    }

    /** Arrival of {@code sequence} in {@code [begin, end)}, or {@link #NOT_RECEIVED}. */
    long arrivalUs(long sequence) {
        return arrivalsUs[index(sequence)];
    }

    long clamp(long sequence) {
        return Math.max(begin, Math.min(end, sequence));
    }

    /** The first received sequence at or after {@code sequence} (in {@code [begin, end)}). */
    long nextReceivedAtOrAfter(long sequence) {
        while (arrivalsUs[index(sequence)] == NOT_RECEIVED) {
            sequence++;
        }
        return sequence;
    }

    void add(long sequence, long arrivalUs) {
        if (!hasPackets) {
            hasPackets = true;
            begin = sequence;
            end = sequence + 1;
            arrivalsUs[index(sequence)] = arrivalUs;
            return;
        }
        if (sequence >= begin && sequence < end) {
            arrivalsUs[index(sequence)] = arrivalUs;
            return;
        }
        if (sequence < begin) {
            if (end - sequence > MAX_PACKETS) {
                return; // would push out newer packets
            }
            arrivalsUs[index(sequence)] = arrivalUs;
            setNotReceived(sequence + 1, begin);
            begin = sequence;
            return;
        }
        long newEnd = sequence + 1;
        if (newEnd >= end + MAX_PACKETS) {
            begin = sequence;
            end = newEnd;
            arrivalsUs[index(sequence)] = arrivalUs;
            return;
        }
        if (begin < newEnd - MAX_PACKETS) {
            begin = newEnd - MAX_PACKETS;
        }
        setNotReceived(end, sequence);
        end = newEnd;
        arrivalsUs[index(sequence)] = arrivalUs;
    }

    /** Drops packets from the start while they are before {@code sequence} and arrived by {@code limitUs}. */
    void removeOldPackets(long sequence, long limitUs) {
        long checkTo = Math.min(sequence, end);
        while (begin < checkTo && arrivalsUs[index(begin)] <= limitUs) {
            begin++;
        }
    }

    private void setNotReceived(long from, long to) {
        for (long s = from; s < to; s++) {
            arrivalsUs[index(s)] = NOT_RECEIVED;
        }
    }

    private static int index(long sequence) {
        return (int) (sequence & MASK);
    }
}
