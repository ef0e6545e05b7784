package dev.weir.gcc.delay;

import dev.weir.bwe.api.BandwidthUsage;

/**
 * A hook that may replace the overuse detector's verdict, as libwebrtc's
 * {@code api/network_state_predictor.h} (https://webrtc.googlesource.com/src) lets goog_cc inject
 * one into its trendline estimator: called for every received packet of a report, in arrival
 * order, with the detector's own verdict; what it returns is the state the delay-based controller
 * acts on. Returning {@link BandwidthUsage#OVERUSING} while the detector still says normal makes
 * AIMD back off before the queue shows it; returning the detector's verdict changes nothing.
 *
 * <p>Called on the estimator's thread; implementations must not allocate or block per call.
 */
@FunctionalInterface
public interface NetworkStatePredictor {
    /**
     * @param sendTimeUs the packet's send time, sender clock
     * @param arrivalTimeUs its arrival time, receiver clock
     * @param detectorState the trendline detector's verdict after this packet
     * @return the state to act on; never null
     */
    BandwidthUsage update(long sendTimeUs, long arrivalTimeUs, BandwidthUsage detectorState);
}
