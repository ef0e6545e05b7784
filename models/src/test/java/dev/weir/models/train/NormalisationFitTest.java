package dev.weir.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.bwe.model.Normalisation;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalisationFitTest {

    @Test
    void shouldSelectTheSameOrderStatisticsAsASort() {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(2_000);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                // Many ties and a heavy tail, as real features have.
                values[i] = random.nextInt(4) == 0 ? 0f : (float) Math.exp(3 * random.nextGaussian());
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double q : new double[] {0, 0.25, 0.5, 0.75, 1}) {
                double position = q * (n - 1);
                int low = (int) Math.floor(position);
                double expected = sorted[low] + (position - low) * (sorted[Math.min(n - 1, low + 1)] - sorted[low]);
                assertEquals(expected, NormalisationFit.quantile(values.clone(), q), 0.0, "n " + n + " q " + q);
            }
        }
    }

    @Test
    void shouldTransformByUnit() {
        assertEquals(Normalisation.Transform.SIGNED_LOG1P, NormalisationFit.transformFor("kbit/s"));
        assertEquals(Normalisation.Transform.SIGNED_LOG1P, NormalisationFit.transformFor("ms/s"));
        assertEquals(Normalisation.Transform.LINEAR, NormalisationFit.transformFor("ratio 0..1"));
        assertEquals(Normalisation.Transform.LINEAR, NormalisationFit.transformFor("0/1"));
    }
}
