package dev.weir.sim.call;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.ProbeRequest;
import dev.weir.sim.estimators.PacketKindListener;
import dev.weir.sim.link.BottleneckLink;
import dev.weir.sim.link.CapacityIntegrator;
import dev.weir.sim.link.CrossTrafficSource;
import dev.weir.sim.media.FecPlanner;
import dev.weir.sim.media.Pacer;
import dev.weir.sim.media.PacketKind;
import dev.weir.sim.media.RetransmissionBudget;
import dev.weir.sim.media.VideoEncoder;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.scenario.Scenario;
import java.util.SplittableRandom;

/**
 * One simulated call: the event loop and the sender-side glue between encoder, pacer, link,
 * receiver and estimator. See {@link CallSimulator} for the model.
 *
 * <p>Randomness comes from one seed split, in a fixed order, into independent streams (loss,
 * jitter, encoder, return path), so changing one component's draws does not shift another's.
 *
 * <p>Memory follows what the call needs now, not its length: sent packets stay in a
 * {@link PacketWindow} until they arrived and their feedback reached the sender; frames (with their
 * packets' NACK state on both sides) stay until the receiver decoded or abandoned them and no NACK
 * for them is in flight; time-series rows stay until no freeze can reach them; metrics are running
 * sums. Both are released at every 100 ms sample. Every packet's ground truth goes to the
 * {@link PacketTap}s of the call's {@link CallOutputs} as it is sent.
 *
 * <p>Not thread-safe: one instance runs one call once.
 */
final class Call {
    private static final int EV_FRAME = 0;
    private static final int EV_AUDIO = 1;
    private static final int EV_PACER = 2;
    private static final int EV_ARRIVAL = 3;
    private static final int EV_CROSS = 4;
    private static final int EV_FEEDBACK = 5;
    private static final int EV_RETURN = 6;
    private static final int EV_PROCESS = 7;
    private static final int EV_RECEIVER_TICK = 8;
    private static final int EV_SAMPLE = 9;
    private static final int EV_RTCP_REPORT = 10;

    /** Microseconds per second. */
    private static final long US_PER_S = 1_000_000L;
    /** Microseconds per millisecond. */
    private static final double US_PER_MS = 1_000.0;
    /** Transport-wide sequence numbers are 16 bits on the wire (draft-holmer-rmcat-transport-wide-cc-extensions). */
    private static final int SEQUENCE_MASK = 0xFFFF;
    /** Recently seen probe cluster ids, so a result repeating a request does not start it twice. */
    private static final int RECENT_CLUSTERS = 16;

    private final Scenario scenario;
    private final String estimatorName;
    private final BandwidthEstimator estimator;
    /** The estimator again when it wants each packet's kind (a harness-only peer), else null. */
    private final PacketKindListener kindListener;
    private final long seed;
    private final SimulatorSettings settings;
    private final long durationUs;

    private final SplittableRandom returnRandom;
    private final SplittableRandom rtcpRandom;
    private final EventQueue events = new EventQueue(1024);
    private final BottleneckLink link;
    private final CrossTrafficSource cross;
    private final Pacer pacer;
    private final VideoEncoder encoder;
    private final FecPlanner fecPlanner;
    private final PacketWindow log;
    private final PacketTap[] taps;
    private final SentPacket sent = new SentPacket();
    private final MetricsCalculator metrics;
    private final FrameTable frames = new FrameTable();
    private final FreezeCounter freezes;
    private final Receiver receiver;
    private final ReturnPath returnPath = new ReturnPath();
    private final BweResult result = new BweResult();
    private final FeedbackReport report = new FeedbackReport(512);
    private final TimeSeries series;
    private final SeriesRecorder recorder;
    private final int rowCount;
    private final int audioPacketBytes;
    private final RetransmissionBudget retransmissionBudget = new RetransmissionBudget();

    private long targetBps;
    private double fecRatio;
    private long latestRttUs;
    private boolean rttMeasured;
    /** Send and arrival time of the packet that arrived last, standing in for the last sender report. */
    private long lastArrivedSendUs = -1;
    private long lastArrivedArrivalUs = -1;
    private boolean keyFrameRequested;
    private long frameIndex;
    private int pacerGeneration;
    private long pacerEventUs = Long.MAX_VALUE;
    private final int[] recentClusterIds = new int[RECENT_CLUSTERS];
    private int recentClusterCount;

