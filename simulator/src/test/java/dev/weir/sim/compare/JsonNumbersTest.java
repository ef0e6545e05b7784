package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "0.25, 0.25",
        "-0.0, 0",
        "100, 100",
        "1234567.5, 1234567.5",
        "0.3333333333333333, 0.333333333",
        "2.0000000001, 2",
        "-0.75, -0.75",
        "0.0000031, 0.0000031",
        "3.1e-9, 3.1E-9",
        "1e20, 1E+20"})
    void shouldFormatWithNineSignificantDigitsAndNoTrailingZeros(double value, String expected) {
        assertEquals(expected, JsonNumbers.format(value));
        assertEquals(Double.parseDouble(expected), Double.parseDouble(JsonNumbers.format(value)),
                Math.abs(value) * 1e-8);
    }

    @Test
    void shouldRefuseNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> JsonNumbers.format(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> JsonNumbers.format(Double.POSITIVE_INFINITY));
    }
}
