package dev.weir.bwe.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.config.InvalidSettingsException;
import org.junit.jupiter.api.Test;

/**
 * A hand-computable call: every 100 ms step the sender sends 10 packets of 1250 bytes, 10 ms
 * apart (1000 kbit/s); their feedback arrives in the next step, 20 ms after the last arrival.
 * One-way delay is 40 ms plus the queueing delay chosen per step.
 */
class SignalRecorderTest {
    private static final long STEP_US = 100_000;
    private static final long START_US = 10_000_000;
    private static final int PACKET_BYTES = 1250;
    private static final long BASE_OWD_US = 40_000;
    private static final long FEEDBACK_DELAY_US = 20_000;
    private static final float EPS = 1e-3f;

    private final SignalRecorder recorder = HundredMsSteps.recorder();
    private final FeedbackReport report = new FeedbackReport();
    private final FeedbackFrontDoor door = new FeedbackFrontDoor();
    private final BweResult result = new BweResult();
    private long seq;

    /** Sends step {@code step}'s packets and returns the first sequence number used. */
    private long sendStep(int step) {
        long first = seq;
        for (int j = 0; j < 10; j++) {
            recorder.onPacketSent(START_US + step * STEP_US + j * 10_000L, PACKET_BYTES);
        }
        seq += 10;
        return first;
    }

    /** Delivers feedback on step {@code step}'s packets (first sequence {@code first}). */
    private void feedback(int step, long first, long queueUs, int... lostIndexes) {
        report.clear();
        long maxArrivalUs = 0;
        for (int j = 0; j < 10; j++) {
            long sendUs = START_US + step * STEP_US + j * 10_000L;
            long arrivalUs = sendUs + BASE_OWD_US + queueUs;
            boolean lost = false;
            for (int index : lostIndexes) {
                lost |= index == j;
            }
            report.add((first + j) & 0xFFFF, sendUs, lost ? FeedbackReport.LOST : arrivalUs, PACKET_BYTES);
            maxArrivalUs = Math.max(maxArrivalUs, arrivalUs);
        }
        long nowUs = maxArrivalUs + FEEDBACK_DELAY_US;
        recorder.onFeedback(door.accept(report, nowUs), nowUs, result);
    }

    /** Steps 0..4 as in the class comment; feedback of step k is read in step k + 1. */
    private void playScript() {
        result.targetRateBps(1_000_000).delayState(BandwidthUsage.NORMAL);
        long s0 = sendStep(0);
        long s1 = sendStep(1);
        feedback(0, s0, 0);
        long s2 = sendStep(2);
        feedback(1, s1, 0, 3, 4);
        long s3 = sendStep(3);
        feedback(2, s2, 10_000);
        recorder.advance(START_US + 4 * STEP_US);
        result.targetRateBps(800_000).delayState(BandwidthUsage.OVERUSING).ackedRateBps(700_000).inAlr(true);
        feedback(3, s3, 30_000, 2, 6);
        recorder.advance(START_US + 5 * STEP_US);
        recorder.onRttSample(100_000, START_US + 5 * STEP_US + 1);
        recorder.advance(START_US + 7 * STEP_US);
    }

    private float at(int step, TimeSeriesFeature feature) {
        return recorder.value((int) (recorder.closedSteps() - 1 - step), feature);
    }

    @Test
    void shouldComputeSendRateFromPacketsSentInTheStep() {
        playScript();
        assertEquals(7, recorder.closedSteps());
        for (int step = 0; step < 4; step++) {
            assertEquals(1000f, at(step, TimeSeriesFeature.SEND_RATE_KBPS), EPS, "step " + step);
        }
        assertEquals(0f, at(4, TimeSeriesFeature.SEND_RATE_KBPS), EPS);
        assertEquals(START_US + 7 * STEP_US, recorder.lastClosedStepEndUs());
    }

    @Test
    void shouldComputeLossFractionLostPacketsAndBursts() {
        playScript();
        float[] expectedLoss = {0f, 0f, 0.2f, 0f, 0.2f, 0f, 0f};
        float[] expectedLost = {0, 0, 2, 0, 2, 0, 0};
        float[] expectedBursts = {0, 0, 1, 0, 2, 0, 0};
        for (int step = 0; step < 7; step++) {
            assertEquals(expectedLoss[step], at(step, TimeSeriesFeature.LOSS_FRACTION), EPS, "step " + step);
            assertEquals(expectedLost[step], at(step, TimeSeriesFeature.LOST_PACKETS), EPS, "step " + step);
            assertEquals(expectedBursts[step], at(step, TimeSeriesFeature.LOSS_BURSTS), EPS, "step " + step);
        }
    }

    @Test
    void shouldMeasureFeedbackRttAndHoldItThroughEmptySteps() {
        playScript();
        // Feedback RTT = feedback time - send time of the last packet = 40 ms + queue + 20 ms.
        float[] expected = {0f, 60f, 60f, 70f, 90f, 100f, 100f};
        for (int step = 0; step < 7; step++) {
            assertEquals(expected[step], at(step, TimeSeriesFeature.RTT_MS), EPS, "step " + step);
        }
    }