    // Sender-side NACK state per video packet, a ring over the media ids the frame table holds.
    private int senderMask = 4095;
    private int[] resendCounts = new int[4096];
    private long[] lastResendUs = new long[4096];
    /** Media ids whose sender slots have been reset for use. */
    private int senderKnownMedia;

    Call(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed, SimulatorSettings settings,
         CallOutputs outputs) {
        this.scenario = scenario;
        this.estimatorName = estimatorName;
        this.estimator = estimator;
        this.kindListener = estimator instanceof PacketKindListener listener ? listener : null;
        this.seed = seed;
        this.settings = settings;
        if (scenario.feedbackIntervalUs() <= 0) {
            throw new IllegalArgumentException("scenario " + scenario.name() + ": feedback interval must be > 0, got "
                    + scenario.feedbackIntervalUs());
        }
        if (scenario.media().fps() <= 0) {
            throw new IllegalArgumentException("scenario " + scenario.name() + ": fps must be > 0, got "
                    + scenario.media().fps());
        }
        this.durationUs = Math.max(0, scenario.durationUs());
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom lossRandom = root.split();
        SplittableRandom jitterRandom = root.split();
        SplittableRandom encoderRandom = root.split();
        this.returnRandom = root.split();
        this.rtcpRandom = root.split();
        Scenario.Media media = scenario.media();
        this.link = new BottleneckLink(scenario.link(), lossRandom, jitterRandom);
        this.cross = new CrossTrafficSource(scenario.crossTraffic(), settings.packetSizeBytes);
        this.pacer = new Pacer(settings.packetSizeBytes, settings.pacerQueueTimeLimitUs,
                (long) (media.startBps() * settings.pacingFactor));
        this.encoder = new VideoEncoder(media.fps(), media.keyFrameIntervalS(), media.maxBps(), encoderRandom,
                settings.keyFrameSizeFactor, settings.frameSizeVariation, settings.encoderAdaptationPerFrame,
                settings.minFrameBytes);
        this.fecPlanner = new FecPlanner(settings.maxFecRatio);
        this.log = new PacketWindow(1024);
        this.taps = outputs.taps();
        this.metrics = new MetricsCalculator(settings, durationUs);
        this.freezes = new FreezeCounter(0, US_PER_S / encoder.fps(), settings.freezeGapFactor, settings.freezeMinIncreaseUs,
                settings.freezeWindowFrames);
        this.receiver = new Receiver(log, frames, freezes, settings);
        this.rowCount = (int) (durationUs / settings.sampleIntervalUs);
        this.series = outputs.keepsSeries() ? new TimeSeries(rowCount) : null;
        this.recorder = new SeriesRecorder(rowCount, series, outputs.seriesCsvWriter(), metrics, freezes,
                settings.sampleIntervalUs, scenario.link().capacity(), link, cross, pacer, encoder, receiver);
        this.audioPacketBytes = (int) (settings.audioBitrateBps * settings.audioFrameIntervalUs / (8 * US_PER_S))
                + settings.packetOverheadBytes;
        this.latestRttUs = settings.defaultRttUs;
    }

    CallResult run() {
        estimator.currentEstimate(0, result);
        applyResult(0);
        schedule(0, EV_FRAME, 0);
        if (scenario.media().audio()) {
            schedule(0, EV_AUDIO, 0);
        }
        if (cross.active()) {
            schedule(firstCrossUs(), EV_CROSS, 0);
        }
        schedule(scenario.feedbackIntervalUs(), EV_FEEDBACK, 0);
        schedule(settings.processIntervalUs, EV_PROCESS, 0);
        schedule(settings.receiverTickUs, EV_RECEIVER_TICK, 0);
        schedule(settings.sampleIntervalUs, EV_SAMPLE, 0);
        schedule(nextRtcpIntervalUs(), EV_RTCP_REPORT, 0);
        while (!events.isEmpty() && events.peekTimeUs() <= durationUs) {
            long nowUs = events.pop();
            dispatch(events.poppedType(), events.poppedPayload(), nowUs);
        }
        freezes.finish(durationUs);
        recorder.finish();
        double capacityBits = CapacityIntegrator.bitsBetween(scenario.link().capacity(), 0, durationUs);
        CallMetrics callMetrics = metrics.finish(freezes, capacityBits, receiver.renderedVideoBytes(),
                receiver.framesRendered(), encoder.framesEncoded(), encoder.fps());
        return new CallResult(scenario.name(), scenario.family(), estimatorName, seed, series, callMetrics);
    }

