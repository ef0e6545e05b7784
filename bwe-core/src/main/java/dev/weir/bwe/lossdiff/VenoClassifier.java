package dev.weir.bwe.lossdiff;

/**
 * Veno: on a loss, the backlog {@code diff = cwnd - cwnd * BaseRTT / RTT} (packets queued by this
 * flow) below beta = 3 packets means random loss, else congestion.
 *
 * <p>Source: Fu and Liew, "TCP Veno", IEEE JSAC 21(2), 2003; Linux {@code net/ipv4/tcp_veno.c}
 * ({@code veno->diff < beta} in {@code tcp_veno_ssthresh}, beta = 3). Adaptation for a rate-based
 * sender, which has no cwnd: cwnd is the estimator's target rate times its RTT over the mean packet
 * size ({@code cwnd = targetRateBps * rttUs / (8e6 * packetBytes)}), RTT is the latest RTT from
 * {@link #onEstimate} (tcp_veno uses the round's minimum RTT; the estimator already smooths), and
 * BaseRTT is the minimum RTT seen, as tcp_veno's {@code basertt}. The packet size is an EWMA (gain
 * 1/16) of received packet sizes, 1200 bytes until the first. Before any estimate, diff is 0 and
 * losses are random, as tcp_veno's zero-initialised {@code diff}.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class VenoClassifier extends AbstractLossClassifier {
    /** tcp_veno.c beta: a backlog below 3 packets means the loss was not congestion. */
    public static final double BETA_PACKETS = 3;
    /** Packet size assumed before any packet was seen, bytes (a typical RTC video packet). */
    private static final double DEFAULT_PACKET_BYTES = 1200;
    /** EWMA gain of the packet size: about 16 packets of memory. */
    private static final double SIZE_GAIN = 1.0 / 16;
    /** Largest UDP datagram, bytes: larger sizes are garbage. */
    private static final int MAX_PACKET_BYTES = 65_535;
    /** Longest plausible RTT, microseconds: beyond 60 s a sample is garbage. */
    private static final long MAX_RTT_US = 60_000_000L;

    private double packetBytes = DEFAULT_PACKET_BYTES;
    private long targetRateBps;
    private long rttUs;
    private long baseRttUs;
    private double diffPackets;

    @Override
    public String name() {
        return "veno";
    }

    @Override
    public void onEstimate(long targetRateBps, long rttUs) {
        if (targetRateBps >= 0) {
            this.targetRateBps = targetRateBps;
        }
        if (rttUs > 0 && rttUs <= MAX_RTT_US) {
            this.rttUs = rttUs;
            baseRttUs = baseRttUs == 0 ? rttUs : Math.min(baseRttUs, rttUs);
        }
    }

    @Override
    protected Verdict observe(long lostPackets) {
        int size = sizeBytes();
        if (size > 0 && size <= MAX_PACKET_BYTES) {
            packetBytes += (size - packetBytes) * SIZE_GAIN;
        }
        if (lostPackets == 0) {
            return Verdict.NONE;
        }
        if (rttUs > 0) {
            double cwndPackets = targetRateBps * (rttUs / 1e6) / (8 * packetBytes);
            diffPackets = cwndPackets - cwndPackets * baseRttUs / rttUs;
        }
        return diffPackets < BETA_PACKETS ? Verdict.RANDOM : Verdict.CONGESTION;
    }

    /** The backlog computed at the latest loss, packets (0 before one with an estimate). */
    public double diffPackets() {
        return diffPackets;
    }

    @Override
    protected void resetRule() {
        packetBytes = DEFAULT_PACKET_BYTES;
        targetRateBps = 0;
        rttUs = 0;
        baseRttUs = 0;
        diffPackets = 0;
    }
}
