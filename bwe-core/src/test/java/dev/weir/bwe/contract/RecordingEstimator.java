package dev.weir.bwe.contract;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.TargetRateListener;

/**
 * The base of the scripted estimators tests drive calls and feedback paths with: it counts what it
 * is told (packets sent, feedback with its received bytes and arrival span, RTT samples) and answers
 * every event with {@link #currentEstimate}, the one method a subclass must write. A subclass
 * overrides an event only to watch more of it, calling {@code super}. The target listener is
 * ignored (tests read results directly). Allocation-free, so allocation tests can drive it.
 * Shipped in the bwe-core test-jar.
 *
 * <p>Not thread-safe: one instance per test, driven from one thread.
 */
public abstract class RecordingEstimator implements BandwidthEstimator {
    private final String name;
    private long packetsSent;
    private long feedbackReports;
    private long packetsReceived;
    private long packetsLost;
    private long receivedBytes;
    private long firstArrivalUs = Long.MAX_VALUE;
    private long lastArrivalUs = Long.MIN_VALUE;
    private long rttSamples;

    protected RecordingEstimator(String name) {
        this.name = name;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long feedbackReports() {
        return feedbackReports;
    }

    /** Packets feedback reported received, over all reports. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Packets feedback reported lost, over all reports. */
    public long packetsLost() {
        return packetsLost;
    }

    public long rttSamples() {
        return rttSamples;
    }

    /** Received bytes over the span of their arrivals (receiver clock), bits per second; 0 before two arrivals. */
    public long ackedRateBps() {
        long spanUs = lastArrivalUs - firstArrivalUs;
        return spanUs > 0 ? receivedBytes * 8 * 1_000_000 / spanUs : 0;
    }

    /** Lost over reported packets, over all reports; 0 before any. */
    public double lossRatio() {
        long reported = packetsReceived + packetsLost;
        return reported > 0 ? (double) packetsLost / reported : 0;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        packetsSent++;
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        feedbackReports++;
        for (int i = 0; i < report.count(); i++) {
            if (report.isLost(i)) {
                packetsLost++;
                continue;
            }
            packetsReceived++;
            receivedBytes += report.sizeBytes(i);
            firstArrivalUs = Math.min(firstArrivalUs, report.arrivalTimeUs(i));
            lastArrivalUs = Math.max(lastArrivalUs, report.arrivalTimeUs(i));
        }
        currentEstimate(nowUs, out);
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        rttSamples++;
        currentEstimate(nowUs, out);
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        currentEstimate(nowUs, out);
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        currentEstimate(nowUs, out);
    }

    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        currentEstimate(nowUs, out);
    }

    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        currentEstimate(nowUs, out);
    }

    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        currentEstimate(nowUs, out);
    }

    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        currentEstimate(nowUs, out);
    }

    @Override
    public void setTargetRateListener(TargetRateListener listener) {
        // tests read results directly
    }

    @Override
    public void stats(BweStats out) {
        out.estimate(name, 0, 0).counters(packetsSent, feedbackReports, packetsReceived, packetsLost, 0, 0, 0);
    }
}
