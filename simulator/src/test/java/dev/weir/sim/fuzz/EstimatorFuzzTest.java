package dev.weir.sim.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Random event sequences (sends, feedback reports with any sequence numbers, times, losses and
 * sizes, RTT samples, receiver reports, process ticks, clocks that jump either way) through every
 * built-in estimator: never an exception, never a NaN or out-of-range result, and bounded time
 * per event. Seeds: src/test/resources/dev/weir/sim/fuzz/EstimatorFuzzTestInputs.
 */
class EstimatorFuzzTest {
    private static final long MIN_BPS = 30_000;
    private static final long START_BPS = 300_000;
    private static final long MAX_BPS = 5_000_000;
    /**
     * Upper bound on one event, wall time. The one wall-clock check in the suite: a bound on work
     * cannot be observed otherwise, and it is 1000x what a 300-packet report costs, so only a
     * quadratic or worse path can trip it.
     */
    private static final long MAX_EVENT_NS = 250_000_000;
    /** Events per input: enough for every estimator state, few enough for fast campaigns. */
    private static final int MAX_EVENTS = 2_000;
    private static final Scenario SCENARIO = ScenarioLoader.parse("""
            {"name": "fuzz", "duration_s": 60,
             "link": {"capacity": {"type": "alternating", "high_kbps": 3000, "low_kbps": 0, "period_s": 1},
                      "one_way_delay_ms": 40, "queue_ms": 200},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 5000}}
            """, null, null, "fuzz.json");
    private static final EstimatorRegistry REGISTRY = EstimatorRegistry.withBuiltIns();
    private static final String[] ESTIMATORS = {"gcc", "gcc-classic", "oracle", "oracle-causal", "fixed"};

    @FuzzTest
    void randomEventsNeverBreakAnEstimatorsContract(FuzzedDataProvider data) {
        String name = ESTIMATORS[data.consumeInt(0, ESTIMATORS.length - 1)];
        BandwidthEstimator estimator = REGISTRY.create(name, new EstimatorContext(SCENARIO));
        FeedbackReport report = new FeedbackReport();
        BweResult out = new BweResult();
        long nowUs = data.consumeLong(-1_000_000, 1_000_000);
        long seq = data.consumeInt(0, 65_535);
        for (int event = 0; event < MAX_EVENTS && data.remainingBytes() > 0; event++) {
            nowUs += data.consumeLong(-2_000_000, 10_000_000); // clocks jump back and far ahead
            int kind = data.consumeInt(0, 5);
            long startNs = System.nanoTime();
            switch (kind) {
                case 0 -> estimator.onPacketSent(data.consumeInt(0, 0xFFFF), nowUs - data.consumeInt(0, 100_000),
                        data.consumeInt(-10, 70_000));
                case 1 -> {
                    fillReport(data, report, nowUs, seq);
                    seq += report.count();
                    estimator.onFeedback(report, nowUs, out);
                }
                case 2 -> estimator.onRttSample(data.consumeLong(-1_000_000, 100_000_000), nowUs, out);
                case 3 -> estimator.onReceiverReport(data.consumeLong(-10, 1_000_000), data.consumeLong(-10, 1_000_000),
                        nowUs, out);
                case 4 -> estimator.onProcessInterval(nowUs, out);
                default -> estimator.currentEstimate(nowUs, out);
            }
            long elapsedNs = System.nanoTime() - startNs;
            if (kind != 0) {
                assertSane(name, out);
            }
            if (elapsedNs > MAX_EVENT_NS) {
                fail(name + ": event " + event + " (kind " + kind + ") took " + elapsedNs / 1_000_000 + " ms");
            }
        }
    }

    @Test
    void reversedOrderReportOf65535PacketsStaysWithinTheContractAndTimeBound() {
        for (String name : ESTIMATORS) {
            BandwidthEstimator estimator = REGISTRY.create(name, new EstimatorContext(SCENARIO));
            FeedbackReport report = new FeedbackReport();
            BweResult out = new BweResult();
            long nowUs = 1_000_000;
            for (int i = 0; i < 65_535; i++) {
                estimator.onPacketSent(i, nowUs + i * 100L, 1_200);
            }
            // Newest first: the worst case for an index kept in arrival order.
            for (int i = 65_534; i >= 0; i--) {
                report.add(i, nowUs + i * 100L, nowUs + 50_000 + i * 100L, 1_200);
            }
            long startNs = System.nanoTime();
            estimator.onFeedback(report, nowUs + 7_000_000, out);
            long elapsedNs = System.nanoTime() - startNs;
            assertSane(name, out);
            assertTrue(elapsedNs < MAX_EVENT_NS, name + " took " + elapsedNs / 1_000_000 + " ms");
        }
    }

    private static void fillReport(FuzzedDataProvider data, FeedbackReport report, long nowUs, long firstSeq) {
        report.clear();
        int packets = data.consumeInt(0, 300);
        boolean reordered = data.consumeBoolean();
        for (int i = 0; i < packets && data.remainingBytes() > 0; i++) {
            long seq = reordered ? data.consumeInt(0, 65_535) : (firstSeq + i) & 0xFFFF;
            long sendUs = nowUs - data.consumeLong(-1_000_000, 5_000_000);
            long arrivalUs = data.consumeInt(0, 9) == 0 ? FeedbackReport.LOST
                    : sendUs + data.consumeLong(-1_000_000, 5_000_000);
            report.add(seq, sendUs, arrivalUs, data.consumeInt(-10, 70_000), data.consumeInt(-1, 5));
        }
    }

    private static void assertSane(String name, BweResult out) {
        long target = out.targetRateBps();
        if (target < MIN_BPS || target > MAX_BPS) {
            fail(name + ": target " + target + " outside [" + MIN_BPS + ", " + MAX_BPS + "]: " + out);
        }
        if (out.pacingRateBps() < 0 || out.ackedRateBps() < 0 || out.rttUs() < 0) {
            fail(name + ": negative pacing rate, acked rate or rtt: " + out);
        }
        if (!(out.lossRatio() >= 0 && out.lossRatio() <= 1) || !(out.fecRatio() >= 0 && out.fecRatio() < 1)) {
            fail(name + ": loss or fec ratio outside its range: " + out);
        }
        if (out.delayState() == null) {
            fail(name + ": delay state missing: " + out);
        }
        for (int i = 0; i < out.probeRequestCount(); i++) {
            if (out.probeRequest(i).rateBps() <= 0) {
                fail(name + ": non-positive probe rate: " + out);
            }
        }
    }
}
