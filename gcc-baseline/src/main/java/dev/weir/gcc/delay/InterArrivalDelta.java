package dev.weir.gcc.delay;

import dev.weir.bwe.config.ConfigCheck;

/**
 * Groups packets by send time and yields the send and arrival deltas between consecutive groups.
 * A port of libwebrtc's {@code modules/congestion_controller/goog_cc/inter_arrival_delta.cc}:
 * a group holds the packets sent within 5 ms of its first packet, plus packets that arrive in a
 * burst (within 5 ms of the previous arrival, with negative propagation delta, the burst shorter
 * than 100 ms). Three consecutive reordered groups, or an arrival clock that jumps 3 s further
 * than the local clock, reset the state.
 *
 * <p>Allocation-free: the caller passes a reusable {@link Deltas}. Never throws; times near the
 * ends of the {@code long} range, which could overflow the arithmetic, are ignored.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class InterArrivalDelta {
    /** Times beyond +-2^62 us are treated as garbage so differences never overflow a long. */
    private static final long MAX_ABS_TIME_US = 1L << 62;

    /**
     * Deltas between the two latest complete groups, filled by {@link #computeDeltas}.
     *
     * <p>Not thread-safe: a reusable mutable holder.
     */
    public static final class Deltas {
        /** Send time of the newer group's last packet minus the older group's, microseconds. */
        public long sendDeltaUs;
        /** Arrival time of the newer group's last packet minus the older group's, microseconds. */
        public long arrivalDeltaUs;
        /** Size of the newer group minus the older group's, bytes. */
        public int sizeDeltaBytes;
    }

    private final long groupLengthUs;
    private final long burstDeltaThresholdUs;
    private final long maxBurstDurationUs;
    private final int reorderedResetThreshold;
    private final long arrivalTimeOffsetThresholdUs;

    // Current group; empty until its first packet (libwebrtc: complete_time is infinite).
    private boolean currentEmpty = true;
    private long currentFirstSendUs;
    private long currentSendUs;
    private long currentFirstArrivalUs;
    private long currentCompleteUs;
    private long currentLastSystemUs;
    private long currentSizeBytes;

    // Previous complete group.
    private boolean previousValid;
    private long previousSendUs;
    private long previousCompleteUs;
    private long previousLastSystemUs;
    private long previousSizeBytes;

    private int consecutiveReorderedGroups;

    /** @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} are invalid */
    public InterArrivalDelta(InterArrivalSettings settings) {
        ConfigCheck check = ConfigCheck.of("inter_arrival");
        settings.validate(check);
        check.throwIfInvalid();
        groupLengthUs = settings.sendTimeGroupLengthMs * 1000;
        burstDeltaThresholdUs = settings.burstDeltaThresholdMs * 1000;
        maxBurstDurationUs = settings.maxBurstDurationMs * 1000;
        reorderedResetThreshold = settings.reorderedResetThreshold;
        arrivalTimeOffsetThresholdUs = settings.arrivalTimeOffsetThresholdMs * 1000;
    }

    /**
     * Adds one received packet (feed them in arrival order).
     *
     * @param sendTimeUs sender clock
     * @param arrivalTimeUs receiver clock
     * @param systemTimeUs local clock when the packet's feedback was processed
     * @param sizeBytes packet size; negative values count as 0
     * @param out receives the deltas when this returns true; untouched otherwise
     * @return true when a group completed and {@code out} holds its deltas to the group before
     */
    public boolean computeDeltas(long sendTimeUs, long arrivalTimeUs, long systemTimeUs, int sizeBytes, Deltas out) {
        if (!sane(sendTimeUs) || !sane(arrivalTimeUs) || !sane(systemTimeUs)) {
            return false;
        }
        long packetSizeBytes = Math.max(0, sizeBytes);
        boolean calculated = false;
        if (currentEmpty) {
            // Not enough data yet: keep it until two groups exist.
            currentSendUs = sendTimeUs;
            currentFirstSendUs = sendTimeUs;
            currentFirstArrivalUs = arrivalTimeUs;
        } else if (currentFirstSendUs > sendTimeUs) {
            // Reordered packet: sent before the current group began.
            return false;
        } else if (newGroup(arrivalTimeUs, sendTimeUs)) {
            // First packet of a later send burst: the current group is complete.
            if (previousValid) {
                long sendDeltaUs = currentSendUs - previousSendUs;
                long arrivalDeltaUs = currentCompleteUs - previousCompleteUs;
                long systemDeltaUs = currentLastSystemUs - previousLastSystemUs;
                if (arrivalDeltaUs - systemDeltaUs >= arrivalTimeOffsetThresholdUs) {
                    // The arrival clock jumped relative to ours: the deltas mean nothing.
                    reset();
                    return false;
                }
                if (arrivalDeltaUs < 0) {
                    // The group was reordered after receiving its arrival timestamp.
                    consecutiveReorderedGroups++;
                    if (consecutiveReorderedGroups >= reorderedResetThreshold) {
                        reset();
                    }
                    return false;
                }
                consecutiveReorderedGroups = 0;
                out.sendDeltaUs = sendDeltaUs;
                out.arrivalDeltaUs = arrivalDeltaUs;
                out.sizeDeltaBytes = clampToInt(currentSizeBytes - previousSizeBytes);
                calculated = true;
            }
            previousValid = true;
            previousSendUs = currentSendUs;
            previousCompleteUs = currentCompleteUs;
            previousLastSystemUs = currentLastSystemUs;
            previousSizeBytes = currentSizeBytes;
            currentFirstSendUs = sendTimeUs;
            currentSendUs = sendTimeUs;
            currentFirstArrivalUs = arrivalTimeUs;
            currentSizeBytes = 0;
        } else {
            currentSendUs = Math.max(currentSendUs, sendTimeUs);
        }
        currentEmpty = false;
        currentSizeBytes = Math.min(currentSizeBytes + packetSizeBytes, Integer.MAX_VALUE);
        currentCompleteUs = arrivalTimeUs;
        currentLastSystemUs = systemTimeUs;
        return calculated;
    }

    /** Forgets all groups, as after a stream timeout. */
    public void reset() {
        consecutiveReorderedGroups = 0;
        currentEmpty = true;
        currentSizeBytes = 0;
        previousValid = false;
        previousSizeBytes = 0;
    }

    /** Consecutive reordered groups seen since the last in-order group (for diagnostics and tests). */
    public int consecutiveReorderedGroups() {
        return consecutiveReorderedGroups;
    }

    private boolean newGroup(long arrivalTimeUs, long sendTimeUs) {
        if (belongsToBurst(arrivalTimeUs, sendTimeUs)) {
            return false;
        }
        return sendTimeUs - currentFirstSendUs > groupLengthUs;
    }

    private boolean belongsToBurst(long arrivalTimeUs, long sendTimeUs) {
        long arrivalDeltaUs = arrivalTimeUs - currentCompleteUs;
        long sendDeltaUs = sendTimeUs - currentSendUs;
        if (sendDeltaUs == 0) {
            return true;
        }
        long propagationDeltaUs = arrivalDeltaUs - sendDeltaUs;
        return propagationDeltaUs < 0
                && arrivalDeltaUs <= burstDeltaThresholdUs
                && arrivalTimeUs - currentFirstArrivalUs < maxBurstDurationUs;
    }

    private static boolean sane(long timeUs) {
        return timeUs > -MAX_ABS_TIME_US && timeUs < MAX_ABS_TIME_US;
    }

    private static int clampToInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