    @Test
    void shouldComputeReceiveRateOverTheArrivalSpan() {
        playScript();
        // Step 1: first arrivals, span defaults to one step: 12500 B * 8 / 100 ms.
        assertEquals(1000f, at(1, TimeSeriesFeature.RECEIVE_RATE_KBPS), EPS);
        // Step 2: 8 packets received, last arrivals 100 ms apart.
        assertEquals(800f, at(2, TimeSeriesFeature.RECEIVE_RATE_KBPS), EPS);
        // Step 3: the queue grew by 10 ms, so the arrival span is 110 ms.
        assertEquals(12_500 * 8 / 110f, at(3, TimeSeriesFeature.RECEIVE_RATE_KBPS), EPS);
        assertEquals(0f, at(5, TimeSeriesFeature.RECEIVE_RATE_KBPS), EPS);
    }

    @Test
    void shouldComputeDelayAboveMinimumAndGradient() {
        playScript();
        float[] aboveMin = {0f, 0f, 0f, 10f, 30f, 30f, 30f};
        for (int step = 0; step < 7; step++) {
            assertEquals(aboveMin[step], at(step, TimeSeriesFeature.DELAY_ABOVE_MIN_MS), EPS, "step " + step);
        }
        // Mean send offsets of received packets: 45 ms, 47.5 ms (3, 4 lost), 45 ms, 46.25 ms (2, 6 lost).
        assertEquals(0f, at(1, TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S), EPS);
        assertEquals(0f, at(2, TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S), EPS);
        assertEquals(10f / 97.5f * 1000f, at(3, TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S), EPS);
        assertEquals(20f / 101.25f * 1000f, at(4, TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S), EPS);
        assertEquals(0f, at(5, TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S), EPS);
    }

    @Test
    void shouldComputeRfc3550Jitter() {
        playScript();
        assertEquals(0f, at(2, TimeSeriesFeature.JITTER_MS), EPS);
        // Step 2's first packet is 10 ms later than the one before: J = 10/16, then nine D = 0.
        double afterStep3 = 10.0 / 16 * Math.pow(15.0 / 16, 9);
        assertEquals(afterStep3, at(3, TimeSeriesFeature.JITTER_MS), EPS);
        double afterStep4 = (afterStep3 + (20 - afterStep3) / 16) * Math.pow(15.0 / 16, 7);
        assertEquals(afterStep4, at(4, TimeSeriesFeature.JITTER_MS), EPS);
        assertEquals(afterStep4, at(6, TimeSeriesFeature.JITTER_MS), EPS);
    }

    @Test
    void shouldRecordAndHoldTheEstimatorState() {
        playScript();
        assertEquals(1000f, at(3, TimeSeriesFeature.TARGET_RATE_KBPS), EPS);
        assertEquals(0f, at(3, TimeSeriesFeature.DELAY_OVERUSING), EPS);
        for (int step = 4; step < 7; step++) {
            assertEquals(800f, at(step, TimeSeriesFeature.TARGET_RATE_KBPS), EPS);
            assertEquals(700f, at(step, TimeSeriesFeature.ACKED_RATE_KBPS), EPS);
            assertEquals(1f, at(step, TimeSeriesFeature.DELAY_OVERUSING), EPS);
            assertEquals(0f, at(step, TimeSeriesFeature.DELAY_UNDERUSING), EPS);
            assertEquals(1f, at(step, TimeSeriesFeature.IN_ALR), EPS);
        }
        assertEquals(1f, at(4, TimeSeriesFeature.FEEDBACK_REPORTS), EPS);
        assertEquals(0f, at(5, TimeSeriesFeature.FEEDBACK_REPORTS), EPS);
    }

    @Test
    void shouldCountDuplicateFeedbackOnce() {
        long first = sendStep(0);
        feedback(0, first, 0, 5);
        recorder.onFeedback(door.accept(report, START_US + 190_000), START_US + 190_000, result);
        recorder.advance(START_US + 2 * STEP_US);
        assertEquals(0.1f, recorder.value(0, TimeSeriesFeature.LOSS_FRACTION), EPS);
        assertEquals(1f, recorder.value(0, TimeSeriesFeature.LOST_PACKETS), EPS);
        assertEquals(9 * PACKET_BYTES * 8 / 100f, recorder.value(0, TimeSeriesFeature.RECEIVE_RATE_KBPS), EPS);
        assertEquals(2f, recorder.value(0, TimeSeriesFeature.FEEDBACK_REPORTS), EPS);
        // Only the first report yields an RTT sample (60 ms); the later duplicate would say 90 ms.
        assertEquals(60f, recorder.value(0, TimeSeriesFeature.RTT_MS), EPS);
    }

