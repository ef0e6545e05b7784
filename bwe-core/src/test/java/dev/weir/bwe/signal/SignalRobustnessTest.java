package dev.weir.bwe.signal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Garbage in never throws or yields NaN; the steady state allocates nothing. */
class SignalRobustnessTest {
    private final SignalRecorder recorder = HundredMsSteps.recorder();
    private final WindowExtractor extractor = new WindowExtractor();
    private final FeedbackReport report = new FeedbackReport();
    private final FeedbackFrontDoor door = new FeedbackFrontDoor();
    private final BweResult result = new BweResult();
    private final float[] ts = new float[100 * TimeSeriesFeature.COUNT];
    private final float[] dense = new float[DenseFeature.COUNT];

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 20261122L, 42L})
    void shouldNeverYieldNanOrNegativeRatesOnGarbage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long nowUs = 0;
        for (int r = 0; r < 2_000; r++) {
            report.clear();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                long arrival = random.nextInt(6) == 0 ? FeedbackReport.LOST
                        : random.nextInt(20) == 0 ? random.nextLong() : nowUs + random.nextLong(-1L << 30, 1L << 30);
                long send = random.nextInt(20) == 0 ? random.nextLong() : nowUs + random.nextLong(-1L << 30, 1L << 30);
                report.add(random.nextLong(), send, arrival, random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(1500));
            }
            nowUs += random.nextInt(10) == 0 ? random.nextLong(-1L << 36, 1L << 36) : random.nextLong(-10_000, 200_000);
            result.targetRateBps(random.nextLong()).ackedRateBps(random.nextLong())
                    .delayState(random.nextInt(4) == 0 ? null : BandwidthUsage.values()[random.nextInt(3)]);
            recorder.onPacketSent(random.nextInt(10) == 0 ? random.nextLong() : nowUs, random.nextInt());
            recorder.onFeedback(random.nextInt(50) == 0 ? null : door.accept(report, nowUs), nowUs,
                    random.nextInt(50) == 0 ? null : result);
            recorder.onRttSample(random.nextLong(), nowUs);
            recorder.advance(nowUs + random.nextLong(-1_000_000, 1_000_000));
            if (extractor.extract(recorder, 100, ts, dense)) {
                check(ts, 100 * TimeSeriesFeature.COUNT);
                check(dense, DenseFeature.COUNT);
            }
        }
        assertTrue(recorder.closedSteps() > 100, "the script must close steps");
    }

    private static void check(float[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(values[i])) {
                fail("non-finite value at " + i + ": " + values[i]);
            }
        }
        for (int row = 0; row < count / TimeSeriesFeature.COUNT && count > DenseFeature.COUNT; row++) {
            int base = row * TimeSeriesFeature.COUNT;
            for (TimeSeriesFeature feature : TimeSeriesFeature.values()) {
                if (feature != TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S && values[base + feature.ordinal()] < 0) {
                    fail(feature + " negative in row " + row + ": " + values[base + feature.ordinal()]);
                }
            }
            float loss = values[base + TimeSeriesFeature.LOSS_FRACTION.ordinal()];
            if (loss > 1) {
                fail("loss fraction above 1: " + loss);
            }
        }
    }

    /** A clean 1 Mbit/s stream of 1200-byte packets with feedback every 50 ms. */
    private long seq;
    private long sendUs = 1_000_000;

    private void cleanFeedbackInterval() {
        report.clear();
        long lastArrivalUs = 0;
        for (int i = 0; i < 5; i++) {
            recorder.onPacketSent(sendUs, 1200);
            lastArrivalUs = sendUs + 40_000 + (seq % 7) * 1_000;
            report.add(seq & 0xFFFF, sendUs, seq % 13 == 0 ? FeedbackReport.LOST : lastArrivalUs, 1200);
            seq++;
            sendUs += 10_000;
        }
        recorder.onFeedback(door.accept(report, lastArrivalUs + 20_000), lastArrivalUs + 20_000, result);
        recorder.onRttSample(60_000, lastArrivalUs + 20_000);
        recorder.advance(lastArrivalUs + 25_000);
        extractor.extract(recorder, 100, ts, dense);
    }

    @Test
    void shouldNotAllocatePerPacketOrStepInSteadyState() {
        result.targetRateBps(1_000_000).delayState(BandwidthUsage.NORMAL);
        for (int i = 0; i < 20_000; i++) {
            cleanFeedbackInterval();
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 20_000; i++) {
            cleanFeedbackInterval();
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        // 100 000 packets, 10 000 steps, 20 000 windows: a few hundred bytes of measurement noise
        // are tolerated; per-packet or per-step garbage is not.
        assertTrue(allocated < 2_048, () -> allocated + " bytes allocated over 100000 packets");
        assertTrue(recorder.closedSteps() > 7_000, "the loop must close steps: " + recorder.closedSteps());
    }
}
