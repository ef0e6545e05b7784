package dev.weir.rtcp;

/*
 * In the spirit of libwebrtc's TransportFeedbackAdapter
 * (modules/congestion_controller/rtp/transport_feedback_adapter.cc, https://webrtc.googlesource.com/src):
 * a send history joined with TWCC (draft-holmer-rmcat-transport-wide-cc-extensions-01) and
 * RFC 8888 feedback.
 */

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.util.SequenceUnwrapper;

/**
 * Keeps the send history and turns each parsed feedback packet into per-packet results in the
 * estimator's {@link FeedbackReport}: transport sequence number (16 bits, as on the wire), send
 * time, arrival time or {@link FeedbackReport#LOST}, size and probe cluster.
 *
 * <p>Usage: for every packet the pacer sends, {@link #onPacketSent}; for every feedback packet,
 * {@code report.clear()}, {@link #onTransportFeedback} or {@link #onCongestionControlFeedback}
 * (several may fill one report, e.g. the feedback packets of one compound RTCP datagram), then
 * {@code estimator.onFeedback(report, nowUs, result)}.
 *
 * <p>Join rules: each packet is reported once as received; a packet reported lost is reported lost
 * once, and again as received if later feedback says it arrived (reordering); feedback for packets
 * never sent, overwritten in the ring or older than the history window is skipped and counted.
 * Sequence numbers in feedback are unwrapped relative to the newest packet sent, so wrap-around
 * and reordering within half the 16-bit space are exact.
 *
 * <p>Arrival times are on the receiver's clock shifted by one constant: the first feedback packet
 * maps its reference time (TWCC) or report timestamp (RFC 8888) to the {@code nowUs} it arrived
 * at, and later ones follow the receiver's clock from there (unwrapping its 24-bit and 32-bit
 * wraps). Delay-based estimation uses only arrival differences.
 *
 * <p>RFC 8888 identifies packets by (SSRC, RTP sequence number), not transport sequence: send
 * with {@link #onPacketSent(int, long, int, int, long, int)} so the adapter can map them; the
 * transport sequence number is then the client's own 16-bit send counter (it never goes on the
 * wire). As in libwebrtc, packets sent inside the transport sequence range a RFC 8888 packet
 * covers but absent from it (every packet of a stream lost) are reported lost. Packets the
 * receiver saw without a usable arrival time (RFC 8888 over-range or unavailable offsets, TWCC
 * without receive deltas) count as acknowledged but stay out of the report, which cannot say
 * "received, time unknown".
 *
 * <p>Memory: about 75 bytes per history slot, RFC 8888 index included (default
 * {@value #DEFAULT_CAPACITY} slots, ~1.2 MB), preallocated; nothing is allocated per packet. Not thread-safe: one instance per call, driven
 * from one thread.
 */
public final class TransportFeedbackAdapter {
    /** History slots: 16 s at 10 Mbps of 1200-byte packets, 60 s at 2.5 Mbps. */
    public static final int DEFAULT_CAPACITY = 1 << 14;
    /** libwebrtc's kSendTimeHistoryWindow. */
    public static final long DEFAULT_WINDOW_US = 60_000_000;
    /** Feedback unwraps 16-bit sequence numbers within half their space: no larger ring helps. */
    public static final int MAX_CAPACITY = 1 << 15;
    private static final int MIN_CAPACITY = 1 << 4;
    /** Keeps unwrapped sequences positive even when the first packets are reordered. */
    private static final long SEQUENCE_OFFSET = 1 << 16;
    /** Internal marker: received without a usable arrival time. */
    private static final long NO_ARRIVAL = Long.MIN_VALUE + 1;
    /** A feedback counter step of at least half its 8-bit range is a late or repeated packet. */
    private static final int HALF_FEEDBACK_COUNT_SPACE = 128;

    private final SendHistory history;
    private final RtpSequenceIndex rtpIndex;
    private final SequenceUnwrapper sendUnwrapper = new SequenceUnwrapper();
    private long newestSequence = -1;

    private final ReceiverClock twccClock = new ReceiverClock(24);
    private final ReceiverClock ccfbClock = new ReceiverClock(32);
    private boolean hasFeedbackCount;
    private int lastFeedbackCount;

    private final long[] ccfbArrivalsUs;
    private final int[] ccfbEpochs;
    private int ccfbEpoch;

    private long unknownPackets;
    private long duplicatePackets;
    private long recoveredPackets;
    private long receivedWithoutTime;
    private long missingFeedbackPackets;

    public TransportFeedbackAdapter() {
        this(DEFAULT_CAPACITY, DEFAULT_WINDOW_US);
    }

