package dev.weir.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole path a simulated call will take: arrivals, generator, bytes, parser, adapter and an
 * estimator; the estimator's view (received rate, loss) must match what the path did.
 */
class EstimatorThroughBytesTest {
    @ParameterizedTest
    @EnumSource(FeedbackLoop.Format.class)
    void estimatorSeesTheRateAndLossOfThePath(FeedbackLoop.Format format) {
        SimulatedPath path = new SimulatedPath(11, 60_000, 0.05, 0, 500, false);
        AckedRateEstimator estimator = new AckedRateEstimator();
        BweResult result = new BweResult();
        for (int i = 0; i < path.count; i++) {
            estimator.onPacketSent(i & 0xFFFF, path.sendUs[i], path.sizeBytes[i]);
        }
        new FeedbackLoop(path, format, 25_000, 0, 11).run((report, nowUs) -> estimator.onFeedback(report, nowUs, result));

        long deliveredBytes = 0;
        long delivered = 0;
        long firstUs = Long.MAX_VALUE;
        long lastUs = Long.MIN_VALUE;
        for (int i = 0; i < path.count; i++) {
            if (path.delivered(i)) {
                delivered++;
                deliveredBytes += path.sizeBytes[i];
                firstUs = Math.min(firstUs, path.arrivalUs[i]);
                lastUs = Math.max(lastUs, path.arrivalUs[i]);
            }
        }
        long trueRateBps = deliveredBytes * 8 * 1_000_000 / (lastUs - firstUs);
        assertEquals(delivered, estimator.packetsReceived());
        assertEquals(trueRateBps, result.ackedRateBps(), trueRateBps * 0.001, "received rate on the receiver clock");
        double trueLoss = 1 - (double) delivered / path.count;
        assertEquals(trueLoss, result.lossRatio(), 0.002);
        assertTrue(estimator.feedbackReports() > 100, estimator.feedbackReports() + " feedback reports");
    }
}