    /**
     * The most the call held at once, so far: packets, video packets' frame and NACK state, and
     * time-series rows waiting to become final.
     */
    Footprint footprint() {
        return new Footprint(log.maxHeld(), frames.maxHeldMedia(), recorder.maxPendingRows());
    }

    /** See {@link #footprint()}. */
    record Footprint(int packets, int mediaPackets, int rows) {
    }

    private long firstCrossUs() {
        return cross.sendsAt(0) ? 0 : cross.nextPacketUs(0);
    }

    private void schedule(long timeUs, int type, int payload) {
        if (timeUs <= durationUs) {
            events.push(timeUs, type, payload);
        }
    }

    private void dispatch(int type, int payload, long nowUs) {
        switch (type) {
            case EV_FRAME -> onFrame(nowUs);
            case EV_AUDIO -> onAudio(nowUs);
            case EV_PACER -> onPacer(payload, nowUs);
            case EV_ARRIVAL -> onArrival(payload, nowUs);
            case EV_CROSS -> onCross(nowUs);
            case EV_FEEDBACK -> onFeedbackTimer(nowUs);
            case EV_RETURN -> onReturn(nowUs);
            case EV_PROCESS -> {
                estimator.onProcessInterval(nowUs, result);
                applyResult(nowUs);
                schedule(nowUs + settings.processIntervalUs, EV_PROCESS, 0);
            }
            case EV_RECEIVER_TICK -> onReceiverTick(nowUs);
            case EV_SAMPLE -> onSample(nowUs);
            case EV_RTCP_REPORT -> onRtcpReport(nowUs);
            default -> throw new IllegalStateException("unknown event type " + type);
        }
    }

    /** Takes the estimator's latest result: target, pacing rate, FEC share, new probe clusters. */
    private void applyResult(long nowUs) {
        Scenario.Media media = scenario.media();
        targetBps = Math.max(0, result.targetRateBps());
        long pacingBps = result.pacingRateBps() > 0 ? result.pacingRateBps()
                : (long) (targetBps * settings.pacingFactor);
        pacer.setPacingRateBps(Math.max(1, pacingBps));
        pacer.setPaddingRateBps(result.paddingRateBps());
        double fec = result.fecRatio();
        fecRatio = fec > 0 ? Math.min(fec, settings.maxFecRatio) : 0;
        long audioBps = media.audio() ? settings.audioBitrateBps : 0;
        retransmissionBudget.setTargetBps(targetBps);
        long videoBps = (long) (targetBps * (1 - fecRatio)) - audioBps - retransmissionBudget.overheadBps();
        encoder.setTargetBps(Math.min(media.maxBps(), Math.max(settings.minVideoBps, videoBps)));
        encoder.setCwndReduceRatio(result.cwndReduceRatio());
        for (int i = 0; i < result.probeRequestCount(); i++) {
            ProbeRequest probe = result.probeRequest(i);
            if (rememberCluster(probe.clusterId())) {
                pacer.addProbeCluster(probe.clusterId(), probe.rateBps(), probe.durationUs(), probe.minProbes());
            }
        }
        schedulePacer(nowUs);
    }

    private boolean rememberCluster(int clusterId) {
        int stored = Math.min(recentClusterCount, RECENT_CLUSTERS);
        for (int i = 0; i < stored; i++) {
            if (recentClusterIds[i] == clusterId) {
                return false;
            }
        }
        recentClusterIds[recentClusterCount % RECENT_CLUSTERS] = clusterId;
        recentClusterCount++;
        return true;
    }

    private void schedulePacer(long nowUs) {
        long sendUs = pacer.nextSendTimeUs(nowUs);
        if (sendUs == Long.MAX_VALUE || sendUs > durationUs) {
            return;
        }
        if (pacerEventUs != Long.MAX_VALUE && pacerEventUs <= sendUs) {
            return; // an event at or before that time is already pending
        }
        pacerGeneration++;
        pacerEventUs = sendUs;
        events.push(sendUs, EV_PACER, pacerGeneration);
    }

