package dev.weir.bwe.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import org.junit.jupiter.api.Test;

/**
 * Windows built from a scripted recorder: per step the RTT and the lost packets of 10 reported
 * are set by hand, so every dense feature can be derived on paper.
 */
class WindowExtractorTest {
    private static final long STEP_US = 100_000;
    private static final float EPS = 1e-3f;

    private final SignalRecorder recorder = HundredMsSteps.recorder();
    private final WindowExtractor extractor = new WindowExtractor();
    private final FeedbackReport report = new FeedbackReport();
    private final FeedbackFrontDoor door = new FeedbackFrontDoor();
    private final BweResult result = new BweResult();
    private long seq;
    private int step;

    /**
     * One step: 10 packets sent and reported (the first {@code lost} of them lost, one burst),
     * an RTT sample of {@code rttMs}, delay state {@code usage}.
     */
    private void step(double rttMs, int lost, BandwidthUsage usage) {
        long startUs = step * STEP_US;
        report.clear();
        for (int j = 0; j < 10; j++) {
            long sendUs = startUs + j * 10_000L;
            recorder.onPacketSent(sendUs, 1000);
            report.add(seq++ & 0xFFFF, sendUs, j < lost ? FeedbackReport.LOST : sendUs + 30_000, 1000);
        }
        result.delayState(usage);
        // Feedback at the step's start: the packets' own arrivals are still in the future, so the
        // feedback RTT is invalid (negative) and only the explicit sample counts.
        recorder.onFeedback(door.accept(report, startUs), startUs, result);
        recorder.onRttSample(Math.round(rttMs * 1000), startUs + 1);
        step++;
        recorder.advance(step * STEP_US);
    }

    private void script() {
        step(60, 2, BandwidthUsage.NORMAL);
        step(70, 0, BandwidthUsage.NORMAL);
        step(90, 2, BandwidthUsage.OVERUSING);
        step(100, 0, BandwidthUsage.OVERUSING);
        step(100, 0, BandwidthUsage.NORMAL);
    }

    @Test
    void shouldReturnFalseUntilTheWindowHasClosed() {
        float[] ts = new float[5 * TimeSeriesFeature.COUNT];
        float[] dense = new float[DenseFeature.COUNT];
        step(60, 0, BandwidthUsage.NORMAL);
        step(60, 0, BandwidthUsage.NORMAL);
        assertFalse(extractor.extract(recorder, 5, ts, dense));
        assertEquals(0f, ts[0]);
        step(60, 0, BandwidthUsage.NORMAL);
        step(60, 0, BandwidthUsage.NORMAL);
        step(60, 0, BandwidthUsage.NORMAL);
        assertTrue(extractor.extract(recorder, 5, ts, dense));
    }

    @Test
    void shouldLineRowsUpWithStepsOldestFirst() {
        script();
        float[] ts = new float[3 * TimeSeriesFeature.COUNT];
        float[] dense = new float[DenseFeature.COUNT];
        assertTrue(extractor.extract(recorder, 3, ts, dense));
        for (int row = 0; row < 3; row++) {
            for (TimeSeriesFeature feature : TimeSeriesFeature.values()) {
                assertEquals(recorder.value(2 - row, feature), ts[row * TimeSeriesFeature.COUNT + feature.ordinal()],
                        "row " + row + " " + feature);
            }
        }
        assertEquals(90f, ts[TimeSeriesFeature.RTT_MS.ordinal()], EPS);
        assertEquals(100f, ts[2 * TimeSeriesFeature.COUNT + TimeSeriesFeature.RTT_MS.ordinal()], EPS);
        assertEquals(5 * STEP_US, recorder.lastClosedStepEndUs());
    }

