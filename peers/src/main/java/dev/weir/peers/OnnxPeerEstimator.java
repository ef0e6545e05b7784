/*
 * How the MMSys'24 peers are run: the challenge's protocol (one observation and one model call per
 * 60 ms step, recurrent states fed back; github.com/microsoft/RL4BandwidthEstimationChallenge)
 * with the observation rules of the peers pack's mmsys24-observation.md.
 */
package dev.weir.peers;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.RateConstraints;
import dev.weir.bwe.api.TargetRateListener;
import dev.weir.bwe.api.TargetRateNotifier;
import dev.weir.bwe.feedback.AcceptedFeedback;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.sim.estimators.PacketKindListener;
import dev.weir.sim.media.PacketKind;

/**
 * An MMSys'24 peer model as a send-side estimator: {@code onnx:<name>}.
 *
 * <p><b>Observation.</b> The challenge models are receiver-side: their features are what the
 * receiver saw. Here the receiver's view is rebuilt at the sender from transport-wide feedback
 * (through the {@link FeedbackFrontDoor}, like every consumer): each newly reported received packet
 * enters {@link Mmsys24Observation} with its arrival and send time, its size less 28 IP/UDP header
 * bytes (the challenge counted RTP header + payload; the simulator's sizes include IPv4 + UDP),
 * its transport sequence number (loss = forward gaps before it) and its class: audio, probing or
 * video as the simulator's {@link PacketKindListener} side channel says (without it, e.g. outside
 * the simulator, probe-cluster packets are probing and the rest video).
 *
 * <p><b>Handicap.</b> Feedback reaches the sender one feedback interval (up to 100 ms) plus the
 * return delay after the packets arrived, so every observation is that much older than the one a
 * receiver-side model would see at the same moment; results must be read with that in mind.
 *
 * <p><b>Cadence.</b> One step per 60 ms of the caller's clock on the grid k x 60 ms, from the first
 * grid point at or after the first feedback that reported a received packet; before it the start
 * rate applies. A step at tick t sees exactly the feedback handed in before t (steps due are run
 * when the next event arrives, before its data is taken in), so the observation is the one at t;
 * the new target reaches the sender with that event (the simulator's 25 ms process interval at the
 * latest). Windows anchor at the newest reported arrival; without new packets the observation
 * repeats. After more than {@link #MAX_CATCH_UP_STEPS} missed steps (hours without events) the
 * rest are skipped.
 *
 * <p><b>Output.</b> {@code output[0,0,0]} in bps, clamped to the call's [min, max] bitrate like
 * every estimator's target (the sources clamp nothing beyond their graphs); a NaN or infinite
 * output keeps the previous target. Pacing at 2.5x the target (libwebrtc's pacing factor, as the
 * simulator's rule-based estimators pace); no probing, no padding, no FEC.
 *
 * <p>Allocation-free per packet; each model call allocates what ONNX Runtime's Java binding does
 * (see {@link PeerModel.Runner#JAVA_BYTES_PER_RUN_BOUND}). Not thread-safe: one instance per call.
 */
public final class OnnxPeerEstimator implements BandwidthEstimator, PacketKindListener, AutoCloseable {
    /** The challenge's step, microseconds. */
    public static final long STEP_US = 60_000;
    /** IPv4 (20) + UDP (8) header bytes in the simulator's packet sizes, not counted by the challenge. */
    public static final int IP_UDP_HEADER_BYTES = 28;
    /** libwebrtc's pacing factor. */
    public static final double PACING_FACTOR = 2.5;
    /** Steps run at most for one event; more are skipped (see the class comment). */
    public static final int MAX_CATCH_UP_STEPS = 50;

    private static final int SEQUENCE_SPACE = 1 << 16;
    private static final byte KIND_UNKNOWN = -1;

