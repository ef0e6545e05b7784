package dev.weir.rtcp;

/*
 * The receiver side of draft-holmer-rmcat-transport-wide-cc-extensions-01, following libwebrtc's
 * TransportSequenceNumberFeedbackGenenerator (modules/remote_bitrate_estimator/
 * transport_sequence_number_feedback_generator.cc, https://webrtc.googlesource.com/src):
 * periodic feedback, interval adapted to the send-side estimate, window and culling rules.
 */

/**
 * Builds TWCC feedback packets from packet arrivals. Every {@link #sendIntervalUs()} (100 ms by
 * default; after {@link #onSendBandwidthEstimateChanged}, the interval at which a 68-byte report
 * takes 5 % of the estimate, within [50, 250] ms), {@link #process} reports every packet since the
 * previous feedback, splitting into several packets when one reaches the maximum size or cannot
 * encode a delta. A packet that arrives late, below the range already reported, moves the next
 * report back to include it (libwebrtc re-reports the range after it, which the sender's adapter
 * recognises as duplicates). Packets older than 500 ms are forgotten once everything before them is
 * reported.
 *
 * <p>Deviation from libwebrtc: packets are limited to a maximum size (default 1200 bytes, one
 * datagram) where libwebrtc only limits them to the RTCP maximum; periodic feedback only (no
 * TransportSequenceNumberV2 feedback requests).
 *
 * <p>Preallocated (~270 KB for libwebrtc's 32768-packet window): no allocation per packet. Not
 * thread-safe.
 */
public final class TwccFeedbackGenerator {
    /** libwebrtc kDefaultInterval. */
    public static final long DEFAULT_INTERVAL_US = 100_000;
    /** libwebrtc kMinInterval. */
    public static final long MIN_INTERVAL_US = 50_000;
    /** libwebrtc kMaxInterval. */
    public static final long MAX_INTERVAL_US = 250_000;
    /** libwebrtc kBackWindow: how long reported packets are kept for late reordering. */
    static final long BACK_WINDOW_US = 500_000;
    /**
     * libwebrtc's kTwccReportSize: IPv4 (20) + UDP (8) + SRTP (10) + an average report (30),
     * bytes on the wire per feedback packet.
     */
    static final int REPORT_WIRE_BYTES = 20 + 8 + 10 + 30;
    /** Share of the send-side estimate feedback may use (libwebrtc: 5 %). */
    private static final double FEEDBACK_SHARE = 0.05;
    /** libwebrtc kMaxMissingSequenceNumbers: a report starts at most this far before its first arrival. */
    private static final int MAX_MISSING_SEQUENCE_NUMBERS = 0x7FFE;
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int BITS_PER_BYTE = 8;

    private final long senderSsrc;
    private final FeedbackPacketSink sink;
    private final TransportFeedbackBuilder builder;
    private final byte[] packet;
    private final PacketArrivalMap arrivals = new PacketArrivalMap();
    private final FollowingUnwrapper unwrapper = new FollowingUnwrapper();
    private long mediaSsrc;
    private boolean hasWindowStart;
    private long windowStart;
    private boolean processed;
    private long lastProcessUs;
    private long sendIntervalUs = DEFAULT_INTERVAL_US;
    private int feedbackPacketCount;

    /**
     * @param senderSsrc the receiver's own SSRC, written as "SSRC of packet sender"
     * @param maxPacketSizeBytes largest feedback packet (see {@link TransportFeedbackBuilder})
     * @param sink receives each packet as it is built
     */
    public TwccFeedbackGenerator(long senderSsrc, int maxPacketSizeBytes, FeedbackPacketSink sink) {
        this.senderSsrc = senderSsrc;
        this.sink = sink;
        builder = new TransportFeedbackBuilder(maxPacketSizeBytes);
        packet = new byte[maxPacketSizeBytes];
    }

