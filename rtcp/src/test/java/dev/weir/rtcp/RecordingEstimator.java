package dev.weir.rtcp;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;

/**
 * A trivial, allocation-free {@link BandwidthEstimator} for tests: its "estimate" is the
 * acknowledged rate over everything it was told, and it keeps the totals a test can check.
 */
final class RecordingEstimator implements BandwidthEstimator {
    long sentPackets;
    long receivedPackets;
    long lostPackets;
    long receivedBytes;
    long firstArrivalUs = Long.MAX_VALUE;
    long lastArrivalUs = Long.MIN_VALUE;
    long reports;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        sentPackets++;
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        reports++;
        for (int i = 0; i < report.count(); i++) {
            if (report.isLost(i)) {
                lostPackets++;
                continue;
            }
            receivedPackets++;
            receivedBytes += report.sizeBytes(i);
            firstArrivalUs = Math.min(firstArrivalUs, report.arrivalTimeUs(i));
            lastArrivalUs = Math.max(lastArrivalUs, report.arrivalTimeUs(i));
        }
        currentEstimate(nowUs, out);
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
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
    public void setTargetRateListener(dev.weir.bwe.api.TargetRateListener listener) {
        // tests read results directly
    }

    @Override
    public void stats(dev.weir.bwe.api.BweStats out) {
        out.estimate(name(), 0, 0).counters(sentPackets, reports, receivedPackets, lostPackets, 0, 0, 0);
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        long spanUs = lastArrivalUs - firstArrivalUs;
        long rateBps = spanUs > 0 ? receivedBytes * 8 * 1_000_000 / spanUs : 0;
        long reported = receivedPackets + lostPackets;
        out.timeUs(nowUs).targetRateBps(rateBps).ackedRateBps(rateBps)
                .lossRatio(reported > 0 ? (double) lostPackets / reported : 0);
    }
}
