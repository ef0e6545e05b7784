package dev.weir.rtcp;

/*
 * The receiver side of RFC 8888, following libwebrtc's CongestionControlFeedbackGenerator
 * (modules/remote_bitrate_estimator/congestion_control_feedback_generator.cc,
 * https://webrtc.googlesource.com/src): feedback per frame, paced by a send-rate budget.
 */

/**
 * Builds RFC 8888 feedback packets from RTP packet arrivals, on libwebrtc's schedule: feedback
 * goes out when a packet with the marker bit (a complete frame) has arrived, or 25 ms after the
 * first arrival since the last feedback; feedback packets are spaced by their size at 500 kbps
 * ({@value #MAX_FEEDBACK_RATE_BPS} bps, libwebrtc's assumption of a link of 10 Mbps or more at the
 * RTCP share of 5 %) and at least 25 ms, at most 500 ms apart. Each report covers every stream's
 * packets since its previous report; when one packet would exceed the maximum size, the report
 * continues in further packets with the same report timestamp.
 *
 * <p>The report timestamp is the compact NTP of the receiver clock passed in (microseconds since
 * any epoch: the sender only uses differences).
 *
 * <p>Streams are held in SSRC order (at most {@value #MAX_STREAMS}; packets of further streams are
 * ignored and counted). Storage grows only with the largest window a stream has needed. Not
 * thread-safe.
 */
public final class CongestionControlFeedbackGenerator {
    /** libwebrtc min_send_delta. */
    public static final long MIN_INTERVAL_US = 25_000;
    /** libwebrtc max_send_delta. */
    public static final long MAX_INTERVAL_US = 500_000;
    /** libwebrtc max_wait_for_marker. */
    public static final long MAX_WAIT_FOR_MARKER_US = 25_000;
    /** libwebrtc kMaxFeedbackRate. */
    public static final long MAX_FEEDBACK_RATE_BPS = 500_000;
    /** Streams tracked: audio, video and their RTX/FEC for a few simulcast layers fit easily. */
    public static final int MAX_STREAMS = 32;
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int BITS_PER_BYTE = 8;

    private final long senderSsrc;
    private final FeedbackPacketSink sink;
    private final CongestionControlFeedbackBuilder builder;
    private final CcfbStreamTracker[] streams = new CcfbStreamTracker[MAX_STREAMS];
    private int streamCount;
    private long ignoredStreamPackets;

    private boolean markerSeen;
    private boolean hasArrivalSinceFeedback;
    private long firstArrivalSinceFeedbackUs;
    private long nextPossibleSendUs;
    private boolean hasSent;
    private long lastSentUs;
    private long debtBytes;

    /**
     * @param senderSsrc the receiver's own SSRC, written as "SSRC of RTCP packet sender"
     * @param maxPacketSizeBytes largest feedback packet (see {@link CongestionControlFeedbackBuilder})
     * @param sink receives each packet as it is built
     */
    public CongestionControlFeedbackGenerator(long senderSsrc, int maxPacketSizeBytes, FeedbackPacketSink sink) {
        this.senderSsrc = senderSsrc;
        this.sink = sink;
        builder = new CongestionControlFeedbackBuilder(maxPacketSizeBytes);
    }

    /**
     * An RTP packet arrived at {@code arrivalTimeUs} (the receiver clock, also taken as "now");
     * may send feedback at once.
     *
     * @param ecn RFC 3168 codepoint from the IP header
     * @param marker the RTP marker bit (last packet of a video frame)
     */
    public void onPacketReceived(long ssrc, int rtpSequenceNumber, long arrivalTimeUs, int ecn, boolean marker) {
        markerSeen |= marker;
        recordPacket(ssrc, rtpSequenceNumber, arrivalTimeUs, ecn);
        if (nextFeedbackUs(arrivalTimeUs) < arrivalTimeUs) {
            sendFeedback(arrivalTimeUs);
        }
    }

    /**
     * Records an RTP packet's arrival without sending feedback: for callers that keep their own
     * feedback clock and call {@link #sendFeedback} (the simulator's per-scenario interval).
     */
    public void recordPacket(long ssrc, int rtpSequenceNumber, long arrivalTimeUs, int ecn) {
        if (!hasArrivalSinceFeedback) {
            hasArrivalSinceFeedback = true;
            firstArrivalSinceFeedbackUs = arrivalTimeUs;
        }
        CcfbStreamTracker stream = stream(ssrc & 0xFFFF_FFFFL);
        if (stream == null) {
            ignoredStreamPackets++;
        } else {
            stream.onPacket(rtpSequenceNumber, arrivalTimeUs, ecn & 3);
        }
    }