    /**
     * A packet with a transport-wide sequence number arrived.
     *
     * @param transportSequenceNumber 16 bits, as in the header extension
     * @param arrivalTimeUs receiver clock
     * @param mediaSsrc the packet's SSRC (written as "SSRC of media source", the latest one wins)
     */
    public void onPacketReceived(int transportSequenceNumber, long arrivalTimeUs, long mediaSsrc) {
        this.mediaSsrc = mediaSsrc;
        long sequence = unwrapper.unwrap(transportSequenceNumber);
        if (hasWindowStart && windowStart >= arrivals.endSequence() && arrivalTimeUs >= BACK_WINDOW_US) {
            arrivals.removeOldPackets(sequence, arrivalTimeUs - BACK_WINDOW_US);
        }
        if (!hasWindowStart || sequence < windowStart) {
            hasWindowStart = true;
            windowStart = sequence;
        }
        if (arrivals.hasReceived(sequence)) {
            return;
        }
        arrivals.add(sequence, arrivalTimeUs);
        if (windowStart < arrivals.beginSequence()) {
            windowStart = arrivals.beginSequence();
        }
    }

    /**
     * Adapts the interval to the sender's estimate (carried back to the receiver, e.g. by the
     * application), so feedback stays near 5 % of it.
     */
    public void onSendBandwidthEstimateChanged(long estimateBps) {
        long minFeedbackBps = REPORT_WIRE_BYTES * BITS_PER_BYTE * MICROS_PER_SECOND / MAX_INTERVAL_US;
        double feedbackBps = FEEDBACK_SHARE * estimateBps;
        if (feedbackBps <= minFeedbackBps) {
            sendIntervalUs = MAX_INTERVAL_US;
        } else {
            long intervalUs = (long) (REPORT_WIRE_BYTES * BITS_PER_BYTE * MICROS_PER_SECOND / feedbackBps);
            sendIntervalUs = Math.max(intervalUs, MIN_INTERVAL_US);
        }
    }

    /**
     * Sets a fixed interval (e.g. configured, as the simulator's scenarios do), clamped to
     * libwebrtc's [50, 250] ms; a later {@link #onSendBandwidthEstimateChanged} replaces it.
     */
    public void setSendIntervalUs(long intervalUs) {
        sendIntervalUs = Math.max(MIN_INTERVAL_US, Math.min(intervalUs, MAX_INTERVAL_US));
    }

    /** The current feedback interval. */
    public long sendIntervalUs() {
        return sendIntervalUs;
    }

    /**
     * Sends feedback if an interval has passed since the last time it did (the first call always
     * does); returns the time until it should be called again.
     */
    public long process(long nowUs) {
        if (processed && nowUs < lastProcessUs + sendIntervalUs) {
            return lastProcessUs + sendIntervalUs - nowUs;
        }
        processed = true;
        lastProcessUs = nowUs;
        sendPeriodicFeedback();
        return sendIntervalUs;
    }

    /**
     * Sends feedback now for every packet not yet reported, outside {@link #process}'s schedule
     * (which it leaves unchanged): for callers that keep their own feedback clock, such as the
     * simulator's per-scenario interval. Sends nothing when nothing new arrived.
     */
    public void sendFeedback() {
        sendPeriodicFeedback();
    }

    private void sendPeriodicFeedback() {
        if (!hasWindowStart) {
            return;
        }
        long end = arrivals.endSequence();
        while (windowStart < end) {
            if (!buildPacket(windowStart, end)) {
                break;
            }
            int size = builder.write(packet, 0);
            sink.onFeedbackPacket(packet, 0, size);
        }
    }

    /** Fills the builder with arrivals from {@code begin}; false when there was nothing to report. */
    private boolean buildPacket(long begin, long end) {
        long from = arrivals.clamp(begin);
        long to = arrivals.clamp(end);
        long next = begin;
        boolean started = false;
        for (long sequence = from; sequence < to; sequence++) {
            sequence = arrivals.nextReceivedAtOrAfter(sequence);
            if (sequence >= to) {
                break;
            }
            long arrivalUs = arrivals.arrivalUs(sequence);
            if (!started) {
                long base = Math.max(begin, sequence - MAX_MISSING_SEQUENCE_NUMBERS);
                builder.reset(senderSsrc, mediaSsrc, (int) base, arrivalUs, feedbackPacketCount);
                if (!builder.addReceivedPacket((int) sequence, arrivalUs)) {
                    // The gap before the first arrival does not fit a small maximum size: drop it.
                    builder.reset(senderSsrc, mediaSsrc, (int) sequence, arrivalUs, feedbackPacketCount);
                    builder.addReceivedPacket((int) sequence, arrivalUs);
                }
                feedbackPacketCount++;
                started = true;
            } else if (!builder.addReceivedPacket((int) sequence, arrivalUs)) {
                break;
            }
            next = sequence + 1;
        }
        windowStart = next;
        return started;
    }
}