    private final String name;
    private final PeerModel.Runner runner;
    private final TargetRateNotifier notifier = new TargetRateNotifier();
    private long minBps;
    private long maxBps;
    private long startBps;
    private long remoteEstimateBps = Long.MAX_VALUE;
    private boolean networkAvailable = true;
    private long timeUs;
    private long packetsSent;
    private long feedbackReports;
    private long packetsReceived;
    private long packetsLost;
    private long routeChanges;
    private final FeedbackFrontDoor frontDoor = new FeedbackFrontDoor();
    private final Mmsys24Observation observation = new Mmsys24Observation();
    private final float[] obs = new float[Mmsys24Observation.SIZE];
    /** Class of each sent packet by 16-bit transport sequence number (PacketClass ordinal or unknown). */
    private final byte[] sentClass = new byte[SEQUENCE_SPACE];
    private long pendingKindSequence = -1;
    private PacketClass pendingKind = PacketClass.VIDEO;

    private boolean stepping;
    /** After {@link #close}: the model's native resources are gone, the last target holds. */
    private boolean closed;
    private long nextStepUs;
    private long targetBps;
    private float lastOutputBps = Float.NaN;
    private long skippedSteps;
    private double lossRatio;
    private long rttUs;

    /**
     * @param name estimator name in reports, e.g. {@code onnx:farc}
     * @param runner this call's model runner (owned and closed by this estimator)
     */
    public OnnxPeerEstimator(String name, PeerModel.Runner runner, long minBps, long startBps, long maxBps) {
        if (minBps < 0 || maxBps < minBps) {
            throw new IllegalArgumentException("need 0 <= minBps <= maxBps, got " + minBps + ", " + maxBps);
        }
        this.name = name;
        this.runner = runner;
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.startBps = Math.max(minBps, Math.min(maxBps, startBps));
        this.targetBps = this.startBps;
        java.util.Arrays.fill(sentClass, KIND_UNKNOWN);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void onPacketKind(long transportSequenceNumber, PacketKind kind) {
        pendingKindSequence = transportSequenceNumber & (SEQUENCE_SPACE - 1);
        pendingKind = kind == null ? PacketClass.VIDEO : PacketClass.of(kind);
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        int slot = (int) (transportSequenceNumber & (SEQUENCE_SPACE - 1));
        sentClass[slot] = slot == pendingKindSequence ? (byte) pendingKind.ordinal() : KIND_UNKNOWN;
        pendingKindSequence = -1;
        packetsSent++;
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        runStepsBefore(nowUs);
        AcceptedFeedback accepted = frontDoor.accept(report, nowUs);
        int received = accepted.receivedCount();
        for (int k = 0; k < received; k++) {
            observation.onPacketReceived(accepted.sequence(k), accepted.sendTimeUs(k), accepted.arrivalTimeUs(k),
                    Math.max(0, accepted.sizeBytes(k) - IP_UDP_HEADER_BYTES), classOf(accepted, k));
        }
        if (accepted.count() > 0) {
            lossRatio = (double) (accepted.count() - received) / accepted.count();
        }
        feedbackReports++;
        packetsReceived += received;
        packetsLost += accepted.count() - received;
        if (!stepping && observation.hasPackets()) {
            stepping = true;
            nextStepUs = Math.floorDiv(nowUs + STEP_US - 1, STEP_US) * STEP_US; // first grid point >= now
        }
        runStepsAt(nowUs);
        fill(nowUs, out);
    }

    private PacketClass classOf(AcceptedFeedback accepted, int k) {
        byte kind = sentClass[(int) (accepted.sequence(k) & (SEQUENCE_SPACE - 1))];
        if (kind >= 0) {
            return PacketClass.values()[kind];
        }
        return accepted.probeClusterId(k) != FeedbackReport.NOT_A_PROBE ? PacketClass.PROBING : PacketClass.VIDEO;
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        runStepsBefore(nowUs);
        if (rttUs > 0 && rttUs < 60_000_000L) {
            this.rttUs = rttUs;
        }
        runStepsAt(nowUs);
        fill(nowUs, out);
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        runStepsBefore(nowUs);
        runStepsAt(nowUs);
        fill(nowUs, out);
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        runStepsBefore(nowUs);
        runStepsAt(nowUs);
        fill(nowUs, out);
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        fill(nowUs, out);
    }

    /**
     * New bounds, clamped as every estimator clamps them ({@link RateConstraints}); the model's
     * output is clamped to them from the next result on. A start rate applies until the next step.
     */
    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        this.minBps = RateConstraints.min(minBps);
        this.maxBps = RateConstraints.max(minBps, maxBps);
        long start = RateConstraints.start(minBps, startBps, maxBps);
        if (start != RateConstraints.NOT_SET) {
            this.startBps = start;
            targetBps = start;
        }
        targetBps = Math.max(this.minBps, Math.min(this.maxBps, targetBps));
        fill(nowUs, out);
    }

