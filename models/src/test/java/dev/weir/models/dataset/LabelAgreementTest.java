package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelAgreementTest {
    @Test
    void shouldCountConfusionAndComputeKappa() {
        // A: 1 1 1 0 0 0 0 -1 ; B: 1 1 0 1 0 0 0 1
        LabelAgreement a = LabelAgreement.of(new int[] {1, 1, 1, 0, 0, 0, 0, -1}, new int[] {1, 1, 0, 1, 0, 0, 0, 1});
        assertEquals(2, a.truePositive());
        assertEquals(1, a.falsePositive());
        assertEquals(1, a.falseNegative());
        assertEquals(3, a.trueNegative());
        assertEquals(1, a.skipped());
        // p_o = 5/7; p_e = (3/7)(3/7) + (4/7)(4/7) = 25/49; kappa = (35/49 - 25/49) / (24/49) = 10/24
        assertEquals(10.0 / 24, a.cohensKappa(), 1e-12);
        assertEquals(2.0 / 3, a.precision(), 1e-12);
    }

    @Test
    void shouldGiveKappaOneForIdenticalAndNegativeForOpposite() {
        assertEquals(1.0, LabelAgreement.of(new int[] {1, 0, 1, 0}, new int[] {1, 0, 1, 0}).cohensKappa(), 1e-12);
        assertEquals(-1.0, LabelAgreement.of(new int[] {1, 0, 1, 0}, new int[] {0, 1, 0, 1}).cohensKappa(), 1e-12);
        assertEquals(1.0, LabelAgreement.of(new int[] {0, 0}, new int[] {0, 0}).cohensKappa(), 1e-12);
        assertEquals(0.0, LabelAgreement.of(new int[] {-1}, new int[] {1}).cohensKappa(), 1e-12);
    }
}
