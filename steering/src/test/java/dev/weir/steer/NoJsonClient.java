package dev.weir.steer;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.gcc.GoogCcEstimator;

/**
 * A client that never reads a JSON file: builds GCC and the weir estimator and runs a few seconds
 * of feedback through them. {@link EmbeddingWithoutJacksonTest} runs it in a JVM whose class path
 * has no Jackson; it exits 0 when every estimate is sane.
 */
public final class NoJsonClient {
    private NoJsonClient() {
    }

    public static void main(String[] args) {
        BandwidthEstimator[] estimators = {new GoogCcEstimator(30_000, 300_000, 5_000_000),
                new WeirEstimator(30_000, 300_000, 5_000_000)};
        for (BandwidthEstimator estimator : estimators) {
            FeedbackReport report = new FeedbackReport();
            BweResult out = new BweResult();
            long sequence = 0;
            for (int r = 0; r < 50; r++) {
                report.clear();
                for (int i = 0; i < 20; i++, sequence++) {
                    long sendUs = sequence * 5_000;
                    estimator.onPacketSent(sequence & 0xFFFF, sendUs, 1_200);
                    report.add(sequence & 0xFFFF, sendUs, sendUs + 40_000, 1_200);
                }
                estimator.onFeedback(report, sequence * 5_000 + 80_000, out);
                estimator.onProcessInterval(sequence * 5_000 + 80_000, out);
            }
            if (out.targetRateBps() < 30_000 || out.targetRateBps() > 5_000_000) {
                System.exit(3);
            }
        }
    }
}
