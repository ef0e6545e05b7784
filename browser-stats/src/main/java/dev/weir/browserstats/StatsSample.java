package dev.weir.browserstats;

/**
 * What one getStats sample of one peer connection says about the sending side, after delta
 * decompression. Counters are cumulative since the connection started; absent values are NaN.
 *
 * <p>Immutable and thread-safe.
 *
 * @param line the dump line the sample came from (1-based), for messages
 * @param timeMs the sample's timestamp (the rtcstats line's fourth element), ms since the epoch
 * @param estimateBps the browser's own send-side estimate: the selected candidate pair's
 *     {@code availableOutgoingBitrate}, else the legacy {@code googAvailableSendBandwidth}
 * @param rttMs round-trip time: the selected pair's {@code currentRoundTripTime} (STUN), else the
 *     mean {@code roundTripTime} of the remote-inbound-rtp streams (RTCP), else legacy {@code googRtt}
 * @param bytesSent bytes sent: the selected pair's {@code bytesSent}, else the outbound-rtp streams'
 *     {@code bytesSent + headerBytesSent}, else legacy {@code bytesSent}
 * @param packetsSent RTP packets sent over the outbound-rtp streams (legacy: ssrc {@code packetsSent})
 * @param packetsLost packets the remote side reported lost over the remote-inbound-rtp streams
 *     (legacy: the send ssrc's {@code packetsLost})
 * @param jitterMs mean {@code jitter} of the remote-inbound-rtp streams, ms
 */
public record StatsSample(long line, long timeMs, double estimateBps, double rttMs, double bytesSent,
                          double packetsSent, double packetsLost, double jitterMs) {
    /** Whether the sample says anything about sending (rates or an estimate). */
    public boolean hasSendData() {
        return Double.isFinite(bytesSent) || Double.isFinite(estimateBps);
    }
}
