package dev.weir.gcc.pushback;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of the congestion window ({@link CongestionWindow}) and its pushback to the encoder
 * ({@link CongestionWindowPushbackController}), with libwebrtc's defaults: the field trial
 * {@code WebRTC-CongestionWindow} parsed by {@code CongestionWindowConfig}
 * (rtc_base/experiments/rate_control_settings.cc, https://webrtc.googlesource.com/src), whose
 * default string is {@code QueueSize:350,MinBitrate:30000,DropFrame:true}, plus the separate
 * trial {@code WebRTC-AddPacingToCongestionWindowPushback} (off).
 *
 * <p>libwebrtc can also run the window without pushback (QueueSize without MinBitrate): the
 * window then goes to the pacer, which stops sending while it is full. weir does not model that
 * mode; {@link #enabled} switches window and pushback together, as the default string does.
 *
 * <p>Mutable settings object: not thread-safe; components copy the values they need.
 */
public final class PushbackSettings implements Validatable {
    /**
     * Whether the congestion window is computed and pushes back on the encoder (libwebrtc: on by
     * default, since {@code UseCongestionWindow()} and {@code UseCongestionWindowPushback()}
     * hold for the default string).
     */
    public boolean enabled = true;
    /**
     * Queue the window allows on top of the path's round trip, milliseconds (QueueSize; also
     * libwebrtc's kDefaultAcceptedQueueMs, 350): the window is
     * {@code target x (min feedback RTT + queue_size_ms)}.
     */
    public long queueSizeMs = 350;
    /**
     * Pushback never lowers the encoder target below this, bits per second, though a lower
     * estimate is obeyed (MinBitrate, kDefaultMinPushbackTargetBitrateBps 30000: WebRTC's
     * lowest video rate, so a full window does not pause video).
     */
    public long minBitrateBps = 30_000;
    /**
     * Pushback as frame dropping (DropFrame, true): the target stays and the encoder drops frames
     * at {@code cwnd_reduce_ratio}, keeping per-frame quality; false lowers the encoder target.
     */
    public boolean dropFrameOnly = true;
    /**
     * Window in force before the first feedback RTT, bytes; 0 = none, so no pushback until the
     * first window is computed (InitWin, unset by default).
     */
    public long initialDataWindowBytes = 0;
    /**
     * Count bytes queued in the pacer as outstanding too (field trial
     * WebRTC-AddPacingToCongestionWindowPushback, off: only bytes on the wire fill the window).
     */
    public boolean addPacing = false;

    /** A copy with the same values. */
    public PushbackSettings copy() {
        return SettingsCopy.copy(this);
    }

    @Override
    public void validate(ConfigCheck check) {
        // Beyond 10 s of accepted queue the window no longer bounds anything a call would survive.
        check.range("queue_size_ms", queueSizeMs, 0, 10_000);
        // libwebrtc takes any non-negative rate; 100 Mbps bounds what a video encoder target can be.
        check.range("min_bitrate_bps", minBitrateBps, 0, 100_000_000);
        // 1 GB: far above any window (10 s at 800 Mbps), small enough that fill ratios stay exact.
        check.range("initial_data_window_bytes", initialDataWindowBytes, 0, 1_000_000_000);
    }
}