    @Test
    void shouldComputeDenseFeaturesOfTheWindow() {
        script();
        float[] ts = new float[5 * TimeSeriesFeature.COUNT];
        float[] dense = new float[DenseFeature.COUNT];
        assertTrue(extractor.extract(recorder, 5, ts, dense));
        // RTT 60, 70, 90, 100, 100: deviations from 84 are -24, -14, 6, 16, 16 (sum of squares 1320).
        assertEquals(60f, dense[DenseFeature.RTT_MIN_MS.ordinal()], EPS);
        assertEquals(100f, dense[DenseFeature.RTT_MAX_MS.ordinal()], EPS);
        assertEquals(84f, dense[DenseFeature.RTT_MEAN_MS.ordinal()], EPS);
        assertEquals((float) Math.sqrt(1320 / 5.0), dense[DenseFeature.RTT_STD_MS.ordinal()], EPS);
        // Step times -0.2..0.2 s around their mean: covariance 11, variance 0.1 -> 110 ms/s.
        assertEquals(110f, dense[DenseFeature.RTT_TREND_MS_PER_S.ordinal()], EPS);
        assertEquals(4f / 50, dense[DenseFeature.LOSS_RATE.ordinal()], EPS);
        assertEquals(2f, dense[DenseFeature.LOSS_BURST_COUNT.ordinal()], EPS);
        assertEquals(2f, dense[DenseFeature.LOSS_BURST_MEAN_PACKETS.ordinal()], EPS);
        // Loss 0.2, 0, 0.2, 0, 0 (mean 0.08): covariance with RTT -3.6, variance 0.048.
        assertEquals((float) (-3.6 / Math.sqrt(1320 * 0.048)), dense[DenseFeature.RTT_LOSS_CORRELATION.ordinal()], EPS);
        assertEquals(2f / 5, dense[DenseFeature.OVERUSE_SHARE.ordinal()], EPS);
        assertEquals(2f / 5, dense[DenseFeature.LOSSY_STEP_SHARE.ordinal()], EPS);
        // 8 of 10 packets received in two steps, arrival span one step each: 640 and 800 kbit/s of 800.
        assertEquals((640f + 800 + 640 + 800 + 800) / (5 * 800f), dense[DenseFeature.RECEIVE_SEND_RATIO.ordinal()], EPS);
        assertEquals(0f, dense[DenseFeature.DELAY_ABOVE_MIN_MAX_MS.ordinal()], EPS);
        assertEquals(0f, dense[DenseFeature.DELAY_GRADIENT_MEAN_MS_PER_S.ordinal()], EPS);
    }

    @Test
    void shouldGiveZeroCorrelationAndTrendForConstantSeries() {
        for (int i = 0; i < 5; i++) {
            step(50, 0, BandwidthUsage.NORMAL);
        }
        float[] ts = new float[5 * TimeSeriesFeature.COUNT];
        float[] dense = new float[DenseFeature.COUNT];
        assertTrue(extractor.extract(recorder, 5, ts, dense));
        assertEquals(0f, dense[DenseFeature.RTT_LOSS_CORRELATION.ordinal()]);
        assertEquals(0f, dense[DenseFeature.RTT_TREND_MS_PER_S.ordinal()], EPS);
        assertEquals(0f, dense[DenseFeature.RTT_STD_MS.ordinal()], EPS);
        assertEquals(0f, dense[DenseFeature.LOSS_BURST_MEAN_PACKETS.ordinal()]);
    }

    @Test
    void shouldExtractNestedWindowsIntoOneDenseVectorAndProduceTheSameWindowTwice() {
        for (int i = 0; i < 120; i++) {
            step(50 + i % 7, i % 3, i % 5 == 0 ? BandwidthUsage.OVERUSING : BandwidthUsage.NORMAL);
        }
        FeatureSchema schema = recorder.schema();
        assertEquals(100, schema.tsSteps());
        assertEquals(40, schema.stepsFor(FeatureSchema.CONGESTION_WINDOW_MS));
        float[] ts = new float[100 * TimeSeriesFeature.COUNT];
        float[] dense = new float[2 * DenseFeature.COUNT];
        float[] again = new float[ts.length];
        float[] denseAgain = new float[DenseFeature.COUNT];
        assertTrue(extractor.extract(recorder, 100, ts, dense, 0));
        assertTrue(extractor.extract(recorder, 100, again, denseAgain));
        assertArrayEquals(ts, again);
        assertArrayEquals(denseAgain, java.util.Arrays.copyOf(dense, DenseFeature.COUNT));
        float[] congestion = new float[40 * TimeSeriesFeature.COUNT];
        assertTrue(extractor.extract(recorder, 40, congestion, dense, DenseFeature.COUNT));
        assertArrayEquals(denseAgain, java.util.Arrays.copyOf(dense, DenseFeature.COUNT), "the first window is kept");
        // The congestion window is the tail of the loss window.
        for (int i = 0; i < congestion.length; i++) {
            assertEquals(ts[60 * TimeSeriesFeature.COUNT + i], congestion[i]);
        }
        assertTrue(dense[DenseFeature.COUNT + DenseFeature.RTT_MAX_MS.ordinal()] > 0f);
    }

    @Test
    void shouldRejectWindowsLongerThanTheRingOrTooSmallOutputs() {
        float[] dense = new float[DenseFeature.COUNT];
        assertThrows(IllegalArgumentException.class, () -> extractor.extract(recorder,
                recorder.capacitySteps() + 1, new float[(recorder.capacitySteps() + 1) * TimeSeriesFeature.COUNT], dense));
        assertThrows(IllegalArgumentException.class, () -> extractor.extract(recorder, 5, new float[4], dense));
        assertThrows(IllegalArgumentException.class, () -> extractor.extract(recorder, 0, new float[0], dense));
    }
}
