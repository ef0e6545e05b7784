package dev.weir.sim.call;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Tunables of the call simulator (sender, receiver, metrics), defaults after libwebrtc where it
 * has one. Read from JSON through {@code SettingsJson} (snake_case field names).
 *
 * <p>Not thread-safe (public mutable fields); the simulator takes a validated instance and only
 * reads it, so one instance may be shared by parallel calls once configured.
 */
public final class SimulatorSettings implements Validatable {
    /** Largest packet on the wire, bytes (video packets, padding, cross traffic): a typical RTP MTU budget. */
    public int packetSizeBytes = 1200;
    /** IPv4 20 + UDP 8 + RTP 12 header bytes added to an audio payload. */
    public int packetOverheadBytes = 40;
    /** Opus-like audio bitrate, bits per second (payload). */
    public long audioBitrateBps = 32_000;
    /** Audio frame length, microseconds (Opus default 20 ms). */
    public long audioFrameIntervalUs = 20_000;
    /** Pacing rate / target rate when the estimator gives no pacing rate (libwebrtc kDefaultPaceMultiplier). */
    public double pacingFactor = 2.5;
    /** The pacer speeds up to drain its queue within this time, microseconds (libwebrtc queue time limit 2 s). */
    public long pacerQueueTimeLimitUs = 2_000_000;
    /** The encoder skips a frame while the pacer queue would take longer than this to drain, microseconds. */
    public long frameDropQueueUs = 1_000_000;
    /** Key frame size as a multiple of a delta frame (typical 4-6x for real-time encoders). */
    public double keyFrameSizeFactor = 5.0;
    /** Standard deviation of a delta frame's relative size (frame-to-frame encoder variation). */
    public double frameSizeVariation = 0.15;
    /** Share of the gap to a new target the encoder closes per frame (reaches it within a few frames). */
    public double encoderAdaptationPerFrame = 0.7;
    /** Smallest encoded frame, bytes (headers and a minimal delta). */
    public int minFrameBytes = 200;
    /** Floor of the video rate handed to the encoder, bits per second (libwebrtc's min video bitrate 30 kbps). */
    public long minVideoBps = 30_000;
    /** Largest share of the target rate spent on FEC. */
    public double maxFecRatio = 0.5;
    /** Receiver NACK/PLI timer period, microseconds (libwebrtc NackRequester runs every 20 ms). */
    public long receiverTickUs = 20_000;
    /** Times the receiver asks for one packet (libwebrtc kMaxNackRetries = 10). */
    public int nackMaxRetries = 10;
    /** Times the sender resends one packet (at most once per RTT each). */
    public int senderMaxRetransmissions = 5;
    /** RTT assumed before the first sample, microseconds (libwebrtc's default RTT 100 ms for NACK). */
    public long defaultRttUs = 100_000;
    /**
     * Mean interval between RTCP receiver reports, microseconds; each interval is drawn uniformly
     * from [0.5, 1.5] x this (libwebrtc kDefaultVideoReportInterval = 1 s, randomised as
     * RTCPSender::ComputeTimeUntilNextReport does for a receive-only video stream). Each report
     * gives the sender one RTT sample: the forward delay of the last sender report plus the
     * return delay.
     */
    public long rtcpReportIntervalUs = 1_000_000;
    /** The receiver requests a key frame when no frame could be decoded for this long, microseconds. */
    public long keyFrameRequestTimeoutUs = 1_000_000;
    /**
     * Largest transport feedback packet, bytes: a report that does not fit continues in further
     * packets (one datagram under the IPv6 minimum MTU, rtcp's default).
     */
    public int feedbackMaxPacketBytes = 1200;
    /** Estimator process tick, microseconds (libwebrtc calls goog_cc every 25 ms). */
    public long processIntervalUs = 25_000;
    /** Time series row length, microseconds. */
    public long sampleIntervalUs = 100_000;
    /** Freeze threshold: average frame gap plus this, microseconds (WebRTC kMinIncreaseForFreezeMs = 150). */
    public long freezeMinIncreaseUs = 150_000;
    /** Freeze threshold: this many times the average frame gap (WebRTC uses 3). */
    public double freezeGapFactor = 3.0;
    /** Frames in the moving average of render gaps (WebRTC kAvgInterframeDelaysWindowSizeFrames = 30). */
    public int freezeWindowFrames = 30;
    /** Freezes counted separately when longer than this, microseconds. */
    public long longFreezeUs = 500_000;
    /** A render gap at least this long is a dropped connection, microseconds. */
    public long connectionDropUs = 5_000_000;
    /** One-way delay above which the experience counts as bad, microseconds (ITU-T G.114 400 ms). */
    public long badDelayUs = 400_000;
    /** Window over which received rate is compared with capacity for time-to-80%, microseconds. */
    public long rampWindowUs = 1_000_000;

    @Override
    public void validate(ConfigCheck check) {
        check.range("packet_size_bytes", packetSizeBytes, 100, 9000)
                .range("packet_overhead_bytes", packetOverheadBytes, 0, 200)
                .range("audio_bitrate_bps", audioBitrateBps, 1_000, 512_000)
                .range("audio_frame_interval_us", audioFrameIntervalUs, 2_500, 120_000)
                .range("pacing_factor", pacingFactor, 1.0, 10.0)
                .range("pacer_queue_time_limit_us", pacerQueueTimeLimitUs, 10_000, 60_000_000)
                .range("frame_drop_queue_us", frameDropQueueUs, 10_000, 60_000_000)
                .range("key_frame_size_factor", keyFrameSizeFactor, 1.0, 20.0)
                .range("frame_size_variation", frameSizeVariation, 0.0, 0.5)
                .range("encoder_adaptation_per_frame", encoderAdaptationPerFrame, 0.01, 1.0)
                .range("min_frame_bytes", minFrameBytes, 1, 100_000)
                .range("min_video_bps", minVideoBps, 1_000, 10_000_000)
                .range("max_fec_ratio", maxFecRatio, 0.0, 0.9)
                .range("receiver_tick_us", receiverTickUs, 1_000, 1_000_000)
                .range("nack_max_retries", nackMaxRetries, 0, 100)
                .range("sender_max_retransmissions", senderMaxRetransmissions, 0, 100)
                .range("default_rtt_us", defaultRttUs, 1_000, 10_000_000)
                .range("rtcp_report_interval_us", rtcpReportIntervalUs, 10_000, 60_000_000)
                .range("key_frame_request_timeout_us", keyFrameRequestTimeoutUs, 50_000, 60_000_000)
                .range("feedback_max_packet_bytes", feedbackMaxPacketBytes, 32, 65_536)
                .range("process_interval_us", processIntervalUs, 1_000, 1_000_000)
                .range("sample_interval_us", sampleIntervalUs, 10_000, 10_000_000)
                .range("freeze_min_increase_us", freezeMinIncreaseUs, 0, 10_000_000)
                .range("freeze_gap_factor", freezeGapFactor, 1.0, 100.0)
                .range("freeze_window_frames", freezeWindowFrames, 1, 1_000)
                .range("long_freeze_us", longFreezeUs, 0, 60_000_000)
                .range("connection_drop_us", connectionDropUs, 100_000, 600_000_000)
                .range("bad_delay_us", badDelayUs, 1_000, 60_000_000)
                .range("ramp_window_us", rampWindowUs, sampleIntervalUs, 60_000_000);
    }
}
