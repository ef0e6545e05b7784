package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedDecimalTest {
    private static String fast(double value, int decimals) {
        StringBuilder out = new StringBuilder();
        FixedDecimal.append(out, value, decimals);
        return out.toString();
    }

    private static void assertSameAsFormat(double value, int decimals) {
        assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", value), fast(value, decimals),
                () -> "value " + value + " (bits " + Long.toHexString(Double.doubleToRawLongBits(value)) + "), "
                        + decimals + " decimals");
    }

    @Test
    void shouldRoundTheShownDigitsHalfUpAsFormatterDoes() {
        assertEquals("0.2", fast(0.15, 1)); // the double is just below 0.15; Formatter rounds "0.15"
        assertEquals("3", fast(2.5, 0));
        assertEquals("-3", fast(-2.5, 0));
        assertEquals("0.001", fast(0.0005, 3));
        assertEquals("10.00", fast(9.995, 2));
        assertEquals("1.000000", fast(0.9999995, 6));
        for (double value : new double[] {0.15, 2.5, -2.5, 0.0005, 9.995, 0.9999995, 1.005, 0.125, 0.375, 1e-7}) {
            for (int decimals = 0; decimals <= FixedDecimal.MAX_DECIMALS; decimals++) {
                assertSameAsFormat(value, decimals);
            }
        }
    }

    @Test
    void shouldSignNegativeZeroAndValuesThatRoundToZeroAsFormatterDoes() {
        assertEquals("-0.00", fast(-0.0, 2));
        assertEquals("-0.00", fast(-0.0001, 2));
        assertEquals("0", fast(0.0, 0));
        assertSameAsFormat(-0.0, 0);
        assertSameAsFormat(-1e-300, 4);
    }

    @Test
    void shouldWriteNonFiniteAndHugeValuesAsFormatterDoes() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e10, 12_345_678_901.5, 9.007199254740993e15,
                1e22, 1.5e300}) {
            for (int decimals : new int[] {0, 1, 3, 6}) {
                assertSameAsFormat(value, decimals);
            }
        }
    }

    @Test
    void shouldMatchFormatterOnValuesNearEveryRoundingBoundary() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 40_000; i++) {
            int decimals = random.nextInt(FixedDecimal.MAX_DECIMALS + 1);
            double unit = Math.pow(10, -decimals);
            long k = random.nextLong(random.nextBoolean() ? 1_000 : 10_000_000_000L);
            double half = (k + 0.5) * unit;
            long bits = Double.doubleToRawLongBits(half) + random.nextInt(-4, 5); // a few ulps either side
            double value = Double.longBitsToDouble(bits) * (random.nextInt(8) == 0 ? -1 : 1);
            assertSameAsFormat(value, decimals);
        }
    }

    @Test
    void shouldMatchFormatterOnRatesDelaysAndFractionsOfEveryMagnitude() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 40_000; i++) {
            int decimals = random.nextInt(FixedDecimal.MAX_DECIMALS + 1);
            double value = switch (random.nextInt(5)) {
                case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(-8, 12));
                case 1 -> random.nextLong(20_000_000) * 8 / 0.1; // bytes in 100 ms as bps
                case 2 -> random.nextLong(1_000_000) / 1e3; // microseconds as milliseconds
                case 3 -> (double) random.nextInt(1_000) / random.nextInt(1, 1_000); // a share
                default -> Double.longBitsToDouble(random.nextLong()); // any double
            };
            assertSameAsFormat(value, decimals);
        }
    }

    @Test
    void shouldRejectUnsupportedDecimals() {
        assertThrows(IllegalArgumentException.class, () -> fast(1, -1));
        assertThrows(IllegalArgumentException.class, () -> fast(1, FixedDecimal.MAX_DECIMALS + 1));
    }
}
