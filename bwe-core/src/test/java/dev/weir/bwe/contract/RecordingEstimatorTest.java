package dev.weir.bwe.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import org.junit.jupiter.api.Test;

class RecordingEstimatorTest {
    /** Answers with what it recorded, as the rtcp tests' estimator does. */
    private static final class Recorder extends RecordingEstimator {
        int answers;

        Recorder() {
            super("recorder");
        }

        @Override
        public void currentEstimate(long nowUs, BweResult out) {
            answers++;
            out.timeUs(nowUs).targetRateBps(ackedRateBps()).lossRatio(lossRatio());
        }
    }

    @Test
    void countsWhatItIsToldAndAnswersEveryEventWithItsEstimate() {
        Recorder estimator = new Recorder();
        BweResult out = new BweResult();
        FeedbackReport report = new FeedbackReport();
        for (int i = 0; i < 4; i++) {
            estimator.onPacketSent(i, i * 10_000L, 1_000);
        }
        report.add(0, 0, 100_000, 1_000);
        report.add(1, 10_000, FeedbackReport.LOST, 1_000);
        report.add(2, 20_000, 108_000, 1_000);
        report.add(3, 30_000, 116_000, 1_000);
        estimator.onFeedback(report, 120_000, out);
        estimator.onRttSample(50_000, 130_000, out);
        estimator.onProcessInterval(140_000, out);
        estimator.onTargetRateConstraints(0, 0, 0, 150_000, out);
        estimator.onNetworkRouteChange(0, 0, 0, 160_000, out);
        estimator.onNetworkAvailability(true, 170_000, out);
        estimator.onRemoteEstimate(0, 180_000, out);
        estimator.onReceiverReport(0, 10, 190_000, out);

        assertEquals(8, estimator.answers);
        assertEquals(190_000, out.timeUs());
        // 3000 bytes over 16 ms of arrivals.
        assertEquals(1_500_000, out.targetRateBps());
        assertEquals(0.25, out.lossRatio());
        assertEquals(1, estimator.rttSamples());
        BweStats stats = new BweStats();
        estimator.stats(stats);
        assertEquals("recorder", stats.estimatorName());
        assertEquals(4, stats.packetsSent());
        assertEquals(1, stats.feedbackReports());
        assertEquals(3, stats.packetsReceived());
        assertEquals(1, stats.packetsLost());
    }
}
