package dev.weir.gcc.loss.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What libwebrtc's tests do not cover: no allocation in steady state, garbage input, settings swaps. */
class LossBasedBweV2RobustnessTest {
    private static final long MS = 1000;
    /** Slack for the measurement itself; one allocation per report would cost far more. */
    private static final long SLACK_BYTES = 4096;

    /** 1200-byte packets every 5 ms, reports every 50 ms, losing {@code lossPercent} %. */
    private static long feed(LossBasedBweV2 bwe, long[] state, int reports, int lossPercent) {
        long seq = state[0];
        long t = state[1];
        for (int r = 0; r < reports; r++) {
            for (int i = 0; i < 10; i++) {
                bwe.onPacketResult(seq, t, 1200, (seq * 37 % 100) >= lossPercent);
                seq++;
                t += 5 * MS;
            }
            // The sender (padding when asked) sends the target, capped by the 2.5 Mbps link.
            bwe.setAcknowledgedBitrate(Math.min(bwe.lossBasedEstimateBps(), 2_500_000) - (r % 7) * 10_000);
            bwe.updateBandwidthEstimate(2_500_000, r % 50 == 0);
        }
        state[0] = seq;
        state[1] = t;
        return bwe.lossBasedEstimateBps();
    }

    @Test
    void shouldNotAllocatePerPacketOrReportInSteadyState() {
        assumeTrue(AllocationMeter.supported());
        LossBasedBweV2 bwe = new LossBasedBweV2();
        bwe.setMinMaxBitrate(30_000, 30_000_000);
        long[] state = {0, 0};
        Runnable work = () -> {
            // Alternate clean and lossy stretches so every state and the hold/padding paths run.
            for (int round = 0; round < 20; round++) {
                feed(bwe, state, 100, 0);
                feed(bwe, state, 100, 15);
                feed(bwe, state, 100, 3);
            }
        };
        work.run();
        long bytes = AllocationMeter.bytesAllocatedBy(work);
        assertTrue(bytes < SLACK_BYTES, "allocated " + bytes + " bytes over 6000 reports");
    }

    @Test
    void shouldLeaveTheDelayBasedStateUnderLossAndReturnAfterIt() {
        LossBasedBweV2 bwe = new LossBasedBweV2();
        bwe.setMinMaxBitrate(30_000, 30_000_000);
        long[] state = {0, 0};
        feed(bwe, state, 100, 0);
        assertTrue(bwe.isReady());
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
        assertEquals(2_500_000, bwe.lossBasedEstimateBps());
        long lossy = feed(bwe, state, 100, 20);
        assertNotEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
        assertTrue(lossy < 2_500_000, "20 % loss must lower the estimate: " + lossy);
        feed(bwe, state, 2000, 0);
        assertEquals(LossBasedState.DELAY_BASED_ESTIMATE, bwe.lossBasedState());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 20261122})
    void shouldStayFiniteUnderGarbageInput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LossBasedBweV2 bwe = new LossBasedBweV2();
        for (int step = 0; step < 20_000; step++) {
            switch (random.nextInt(10)) {
                case 0 -> bwe.setAcknowledgedBitrate(pick(random));
                case 1 -> bwe.setMinMaxBitrate(pick(random), pick(random));
                case 2 -> bwe.updateBandwidthEstimate(pick(random), random.nextBoolean());
                case 3 -> bwe.setBandwidthEstimate(pick(random));
                default -> bwe.onPacketResult(random.nextInt(4) == 0 ? pick(random) : random.nextLong(100),
                        pick(random), random.nextInt(8) == 0 ? random.nextInt() : random.nextInt(1500),
                        random.nextBoolean());
            }
            long estimate = bwe.lossBasedEstimateBps();
            assertTrue(estimate >= 0, "estimate " + estimate + " at step " + step);
            assertTrue(bwe.lossBasedState() != null);
        }
    }

    @Test
    void shouldKeepTheEstimateWhenSettingsAreSwappedAndRestartWhenReenabled() {
        LossBasedBweV2 bwe = new LossBasedBweV2();
        bwe.setMinMaxBitrate(30_000, 30_000_000);
        long[] state = {0, 0};
        long lossy = feed(bwe, state, 100, 20);
        LossBasedBweV2Settings swapped = new LossBasedBweV2Settings();
        swapped.observationWindowSize = 5;
        swapped.candidateFactors = new double[] {1.05, 1.0, 0.9, 0.8};
        assertTrue(bwe.applySettings(swapped));
        assertEquals(lossy, bwe.lossBasedEstimateBps(), "a swap keeps the estimate");
        assertTrue(bwe.isReady());
        feed(bwe, state, 50, 20);
        assertEquals(5, bwe.settings().observationWindowSize);

        LossBasedBweV2Settings off = swapped.copy();
        off.enabled = false;
        assertTrue(bwe.applySettings(off));
        assertFalse(bwe.isReady());
        feed(bwe, state, 10, 20);
        assertEquals(2_500_000, bwe.lossBasedEstimateBps(), "disabled: the delay-based estimate");
        assertTrue(bwe.applySettings(swapped));
        assertFalse(bwe.isReady(), "re-enabled: starts afresh");

        LossBasedBweV2Settings broken = new LossBasedBweV2Settings();
        broken.observationWindowSize = 0;
        assertFalse(bwe.applySettings(broken));
        assertFalse(bwe.applySettings(null));
        assertEquals(5, bwe.settings().observationWindowSize);
    }

    private static long pick(SplittableRandom random) {
        long[] values = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, Integer.MAX_VALUE, Long.MIN_VALUE / 2,
                Long.MAX_VALUE / 2, 1L << 53};
        return random.nextInt(3) == 0 ? values[random.nextInt(values.length)] : random.nextLong(-1L << 40, 1L << 40);
    }
}
