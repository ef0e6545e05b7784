package dev.weir.gcc.throughput;

import dev.weir.bwe.config.ConfigCheck;

/**
 * Acknowledged throughput from a sliding window of received packets, after libwebrtc's
 * {@code modules/congestion_controller/goog_cc/robust_throughput_estimator.cc}.
 *
 * <p>The window is sorted by arrival time (late feedback is insertion-sorted in). The receive rate
 * excludes the first received packet's size and replaces the largest arrival gap by the second
 * largest, so one delay spike does not drag the rate down; the send rate excludes the last sent
 * packet's size and ignores packets sent before an already discarded one (reordered). The result is
 * {@code min(send rate, receive rate)}, never above what was sent.
 *
 * <p>Storage is a preallocated ring of {@code maxWindowPackets + 1} entries; nothing is allocated
 * per packet. Packets with a non-positive size or absurd times are ignored.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class RobustThroughputEstimator implements AckedRateEstimator {
    /** Times beyond +-2^52 us (~142 years) are treated as garbage; keeps differences overflow-free. */
    private static final long MAX_ABS_TIME_US = 1L << 52;
    /** Shortest duration a rate is divided by, microseconds (libwebrtc uses 1 ms). */
    private static final long MIN_DURATION_US = 1000;
    /** Microseconds per second and bits per byte, for bytes/us -> bps. */
    private static final double BITS_PER_BYTE_TIMES_US_PER_S = 8.0 * 1_000_000.0;

    private final int windowPackets;
    private final int maxWindowPackets;
    private final long minWindowDurationUs;
    private final long maxWindowDurationUs;
    private final int requiredPackets;

    /**
     * Times are kept as int offsets from a base per clock (send and arrival clocks differ) and
     * sizes as 16-bit values: 10 bytes per packet, so the 501-packet window takes 5 KiB. A window
     * spans at most 5 s, so offsets rebase long before they leave the int range (35 min).
     */
    private final int[] sendOffsetsUs;
    private final int[] arrivalOffsetsUs;
    private final char[] sizesBytes;
    private long sendBaseUs;
    private long arrivalBaseUs;
    private final int capacity;
    private int head;
    private int count;
    /** Latest send time among packets pushed out of the window; earlier-sent packets were reordered. */
    private long latestDiscardedSendTimeUs = Long.MIN_VALUE;

    /**
     * @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} is invalid
     */
    public RobustThroughputEstimator(ThroughputSettings settings) {
        ConfigCheck check = ConfigCheck.of("throughput");
        settings.validate(check);
        check.throwIfInvalid();
        windowPackets = settings.windowPackets;
        maxWindowPackets = settings.maxWindowPackets;
        minWindowDurationUs = settings.minWindowDurationMs * 1000;
        maxWindowDurationUs = settings.maxWindowDurationMs * 1000;
        requiredPackets = settings.requiredPackets;
        capacity = maxWindowPackets + 1;
        sendOffsetsUs = new int[capacity];
        arrivalOffsetsUs = new int[capacity];
        sizesBytes = new char[capacity];
    }

    /** With libwebrtc's defaults. */
    public RobustThroughputEstimator() {
        this(new ThroughputSettings());
    }

    /**
     * Adds one received packet. Callers pass the packets of a report sorted by arrival time; a
     * packet arriving out of order is sorted into place. Lost packets ({@code arrivalTimeUs ==
     * Long.MIN_VALUE}), non-positive sizes and absurd times are ignored.
     */
    @Override
    public void onPacket(long sendTimeUs, long arrivalTimeUs, int sizeBytes) {
        if (sizeBytes <= 0 || !saneTime(sendTimeUs) || !saneTime(arrivalTimeUs)) {
            return;
        }
        if (!fitsOffsets(sendTimeUs, arrivalTimeUs)) {
            rebase(sendTimeUs, arrivalTimeUs);
        }
        int slot = index(count);
        sendOffsetsUs[slot] = (int) (sendTimeUs - sendBaseUs);
        arrivalOffsetsUs[slot] = (int) (arrivalTimeUs - arrivalBaseUs);
        sizesBytes[slot] = (char) Math.min(sizeBytes, Character.MAX_VALUE);
        count++;
        for (int i = count - 1; i > 0 && arrivalTimeUs(index(i)) < arrivalTimeUs(index(i - 1)); i--) {
            swap(index(i), index(i - 1));
        }
        while (firstPacketOutsideWindow()) {
            int front = index(0);
            latestDiscardedSendTimeUs = Math.max(latestDiscardedSendTimeUs, sendTimeUs(front));
            head = (head + 1) % capacity;
            count--;
        }
    }

    /** Throughput in bits per second, or 0 while fewer than {@code requiredPackets} are known. */
    @Override
    public long bitrateBps() {
        if (count == 0 || count < requiredPackets) {
            return 0;
        }
        // One pass over the window, slot by slot (no division per access): the two largest
        // arrival gaps and the send-side sums.
        long largestGapUs = 0;
        long secondLargestGapUs = 0;
        long firstSendUs = Long.MAX_VALUE;
        long lastSendUs = Long.MIN_VALUE;
        long recvBytes = 0;
        long sendBytes = 0;
        long lastSendBytes = 0;
        int sentPacketsInWindow = 0;
        int previousArrivalOffsetUs = 0;
        int slot = head;
        for (int i = 0; i < count; i++) {
            int arrivalOffsetUs = arrivalOffsetsUs[slot];
            if (i > 0) {
                long gapUs = (long) arrivalOffsetUs - previousArrivalOffsetUs;
                if (gapUs > largestGapUs) {
                    secondLargestGapUs = largestGapUs;
                    largestGapUs = gapUs;
                } else if (gapUs > secondLargestGapUs) {
                    secondLargestGapUs = gapUs;
                }
            }
            previousArrivalOffsetUs = arrivalOffsetUs;
            int size = sizesBytes[slot];
            recvBytes += size;
            long sendUs = sendBaseUs + sendOffsetsUs[slot];
            // A packet sent before one already dropped from the window was reordered; its old send
            // time would stretch the send interval and understate the send rate.
            if (sendUs >= latestDiscardedSendTimeUs) {
                if (sendUs > lastSendUs) {
                    lastSendUs = sendUs;
                    lastSendBytes = size;
                }
                firstSendUs = Math.min(firstSendUs, sendUs);
                sendBytes += size;
                sentPacketsInWindow++;
            }
            if (++slot == capacity) {
                slot = 0;
            }
        }
        // N packets span N-1 intervals: drop the first received and the last sent packet's size.
        recvBytes -= sizesBytes[index(0)];
        sendBytes -= lastSendBytes;
        long firstRecvUs = arrivalTimeUs(index(0));
        long lastRecvUs = arrivalTimeUs(index(count - 1));
        long recvDurationUs = Math.max(lastRecvUs - firstRecvUs - largestGapUs + secondLargestGapUs,
                MIN_DURATION_US);
        double recvRateBps = recvBytes * BITS_PER_BYTE_TIMES_US_PER_S / recvDurationUs;
        if (sentPacketsInWindow < requiredPackets) {
            return toBps(recvRateBps);
        }
        long sendDurationUs = Math.max(lastSendUs - firstSendUs, MIN_DURATION_US);
        double sendRateBps = sendBytes * BITS_PER_BYTE_TIMES_US_PER_S / sendDurationUs;
        return toBps(Math.min(sendRateBps, recvRateBps));
    }

    /**
     * The current rate even where a caller would wait for more certainty; for this estimator it
     * equals {@link #bitrateBps()}, as libwebrtc's {@code RobustThroughputEstimator::PeekRate}.
     */
    public long peekRateBps() {
        return bitrateBps();
    }

    /** Number of packets currently in the window. */
    public int windowSize() {
        return count;
    }

    /** Forgets every packet (e.g. on a route change). */
    public void reset() {
        head = 0;
        count = 0;
        latestDiscardedSendTimeUs = Long.MIN_VALUE;
    }

    private boolean firstPacketOutsideWindow() {
        if (count == 0) {
            return false;
        }
        if (count > maxWindowPackets) {
            return true;
        }
        long durationUs = arrivalTimeUs(index(count - 1)) - arrivalTimeUs(index(0));
        if (durationUs > maxWindowDurationUs) {
            return true;
        }
        return count > windowPackets && durationUs > minWindowDurationUs;
    }

    /** Slot of the i-th packet in arrival order (head < capacity and i < capacity: no division). */
    private int index(int i) {
        int slot = head + i;
        return slot >= capacity ? slot - capacity : slot;
    }

    private long sendTimeUs(int slot) {
        return sendBaseUs + sendOffsetsUs[slot];
    }

    private long arrivalTimeUs(int slot) {
        return arrivalBaseUs + arrivalOffsetsUs[slot];
    }

    private boolean fitsOffsets(long sendTimeUs, long arrivalTimeUs) {
        return count > 0 && fitsInt(sendTimeUs - sendBaseUs) && fitsInt(arrivalTimeUs - arrivalBaseUs);
    }

    /**
     * Moves both bases to the oldest packet's times (shifting the stored offsets) so that the new
     * packet fits; if it still does not (an empty window, or a clock jump of more than 35 min), the
     * window restarts at the new packet.
     */
    private void rebase(long sendTimeUs, long arrivalTimeUs) {
        if (count > 0) {
            long newSendBaseUs = Long.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                newSendBaseUs = Math.min(newSendBaseUs, sendTimeUs(index(i)));
            }
            long newArrivalBaseUs = arrivalTimeUs(index(0));
            if (fitsInt(sendTimeUs - newSendBaseUs) && fitsInt(arrivalTimeUs - newArrivalBaseUs)) {
                int sendShift = (int) (newSendBaseUs - sendBaseUs);
                int arrivalShift = (int) (newArrivalBaseUs - arrivalBaseUs);
                for (int i = 0; i < count; i++) {
                    sendOffsetsUs[index(i)] -= sendShift;
                    arrivalOffsetsUs[index(i)] -= arrivalShift;
                }
                sendBaseUs = newSendBaseUs;
                arrivalBaseUs = newArrivalBaseUs;
                return;
            }
        }
        head = 0;
        count = 0;
        sendBaseUs = sendTimeUs;
        arrivalBaseUs = arrivalTimeUs;
    }

    private static boolean fitsInt(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    private void swap(int a, int b) {
        int send = sendOffsetsUs[a];
        sendOffsetsUs[a] = sendOffsetsUs[b];
        sendOffsetsUs[b] = send;
        int arrival = arrivalOffsetsUs[a];
        arrivalOffsetsUs[a] = arrivalOffsetsUs[b];
        arrivalOffsetsUs[b] = arrival;
        char size = sizesBytes[a];
        sizesBytes[a] = sizesBytes[b];
        sizesBytes[b] = size;
    }

    private static boolean saneTime(long timeUs) {
        return timeUs > -MAX_ABS_TIME_US && timeUs < MAX_ABS_TIME_US;
    }

    private static long toBps(double rateBps) {
        if (!(rateBps > 0)) {
            return 0;
        }
        return rateBps >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(rateBps);
    }
}
