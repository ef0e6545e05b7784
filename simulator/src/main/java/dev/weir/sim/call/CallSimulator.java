package dev.weir.sim.call;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.sim.scenario.Scenario;

/**
 * Runs one packet-level, discrete-event simulation of an RTC call: a video (and optionally audio)
 * sender paced onto a bottleneck link, a receiver sending transport-wide feedback, NACKs and key
 * frame requests back, and a {@link BandwidthEstimator} steering the sender. Single-threaded and
 * deterministic: the same scenario, estimator and seed give identical results.
 *
 * <p>The model, component by component:
 * <ul>
 *   <li>Encoder ({@link dev.weir.sim.media.VideoEncoder}): one frame per 1/fps following the video
 *       share of the target (target x (1 - FEC ratio) - audio), periodic and requested key frames,
 *       cut into equal packets of at most {@link SimulatorSettings#packetSizeBytes}; a frame is
 *       skipped while the pacer queue needs over {@link SimulatorSettings#frameDropQueueUs}.
 *   <li>FEC ({@link dev.weir.sim.media.FecPlanner}): XOR packets at the estimator's FEC ratio,
 *       each rebuilding one lost packet of its group.
 *   <li>Pacer ({@link dev.weir.sim.media.Pacer}): the estimator's pacing rate (or 2.5 x target),
 *       priorities, probe clusters with padding; {@link BandwidthEstimator#onPacketSent} for every
 *       packet.
 *   <li>Link ({@link dev.weir.sim.link.BottleneckLink}): drop-tail queue, exact capacity
 *       integration, loss model, propagation delay with jitter, cross traffic in the same queue.
 *   <li>Receiver: transport-wide feedback every {@code feedbackIntervalUs} covering all packets
 *       since the last report (gaps are lost); NACKs (immediately on a gap, then once per RTT, up to
 *       10 times); a key frame request after 1 s without a decodable frame; frames decode in
 *       order (a key frame also decodes alone) and render as soon as they decode (no playout
 *       buffer, so late retransmissions show as render gaps); freezes as in WebRTC.
 *   <li>Return path: constant delay, each message (feedback, NACK batch, key frame request) lost
 *       with {@code returnLossRate}. The sender joins feedback with its send history into one
 *       reused {@link dev.weir.bwe.api.FeedbackReport}, then reports an RTT sample (arrival of the
 *       feedback - send time of its newest packet - the receiver's hold time).
 *   <li>Estimator: {@code onProcessInterval} every 25 ms; its target, pacing rate, FEC ratio and
 *       probe requests apply at once (nonsense values are clamped).
 * </ul>
 * Ground truth goes out per packet ({@link PacketTap}, as each packet is sent), per 100 ms
 * ({@link TimeSeries}, kept or streamed as CSV) and per call ({@link CallMetrics}); see
 * {@link CallOutputs}. The call holds only what it may still read, so its memory does not grow
 * with its length. Nothing is logged.
 *
 * <p>Thread-safe: every call builds its own state, so calls may run in parallel (each with its
 * own estimator instance).
 */
public final class CallSimulator {
    private CallSimulator() {
    }

    /** Simulates {@code scenario} with default {@link SimulatorSettings}, keeping the time series. */
    public static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed) {
        return run(scenario, estimatorName, estimator, seed, new SimulatorSettings());
    }

    /** Simulates {@code scenario} with default {@link SimulatorSettings} and the given outputs. */
    public static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed,
                                 CallOutputs outputs) {
        return run(scenario, estimatorName, estimator, seed, new SimulatorSettings(), outputs);
    }

    /**
     * Simulates {@code scenario} with the given settings.
     *
     * @throws dev.weir.bwe.config.InvalidSettingsException when the settings are invalid
     * @throws IllegalArgumentException when the scenario has no feedback interval or frame rate
     */
    public static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed,
                                 SimulatorSettings settings) {
        return run(scenario, estimatorName, estimator, seed, settings, new CallOutputs());
    }

    /**
     * Simulates {@code scenario} with the given settings, handing out what {@code outputs} asks for.
     *
     * @throws dev.weir.bwe.config.InvalidSettingsException when the settings are invalid
     * @throws IllegalArgumentException when the scenario has no feedback interval or frame rate
     * @throws java.io.UncheckedIOException when the streamed series cannot be written
     */
    public static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed,
                                 SimulatorSettings settings, CallOutputs outputs) {
        ConfigCheck check = ConfigCheck.of("simulator");
        settings.validate(check);
        check.throwIfInvalid();
        return new Call(scenario, estimatorName, estimator, seed, settings, outputs).run();
    }
}
