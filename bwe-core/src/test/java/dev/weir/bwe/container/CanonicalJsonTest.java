package dev.weir.bwe.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    @ParameterizedTest
    @CsvSource({"0.1, 0.1", "1, 1.0", "-2.5, -2.5", "0, 0.0", "-0.0, -0.0", "1e-10, 1.0E-10", "3e20, 3.0E20",
        "123456.79, 123456.79", "0.33333334, 0.33333334", "1000000000, 1000000000.0"})
    void shouldWriteShortestFloatThatParsesBack(float value, String expected) {
        assertEquals(expected, CanonicalJson.formatFloat(value));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void shouldRoundTripEveryFloatBitPatternExactly(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(value)) {
                continue;
            }
            String text = CanonicalJson.formatFloat(value);
            assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(Float.parseFloat(text)), text);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void shouldRoundTripDoublesExactly(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            String text = CanonicalJson.formatDouble(value);
            assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(Double.parseDouble(text)), text);
        }
    }
}
