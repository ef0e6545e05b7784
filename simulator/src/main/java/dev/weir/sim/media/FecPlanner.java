package dev.weir.sim.media;

/**
 * Decides how many XOR forward-error-correction packets protect each video frame so that FEC
 * takes {@code fecRatio} of the sent rate: FEC/media = r / (1 - r) packets, with the fractional
 * remainder carried to the next frame so small frames are protected on average too. Each FEC
 * packet protects one contiguous group of the frame's packets and can rebuild one lost packet of
 * its group (as ULPFEC/FlexFEC with one parity packet per group, RFC 5109 / RFC 8627).
 *
 * <p>Not thread-safe: one instance per sender.
 */
public final class FecPlanner {
    private final double maxFecRatio;
    private double creditPackets;

    /** @param maxFecRatio largest share of the rate spent on FEC, in [0, 0.9] */
    public FecPlanner(double maxFecRatio) {
        this.maxFecRatio = Math.max(0, Math.min(0.9, maxFecRatio));
    }

    /**
     * Number of FEC packets (0..mediaPackets) for a frame of {@code mediaPackets} packets at the
     * given FEC ratio (clamped to [0, maxFecRatio]; NaN counts as 0).
     */
    public int fecPacketsForFrame(int mediaPackets, double fecRatio) {
        double ratio = fecRatio > 0 ? Math.min(fecRatio, maxFecRatio) : 0;
        if (ratio == 0 || mediaPackets <= 0) {
            creditPackets = 0;
            return 0;
        }
        creditPackets += mediaPackets * ratio / (1 - ratio);
        int packets = (int) Math.min(mediaPackets, Math.floor(creditPackets));
        creditPackets = Math.min(creditPackets - packets, 1.0);
        return packets;
    }
}