    /**
     * @param historyCapacityPackets power of two in [16, 32768]: packets remembered
     * @param historyWindowUs packets sent longer than this before the newest are forgotten
     */
    public TransportFeedbackAdapter(int historyCapacityPackets, long historyWindowUs) {
        if (Integer.bitCount(historyCapacityPackets) != 1 || historyCapacityPackets < MIN_CAPACITY
                || historyCapacityPackets > MAX_CAPACITY) {
            throw new IllegalArgumentException("history capacity " + historyCapacityPackets
                    + " must be a power of two in [" + MIN_CAPACITY + ", " + MAX_CAPACITY + "]");
        }
        if (historyWindowUs <= 0) {
            throw new IllegalArgumentException("history window must be > 0 us, got " + historyWindowUs);
        }
        history = new SendHistory(historyCapacityPackets, historyWindowUs);
        rtpIndex = new RtpSequenceIndex(history);
        ccfbArrivalsUs = new long[historyCapacityPackets];
        ccfbEpochs = new int[historyCapacityPackets];
    }

    /**
     * A packet left the pacer; for TWCC with the sequence number its transport-wide sequence
     * number header extension carries.
     *
     * @param transportSequenceNumber 16 bits, wrapping (higher bits are ignored)
     * @param probeClusterId the probe cluster, or {@link FeedbackReport#NOT_A_PROBE}
     */
    public void onPacketSent(int transportSequenceNumber, long sendTimeUs, int sizeBytes, int probeClusterId) {
        addToHistory(transportSequenceNumber, sendTimeUs, sizeBytes, probeClusterId, 0, 0);
    }

    /**
     * A packet left the pacer, with the RTP identity RFC 8888 feedback refers to it by.
     *
     * @param ssrc the RTP stream (32 bits)
     * @param rtpSequenceNumber its RTP sequence number (16 bits)
     */
    public void onPacketSent(int transportSequenceNumber, long sendTimeUs, int sizeBytes, int probeClusterId,
                             long ssrc, int rtpSequenceNumber) {
        long sequence = addToHistory(transportSequenceNumber, sendTimeUs, sizeBytes, probeClusterId, ssrc,
                rtpSequenceNumber);
        rtpIndex.put(ssrc, rtpSequenceNumber, sequence);
    }

    private long addToHistory(int transportSequenceNumber, long sendTimeUs, int sizeBytes, int probeClusterId,
                              long ssrc, int rtpSequenceNumber) {
        long sequence = sendUnwrapper.unwrap(transportSequenceNumber) + SEQUENCE_OFFSET;
        newestSequence = Math.max(newestSequence, sequence);
        history.add(sequence, sendTimeUs, sizeBytes, probeClusterId, ssrc, rtpSequenceNumber);
        return sequence;
    }

    /**
     * Joins one TWCC packet with the send history and appends its packets to {@code out}.
     *
     * @param nowUs local time the feedback arrived
     * @return packets appended
     */
    public int onTransportFeedback(TransportFeedback feedback, long nowUs, FeedbackReport out) {
        countFeedbackGap(feedback.feedbackPacketCount());
        long referenceTicks = twccClock.sinceAnchor(feedback.referenceTimeTicks(), nowUs);
        long referenceUs = twccClock.anchorNowUs() + referenceTicks * TransportFeedback.REFERENCE_TICK_US;
        int added = 0;
        for (int i = 0; i < feedback.packetStatusCount(); i++) {
            int slot = findFeedbackSequence(feedback.sequenceNumber(i));
            if (slot < 0) {
                unknownPackets++;
                continue;
            }
            long arrivalUs;
            if (!feedback.isReceived(i)) {
                arrivalUs = FeedbackReport.LOST;
            } else if (!feedback.hasReceiveDeltas()) {
                arrivalUs = NO_ARRIVAL;
            } else {
                arrivalUs = referenceUs + roundTowardZeroToMs(feedback.receiveOffsetUs(i));
            }
            added += report(slot, arrivalUs, out);
        }
        return added;
    }

    /**
     * libwebrtc's TransportFeedbackAdapter::ProcessTransportFeedback gives the estimator receive
     * times rounded to whole milliseconds: the delta since the reference time goes through
     * {@code TimeDelta::RoundDownTo(TimeDelta::Millis(1))}, which truncates toward zero (the
     * reference time itself is a multiple of 64 ms). The trendline filter is tuned on those inputs,
     * so weir hands GCC the same 1 ms steps rather than TWCC's 250 us resolution.
     */
    static long roundTowardZeroToMs(long offsetUs) {
        return offsetUs / 1_000 * 1_000;
    }

