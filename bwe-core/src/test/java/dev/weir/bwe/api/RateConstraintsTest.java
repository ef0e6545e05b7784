package dev.weir.bwe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateConstraintsTest {
    @Test
    void unsetOrNonsenseValuesBecomeLibwebrtcsFloorAndDefaultMaximum() {
        assertEquals(5_000, RateConstraints.min(RateConstraints.NOT_SET));
        assertEquals(5_000, RateConstraints.min(Long.MIN_VALUE));
        assertEquals(1_000_000_000L, RateConstraints.max(0, RateConstraints.NOT_SET));
        assertEquals(1_000_000_000L, RateConstraints.max(0, Long.MAX_VALUE));
        assertEquals(RateConstraints.NOT_SET, RateConstraints.start(0, -7, 0));
    }

    @Test
    void aMaximumBelowTheMinimumBecomesTheMinimumAndTheStartLiesBetween() {
        assertEquals(300_000, RateConstraints.max(300_000, 100_000));
        assertEquals(300_000, RateConstraints.start(300_000, 10, 100_000));
        assertEquals(2_000_000, RateConstraints.start(30_000, 9_000_000, 2_000_000));
        assertEquals(1_000_000_000L, RateConstraints.min(Long.MAX_VALUE));
    }

    @Test
    void theNotifierTellsANewListenerTheNextTargetAndThenOnlyChanges() {
        TargetRateNotifier notifier = new TargetRateNotifier();
        BweResult result = new BweResult().targetRateBps(100);
        long[] heard = new long[1];
        int[] calls = new int[1];
        notifier.setListener(r -> {
            heard[0] = r.targetRateBps();
            calls[0]++;
        });
        notifier.onResult(result);
        notifier.onResult(result);
        assertEquals(1, calls[0]);
        notifier.onResult(result.targetRateBps(200));
        assertEquals(200, heard[0]);
        notifier.setListener(r -> calls[0] += 10);
        notifier.onResult(result);
        assertEquals(12, calls[0], "a new listener hears the current target");
    }
}
