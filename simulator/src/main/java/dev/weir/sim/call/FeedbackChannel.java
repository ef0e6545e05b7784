package dev.weir.sim.call;

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.rtcp.CongestionControlFeedback;
import dev.weir.rtcp.CongestionControlFeedbackGenerator;
import dev.weir.rtcp.FeedbackPacketSink;
import dev.weir.rtcp.RtcpFormatException;
import dev.weir.rtcp.TransportFeedback;
import dev.weir.rtcp.TransportFeedbackAdapter;
import dev.weir.rtcp.TwccFeedbackGenerator;
import dev.weir.sim.media.PacketKind;
import dev.weir.sim.scenario.FeedbackFormat;

/**
 * A call's transport feedback as bytes, both ends: the receiver's generator (rtcp's
 * {@link TwccFeedbackGenerator} or {@link CongestionControlFeedbackGenerator}) turns arrivals into
 * RTCP packets handed to a {@link FeedbackPacketSink} (the call's return path); at the sender the
 * parser and the {@link TransportFeedbackAdapter}, which keeps the send history, turn each packet
 * that arrives back into a {@link FeedbackReport}. What an estimator gets is thus what a client
 * embedding weir would get: TWCC's 250 us deltas on a 64 ms reference time (or RFC 8888's
 * 1/1024 s offsets), arrival times on the receiver's clock anchored at the first feedback's
 * arrival, each packet reported once, packets of a lost feedback packet never reported (unless a
 * late arrival makes the generator re-report their range, as libwebrtc's does).
 *
 * <p>The simulator keeps the report timing: {@link #sendFeedback} at each of the scenario's
 * feedback intervals sends every packet not yet reported (split at {@code maxPacketBytes}).
 *
 * <p>Packets carry RTP identities for RFC 8888: one SSRC per stream (video, audio, FEC, and RTX
 * for retransmissions and probe padding, as libwebrtc sends them) with its own 16-bit sequence
 * numbers. Preallocated: nothing is allocated per packet. Not thread-safe: one per call.
 */
final class FeedbackChannel {
    /** The receiver's own SSRC, written as the feedback's sender. */
    static final long RECEIVER_SSRC = 0x7265_6376L;
    /** Media SSRCs by stream: video, audio, FEC, RTX. */
    private static final long[] STREAM_SSRCS = {0x7669_6400L, 0x6175_6400L, 0x6665_6300L, 0x7274_7800L};
    private static final int VIDEO_STREAM = 0;
    private static final int AUDIO_STREAM = 1;
    private static final int FEC_STREAM = 2;
    private static final int RTX_STREAM = 3;
    private static final int SEQUENCE_MASK = 0xFFFF;

    private final FeedbackFormat format;
    private final TwccFeedbackGenerator twccGenerator;
    private final CongestionControlFeedbackGenerator ccfbGenerator;
    private final TransportFeedbackAdapter adapter = new TransportFeedbackAdapter();
    private final TransportFeedback twcc;
    private final CongestionControlFeedback ccfb;
    /** RFC 8888 only: each packet's stream and RTP sequence number, by transport sequence (16 bits). */
    private final byte[] streamBySequence;
    private final char[] rtpSequenceBySequence;
    private final int[] nextRtpSequence = new int[STREAM_SSRCS.length];

    private long packetsParsed;
    private long bytesParsed;

    FeedbackChannel(FeedbackFormat format, int maxPacketBytes, FeedbackPacketSink sink) {
        this.format = format;
        if (format == FeedbackFormat.TWCC) {
            twccGenerator = new TwccFeedbackGenerator(RECEIVER_SSRC, maxPacketBytes, sink);
            ccfbGenerator = null;
            twcc = new TransportFeedback();
            ccfb = null;
            streamBySequence = null;
            rtpSequenceBySequence = null;
        } else {
            twccGenerator = null;
            ccfbGenerator = new CongestionControlFeedbackGenerator(RECEIVER_SSRC, maxPacketBytes, sink);
            twcc = null;
            ccfb = new CongestionControlFeedback();
            streamBySequence = new byte[SEQUENCE_MASK + 1];
            rtpSequenceBySequence = new char[SEQUENCE_MASK + 1];
        }
    }

