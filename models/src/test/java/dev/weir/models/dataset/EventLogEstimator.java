package dev.weir.models.dataset;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import java.util.ArrayList;
import java.util.List;

/** Test decorator: records every event (with copies of reports and of the inner result) in order. */
final class EventLogEstimator implements BandwidthEstimator {
    enum Kind { SENT, FEEDBACK, RTT, RECEIVER_REPORT, PROCESS }

    record Event(Kind kind, long timeUs, long value, int sizeBytes, FeedbackReport report, BweResult result) {
    }

    private final BandwidthEstimator inner;
    final List<Event> events = new ArrayList<>();

    EventLogEstimator(BandwidthEstimator inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        inner.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
        events.add(new Event(Kind.SENT, sendTimeUs, 0, sizeBytes, null, null));
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        inner.onFeedback(report, nowUs, out);
        FeedbackReport copy = new FeedbackReport(Math.max(1, report.count()));
        for (int i = 0; i < report.count(); i++) {
            copy.add(report.sequenceNumber(i), report.sendTimeUs(i), report.arrivalTimeUs(i), report.sizeBytes(i),
                    report.probeClusterId(i));
        }
        BweResult result = new BweResult();
        result.copyFrom(out);
        events.add(new Event(Kind.FEEDBACK, nowUs, 0, 0, copy, result));
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        inner.onRttSample(rttUs, nowUs, out);
        events.add(new Event(Kind.RTT, nowUs, rttUs, 0, null, null));
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        inner.onReceiverReport(packetsLost, packetsExpected, nowUs, out);
        events.add(new Event(Kind.RECEIVER_REPORT, nowUs, 0, 0, null, null));
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        inner.onProcessInterval(nowUs, out);
        events.add(new Event(Kind.PROCESS, nowUs, 0, 0, null, null));
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        inner.currentEstimate(nowUs, out);
    }

    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        inner.onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
    }

    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        inner.onNetworkRouteChange(minBps, startBps, maxBps, nowUs, out);
    }

    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        inner.onNetworkAvailability(available, nowUs, out);
    }

    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        inner.onRemoteEstimate(bitrateBps, nowUs, out);
    }

    @Override
    public void setTargetRateListener(dev.weir.bwe.api.TargetRateListener listener) {
        inner.setTargetRateListener(listener);
    }

    @Override
    public void stats(dev.weir.bwe.api.BweStats out) {
        inner.stats(out);
    }
}