    private void onFrame(long nowUs) {
        frameIndex++;
        schedule(frameIndex * US_PER_S / encoder.fps(), EV_FRAME, 0);
        if (encoder.dropFrameForCongestionWindow()) {
            return; // congestion-window pushback (libwebrtc drops frames; a key frame request waits)
        }
        if (pacer.expectedQueueTimeUs() > settings.frameDropQueueUs) {
            return; // the encoder skips a frame while the pacer is backed up
        }
        int bytes = encoder.encode(keyFrameRequested);
        keyFrameRequested = false;
        int packetSize = settings.packetSizeBytes;
        int packets = (bytes + packetSize - 1) / packetSize;
        int packetBytes = (bytes + packets - 1) / packets;
        int frame = frames.addFrame(packets, packetBytes, encoder.lastWasKeyFrame(), bytes);
        int firstMediaId = frames.firstMediaId(frame);
        ensureSenderCapacity(frames.mediaCount());
        for (int i = 0; i < packets; i++) {
            pacer.enqueue(PacketKind.VIDEO, packetBytes, frame, firstMediaId + i, nowUs);
        }
        int fecPackets = fecPlanner.fecPacketsForFrame(packets, fecRatio);
        for (int g = 0; g < fecPackets; g++) {
            int group = frames.addGroup(firstMediaId + g * packets / fecPackets,
                    firstMediaId + (g + 1) * packets / fecPackets);
            pacer.enqueue(PacketKind.FEC, packetBytes, frame, group, nowUs);
        }
        schedulePacer(nowUs);
    }

    /** Makes room for every media id the frame table holds and resets the slots of new ones. */
    private void ensureSenderCapacity(int mediaCount) {
        int firstHeld = frames.firstHeldMediaId();
        if (mediaCount - firstHeld > senderMask + 1) {
            int capacity = senderMask + 1;
            while (capacity < mediaCount - firstHeld) {
                capacity *= 2;
            }
            int[] counts = new int[capacity];
            long[] lastUs = new long[capacity];
            for (int id = firstHeld; id < senderKnownMedia; id++) {
                counts[id & (capacity - 1)] = resendCounts[id & senderMask];
                lastUs[id & (capacity - 1)] = lastResendUs[id & senderMask];
            }
            resendCounts = counts;
            lastResendUs = lastUs;
            senderMask = capacity - 1;
        }
        for (; senderKnownMedia < mediaCount; senderKnownMedia++) {
            resendCounts[senderKnownMedia & senderMask] = 0;
            lastResendUs[senderKnownMedia & senderMask] = 0;
        }
    }

    private void onAudio(long nowUs) {
        pacer.enqueue(PacketKind.AUDIO, audioPacketBytes, -1, -1, nowUs);
        schedule(nowUs + settings.audioFrameIntervalUs, EV_AUDIO, 0);
        schedulePacer(nowUs);
    }

    private void onPacer(int generation, long nowUs) {
        if (generation != pacerGeneration) {
            return; // superseded by an earlier event
        }
        pacerEventUs = Long.MAX_VALUE;
        if (pacer.nextSendTimeUs(nowUs) <= nowUs && pacer.sendNext(nowUs)) {
            sendPacket(nowUs);
        }
        schedulePacer(nowUs);
    }

    private void sendPacket(long nowUs) {
        int size = pacer.sentSizeBytes();
        PacketKind kind = pacer.sentKind();
        int seq = log.append(kind, nowUs, size, pacer.sentMediaId(), pacer.sentClusterId());
        if (kindListener != null) {
            kindListener.onPacketKind(seq & SEQUENCE_MASK, kind);
        }
        estimator.onPacketSent(seq & SEQUENCE_MASK, nowUs, size);
        link.transmit(nowUs, size, true);
        DropCause cause = link.dropCause();
        long arrivalUs = link.arrivalUs();
        log.setArrival(seq, arrivalUs);
        if (arrivalUs < 0 || arrivalUs > durationUs) {
            log.markDone(seq); // no arrival event: dropped, or lands after the call
        }
        metrics.onPacket(size, cause != DropCause.NONE, arrivalUs, kind == PacketKind.PROBE, nowUs);
        if (taps.length > 0) {
            tap(seq, kind, nowUs, arrivalUs, size, cause);
        }
        recorder.onSent(size, pacer.sentClusterId() >= 0, cause != DropCause.NONE, cause != DropCause.QUEUE_OVERFLOW, link.queueDelayUs());
        if (arrivalUs >= 0) {
            schedule(arrivalUs, EV_ARRIVAL, seq);
        }
    }

