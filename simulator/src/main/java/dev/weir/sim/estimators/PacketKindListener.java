package dev.weir.sim.estimators;

import dev.weir.sim.media.PacketKind;

/**
 * Harness-only side channel: an estimator that also implements this interface learns what each
 * packet carries (video, audio, FEC, probe padding, retransmission) just before
 * {@link dev.weir.bwe.api.BandwidthEstimator#onPacketSent} for the same packet. A real sender knows
 * its packets' media class; weir's client API does not carry it because GCC and weir do not need
 * it. Peers that read packet classes (the MMSys'24 models' video, audio and probing shares) need it.
 *
 * <p>Called on the simulation thread, like every estimator event.
 */
public interface PacketKindListener {
    /**
     * @param transportSequenceNumber the 16-bit wire value the following {@code onPacketSent} carries
     * @param kind what the packet carries
     */
    void onPacketKind(long transportSequenceNumber, PacketKind kind);
}