    /** Sends feedback if it is due; returns the time until it should be called again. */
    public long process(long nowUs) {
        if (nextFeedbackUs(nowUs) <= nowUs) {
            sendFeedback(nowUs);
        }
        return nextFeedbackUs(nowUs) - nowUs;
    }

    /** Packets of streams beyond {@value #MAX_STREAMS}, not reported. */
    public long ignoredStreamPacketCount() {
        return ignoredStreamPackets;
    }

    private long nextFeedbackUs(long nowUs) {
        if (!hasArrivalSinceFeedback) {
            return Math.max(nowUs + MIN_INTERVAL_US, nextPossibleSendUs);
        }
        if (!markerSeen) {
            return Math.max(nextPossibleSendUs, firstArrivalSinceFeedbackUs + MAX_WAIT_FOR_MARKER_US);
        }
        return nextPossibleSendUs;
    }

    /** The tracker of {@code ssrc}, created in SSRC order on first sight; null when full. */
    private CcfbStreamTracker stream(long ssrc) {
        int low = 0;
        int high = streamCount - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midSsrc = streams[mid].ssrc();
            if (midSsrc == ssrc) {
                return streams[mid];
            }
            if (midSsrc < ssrc) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (streamCount == MAX_STREAMS) {
            return null;
        }
        System.arraycopy(streams, low, streams, low + 1, streamCount - low);
        streams[low] = new CcfbStreamTracker(ssrc);
        streamCount++;
        return streams[low];
    }

    /**
     * Sends feedback now, whatever the schedule: a report of every stream's packets since its
     * previous report, with {@code nowUs} (receiver clock) as report timestamp, split at the
     * maximum size; an empty report when nothing arrived (libwebrtc sends those too). The
     * schedule of {@link #process} continues from this send.
     */
    public void sendFeedback(long nowUs) {
        long reportTimestamp = CompactNtp.fromMicros(nowUs);
        builder.reset(senderSsrc, reportTimestamp);
        int sentBytes = 0;
        for (int i = 0; i < streamCount; i++) {
            CcfbStreamTracker stream = streams[i];
            if (!stream.hasPending()) {
                continue;
            }
            long sequence = stream.pendingFrom();
            long to = stream.pendingTo();
            boolean inBlock = false;
            while (sequence < to) {
                if (!inBlock && !builder.beginBlock(stream.ssrc(), (int) sequence)) {
                    sentBytes += flush(reportTimestamp);
                    continue;
                }
                inBlock = true;
                long arrivalUs = stream.arrivalUs(sequence);
                boolean added = arrivalUs == Long.MIN_VALUE ? builder.addLost()
                        : builder.addReceived(nowUs - arrivalUs, stream.ecn(sequence));
                if (added) {
                    sequence++;
                } else {
                    sentBytes += flush(reportTimestamp);
                    inBlock = false;
                }
            }
            stream.reportedUpTo(to);
        }
        if (!builder.isEmpty() || sentBytes == 0) {
            sentBytes += flush(reportTimestamp);
        }
        markerSeen = false;
        hasArrivalSinceFeedback = false;
        scheduleNext(sentBytes, nowUs);
    }

    /** Sends the packet under construction (also when empty: libwebrtc sends empty feedback too). */
    private int flush(long reportTimestamp) {
        int size = builder.finish();
        sink.onFeedbackPacket(builder.buffer(), 0, size);
        builder.reset(senderSsrc, reportTimestamp);
        return size;
    }

    /** libwebrtc CalculateNextPossibleSendTime: a byte budget refilled at the maximum feedback rate. */
    private void scheduleNext(int sentBytes, long nowUs) {
        long sinceLastUs = hasSent ? nowUs - lastSentUs : 0;
        long paidBytes = sinceLastUs * MAX_FEEDBACK_RATE_BPS / BITS_PER_BYTE / MICROS_PER_SECOND;
        debtBytes = Math.max(0, debtBytes - paidBytes) + sentBytes;
        hasSent = true;
        lastSentUs = nowUs;
        long debtUs = debtBytes * BITS_PER_BYTE * MICROS_PER_SECOND / MAX_FEEDBACK_RATE_BPS;
        nextPossibleSendUs = nowUs + Math.max(MIN_INTERVAL_US, Math.min(debtUs, MAX_INTERVAL_US));
    }
}