    /** Hands the ground truth of the packet just sent to every tap. */
    private void tap(int seq, PacketKind kind, long nowUs, long arrivalUs, int size, DropCause cause) {
        sent.sequence = seq;
        sent.kind = kind;
        sent.sendTimeUs = nowUs;
        sent.arrivalTimeUs = arrivalUs;
        sent.sizeBytes = size;
        sent.dropCause = cause;
        sent.queueDelayUs = link.queueDelayUs();
        sent.capacityBpsAtEnqueue = link.capacityBpsAtEnqueue();
        sent.frameId = pacer.sentFrameId();
        sent.mediaId = pacer.sentMediaId();
        sent.probeClusterId = pacer.sentClusterId();
        for (PacketTap tap : taps) {
            tap.onPacket(sent);
        }
    }

    private void onArrival(int seq, long nowUs) {
        lastArrivedSendUs = log.sendTimeUs(seq);
        lastArrivedArrivalUs = nowUs;
        recorder.onArrived(log.sizeBytes(seq), log.kindOrdinal(seq) != PacketKind.PROBE.ordinal(),
                nowUs - log.sendTimeUs(seq));
        receiver.onArrival(seq, nowUs);
        log.markDone(seq);
        if (receiver.hasNewMissing()) {
            receiver.collectNacks(nowUs, latestRttUs, true);
            sendNacks(nowUs);
        }
    }

    private void sendNacks(long nowUs) {
        int nacks = receiver.nacksToSendCount();
        if (nacks > 0 && !returnLost()) {
            for (int i = 0; i < nacks; i++) {
                sendBack(nowUs, ReturnPath.NACK, receiver.nackToSend(i), 0, 0);
            }
        }
    }

    private void onCross(long nowUs) {
        link.transmit(nowUs, cross.packetSizeBytes(), false);
        schedule(cross.nextPacketUs(nowUs), EV_CROSS, 0);
    }

    private boolean returnLost() {
        return scenario.returnLossRate() > 0 && returnRandom.nextDouble() < scenario.returnLossRate();
    }

    /** The receiver reports every packet since its last report: received ones and gaps (lost). */
    private void onFeedbackTimer(long nowUs) {
        schedule(nowUs + scenario.feedbackIntervalUs(), EV_FEEDBACK, 0);
        int highest = receiver.highestSeq();
        int from = receiver.lastReportedSeq() + 1;
        if (highest < from) {
            return;
        }
        receiver.markReported(highest);
        if (!returnLost()) {
            sendBack(nowUs, ReturnPath.FEEDBACK, nowUs, from, highest);
        }
    }

    private void sendBack(long nowUs, int type, long first, int second, int third) {
        long arrivalUs = nowUs + Math.max(0, scenario.returnDelayUs());
        returnPath.push(arrivalUs, type, first, second, third);
        schedule(arrivalUs, EV_RETURN, 0);
    }

    private void onReturn(long nowUs) {
        while (returnPath.hasArrived(nowUs)) {
            int type = returnPath.headType();
            long first = returnPath.headFirst();
            int second = returnPath.headSecond();
            int third = returnPath.headThird();
            returnPath.pop();
            switch (type) {
                case ReturnPath.FEEDBACK -> onFeedbackArrived(first, second, third, nowUs);
                case ReturnPath.NACK -> onNackArrived((int) first, nowUs);
                case ReturnPath.KEY_FRAME_REQUEST -> keyFrameRequested = true;
                case ReturnPath.RECEIVER_REPORT -> onRttMeasured(first, nowUs);
                default -> throw new IllegalStateException("unknown return message " + type);
            }
        }
    }

    /** Joins the receiver's report (made at {@code reportUs}) with the send history. */
    private void onFeedbackArrived(long reportUs, int fromSeq, int toSeq, long nowUs) {
        report.clear();
        for (int seq = fromSeq; seq <= toSeq; seq++) {
            long arrivalUs = log.arrivalTimeUs(seq);
            boolean received = arrivalUs >= 0 && arrivalUs <= reportUs;
            report.add(seq & SEQUENCE_MASK, log.sendTimeUs(seq), received ? arrivalUs : FeedbackReport.LOST,
                    log.sizeBytes(seq), log.probeClusterId(seq));
        }
        estimator.onFeedback(report, nowUs, result);
        applyResult(nowUs);
    }

