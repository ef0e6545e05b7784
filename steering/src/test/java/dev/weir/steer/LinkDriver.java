package dev.weir.steer;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import java.util.SplittableRandom;

/**
 * A minimal closed loop for estimator tests: the sender sends 1200-byte packets at the estimator's
 * target through a drop-tail bottleneck with random loss; transport feedback every 100 ms, a
 * process tick every 25 ms and an RTT sample every second.
 * <pre>
 *   sender --target--> [queue, 300 ms] --capacity, random loss--> 40 ms --> receiver
 *      ^                                                                      |
 *      +------------- 40 ms: feedback every 100 ms, RTT every 1 s ------------+
 * </pre>
 * Deterministic for a seed.
 */
final class LinkDriver {
    private static final int PACKET_BYTES = 1200;
    private static final long ONE_WAY_US = 40_000;
    private static final long MAX_QUEUE_US = 300_000;
    private static final long REPORT_US = 100_000;
    private static final long TICK_US = 25_000;

    final BweResult out = new BweResult();
    private final BandwidthEstimator estimator;
    private final FeedbackReport report = new FeedbackReport();
    private final SplittableRandom random;
    private long capacityBps;
    private double lossRate;
    private long nowUs;
    private long sequence;
    private long queueFreeUs;
    private long lastRttUs = -1;

    LinkDriver(BandwidthEstimator estimator, long capacityBps, double lossRate, long seed) {
        this.estimator = estimator;
        this.capacityBps = capacityBps;
        this.lossRate = lossRate;
        this.random = new SplittableRandom(seed);
        estimator.currentEstimate(0, out);
    }

    void capacityBps(long value) {
        capacityBps = value;
    }

    void lossRate(double value) {
        lossRate = value;
    }

    long nowUs() {
        return nowUs;
    }

    /** Runs {@code seconds} of the call, one feedback report per 100 ms. */
    void run(double seconds) {
        long endUs = nowUs + (long) (seconds * 1_000_000);
        while (nowUs < endUs) {
            report();
        }
    }

    /** One 100 ms interval: packets at the target, ticks, then the interval's feedback. */
    void report() {
        report.clear();
        long startUs = nowUs;
        long targetBps = Math.max(1, out.targetRateBps());
        int packets = (int) Math.max(1, targetBps * REPORT_US / 1_000_000 / (PACKET_BYTES * 8));
        long maxArrivalUs = startUs;
        for (int tick = 1; tick <= REPORT_US / TICK_US; tick++) {
            long tickUs = startUs + tick * TICK_US;
            for (int p = packets * (tick - 1) * (int) TICK_US / (int) REPORT_US;
                 p < packets * tick * (int) TICK_US / (int) REPORT_US; p++) {
                long sendUs = startUs + REPORT_US * p / packets;
                estimator.onPacketSent(sequence & 0xFFFF, sendUs, PACKET_BYTES);
                long departUs = Math.max(sendUs, queueFreeUs) + PACKET_BYTES * 8_000_000L / capacityBps;
                boolean overflow = departUs - sendUs > MAX_QUEUE_US;
                boolean lost = overflow || random.nextDouble() < lossRate;
                if (!overflow) {
                    queueFreeUs = departUs;
                }
                long arrivalUs = departUs + ONE_WAY_US;
                maxArrivalUs = Math.max(maxArrivalUs, arrivalUs);
                report.add(sequence++ & 0xFFFF, sendUs, lost ? FeedbackReport.LOST : arrivalUs, PACKET_BYTES);
            }
            estimator.onProcessInterval(tickUs, out);
        }
        nowUs = startUs + REPORT_US;
        estimator.onFeedback(report, Math.max(nowUs, maxArrivalUs + ONE_WAY_US), out);
        if (lastRttUs < 0 || nowUs - lastRttUs >= 1_000_000) {
            lastRttUs = nowUs;
            estimator.onRttSample(2 * ONE_WAY_US + Math.max(0, queueFreeUs - nowUs), nowUs, out);
        }
    }
}