    /**
     * A new path: the constraints as {@link #onTargetRateConstraints} and the remote estimate
     * dropped. The model's recurrent state and observation history carry over: the challenge's
     * models define no reset, and their windows forget the old path within seconds.
     */
    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        routeChanges++;
        remoteEstimateBps = Long.MAX_VALUE;
        onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
    }

    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        networkAvailable = available;
        fill(nowUs, out);
    }

    /** A receiver's estimate caps the target (never below the minimum); zero or less removes the cap. */
    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        remoteEstimateBps = bitrateBps > 0 ? bitrateBps : Long.MAX_VALUE;
        fill(nowUs, out);
    }

    @Override
    public void setTargetRateListener(TargetRateListener listener) {
        notifier.setListener(listener);
    }

    @Override
    public void stats(BweStats out) {
        out.estimate(name, timeUs, cappedTargetBps())
                .constraints(minBps, startBps, maxBps, remoteEstimateBps == Long.MAX_VALUE ? 0 : remoteEstimateBps,
                        networkAvailable)
                .counters(packetsSent, feedbackReports, packetsReceived, packetsLost, 0, 0, routeChanges)
                .steering(BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE);
    }

    private long cappedTargetBps() {
        return Math.max(minBps, Math.min(Math.min(maxBps, remoteEstimateBps), targetBps));
    }

    /** Steps due strictly before {@code nowUs}: they must not see this event's data. */
    private void runStepsBefore(long nowUs) {
        runSteps(nowUs, false);
    }

    /** A step due exactly at {@code nowUs}, after this event's data. */
    private void runStepsAt(long nowUs) {
        runSteps(nowUs, true);
    }

    private void runSteps(long nowUs, boolean inclusive) {
        if (!stepping || closed) {
            return;
        }
        int run = 0;
        while (nextStepUs < nowUs || (inclusive && nextStepUs == nowUs)) {
            if (run == MAX_CATCH_UP_STEPS) {
                long missed = Math.floorDiv(nowUs - nextStepUs, STEP_US) + 1;
                skippedSteps += missed;
                nextStepUs += missed * STEP_US;
                break;
            }
            step();
            run++;
            nextStepUs += STEP_US;
        }
    }

    private void step() {
        observation.compute(obs);
        float output = runner.step(obs);
        lastOutputBps = output;
        if (Float.isFinite(output)) {
            targetBps = Math.max(minBps, Math.min(maxBps, (long) Math.max(0, output)));
        }
    }

    private void fill(long nowUs, BweResult out) {
        timeUs = nowUs;
        long targetBps = cappedTargetBps();
        long receivedBps = stepping ? (long) obs[Mmsys24Observation.index(Mmsys24Observation.RECEIVING_RATE, 5)] : 0;
        out.timeUs(nowUs).targetRateBps(targetBps).pacingRateBps((long) (targetBps * PACING_FACTOR))
                .delayBasedRateBps(targetBps).lossBasedRateBps(targetBps).ackedRateBps(Math.max(0, receivedBps))
                .delayState(BandwidthUsage.NORMAL).lossRatio(lossRatio).rttUs(rttUs).inAlr(false).fecRatio(0)
                .paddingRateBps(0).dataWindowBytes(0).cwndReduceRatio(0).pushbackRateBps(targetBps)
                .steering(BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE, 0, 0, 0).clearProbeRequests();
        notifier.onResult(out);
    }

    /** The model's latest raw {@code output[0,0,0]}, bps (before clamping); NaN before the first step. */
    public float lastOutputBps() {
        return lastOutputBps;
    }

    /** Model steps run so far. */
    public long steps() {
        return runner.runs();
    }

    /** Steps skipped after long silences (see the class comment). */
    public long skippedSteps() {
        return skippedSteps;
    }

    /** The observation of the latest step (a copy). */
    public float[] lastObservation() {
        return obs.clone();
    }

    /** Releases the model's native resources; later events are answered with the last target. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            runner.close();
        }
    }
}
