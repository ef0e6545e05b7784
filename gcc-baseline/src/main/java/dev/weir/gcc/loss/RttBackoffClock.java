package dev.weir.gcc.loss;

/**
 * The RTT the backoff rule judges, after libwebrtc's {@code RttBasedBackoff::CorrectedRtt}
 * (send_side_bandwidth_estimation.cc): the last propagation RTT plus how long packets have been
 * sent since that sample, so stalled feedback counts as a growing RTT while an idle sender does not.
 *
 * <p>Not thread-safe: owned by one {@link SendSideBandwidthEstimation}.
 */
final class RttBackoffClock {
    private boolean hasRtt;
    private long lastRttUpdateUs;
    private long lastRttUs;
    private boolean hasSentPacket;
    private long lastPacketSentUs;

    void onRtt(long rttUs, long nowUs) {
        hasRtt = true;
        lastRttUpdateUs = nowUs;
        lastRttUs = rttUs;
    }

    void onPacketSent(long sendTimeUs) {
        hasSentPacket = true;
        lastPacketSentUs = sendTimeUs;
    }

    /** The corrected RTT, microseconds; 0 until an RTT is known (no backoff without feedback). */
    long correctedRttUs(long nowUs) {
        if (!hasRtt) {
            return 0;
        }
        long correctionUs = 0;
        if (hasSentPacket) {
            // (now - last RTT sample) - (now - last send): sending time without feedback; a send
            // time in the future counts only up to now.
            correctionUs = Math.max(lastPacketSentUs - lastRttUpdateUs, 0);
            correctionUs = Math.min(correctionUs, Math.max(nowUs - lastRttUpdateUs, 0));
        }
        return correctionUs + lastRttUs;
    }
}
