package dev.weir.sim.estimators;

import dev.weir.bwe.api.FeedbackReport;

/**
 * The latest loss ratio as a simple estimator reports it: the share of lost packets in the last
 * non-empty feedback report, or the last receiver report's fraction. Not thread-safe.
 */
final class LossRatio {
    private double value;

    void onFeedback(FeedbackReport report) {
        int count = report.count();
        if (count == 0) {
            return;
        }
        int lost = 0;
        for (int i = 0; i < count; i++) {
            if (report.isLost(i)) {
                lost++;
            }
        }
        value = (double) lost / count;
    }

    void onReceiverReport(long packetsLost, long packetsExpected) {
        if (packetsExpected > 0 && packetsLost >= 0) {
            value = Math.min(1.0, (double) packetsLost / packetsExpected);
        }
    }

    double value() {
        return value;
    }
}
