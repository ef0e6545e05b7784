package dev.weir.gcc.probe;

/**
 * Why the estimate is what it is, as goog_cc tells the probe controller (libwebrtc
 * {@code BandwidthLimitedCause}, goog_cc_network_control.cc {@code GetBandwidthLimitedCause}):
 * probes are not sent while loss, a high RTT or a rising delay limits the rate.
 */
public enum BandwidthLimitedCause {
    /** LossBasedBweV2 is increasing: probes may go, capped at 1.5x the estimate. */
    LOSS_LIMITED_BWE_INCREASING,
    /** LossBasedBweV2 is decreasing or padding its way up: no probes. */
    LOSS_LIMITED_BWE,
    /** The overuse detector sees delay rising or falling: no probes. */
    DELAY_BASED_LIMITED_DELAY_INCREASED,
    /** The RTT backoff is active: no probes. */
    RTT_BASED_BACKOFF_HIGH_RTT,
    /** The delay-based estimate limits the rate: probes may go. */
    DELAY_BASED_LIMITED
}
