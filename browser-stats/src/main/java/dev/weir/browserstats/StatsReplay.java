package dev.weir.browserstats;

/*
 * Rebuilt per-packet events for the signal recorder. ALR ratio: libwebrtc
 * modules/congestion_controller/goog_cc/alr_detector.h (AlrDetectorConfig::bandwidth_usage_ratio
 * = 0.65). Jitter: RFC 3550 section 6.4.1 / appendix A.8, J += (|D| - J) / 16, so consecutive
 * delays alternating by J give an estimate of J. Feedback interval: libwebrtc's default TWCC
 * interval (100 ms, TransportSequenceNumberFeedbackGenenerator).
 */

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.NetworkTypeTracker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs the committed model over a browser call through the path the weir estimator uses:
 * per-packet events rebuilt from the getStats intervals -> {@link FeedbackFrontDoor} ->
 * {@link SignalRecorder} -> {@code ModelInput} -> {@code LstmClassifier} -> network-type decision
 * ({@link NetworkTypeTracker}). getStats samples once every one or two seconds, so the events are a
 * reconstruction, and every approximation is listed in {@link #APPROXIMATIONS}.
 *
 * <p>Per interval: its packets are sent evenly spaced, all of one size (bytes / packets); its lost
 * packets are spread evenly among them; each packet arrives RTT/2 after sending, alternately
 * jitter/2 later and earlier (so RFC 3550's estimate over the rebuilt arrivals is the browser's
 * jitter), never before the packet sent before it; the receiver reports every 100 ms the packets
 * that arrived (and those lost) since its last report, and the report reaches the sender RTT/2
 * later; an RTT sample arrives with each getStats sample. The estimator state the recorder reads
 * comes from the browser: target, delay-based and loss-based rate = its estimate (the interval's
 * send rate when it reports none, as Firefox), acknowledged rate = the delivered rate, delay state
 * normal, ALR while sending below 0.65 x the estimate (libwebrtc's AlrDetector ratio).
 *
 * <p>Not thread-safe: one instance replays one call.
 */
public final class StatsReplay {
    /** Approximations of the reconstruction, for stats.json and the docs. */
    public static final List<String> APPROXIMATIONS = List.of(
            "getStats samples every 1-2 s: per-packet events are rebuilt evenly spaced inside each interval"
                    + " (an offline reconstruction aligned to the interval described, not a causal replay)",
            "packet sizes: bytes / packets of the interval, all equal",
            "losses: the interval's lost packets spread evenly, so every loss is a burst of one",
            "one-way delay = RTT / 2 with the browser's jitter as alternating +-jitter/2: delay features follow"
                    + " RTT changes and jitter only",
            "RTT: the selected pair's STUN currentRoundTripTime (or RTCP roundTripTime), not TWCC feedback RTT",
            "loss: remote-inbound-rtp packetsLost from RTCP receiver reports, which lag by up to a report interval",
            "estimator state: target = delay-based = loss-based = the browser's availableOutgoingBitrate (the send"
                    + " rate when absent), acknowledged = delivered rate, no overuse state, ALR below 0.65 x estimate");

    /** libwebrtc's AlrDetector bandwidth usage ratio: sending below it counts as application limited. */
    static final double ALR_RATIO = 0.65;
    /** Feedback interval, us: libwebrtc's default TWCC interval, the simulator's default. */
    static final long FEEDBACK_INTERVAL_US = 100_000;
    /** RTT used before the dump gives one, us: the simulator's default (100 ms). */
    static final long DEFAULT_RTT_US = 100_000;
    /** Longest RTT (and jitter) used, us: the scenario format's 10 s delay limit; beyond it a value is garbage. */
    static final long MAX_RTT_US = 10_000_000;
    /** Most packets per second rebuilt (~190 Mbps of 1200-byte packets): beyond it the counters are garbage. */
    static final double MAX_PACKETS_PER_S = 20_000;

    /** One decision of the model, at the end of a recorder step. */
    public record Decision(long timeUs, NetworkType type, double randomLossProbability, double congestionProbability,
                           double lossRate4s) {
    }

    private record Packet(long sequence, long sendUs, long arrivalUs, boolean lost, int sizeBytes) {
    }

    private record Event(long timeUs, long order, Packet sent, FeedbackReport report, long rttUs, long targetBps,
                         Interval context) {
    }

    /** The browser-side state of the interval an event belongs to. */
    private record Interval(long targetBps, long ackedBps, boolean inAlr) {
    }

    private final String file;
    private final NetworkTypeTracker tracker;
    private final SignalRecorder recorder;
    private final FeedbackFrontDoor frontDoor = new FeedbackFrontDoor();
    private final BweResult result = new BweResult();
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.timeUs != b.timeUs
            ? Long.compare(a.timeUs, b.timeUs) : Long.compare(a.order, b.order));
    private final ArrayDeque<Packet> unreported = new ArrayDeque<>();
    private final List<Decision> decisions = new ArrayList<>();
    private long order;
    private long sequence;
    private long lastArrivalUs = Long.MIN_VALUE;
    private long nextTickUs = FEEDBACK_INTERVAL_US;
    private boolean modelFailed;
    private long lastTarget;
    private Interval lastContext = new Interval(0, 0, false);

    /**
     * @throws IllegalArgumentException when the bundle has no model
     */
    public StatsReplay(String file, Bundle bundle) {
        this.file = file;
        this.tracker = new NetworkTypeTracker(bundle);
        this.recorder = tracker.recorder();
    }

    /**
     * Replays every interval; returns the model's decisions in time order.
     *
     * @throws StatsFormatException when an interval claims more than {@link #MAX_PACKETS_PER_S} packets per second
     */
    public List<Decision> run(StatsSeries series) {
        long rttUs = DEFAULT_RTT_US;
        for (StatsSeries.Interval interval : series.intervals()) {
            if (Double.isFinite(interval.rttMs()) && interval.rttMs() > 0) {
                rttUs = Math.min(MAX_RTT_US, (long) (interval.rttMs() * 1_000));
            }
            replayInterval(interval, rttUs);
            recorder.advance(interval.endMs() * 1_000);
            decide(interval.endMs() * 1_000, lastTarget);
        }
        long endUs = series.durationMs() * 1_000;
        while (!unreported.isEmpty()) {
            tick(nextTickUs, rttUs, lastContext);
        }
        drain(Long.MAX_VALUE);
        recorder.advance(endUs + FEEDBACK_INTERVAL_US);
        decide(endUs, lastTarget);
        return List.copyOf(decisions);
    }

    /** The recorder the events went into (tests read its features). */
    SignalRecorder recorder() {
        return recorder;
    }

    /** Whether the model gave a non-finite output at some point (decisions stop there). */
    public boolean modelFailed() {
        return modelFailed || tracker.failed();
    }

    /**
     * Rebuilds one interval's events one feedback period at a time (so memory holds one period's
     * packets, whatever the interval's length) and feeds the recorder up to the interval's end.
     */
    private void replayInterval(StatsSeries.Interval interval, long rttUs) {
        long startUs = interval.startMs() * 1_000;
        long endUs = interval.endMs() * 1_000;
        double sendBps = interval.sendBps();
        boolean hasEstimate = Double.isFinite(interval.estimateBps());
        long targetBps = (long) (hasEstimate ? interval.estimateBps() : sendBps);
        Interval context = new Interval(targetBps, (long) interval.deliveredBps(),
                hasEstimate && sendBps < ALR_RATIO * interval.estimateBps());
        lastTarget = targetBps;
        lastContext = context;
        long n = Math.round(interval.packets());
        if (n > MAX_PACKETS_PER_S * interval.durationS() + 1) {
            throw new StatsFormatException(file, interval.line(), "packetsSent grows by " + n + " in "
                    + interval.durationS() + " s, more than " + (long) MAX_PACKETS_PER_S + " packets per second");
        }
        long lost = Math.min(n, Math.round(interval.lostPackets()));
        int size = n > 0 ? (int) Math.max(1, Math.min(FeedbackFrontDoor.MAX_PACKET_BYTES,
                Math.round(interval.bytes() / n))) : 0;
        long jitterUs = Double.isFinite(interval.jitterMs()) ? (long) Math.min(MAX_RTT_US,
                interval.jitterMs() * 1_000) : 0;
        long i = 0;
        while (true) {
            long windowEndUs = Math.min(nextTickUs, endUs);
            for (; i < n; i++) {
                long sendUs = startUs + (long) ((i + 0.5) * (endUs - startUs) / n);
                if (sendUs > windowEndUs) {
                    break;
                }
                long owdUs = rttUs / 2 + ((sequence & 1) == 0 ? jitterUs / 2 : -jitterUs / 2);
                long arrivalUs = Math.max(sendUs + Math.max(0, owdUs), lastArrivalUs);
                lastArrivalUs = arrivalUs;
                boolean isLost = (i + 1) * lost / n > i * lost / n; // < 2^63: n and lost < 2^31 by the cap
                Packet packet = new Packet(sequence++, sendUs, arrivalUs, isLost, size);
                events.add(new Event(sendUs, order++, packet, null, 0, targetBps, context));
                unreported.add(packet);
            }
            if (windowEndUs == endUs && Double.isFinite(interval.rttMs()) && interval.rttMs() > 0) {
                events.add(new Event(endUs, order++, null, null, rttUs, targetBps, context));
            }
            if (nextTickUs <= endUs) {
                tick(nextTickUs, rttUs, context);
            }
            drain(windowEndUs);
            if (windowEndUs == endUs) {
                return;
            }
        }
    }

    /** The receiver's feedback at {@code tickUs}: every packet that arrived (or was lost) by then. */
    private void tick(long tickUs, long rttUs, Interval context) {
        nextTickUs = tickUs + FEEDBACK_INTERVAL_US;
        if (unreported.isEmpty() || unreported.peekFirst().arrivalUs() > tickUs) {
            return;
        }
        FeedbackReport report = new FeedbackReport();
        while (!unreported.isEmpty() && unreported.peekFirst().arrivalUs() <= tickUs) {
            Packet packet = unreported.pollFirst();
            report.add(packet.sequence() & 0xFFFF, packet.sendUs(), packet.lost() ? FeedbackReport.LOST
                    : packet.arrivalUs(), packet.sizeBytes());
        }
        events.add(new Event(tickUs + rttUs / 2, order++, null, report, 0, context.targetBps(), context));
    }

    private void drain(long untilUs) {
        while (!events.isEmpty() && events.peek().timeUs() <= untilUs) {
            Event event = events.poll();
            if (event.sent() != null) {
                recorder.onPacketSent(event.timeUs(), event.sent().sizeBytes());
            } else if (event.report() != null) {
                result.targetRateBps(event.context().targetBps()).delayBasedRateBps(event.context().targetBps())
                        .lossBasedRateBps(event.context().targetBps()).ackedRateBps(event.context().ackedBps())
                        .delayState(BandwidthUsage.NORMAL).inAlr(event.context().inAlr());
                recorder.onFeedback(frontDoor.accept(event.report(), event.timeUs()), event.timeUs(), result);
            } else {
                recorder.onRttSample(event.rttUs(), event.timeUs());
            }
            decide(event.timeUs(), event.targetBps());
        }
    }

    private void decide(long nowUs, long targetBps) {
        if (tracker.update(targetBps, nowUs)) {
            decisions.add(new Decision(recorder.lastClosedStepEndUs(), tracker.networkType(),
                    tracker.randomLossProbability(), tracker.congestionProbability(), tracker.lossRate4s()));
        } else if (tracker.failed()) {
            modelFailed = true;
        }
    }
}
