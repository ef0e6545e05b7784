package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DelayHistogramTest {
    private static final double[] QUANTILES = {0.0, 0.01, 0.25, 0.5, 0.95, 0.99, 1.0};

    /** The nearest-rank percentile of sorting every value, as metrics were computed before. */
    private static long sorted(long[] values, int count, double quantile) {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        int rank = (int) Math.ceil(quantile * count);
        return copy[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    @Test
    void shouldGiveTheNearestRankPercentilesOfSortingEveryDelay() {
        SplittableRandom random = new SplittableRandom(21);
        DelayHistogram histogram = new DelayHistogram();
        long[] values = new long[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 20_000 + (random.nextInt(10) == 0 ? random.nextLong(300_000) : random.nextLong(5_000));
            histogram.add(values[i]);
            if (i == 0 || i == 6 || i == 999 || i == values.length - 1) {
                for (double quantile : QUANTILES) {
                    assertEquals(sorted(values, i + 1, quantile), histogram.percentile(quantile), "q " + quantile);
                }
            }
        }
        assertFalse(histogram.keepsValues(), "a 320 ms spread stays a histogram");
        assertEquals(values.length, histogram.count());
    }

    @Test
    void shouldTurnIntoSortedValuesWhenDelaysSpreadFurtherThanTheyAreMany() {
        DelayHistogram histogram = new DelayHistogram();
        long[] values = new long[6_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 7_919L * i * DelayHistogram.PAGE_US % 3_000_000_000L; // one page each, ever wider
            histogram.add(values[i]);
        }
        assertTrue(histogram.keepsValues(), "thousands of 4 KiB pages for single delays");
        for (double quantile : QUANTILES) {
            assertEquals(sorted(values, values.length, quantile), histogram.percentile(quantile), "q " + quantile);
        }
        histogram.add(3_100_000_000L); // values are sorted again after an addition
        assertEquals(3_100_000_000L, histogram.percentile(1.0));
        assertEquals(values.length + 1, histogram.count());
    }

    @Test
    void shouldRejectNegativeDelaysAndPercentilesOfNothing() {
        DelayHistogram histogram = new DelayHistogram();
        assertThrows(IllegalStateException.class, () -> histogram.percentile(0.5));
        assertThrows(IllegalArgumentException.class, () -> histogram.add(-1));
    }
}
