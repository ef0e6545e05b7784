package dev.weir.models.dataset;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.ForwardingEstimator;
import java.util.ArrayList;
import java.util.List;

/** Test decorator: records every event (with copies of reports and of the inner result) in order. */
final class EventLogEstimator extends ForwardingEstimator {
    enum Kind { SENT, FEEDBACK, RTT, RECEIVER_REPORT, PROCESS }

    record Event(Kind kind, long timeUs, long value, int sizeBytes, FeedbackReport report, BweResult result) {
    }

    final List<Event> events = new ArrayList<>();

    EventLogEstimator(BandwidthEstimator inner) {
        super(inner);
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        super.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
        events.add(new Event(Kind.SENT, sendTimeUs, 0, sizeBytes, null, null));
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        super.onFeedback(report, nowUs, out);
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
        super.onRttSample(rttUs, nowUs, out);
        events.add(new Event(Kind.RTT, nowUs, rttUs, 0, null, null));
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        super.onReceiverReport(packetsLost, packetsExpected, nowUs, out);
        events.add(new Event(Kind.RECEIVER_REPORT, nowUs, 0, 0, null, null));
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        super.onProcessInterval(nowUs, out);
        events.add(new Event(Kind.PROCESS, nowUs, 0, 0, null, null));
    }
}