    /**
     * The receiver sends an RTCP receiver report. The RTT the sender derives from it (RFC 3550
     * section 6.4.1: now - LSR - DLSR) is the forward delay of the last sender report plus the
     * return delay; the last media packet to arrive stands in for that sender report.
     */
    private void onRtcpReport(long nowUs) {
        schedule(nowUs + nextRtcpIntervalUs(), EV_RTCP_REPORT, 0);
        if (lastArrivedSendUs < 0 || returnLost()) {
            return;
        }
        long rttUs = lastArrivedArrivalUs - lastArrivedSendUs + Math.max(0, scenario.returnDelayUs());
        sendBack(nowUs, ReturnPath.RECEIVER_REPORT, rttUs, 0, 0);
    }

    private long nextRtcpIntervalUs() {
        long meanUs = settings.rtcpReportIntervalUs;
        return meanUs / 2 + rtcpRandom.nextLong(meanUs + 1);
    }

    /** An RTCP round-trip time reached the sender: the estimator, NACK timing and the time series use it. */
    private void onRttMeasured(long rttUs, long nowUs) {
        if (rttUs <= 0) {
            return;
        }
        latestRttUs = rttUs;
        rttMeasured = true;
        estimator.onRttSample(rttUs, nowUs, result);
        applyResult(nowUs);
    }

    /** Resends a NACKed video packet, at most once per RTT and a few times in all. */
    private void onNackArrived(int mediaId, long nowUs) {
        if (mediaId < 0 || mediaId >= frames.mediaCount()) {
            return;
        }
        if (mediaId < frames.firstHeldMediaId()) {
            throw new IllegalStateException("NACK for media " + mediaId + " of a released frame");
        }
        int slot = mediaId & senderMask;
        if (resendCounts[slot] >= settings.senderMaxRetransmissions) {
            return;
        }
        if (resendCounts[slot] > 0 && nowUs - lastResendUs[slot] < latestRttUs) {
            return;
        }
        if (!retransmissionBudget.tryRetransmit(frames.mediaSizeBytes(mediaId), nowUs)) {
            return;
        }
        resendCounts[slot]++;
        lastResendUs[slot] = nowUs;
        pacer.enqueue(PacketKind.RETRANSMISSION, frames.mediaSizeBytes(mediaId), frames.frameOf(mediaId), mediaId,
                nowUs);
        schedulePacer(nowUs);
    }

    private void onReceiverTick(long nowUs) {
        schedule(nowUs + settings.receiverTickUs, EV_RECEIVER_TICK, 0);
        receiver.collectNacks(nowUs, latestRttUs, false);
        sendNacks(nowUs);
        if (receiver.shouldRequestKeyFrame(nowUs) && !returnLost()) {
            sendBack(nowUs, ReturnPath.KEY_FRAME_REQUEST, 0, 0, 0);
        }
    }

    private void onSample(long nowUs) {
        schedule(nowUs + settings.sampleIntervalUs, EV_SAMPLE, 0);
        retransmissionBudget.sample(nowUs);
        recorder.endRow(nowUs, targetBps, fecRatio, rttMeasured ? latestRttUs / US_PER_MS : 0, result);
        release();
        if (nowUs >= US_PER_S && nowUs - settings.sampleIntervalUs < US_PER_S) {
            StartupTrace.mark(StartupTrace.FIRST_SIMULATED_SECOND);
        }
    }

    /**
     * Drops what nothing can read any more. Packets: arrived or dropped, and covered only by
     * feedback that reached the sender or was lost (feedback in flight still reads its range).
     * Frames: before the receiver's next frame to decode (a late packet of an earlier frame
     * changes nothing) and before the frame of any NACK still in flight (the sender will read its
     * packet's size and resend count).
     */
    private void release() {
        int oldestFeedbackFrom = returnPath.oldestSecondOf(ReturnPath.FEEDBACK, Integer.MAX_VALUE);
        log.releaseThrough(oldestFeedbackFrom == Integer.MAX_VALUE ? receiver.lastReportedSeq() : oldestFeedbackFrom - 1);
        int frameFloor = receiver.nextFrame();
        long oldestNack = returnPath.minFirstOf(ReturnPath.NACK, Long.MAX_VALUE);
        if (oldestNack != Long.MAX_VALUE && oldestNack >= 0 && oldestNack < frames.mediaCount()) {
            frameFloor = Math.min(frameFloor, frames.frameOf((int) oldestNack));
        }
        frames.release(frameFloor);
    }
}
