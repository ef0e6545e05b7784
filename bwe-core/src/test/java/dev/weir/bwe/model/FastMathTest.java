package dev.weir.bwe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastMathTest {
    /** Relative error bound, about two float ulps. */
    private static final double RELATIVE = 2.5e-7;

    @Test
    void shouldMatchTheLibraryExpToAboutAnUlp() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((random.nextDouble() * 2 - 1) * 87);
            double expected = Math.exp(x);
            assertEquals(expected, FastMath.exp(x), RELATIVE * expected, "exp(" + x + ")");
        }
        assertEquals(1f, FastMath.exp(0f));
        assertTrue(Float.isFinite(FastMath.exp(1000f)) && FastMath.exp(-1000f) > 0f, "clamped, no inf, no 0");
        assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
    }

    @Test
    void shouldMatchTanhAndSigmoidInAbsoluteTerms() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((random.nextDouble() * 2 - 1) * 30);
            assertEquals(Math.tanh(x), FastMath.tanh(x), 3e-7, "tanh(" + x + ")");
            assertEquals(1 / (1 + Math.exp(-x)), FastMath.sigmoid(x), 3e-7, "sigmoid(" + x + ")");
        }
        assertEquals(1f, FastMath.tanh(1e4f));
        assertEquals(-1f, FastMath.tanh(-1e4f));
        assertEquals(0f, FastMath.tanh(0f));
    }

    @Test
    void shouldMatchTheLibraryLog1pFromTinyToHuge() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) Math.exp((random.nextDouble() * 2 - 1) * 40); // 4e-18 .. 2e17
            double expected = Math.log1p(x);
            assertEquals(expected, FastMath.log1p(x), 2 * RELATIVE * expected + 1e-12, "log1p(" + x + ")");
        }
        assertEquals(0f, FastMath.log1p(0f));
        assertEquals(Math.log1p(Float.MAX_VALUE), FastMath.log1p(Float.MAX_VALUE), 1e-4);
    }
}
