package dev.weir.gcc.pushback;

/**
 * The congestion window and its pushback as goog_cc composes them
 * (modules/congestion_controller/goog_cc/goog_cc_network_control.cc: OnSentPacket,
 * OnTransportPacketsFeedback, OnProcessInterval, UpdateCongestionWindowSize and
 * MaybeTriggerOnNetworkChanged; https://webrtc.googlesource.com/src): sent packets enter flight,
 * feedback takes them out and contributes its largest feedback RTT to the window, and the
 * loss-based target is pushed back while the bytes in flight fill the window.
 *
 * <p>In drop-frame mode (the default) the target handed to the encoder stays the loss-based
 * target and the pushback shows as a frame-drop ratio ({@link #cwndReduceRatio}); otherwise the
 * target itself is lowered ({@link #pushbackTargetBps}). Pacing always follows the loss-based
 * target: pushback must not build a queue in the pacer.
 *
 * <p>Allocation-free. Not thread-safe: one instance per estimator, driven from one thread.
 */
public final class CongestionWindowPushback {
    /** Feedback max-RTTs whose minimum sets the window (libwebrtc kMaxFeedbackRttWindow). */
    public static final int FEEDBACK_RTT_WINDOW = 32;
    /**
     * Packets whose send is remembered for in-flight accounting (power of two, 4 KiB): 2 s at 1000
     * packets/s (10 Mbps), 8 s at 2.5 Mbps, beyond the time a packet waits for its feedback on any
     * path GCC can run on; an older packet without feedback stops counting as in flight.
     */
    public static final int IN_FLIGHT_HISTORY_PACKETS = 1 << 11;

    private boolean dropFrameOnly;
    private final InFlightBytesTracker inFlight = new InFlightBytesTracker(IN_FLIGHT_HISTORY_PACKETS);
    private final CongestionWindow window;
    private final CongestionWindowPushbackController controller;
    private long pushbackTargetBps;
    private double cwndReduceRatio;

    public CongestionWindowPushback(PushbackSettings settings) {
        dropFrameOnly = settings.dropFrameOnly;
        window = new CongestionWindow(settings, FEEDBACK_RTT_WINDOW);
        controller = new CongestionWindowPushbackController(settings);
    }

    /**
     * Swaps the queue size, minimum bitrate, drop-frame and add-pacing settings (a network type's
     * tuning), keeping the bytes in flight and the window; the caller has validated them.
     */
    public void applySettings(PushbackSettings settings) {
        dropFrameOnly = settings.dropFrameOnly;
        window.setQueueSizeMs(settings.queueSizeMs);
        controller.applySettings(settings);
    }

    /** A packet with unwrapped transport sequence {@code sequence} was sent. */
    public void onPacketSent(long sequence, int sizeBytes) {
        inFlight.onPacketSent(sequence, sizeBytes);
        controller.updateOutstandingData(inFlight.outstandingBytes());
    }

    /**
     * Feedback covered every packet up to unwrapped sequence {@code highestSequence}; its largest
     * feedback RTT was {@code maxFeedbackRttUs} (negative when no packet was received).
     */
    public void onFeedback(long highestSequence, long maxFeedbackRttUs) {
        inFlight.onFeedback(highestSequence);
        controller.updateOutstandingData(inFlight.outstandingBytes());
        if (maxFeedbackRttUs >= 0) {
            window.onFeedbackMaxRtt(maxFeedbackRttUs);
        }
    }

    /** Recomputes the window from the last loss-based target (once a feedback RTT is known). */
    public void updateWindow(long lossBasedTargetBps) {
        if (window.hasRtt()) {
            controller.setDataWindow(window.update(lossBasedTargetBps));
        }
    }

    /**
     * Moves the pushback by the current fill (libwebrtc calls this at every sent packet, tick and
     * estimate) and returns the pushed-back target, at least {@code minBps}.
     */
    public long update(long lossBasedTargetBps, long minBps) {
        pushbackTargetBps = Math.max(minBps, controller.updateTargetBitrate(lossBasedTargetBps));
        cwndReduceRatio = dropFrameOnly && lossBasedTargetBps > 0
                ? Math.max(0, Math.min(0.99, (lossBasedTargetBps - pushbackTargetBps) / (double) lossBasedTargetBps))
                : 0;
        return pushbackTargetBps;
    }

    /** Whether the encoder keeps the loss-based target and drops frames instead (DropFrame). */
    public boolean dropFrameOnly() {
        return dropFrameOnly;
    }

    /** The last pushed-back target, bits per second. */
    public long pushbackTargetBps() {
        return pushbackTargetBps;
    }

    /** Share of frames to drop, in [0, 0.99]; 0 unless drop-frame mode pushes back. */
    public double cwndReduceRatio() {
        return cwndReduceRatio;
    }

    /** The window in force, bytes; 0 while none. */
    public long dataWindowBytes() {
        return controller.dataWindowBytes();
    }

    /** Bytes sent and not yet covered by feedback. */
    public long outstandingBytes() {
        return inFlight.outstandingBytes();
    }
}