    @Test
    void shouldNotSeeLossAcrossTheSequenceNumberWrap() {
        seq = 65_530;
        for (int step = 0; step < 4; step++) {
            long first = sendStep(step);
            feedback(step, first, 0);
        }
        recorder.advance(START_US + 6 * STEP_US);
        assertTrue(seq > 65_536);
        for (int ago = 0; ago < 6; ago++) {
            assertEquals(0f, recorder.value(ago, TimeSeriesFeature.LOSS_FRACTION), EPS);
        }
    }

    @Test
    void shouldRestartTheDelayBaselineWhenTheReceiverClockJumps() {
        long s0 = sendStep(0);
        feedback(0, s0, 0);
        long s1 = sendStep(1);
        feedback(1, s1, 3_600_000_000L);
        recorder.advance(START_US + 3 * STEP_US);
        assertEquals(0f, recorder.value(0, TimeSeriesFeature.DELAY_ABOVE_MIN_MS), EPS);
        assertEquals(0f, recorder.value(0, TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S), EPS);
        assertTrue(recorder.value(0, TimeSeriesFeature.JITTER_MS) < 1f);
    }

    @Test
    void shouldReanchorStepsWhenTheCallerClockJumpsBack() {
        sendStep(0);
        recorder.advance(START_US + STEP_US);
        long closed = recorder.closedSteps();
        recorder.advance(START_US - 3_600_000_000L);
        recorder.advance(START_US - 3_600_000_000L + 2 * STEP_US);
        assertEquals(closed + 2, recorder.closedSteps());
    }

    @Test
    void shouldSkipAHugeForwardClockJumpWithoutLoopingThroughIt() {
        sendStep(0);
        recorder.advance(START_US + (1L << 40));
        assertEquals((1L << 40) / STEP_US, recorder.closedSteps());
        assertEquals(0f, recorder.value(0, TimeSeriesFeature.SEND_RATE_KBPS), EPS);
    }

    @Test
    void shouldRejectInvalidSettings() {
        SignalSettings settings = new SignalSettings();
        settings.stepMs = 10;
        settings.historyS = 5;
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> new SignalRecorder(settings));
        assertEquals(3, error.problems().size(), error.getMessage());
    }

    @Test
    void shouldRefuseToReadAStepThatIsNotInTheRing() {
        assertThrows(IllegalArgumentException.class, () -> recorder.value(0, TimeSeriesFeature.RTT_MS));
        recorder.advance(START_US);
        recorder.advance(START_US + STEP_US);
        assertFalse(Float.isNaN(recorder.value(0, TimeSeriesFeature.RTT_MS)));
        assertThrows(IllegalArgumentException.class, () -> recorder.value(1, TimeSeriesFeature.RTT_MS));
    }

    @Test
    void shouldCountAllLostAndEmptyReportsWithoutRatesOrRtt() {
        long first = sendStep(0);
        report.clear();
        recorder.onFeedback(door.accept(report, START_US + 120_000), START_US + 120_000, result);
        feedback(0, first, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        recorder.advance(START_US + 2 * STEP_US);
        assertEquals(1f, recorder.value(0, TimeSeriesFeature.LOSS_FRACTION), EPS);
        assertEquals(10f, recorder.value(0, TimeSeriesFeature.LOST_PACKETS), EPS);
        assertEquals(1f, recorder.value(0, TimeSeriesFeature.LOSS_BURSTS), EPS);
        assertEquals(0f, recorder.value(0, TimeSeriesFeature.RECEIVE_RATE_KBPS), EPS);
        assertEquals(0f, recorder.value(0, TimeSeriesFeature.RTT_MS), EPS);
        assertEquals(2f, recorder.value(0, TimeSeriesFeature.FEEDBACK_REPORTS), EPS);
    }

    @Test
    void shouldKeepALossButCountTheBytesOfAPacketThatArrivesAfterAll() {
        long first = sendStep(0);
        feedback(0, first, 0, 9);
        recorder.advance(START_US + 2 * STEP_US);
        report.clear();
        long sendUs = START_US + 90_000;
        report.add((first + 9) & 0xFFFF, sendUs, sendUs + 150_000, PACKET_BYTES);
        recorder.onFeedback(door.accept(report, START_US + 260_000), START_US + 260_000, result);
        recorder.advance(START_US + 3 * STEP_US);
        assertEquals(0.1f, recorder.value(1, TimeSeriesFeature.LOSS_FRACTION), EPS);
        assertEquals(0f, recorder.value(0, TimeSeriesFeature.LOSS_FRACTION), EPS);
        assertEquals(0f, recorder.value(0, TimeSeriesFeature.LOST_PACKETS), EPS);
        // Arrives at 240 ms, 120 ms after the latest earlier arrival (packet 8 at 120 ms).
        assertEquals(PACKET_BYTES * 8 / 120f, recorder.value(0, TimeSeriesFeature.RECEIVE_RATE_KBPS), EPS);
        assertEquals(110f, recorder.value(0, TimeSeriesFeature.DELAY_ABOVE_MIN_MS), EPS);
    }
}