    /**
     * Joins one RFC 8888 packet with the send history and appends its packets to {@code out} in
     * transport sequence order, with the lost packets the report implies.
     *
     * @param nowUs local time the feedback arrived
     * @return packets appended
     */
    public int onCongestionControlFeedback(CongestionControlFeedback feedback, long nowUs, FeedbackReport out) {
        long reportUnits = ccfbClock.sinceAnchor(feedback.reportTimestampCompactNtp(), nowUs);
        long anchorUs = ccfbClock.anchorNowUs();
        int epoch = nextEpoch();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int i = 0; i < feedback.reportCount(); i++) {
            long sequence = rtpIndex.get(feedback.ssrc(i), feedback.sequenceNumber(i));
            int slot = sequence < 0 ? -1 : history.find(sequence);
            if (slot < 0) {
                unknownPackets++;
                continue;
            }
            long arrivalUs;
            if (!feedback.isReceived(i)) {
                arrivalUs = FeedbackReport.LOST;
            } else if (!feedback.hasArrivalTime(i)) {
                arrivalUs = NO_ARRIVAL;
            } else {
                long arrivalUnits = reportUnits - feedback.arrivalTimeOffset(i) * CompactNtp.UNITS_PER_ATO_UNIT;
                arrivalUs = anchorUs + CompactNtp.toMicros(arrivalUnits);
            }
            ccfbArrivalsUs[slot] = arrivalUs;
            ccfbEpochs[slot] = epoch;
            lowest = Math.min(lowest, sequence);
            highest = Math.max(highest, sequence);
        }
        if (lowest > highest) {
            return 0;
        }
        if (highest - lowest >= history.capacity()) {
            return reportInPacketOrder(feedback, epoch, out);
        }
        int added = 0;
        for (long sequence = lowest; sequence <= highest; sequence++) {
            int slot = history.find(sequence);
            if (slot < 0) {
                continue;
            }
            if (ccfbEpochs[slot] == epoch) {
                added += report(slot, ccfbArrivalsUs[slot], out);
            } else if (history.state(slot) == SendHistory.SENT) {
                added += report(slot, FeedbackReport.LOST, out);
            }
        }
        return added;
    }

    /**
     * Fallback when the reported packets span more transport sequence numbers than the ring holds
     * (only with gaps in the client's counter): packet order, no implied losses.
     */
    private int reportInPacketOrder(CongestionControlFeedback feedback, int epoch, FeedbackReport out) {
        int added = 0;
        for (int i = 0; i < feedback.reportCount(); i++) {
            long sequence = rtpIndex.get(feedback.ssrc(i), feedback.sequenceNumber(i));
            int slot = sequence < 0 ? -1 : history.find(sequence);
            if (slot >= 0 && ccfbEpochs[slot] == epoch) {
                ccfbEpochs[slot] = 0;
                added += report(slot, ccfbArrivalsUs[slot], out);
            }
        }
        return added;
    }

    private int nextEpoch() {
        ccfbEpoch++;
        if (ccfbEpoch == 0) {
            ccfbEpoch = 1; // 0 marks "not in any report" in ccfbEpochs
        }
        return ccfbEpoch;
    }

    /** Applies the join rules to one status; returns 1 if it went into {@code out}. */
    private int report(int slot, long arrivalUs, FeedbackReport out) {
        byte state = history.state(slot);
        if (state == SendHistory.ACKNOWLEDGED || (arrivalUs == FeedbackReport.LOST && state == SendHistory.REPORTED_LOST)) {
            duplicatePackets++;
            return 0;
        }
        if (arrivalUs == FeedbackReport.LOST) {
            history.setState(slot, SendHistory.REPORTED_LOST);
        } else {
            if (state == SendHistory.REPORTED_LOST) {
                recoveredPackets++;
            }
            history.setState(slot, SendHistory.ACKNOWLEDGED);
            if (arrivalUs == NO_ARRIVAL) {
                receivedWithoutTime++;
                return 0;
            }
        }
        out.add(history.sequence(slot) & 0xFFFF, history.sendTimeUs(slot), arrivalUs, history.sizeBytes(slot),
                history.probeClusterId(slot));
        return 1;
    }

    /** History slot of a 16-bit sequence number from feedback, unwrapped relative to the newest send; -1 if unknown. */
    private int findFeedbackSequence(int sequenceNumber) {
        if (newestSequence < 0) {
            return -1;
        }
        int delta = (short) (sequenceNumber - (int) newestSequence);
        return history.find(newestSequence + delta);
    }

    private void countFeedbackGap(int feedbackPacketCount) {
        if (hasFeedbackCount) {
            int step = (feedbackPacketCount - lastFeedbackCount) & 0xFF;
            if (step == 0 || step >= HALF_FEEDBACK_COUNT_SPACE) {
                return; // repeated or late: the gap it fills was already counted
            }
            missingFeedbackPackets += step - 1;
        }
        hasFeedbackCount = true;
        lastFeedbackCount = feedbackPacketCount;
    }

    /** Feedback statuses for packets not in the history (never sent, overwritten, or aged out). */
    public long unknownPacketCount() {
        return unknownPackets;
    }

    /** Statuses for packets already reported: repeated losses and anything after an acknowledgement. */
    public long duplicatePacketCount() {
        return duplicatePackets;
    }

    /** Packets reported lost and later received (reordering across feedback packets). */
    public long recoveredPacketCount() {
        return recoveredPackets;
    }

    /** Packets acknowledged without a usable arrival time (left out of the report). */
    public long receivedWithoutTimeCount() {
        return receivedWithoutTime;
    }

    /**
     * TWCC feedback packets missing from the receiver's 8-bit feedback counter (lost on the return
     * path; a late one still counts as missing).
     */
    public long missingFeedbackPacketCount() {
        return missingFeedbackPackets;
    }
}