    /** Sender: a packet left the pacer ({@code sequence} unwrapped; 16 bits go on the wire). */
    void onPacketSent(int sequence, PacketKind kind, long sendTimeUs, int sizeBytes, int probeClusterId) {
        int transportSequence = sequence & SEQUENCE_MASK;
        if (format == FeedbackFormat.TWCC) {
            adapter.onPacketSent(transportSequence, sendTimeUs, sizeBytes, probeClusterId);
            return;
        }
        int stream = switch (kind) {
            case VIDEO -> VIDEO_STREAM;
            case AUDIO -> AUDIO_STREAM;
            case FEC -> FEC_STREAM;
            case PROBE, RETRANSMISSION -> RTX_STREAM;
        };
        int rtpSequence = nextRtpSequence[stream];
        nextRtpSequence[stream] = (rtpSequence + 1) & SEQUENCE_MASK;
        streamBySequence[transportSequence] = (byte) stream;
        rtpSequenceBySequence[transportSequence] = (char) rtpSequence;
        adapter.onPacketSent(transportSequence, sendTimeUs, sizeBytes, probeClusterId, STREAM_SSRCS[stream],
                rtpSequence);
    }

    /** Receiver: a packet arrived (its headers name its transport sequence, SSRC and RTP sequence). */
    void onPacketArrived(int sequence, long arrivalTimeUs) {
        int transportSequence = sequence & SEQUENCE_MASK;
        if (format == FeedbackFormat.TWCC) {
            twccGenerator.onPacketReceived(transportSequence, arrivalTimeUs, STREAM_SSRCS[VIDEO_STREAM]);
        } else {
            ccfbGenerator.recordPacket(STREAM_SSRCS[streamBySequence[transportSequence]],
                    rtpSequenceBySequence[transportSequence], arrivalTimeUs, CongestionControlFeedback.ECN_NOT_ECT);
        }
    }

    /** Receiver: the feedback interval is up; every packet not yet reported goes to the sink. */
    void sendFeedback(long nowUs) {
        if (format == FeedbackFormat.TWCC) {
            twccGenerator.sendFeedback();
        } else {
            ccfbGenerator.sendFeedback(nowUs);
        }
    }

    /**
     * Sender: one feedback packet arrived at {@code nowUs}; parses it and appends what it reports
     * to {@code out} (joined with the send history). Returns the packets appended.
     *
     * @throws IllegalStateException when the bytes do not parse: the generator and the parser disagree
     */
    int onFeedbackArrived(byte[] packet, int lengthBytes, long nowUs, FeedbackReport out) {
        try {
            int added;
            if (format == FeedbackFormat.TWCC) {
                twcc.parse(packet, 0, lengthBytes);
                added = adapter.onTransportFeedback(twcc, nowUs, out);
            } else {
                ccfb.parse(packet, 0, lengthBytes);
                added = adapter.onCongestionControlFeedback(ccfb, nowUs, out);
            }
            packetsParsed++;
            bytesParsed += lengthBytes;
            return added;
        } catch (RtcpFormatException e) {
            throw new IllegalStateException("the simulator's own " + format.jsonName() + " feedback does not parse: "
                    + e.getMessage(), e);
        }
    }

    /** Feedback packets parsed at the sender so far. */
    long packetsParsed() {
        return packetsParsed;
    }

    /** Bytes of the feedback packets parsed at the sender so far. */
    long bytesParsed() {
        return bytesParsed;
    }

    /** The sender's adapter (its counts of duplicate, recovered and unknown statuses). */
    TransportFeedbackAdapter adapter() {
        return adapter;
    }
}
